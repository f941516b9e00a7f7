// PDF export (cairo + pango): a cover page, sessions in order with their intentions, notes
// and integration entries, other entries, a check-in trend chart, goals; "Page N of M" on
// every page; full Unicode through fontconfig fallback (Noto Sans, CJK, emoji; RTL by
// pango). Rendered in memory: no temp file ever holds the plaintext.
#pragma once

#include <functional>

#include "crypto/bytes.hpp"
#include "crypto/result.hpp"
#include "journal/export/selection.hpp"

namespace afterglow::journal::exports {

// Whether this build writes PDFs: false where cairo and pango are not built (the web app);
// to_pdf() then fails with kPdfUnavailable.
bool pdf_available();
inline constexpr const char* kPdfUnavailable =
    "PDF export is not available on this device. Markdown holds the same text and opens anywhere: "
    "choose Markdown instead.";

// Renders the PDF. `progress` gets 0..1. Not for concurrent calls sharing one snapshot's
// output, but independent calls on different threads are fine (own font map each).
Result<crypto::Bytes> to_pdf(const ExportData& data,
                             const std::function<void(double)>& progress = {});

}  // namespace afterglow::journal::exports
