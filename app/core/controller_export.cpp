// Export (only with the export library): the snapshot is taken on the UI thread (plain
// copies); rendering, age encryption and the atomic write run on the worker with progress.
#include "app/core/controller.hpp"

#ifdef AFTERGLOW_HAVE_EXPORT
#include <cstdlib>

#include "app/core/form_mapping.hpp"
#include "journal/export/selection.hpp"
#include "journal/export/writer.hpp"
#include "journal/time.hpp"
#endif

namespace afterglow::app {

#ifdef AFTERGLOW_HAVE_EXPORT
namespace {

namespace ex = journal::exports;

static_assert(static_cast<int>(ExportFormat::markdown) == static_cast<int>(ex::Format::markdown) &&
              static_cast<int>(ExportFormat::pdf) == static_cast<int>(ex::Format::pdf) &&
              static_cast<int>(ExportFormat::json) == static_cast<int>(ex::Format::json) &&
              static_cast<int>(ExportFormat::ics) == static_cast<int>(ex::Format::ics));

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

}  // namespace

void Controller::on(cmd::ExportPreview&) {
    if (!unlocked()) return;
    auto selection = selection_of(forms_.export_form);
    view_.export_preview = selection ? ex::preview(ex::select(*vault_, selection.value())).text
                                     : selection.error().message;
}

void Controller::on(cmd::ExportRun&) {
    if (!unlocked()) return;
    auto& f = forms_.export_form;
    auto selection = selection_of(f);
    if (!selection) {
        fail(selection.error().message);
        return;
    }
    const auto format = static_cast<ex::Format>(f.format);
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
    auto data = std::make_shared<ex::ExportData>(ex::select(*vault_, selection.value()));
    auto progress = export_progress_;
    progress->store(0);
    start_busy("Preparing your export…", 0);
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
            event(Event::exported);
        };
    });
}
#else
void Controller::on(cmd::ExportPreview&) {}
void Controller::on(cmd::ExportRun&) {}
#endif

}  // namespace afterglow::app
