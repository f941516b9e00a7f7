// The one place that applies commands to the vault and refreshes the view state (DESIGN §1).
// Runs on the UI thread after each frame; slow work (key derivation, export) goes to the
// Worker. Handlers live in one file per concern (controller_*.cpp, listed below); the view
// rows come from view_model.hpp and the form mapping from form_mapping.hpp.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/core/clock.hpp"
#include "app/core/commands.hpp"
#include "app/core/events.hpp"
#include "app/core/forms.hpp"
#include "app/core/http_service.hpp"
#include "app/core/journal_filter.hpp"
#include "app/core/kdf_policy.hpp"
#include "app/core/passkeys.hpp"
#include "app/core/reminders.hpp"
#include "app/core/timers.hpp"
#include "app/core/view_state.hpp"
#include "app/core/sync_runner.hpp"
#include "app/core/worker.hpp"
#include "journal/vault.hpp"

namespace afterglow::app {

struct FormError;  // form_mapping.hpp (a mapped form is a Result<T, FormError>)
struct JoinProgress;  // controller_join.cpp
struct JoinOutcome;

// What a platform offers beyond a file system the user sees (the web app's; all empty on the
// desktop: exports stay where they are written and an import names a path).
struct PlatformServices {
    std::filesystem::path export_folder;  // where exports are written (empty: $HOME)
    // Hands a written export to the user (a download) and removes the file.
    std::function<void(const std::filesystem::path&)> deliver;
    std::function<void()> share;      // the last delivered export to the share sheet (empty: none)
    std::function<void()> pick_file;  // a file picker; the chosen file arrives as cmd::ImportChoose
    std::function<std::string()> storage;  // whether the browser keeps the journal (Settings)
    std::function<bool()> storage_kept;    // the browser granted persistent storage
    // Asks the browser to keep the journal's storage. Browsers allow it only from a user's tap
    // (Firefox asks the patient), so it is called on Create, Unlock and Settings' button.
    std::function<void()> keep_storage;
    // Opens a tel:/sms: link through the page (the phone's dialler or messages app).
    std::function<void(const std::string&)> open_link;
    // WebDAV requests through the browser (the web app; empty on the desktop, which has
    // libcurl), and the page's origin, which a WebDAV server must allow (CORS).
    HttpTransportMaker http;
    std::string page_origin;
    // This browser deletes the site's storage after 7 days without a visit (iOS Safari in a
    // tab, not from the Home Screen): first run explains it before a journal is created.
    bool tab_forgets = false;
    // The app has a window to minimize (the desktop). A browser page is only hidden, and while
    // it is the idle auto-lock runs (app/platform_web.cpp): Settings offers no "minimized" lock.
    bool windowed = true;
    // Passkeys (the web app; empty on the desktop, which keeps the passphrase).
    PasskeyService passkey;
    int passkey_test_days = 0;  // the test site's clock runs this many days ahead (reminders)
};

struct ControllerOptions {
    std::filesystem::path vault_path;   // empty: settings, else journal::default_vault_path()
    std::filesystem::path settings_file;  // empty: config_dir()/settings.ini
    bool insecure_test_kdf = false;     // --insecure-test-kdf (tests only)
    double test_autolock_seconds = 0;   // > 0: the auto-lock delay instead of Settings' (web test site)
    const Clock* clock = nullptr;       // nullptr: the system clock
    std::function<void()> wake;         // called from the worker thread
    bool inline_worker = false;         // tests: run jobs synchronously
    std::function<void()> test_job_gate;  // tests: runs on the job's thread before each job
    PlatformServices services;
};

class Controller {
public:
    static constexpr double kAutosaveDelay = 1.5;  // seconds after the last keystroke
    static constexpr double kSearchDelay = 0.12;
    static constexpr double kUndoSeconds = 8.0;  // how long "Undo" stays after a delete

    explicit Controller(ControllerOptions options);
    ~Controller();
    Controller(const Controller&) = delete;
    Controller& operator=(const Controller&) = delete;

    const ViewState& view() const { return view_; }
    Forms& forms() { return forms_; }

    void push(Command c) { pending_.push_back(std::move(c)); }
    void push(Commands& cs);
    // After each frame: finished background work, queued commands, timers, then the one
    // refresh of the view state if anything changed.
    void update();
    void activity();   // the user did something (resets the auto-lock timer)
    double autolock_seconds() const;  // idle time before it locks; 0 = never
    void minimized();  // the window was iconified (locks if Settings say so, else hidden())
    // Out of sight (a hidden page may be killed without another event): the draft the
    // autosave would write in a moment is written now.
    void hidden();
    // Seconds until the next timer needs a frame (autosave, auto-lock, countdown), if any.
    std::optional<double> seconds_until_next_timer() const;
    bool quit_requested() const { return quit_; }
    bool busy() const { return worker_.busy(); }
    bool has_pending() const { return !pending_.empty(); }  // commands pushed from outside a frame
    // Saves a pending draft and locks (app exit).
    void shutdown();

    // What happened since the last call (test hooks; some make the shell wipe text fields).
    std::vector<Event> take_events();
    // True once after each lock: the app then clears Dear ImGui's text-field state.
    bool take_locked_flag();
    // Desktop notifications due since the last call (the shell hands them to platform::notify).
    std::vector<Notification> take_notifications();

    journal::Vault* vault() { return vault_.get(); }

private:
    // controller.cpp: dispatch, the one refresh, timers, messages.
    void apply(Command& c);
    void refresh();
    void changed() { data_dirty_ = true; }  // a vault change: refresh at the end of update()
    bool unlocked() const { return vault_ && vault_->unlocked(); }
    void event(Event e) { events_.push_back(e); }
    // An error or a notice belongs to the action that caused it: each replaces the other,
    // and every new action (apply()) starts with neither.
    void fail(const std::string& message) {
        view_.error = message;
        view_.notice.clear();
    }
    void notice(const std::string& message);
    void apply_search();

    // controller_keys.cpp: create, recovery key, unlock, lock, capture, passphrase change.
    KdfRequest kdf_request() const;
    void start_busy(const char* what, float progress = -1);  // a worker job starts
    void open_vault();
    void watch(std::unique_ptr<journal::Vault> v);
    void lock(Event why);
    void unlocked_now();
    void on(cmd::CreateVault&);
    void on(cmd::ConfirmRecoveryKey&);
    void on(cmd::Unlock&);
    void on(cmd::Lock&) { lock(Event::locked); }
    void on(cmd::KeepStorage&);
    void read_storage_status();  // the browser's answer, for Settings
    void on(cmd::Capture&);
    void on(cmd::ChangePassphrase&);

    // controller_passkeys.cpp: register, unlock in one tap, remove; the passphrase reminder.
    void on(cmd::Passkey&);
    PasskeyPanel& passkey_panel();
    void refresh_passkeys();
    void passkey_passphrase_unlocked();  // a passphrase unlock: the reminder starts again
    void passkey_unlock();
    void passkey_add();
    void passkey_answered(PasskeyAnswer& a);
    void passkey_remove(const std::string& row);
    std::filesystem::path passkey_policy_file() const;
    std::int64_t passkey_now() const;

    // controller_records.cpp: sessions, intentions, entries (and drafts), check-ins.
    void autosave_now();
    void load_editor(const journal::Entry& e, std::string slot);
    journal::Entry stored_entry(const journal::RecordId& id) const;  // a copy, or {} when new
    // Save or remove one record: on success the view is marked for refresh, on failure the
    // screen shows why (nullopt / false). save_form also shows a form's FormError.
    // saved_draft: a draft slot that ends in the same transaction (the editor's Save).
    std::optional<journal::RecordId> store(journal::Record r, std::string_view saved_draft = {});
    template <class T>
    std::optional<journal::RecordId> save_form(Result<T, FormError> mapped, std::string_view saved_draft = {});
    bool remove_record(const journal::RecordId& id);
    void on(cmd::NewSession&);
    void on(cmd::EditSession&);
    void on(cmd::SaveSession&);
    void on(cmd::DeleteSession&);
    void on(cmd::StartIntention&);
    void on(cmd::SaveIntention&);
    void on(cmd::NewEntry&);
    void on(cmd::OpenEntry&);
    void on(cmd::SaveEntry&);
    void on(cmd::EditorChanged&);
    void on(cmd::DeleteEntry&);
    void on(cmd::UndoDelete&);
    void on(cmd::ToggleAction&);
    void on(cmd::SaveCheckIn&);
    void on(cmd::SafetyConcern&);
    void on(cmd::Repair&);

    // controller_export.cpp
    void on(cmd::ExportPreview&);
    void on(cmd::ExportRun&);
    void on(cmd::ExportShare&);
    void init_file_services();

    // controller_import.cpp: a backup from another device.
    void on(cmd::ImportPick&);
    void on(cmd::ImportChoose&);
    void on(cmd::ImportRun&);

    // controller_goals.cpp: treatment goals, their reviews and linked entries.
    void on(cmd::SaveGoal&);
    void on(cmd::ReviewGoal&);
    void on(cmd::SetGoalStatus&);
    void on(cmd::LinkGoal&);

    // controller_schedule.cpp: schedule suggestions (never prescriptions) and accepting them.
    void sync_schedule_form();  // after a refresh: the form follows a new suggestion
    void on(cmd::AcceptSchedule&);

    // controller_journey.cpp: the welcome, actions carried into daily life, reminders.
    void update_reminders();  // each update: due reminders, new ones notified once per run
    std::optional<double> seconds_until_reminder_change() const;
    void on(cmd::FinishWelcome&);
    void on(cmd::RemoveAction&);
    void on(cmd::DismissReminder&);
    // controller_measures.cpp: questionnaires, clinic scores, the clinic pack, the care team.
    void load_content();      // after unlock: the pack in use; prompt ids migrated (once)
    void refresh_measures();  // part of refresh()
    void on(cmd::ChooseMeasure&);
    void on(cmd::StartMeasure&);
    void on(cmd::AnswerMeasure&);
    void on(cmd::MeasureBack&);
    void on(cmd::SaveScoreOnly&);
    void on(cmd::ImportPack&);
    void on(cmd::RemovePack&);
    void on(cmd::OpenCareTeam&);
    void on(cmd::SaveCareTeam&);

    // controller_navigation.cpp: screens, Back, settings, messages, quit.
    void navigate(Screen s);  // to another screen (ignored if it is the current one)
    // Shows `s` even if it is the current one (a form was reloaded); `back`: where Back returns.
    void show(Screen s, std::optional<Screen> back = std::nullopt);
    void on(cmd::Go& g) { navigate(g.to); }
    void on(cmd::Back&);
    void on(cmd::ApplySettings&);
    void on(cmd::ClearMessage&);
    void on(cmd::OpenLink&);
    void on(cmd::Copied&);
    void on(cmd::Quit&) { quit_ = true; }

    // controller_sync.cpp: Settings → Sync; sync after unlock, after changes, every 5 min.
    void sync_update(double mono);
    void sync_start();
    void sync_load_view();
    void sync_unlocked();
    void sync_locking();
    std::optional<double> sync_deadline() const;
    std::string sync_failure_words(const std::string& message) const;
    std::string sync_failed_status() const;
    void sync_migrate_target();
    void on(cmd::SyncSave&);
    void on(cmd::SyncTest&);
    void on(cmd::SyncNow&);
    void on(cmd::SyncForget&);

    // controller_join.cpp: first run, "Join a journal you already have".
    void on(cmd::JoinJournal&);
    void join_show_progress();
    void join_finished(JoinOutcome& out);

    ControllerOptions opt_;
    SystemClock system_clock_;
    const Clock* clock_;
    std::filesystem::path settings_file_;
    ViewState view_;
    Forms forms_;
    Commands pending_;
    std::unique_ptr<journal::Vault> vault_;
    Worker worker_;
    SyncRunner sync_{opt_.wake, opt_.inline_worker};  // its own thread (sync_runner.hpp)
    SyncTimers sync_timers_;
    SyncLast sync_last_;
    std::shared_ptr<std::atomic<int>> sync_failure_;  // the run's NetFailure (http_service.hpp)
    std::shared_ptr<JoinProgress> join_progress_;     // while a join runs on the worker
    std::shared_ptr<std::atomic<int>> join_failure_;  // the join's NetFailure
    Debounce autosave_{kAutosaveDelay};
    IdleTimer idle_;
    FilteredList list_;
    std::vector<journal::RecordId> search_hits_;
    std::string seen_query_;
    double query_changed_at_ = 0;
    std::vector<Event> events_;
    bool locked_flag_ = false;
    std::atomic<bool> data_dirty_{false};  // a change since the last refresh (on_change may come from the worker)
    std::shared_ptr<std::atomic<float>> export_progress_ = std::make_shared<std::atomic<float>>(-1.0f);
    bool quit_ = false;
    ReminderLog reminder_log_;
    std::string imported_pack_;               // the imported clinic pack's file name
    std::vector<std::string> pack_problems_;  // stored content this build could not apply
    std::shared_ptr<PasskeyPolicy> passkey_policy_;
    bool passkey_creating_ = false;  // the browser's answer is for a new passkey
    std::string passkey_name_;
    crypto::Bytes passkey_salt_;
};

}  // namespace afterglow::app
