// Export commands of the controller (only with the export library): the snapshot is taken
// on the UI thread (plain copies), rendering, age encryption and the atomic write run on the
// worker with progress.
#include "app/core/controller.hpp"

#ifdef AFTERGLOW_HAVE_EXPORT
#include <algorithm>
#include <cstdlib>

#include "journal/export/selection.hpp"
#include "journal/export/writer.hpp"
#include "journal/time.hpp"
#endif

namespace afterglow::app {

#ifdef AFTERGLOW_HAVE_EXPORT
namespace {

namespace ex = journal::exports;

ex::Selection selection_of(const ExportForm& f) {
    ex::Selection s;
    s.sessions = f.sessions;
    s.entries = f.entries;
    if (auto t = journal::parse_iso8601(f.from_text)) s.from = *t;
    if (auto t = journal::parse_iso8601(f.to_text)) s.to = *t + 24 * 3600 - 1;
    s.include_checkins = f.include_checkins;
    s.include_goals = f.include_goals;
    return s;
}

ex::Format format_of(int f) { return static_cast<ex::Format>(std::clamp(f, 0, 3)); }

}  // namespace

void Controller::on(cmd::ExportPreview&) {
    if (!vault_ || !vault_->unlocked()) return;
    const ex::ExportData data = ex::select(*vault_, selection_of(forms_.export_form));
    view_.export_preview = ex::preview(data).text;
}

void Controller::on(cmd::ExportRun&) {
    if (!vault_ || !vault_->unlocked()) return;
    auto& f = forms_.export_form;
    const ex::Format format = format_of(f.format);
    ex::Protection protection;
    if (!f.recipient.empty()) protection.recipients = {f.recipient};
    protection.plaintext_confirmed = f.recipient.empty() && f.plaintext_confirmed;
    if (auto st = ex::check_protection(format, protection); !st) {
        fail(st.error().message);
        return;
    }
    std::filesystem::path dest = f.destination;
    if (dest.empty()) {
        const char* home = std::getenv("HOME");
        dest = std::filesystem::path(home ? home : ".") /
               ("afterglow-export-" + journal::to_local_date(clock_->wall()) + ex::extension(format) +
                (protection.recipients.empty() ? "" : ".age"));
    }
    auto data = std::make_shared<ex::ExportData>(ex::select(*vault_, selection_of(f)));
    auto progress = export_progress_;
    progress->store(0);
    view_.busy = {true, "Preparing your export…", 0};
    view_.error.clear();
    view_.export_done.clear();
    worker_.start([this, data, format, protection, dest, progress]() -> Worker::Done {
        auto st = std::make_shared<Status>(
            ex::export_to_file(*data, format, protection, dest, [progress](double p) { progress->store(static_cast<float>(p)); }));
        *data = ex::ExportData{};  // drop the plaintext copy at once
        return [this, st, dest, progress] {
            progress->store(-1);
            view_.busy = {};
            if (!*st) {
                fail(st->error().message);
                return;
            }
            view_.export_done = dest.string();
            notice("Export written.");
            event("exported");
        };
    });
}
#else
void Controller::on(cmd::ExportPreview&) {}
void Controller::on(cmd::ExportRun&) {}
#endif

}  // namespace afterglow::app
