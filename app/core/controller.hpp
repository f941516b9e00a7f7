// The one place that applies commands to the vault and refreshes the view state (DESIGN §1).
// Runs on the UI thread after each frame; slow work (key derivation) goes to the Worker.
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
#include "app/core/forms.hpp"
#include "app/core/journal_filter.hpp"
#include "app/core/timers.hpp"
#include "app/core/view_state.hpp"
#include "app/core/worker.hpp"
#include "journal/vault.hpp"

namespace afterglow::app {

struct ControllerOptions {
    std::filesystem::path vault_path;   // empty: settings, else journal::default_vault_path()
    std::filesystem::path settings_file;  // empty: config_dir()/settings.ini
    bool insecure_test_kdf = false;     // --insecure-test-kdf (tests only)
    const Clock* clock = nullptr;       // nullptr: the system clock
    std::function<void()> wake;         // called from the worker thread
    bool inline_worker = false;         // tests: run jobs synchronously
};

class Controller {
public:
    static constexpr double kAutosaveDelay = 1.5;  // seconds after the last keystroke
    static constexpr double kSearchDelay = 0.12;

    explicit Controller(ControllerOptions options);
    ~Controller();
    Controller(const Controller&) = delete;
    Controller& operator=(const Controller&) = delete;

    const ViewState& view() const { return view_; }
    Forms& forms() { return forms_; }

    void push(Command c) { pending_.push_back(std::move(c)); }
    void push(Commands& cs);
    // After each frame: finished background work, queued commands, timers.
    void update();
    void activity();   // the user did something (resets the auto-lock timer)
    void minimized();  // the window was iconified
    // Seconds until the next timer needs a frame (autosave, auto-lock, countdown), if any.
    std::optional<double> seconds_until_next_timer() const;
    bool quit_requested() const { return quit_; }
    bool busy() const { return worker_.busy(); }
    // Saves a pending draft and locks (app exit).
    void shutdown();

    // Events for the test hook and the UI ("unlocked", "unlock_failed", "saved_entry", …).
    std::vector<std::string> take_events();
    // True once after each lock: the app then clears Dear ImGui's text-field state.
    bool take_locked_flag();

    journal::Vault* vault() { return vault_.get(); }

private:
    void apply(Command& c);
    void refresh();
    void lock(const char* why);
    void event(std::string e) { events_.push_back(std::move(e)); }
    void fail(const std::string& message) { view_.error = message; }
    void notice(const std::string& message);
    void navigate(Screen s);
    void open_vault();
    void autosave_now();
    journal::Entry editor_entry() const;
    void load_editor(const journal::Entry& e, std::string slot);
    void apply_search();
    std::optional<crypto::KdfParams> kdf_choice(bool& weak) const;

    // command handlers
    void on(cmd::CreateVault&);
    void on(cmd::ConfirmRecoveryKey&);
    void on(cmd::Unlock&);
    void on(cmd::Lock&) { lock("locked"); }
    void on(cmd::Capture&);
    void on(cmd::Go& g) { navigate(g.to); }
    void on(cmd::Back&);
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
    void on(cmd::ToggleAction&);
    void on(cmd::SaveCheckIn&);
    void on(cmd::ChangePassphrase&);
    void on(cmd::ApplySettings&);
    void on(cmd::ExportPreview&);
    void on(cmd::ExportRun&);
    void on(cmd::ClearMessage&) { view_.error.clear(); view_.notice.clear(); }
    void on(cmd::Quit&) { quit_ = true; }

    ControllerOptions opt_;
    SystemClock system_clock_;
    const Clock* clock_;
    std::filesystem::path settings_file_;
    ViewState view_;
    Forms forms_;
    Commands pending_;
    std::unique_ptr<journal::Vault> vault_;
    Worker worker_;
    Debounce autosave_{kAutosaveDelay};
    IdleTimer idle_;
    FilteredList list_;
    std::vector<journal::RecordId> search_hits_;
    std::string seen_query_;
    double query_changed_at_ = 0;
    std::vector<std::string> events_;
    bool locked_flag_ = false;
    bool data_dirty_ = false;
    std::shared_ptr<std::atomic<float>> export_progress_ = std::make_shared<std::atomic<float>>(-1.0f);  // the vault reported a change (on_change)
    bool quit_ = false;
};

}  // namespace afterglow::app
