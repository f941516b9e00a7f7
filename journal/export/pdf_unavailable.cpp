// The PDF writer where cairo and pango are not built (the web app): asking for a PDF gets one
// clear message (pdf.hpp), and the export screen offers Markdown instead.
#include "journal/export/pdf.hpp"

namespace afterglow::journal::exports {

bool pdf_available() { return false; }

Result<crypto::Bytes> to_pdf(const ExportData&, const std::function<void(double)>&) {
    return make_error(Errc::unsupported, kPdfUnavailable);
}

}  // namespace afterglow::journal::exports
