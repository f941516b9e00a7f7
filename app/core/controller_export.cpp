// Export (only with the export library): the snapshot is taken on the UI thread (plain
// copies); rendering, age encryption and the atomic write run on the worker with progress.
// Where the platform delivers files (the web app: a download), the written file is handed
// to it; where this build has no PDF writer, the screen does not offer PDF (view.pdf_unavailable).
#include "app/core/controller.hpp"

#ifdef AFTERGLOW_HAVE_EXPORT
#include <cstdlib>
#include <filesystem>

#include "app/core/form_mapping.hpp"
#include "crypto/secret.hpp"
#include "journal/export/fhir_bundle.hpp"
#include "journal/export/pdf.hpp"
#include "journal/export/selection.hpp"
#include "journal/export/writer.hpp"
#include "journal/time.hpp"
#endif

namespace afterglow::app {

#ifdef AFTERGLOW_HAVE_EXPORT
namespace {

namespace ex = journal::exports;

Mapped<ex::Selection> selection_of(const ExportForm& f) {
    auto from = from_day(f.from_text, FormField::export_from);
    if (!from) return from.error();
    auto to = to_day(f.to_text, FormField::export_to);
    if (!to) return to.error();
    ex::Selection s;
    s.sessions = f.sessions;
    s.entries = f.entries;
    s.from = from.value();
    s.to = to.value();
    s.include_checkins = f.include_checkins;
    s.include_goals = f.include_goals;
    return s;
}

// Never overwrite an export: "name.pdf" exists → "name-2.pdf", "name-3.pdf", … (".pdf.age"
// keeps its double extension).
std::filesystem::path unused_path(const std::filesystem::path& p) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) return p;
    std::string name = p.filename().string();
    std::string ext;
    if (name.size() > 4 && name.ends_with(".age")) {
        ext = ".age";
        name.resize(name.size() - 4);
    }
    const auto dot = name.rfind('.');
    if (dot != std::string::npos && dot > 0) {
        ext = name.substr(dot) + ext;
        name.resize(dot);
    }
    for (int i = 2;; ++i) {
        auto candidate = p.parent_path() / (name + "-" + std::to_string(i) + ext);
        if (!std::filesystem::exists(candidate, ec)) return candidate;
    }
}

bool nothing_chosen(const ExportForm& f) { return f.sessions.empty() && f.entries.empty(); }

}  // namespace

void Controller::init_file_services() {
    const auto& s = opt_.services;
    view_.export_downloads = static_cast<bool>(s.deliver);
    view_.can_share = static_cast<bool>(s.share);
    view_.can_pick_file = static_cast<bool>(s.pick_file);
    view_.pdf_unavailable = ex::pdf_available() ? "" : ex::kPdfUnavailable;
}

void Controller::on(cmd::ExportShare&) {
    if (opt_.services.share && !view_.export_done.empty()) opt_.services.share();
}

void Controller::on(cmd::ExportPreview&) {
    if (!unlocked()) return;
    auto selection = selection_of(forms_.export_form);
    if (!selection) {
        view_.export_preview = selection.error().message;
        return;
    }
    const auto data = ex::select(*vault_, selection.value());
    // A FHIR file holds the questionnaires only, whatever is ticked: it says so.
    if (forms_.export_form.format == ExportFormat::fhir) {
        view_.export_preview = "Questionnaires in the date range: " + ex::fhir_contents(data.responses);
        return;
    }
    // Nothing ticked means everything in the date range: said plainly, never silently.
    view_.export_preview = (nothing_chosen(forms_.export_form) ? "Nothing ticked, so everything in the date range: " : "") +
                           ex::preview(data).text;
}

void Controller::on(cmd::ExportRun&) {
    if (!unlocked()) return;
    auto& f = forms_.export_form;
    auto selection = selection_of(f);
    if (!selection) {
        fail(selection.error().message);
        return;
    }
    const ex::Format format = f.format;
    ex::Protection protection;
    if (f.use_passphrase) {
        // For the patient's own devices: the import screen opens it with the same passphrase.
        if (f.pass.text != f.pass_confirm.text) {
            fail("The two passphrases are not the same yet.");
            return;
        }
        protection.passphrase = f.pass.text;
    } else if (!f.recipient.empty()) {
        protection.recipients = {f.recipient};
    }
    protection.plaintext_confirmed = !f.use_passphrase && f.recipient.empty() && f.plaintext_confirmed;
    if (auto st = ex::check_protection(format, protection); !st) {
        fail(st.error().message);
        return;
    }
    std::filesystem::path dest = f.destination;
    if (dest.empty() || view_.export_downloads) {
        const char* home = std::getenv("HOME");
        const std::filesystem::path folder = !opt_.services.export_folder.empty() ? opt_.services.export_folder
                                             : std::filesystem::path(home ? home : ".");
        dest = folder /
               ("afterglow-export-" + journal::to_local_date(clock_->wall()) + ex::extension(format) +
                (protection.recipients.empty() && !protection.passphrase ? "" : ".age"));
    }
    dest = unused_path(dest);
    auto data = std::make_shared<ex::ExportData>(ex::select(*vault_, selection.value()));
    auto progress = export_progress_;
    progress->store(0);
    start_busy("Preparing your export…", 0);
    view_.export_done.clear();
    worker_.start([this, data, format, protection, dest, progress]() mutable -> Worker::Done {
        auto st = std::make_shared<Status>(
            ex::export_to_file(*data, format, protection, dest, [progress](double p) { progress->store(static_cast<float>(p)); }));
        *data = ex::ExportData{};  // drop the plaintext copy at once
        if (protection.passphrase) crypto::wipe(*protection.passphrase);
        return [this, st, dest, progress, format] {
            progress->store(-1);
            view_.busy = {};
            if (!*st) {
                fail(st->error().message);
                return;
            }
            view_.export_done = dest.string();
            if (opt_.services.deliver) {
                opt_.services.deliver(dest);  // a download; the platform removes the file
                view_.export_done = dest.filename().string();
            }
            if (format == ex::Format::json) {  // a full backup: Home's "keep a copy" starts again
                note_copy_made(view_.settings, clock_->wall());
                save_settings(settings_file_, view_.settings);
                refresh();
            }
            forms_.export_form.pass.wipe();  // typed again for the next one
            forms_.export_form.pass_confirm.wipe();
            notice("Export written to " + dest.filename().string() + ".");
            event(Event::exported);
        };
    });
    if (protection.passphrase) crypto::wipe(*protection.passphrase);
}
#else
void Controller::init_file_services() {
    view_.can_pick_file = static_cast<bool>(opt_.services.pick_file);
}
void Controller::on(cmd::ExportShare&) {}
void Controller::on(cmd::ExportPreview&) {}
void Controller::on(cmd::ExportRun&) {}
#endif

}  // namespace afterglow::app
