// The controller's frame: finished background work, queued commands (a std::visit over the
// handlers in controller_*.cpp), timers, and the one refresh of the view state.
#include "app/core/controller.hpp"

#include <algorithm>

#include "app/core/journey.hpp"
#include "app/core/view_model.hpp"
#include "crypto/secret.hpp"

namespace afterglow::app {
namespace {

// While a key derivation or an export runs, the vault belongs to the worker: only commands
// that do not touch it go through.
bool allowed_while_busy(const Command& c) {
    return std::holds_alternative<cmd::Go>(c) || std::holds_alternative<cmd::Back>(c) ||
           std::holds_alternative<cmd::ClearMessage>(c) || std::holds_alternative<cmd::Quit>(c);
}

// An answer from outside (the browser's passkey prompt) that came while a job runs: applied
// once the job is over, never dropped (the prompt would stay "asking" until a reload).
bool waits_for_idle(const Command& c) {
    const auto* p = std::get_if<cmd::Passkey>(&c);
    return p && p->op == cmd::Passkey::Op::answer;
}

// Commands that are not an action of their own (a keystroke, a recount): they leave the
// last action's message in place.
bool keeps_message(const Command& c) {
    return std::holds_alternative<cmd::EditorChanged>(c) || std::holds_alternative<cmd::ExportPreview>(c);
}

}  // namespace

Controller::Controller(ControllerOptions options)
    : opt_(std::move(options)),
      clock_(opt_.clock ? opt_.clock : &system_clock_),
      worker_(opt_.wake, opt_.inline_worker, opt_.test_job_gate) {
    crypto::init();
    settings_file_ = opt_.settings_file.empty() ? config_dir() / "settings.ini" : opt_.settings_file;
    view_.settings = load_settings(settings_file_);
    view_.test_kdf = opt_.insecure_test_kdf;
    view_.tab_forgets = opt_.services.tab_forgets;
    view_.windowed = opt_.services.windowed;
    view_.can_open_links = static_cast<bool>(opt_.services.open_link);
    view_.join.folder_possible = !opt_.services.storage;  // the web app has no folder a sync client sees
    std::filesystem::path path = opt_.vault_path;
    if (path.empty()) path = view_.settings.vault_path.empty() ? journal::default_vault_path()
                                                               : std::filesystem::path(view_.settings.vault_path);
    view_.vault_path = path.string();
    idle_.set_timeout(autolock_seconds());
    idle_.activity(clock_->monotonic());
    view_.now = clock_->wall();
    init_file_services();
    open_vault();
}

Controller::~Controller() {
    worker_.join();
    worker_.poll();
    shutdown();
}

void Controller::push(Commands& cs) {
    for (auto& c : cs) pending_.push_back(std::move(c));
    cs.clear();
}

void Controller::notice(const std::string& message) {
    view_.error.clear();
    view_.can_undo = false;
    view_.notice = message;
    view_.notice_until = clock_->monotonic() + 4.0;
}

std::vector<Event> Controller::take_events() {
    std::vector<Event> out;
    out.swap(events_);
    return out;
}

std::vector<Notification> Controller::take_notifications() {
    std::vector<Notification> out;
    out.swap(reminder_log_.outbox);
    return out;
}

bool Controller::take_locked_flag() {
    const bool f = locked_flag_;
    locked_flag_ = false;
    return f;
}

void Controller::activity() { idle_.activity(clock_->monotonic()); }

double Controller::autolock_seconds() const {
    return opt_.test_autolock_seconds > 0 ? opt_.test_autolock_seconds : view_.settings.autolock_minutes * 60.0;
}

void Controller::minimized() {
    if (view_.settings.lock_on_minimize && unlocked() && !worker_.busy()) lock(Event::locked_minimized);
    else hidden();
}

void Controller::hidden() {
    if (autosave_.pending() && !worker_.busy()) autosave_now();
}

void Controller::shutdown() {
    if (worker_.busy()) return;
    if (unlocked()) lock(Event::locked);
}

std::optional<double> Controller::seconds_until_next_timer() const {
    const double now = clock_->monotonic();
    std::optional<double> best;
    auto consider = [&](std::optional<double> deadline) {
        if (!deadline) return;
        const double d = std::max(0.0, *deadline - now);
        if (!best || d < *best) best = d;
    };
    consider(autosave_.deadline());
    consider(sync_deadline());
    if (unlocked()) consider(idle_.deadline());
    if (seen_query_ != forms_.journal.filter.query) consider(query_changed_at_ + kSearchDelay);
    if (!view_.notice.empty()) consider(view_.notice_until);
    if (auto r = unlocked() ? seconds_until_reminder_change() : std::nullopt) consider(now + *r);
    for (const auto& s : view_.sessions)
        if (s.window && view_.now < s.window->closes)
            consider(now + static_cast<double>(seconds_until_countdown_changes(*s.window, view_.now)));
    return best;
}

void Controller::apply(Command& c) {
    if (worker_.busy() && !allowed_while_busy(c)) {
        if (waits_for_idle(c)) pending_.push_back(std::move(c));
        return;
    }
    if (!keeps_message(c)) view_.error.clear();
    std::visit([this](auto& x) { on(x); }, c);
}

void Controller::update() {
    worker_.poll();
    if (!worker_.busy()) sync_update(clock_->monotonic());
    Commands batch;
    batch.swap(pending_);
    for (auto& c : batch) apply(c);
    const double mono = clock_->monotonic();
    view_.now = clock_->wall();
    if (!view_.notice.empty() && mono >= view_.notice_until) {
        view_.notice.clear();
        ++view_.revision;
    }
    if (view_.notice.empty()) view_.can_undo = false;
    if (!view_.can_undo && forms_.deleted) forms_.drop_deleted();  // the toast went: so did the undo copy
    if (worker_.busy()) {
        view_.busy.progress = export_progress_->load();
        join_show_progress();
        return;
    }
    if (!unlocked()) {
        reminder_log_.outbox.clear();  // nothing is notified while locked
        return;
    }
    if (autosave_.due(mono)) autosave_now();
    if (idle_.expired(mono)) {
        lock(Event::auto_locked);
        return;
    }
    if (data_dirty_) refresh();
    update_reminders();
    if (forms_.journal.query != seen_query_) {
        seen_query_ = forms_.journal.query;
        query_changed_at_ = mono;
    }
    if (seen_query_ != forms_.journal.filter.query && mono - query_changed_at_ >= kSearchDelay) apply_search();
    if (list_.refresh(view_.entries, view_.generation, forms_.journal.filter, &search_hits_)) {
        view_.journal_rows = list_.indices();
    const auto& sv = opt_.services;
    view_.copy_reminder = sv.storage_kept ? copy_reminder(sv.storage_kept(), view_.settings, view_.now) : std::nullopt;
        ++view_.revision;
    }
}

void Controller::apply_search() {
    ++view_.revision;
    forms_.journal.filter.query = seen_query_;
    search_hits_.clear();
    if (!seen_query_.empty() && vault_) search_hits_ = vault_->search(seen_query_);
}

// The one refresh path: every change (a handler's or the vault's on_change) marks the data
// dirty, and update() rebuilds the rows once, after the frame's commands.
void Controller::refresh() {
    if (!unlocked()) return;
    data_dirty_ = false;
    view_.now = clock_->wall();
    static_cast<VaultView&>(view_) = build_view(*vault_, view_.now, view_.content());
    view_.captures_pending = vault_->captures_pending();
    ++view_.generation;
    if (!forms_.journal.filter.query.empty()) search_hits_ = vault_->search(forms_.journal.filter.query);
    list_.invalidate();
    list_.refresh(view_.entries, view_.generation, forms_.journal.filter, &search_hits_);
    view_.journal_rows = list_.indices();
    sync_schedule_form();
    refresh_measures();
}

}  // namespace afterglow::app
