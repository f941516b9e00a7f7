// The plain state screens read each frame. The controller fills it from the vault after
// every change; screens never see the vault. On lock every decrypted string here is dropped.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/core/storage_advice.hpp"
#include "app/core/sync_view.hpp"
#include "app/core/goal_review.hpp"
#include "app/core/reminders.hpp"
#include "app/core/schedule_suggest.hpp"
#include "app/core/measure_view.hpp"
#include "app/core/settings.hpp"
#include "journal/schedule.hpp"
#include "journal/types.hpp"

namespace afterglow::app {

struct PasskeyPanel;  // app/core/passkeys.hpp

enum class Screen : std::uint8_t {
    first_run, unlock, home, session, intention, editor, journal, settings, crisis, export_data, checkin,
    welcome, goals, questionnaire, measures, clinic_pack, care_team,
    import_data,
    sync,
    count
};
// Stable lower-case names (test hooks, logs).
const char* screen_name(Screen s);
// Screens whose text fields hold passphrases or the recovery key (first run, unlock, a
// backup's passphrase) or an app password (Settings → Sync: its address and user name get no
// autocorrect either): the phone gives them the password keyboard, no autocorrect, even
// when a field is still empty and shows its hint.
bool holds_secrets(Screen s);

struct SessionRow {
    journal::RecordId id;
    journal::SessionKind kind = journal::SessionKind::medicine;
    std::string title;   // "Medicine session · IM"
    std::string when;    // "Tue 24 Nov, 14:30" or "no date yet"
    std::string phase;   // "induction 2 of 6"
    std::string provider;
    std::int64_t time = 0;  // planned time, 0 = none
    bool upcoming = false;
    std::optional<journal::IntegrationWindow> window;
    std::optional<journal::RecordId> intention;  // the latest intention entry for it
    std::string preparation;                     // "Preparation: 4 of 6 ready"
    std::vector<std::string> open_checklist;     // its intention's unticked checklist items
};

struct EntryRow {
    journal::RecordId id;
    journal::EntryKind kind = journal::EntryKind::reflection;
    std::string title;
    std::string date;     // "24 Nov 2026"
    std::string preview;  // first line of the body, shortened
    std::optional<journal::RecordId> session;
    std::string session_label;
    std::vector<std::string> tags;
    std::int64_t created = 0;
    bool in_window = false;
    bool captured = false;
};

// One check-in scale over time (oldest first), for the trend lines on the check-in screen.
struct MeasureTrend {
    std::string measure;
    std::vector<float> values;
    std::vector<std::int64_t> times;  // when each value was recorded (UTC seconds), as values
};

// One check-in for the trend's table (newest first): its date, each scale's value (in the
// pack's order; nullopt: not answered) and the safety answer.
struct CheckinRow {
    std::int64_t time = 0;
    std::string date;  // "Tue 24 Nov, 21:40" (format_when)
    std::vector<std::optional<float>> values;
    std::optional<bool> safety_yes;
};

// A treatment goal with its reviews (oldest first) and the entries linked to it (by the tag
// goal_tag(title): intentions and integration entries, newest first).
struct GoalRow {
    journal::RecordId id;
    std::string title, description;
    journal::GoalStatus status = journal::GoalStatus::active;
    std::string since;             // "24 Nov 2026"
    std::int64_t last_visit = 0;   // created, or the last review's day
    std::vector<GoalReview> reviews;
    std::vector<journal::RecordId> linked;
};

// One "carrying into daily life" action from an integration entry.
struct CarryRow {
    journal::RecordId entry;
    std::size_t index = 0;  // in the entry's actions
    std::string text;
    bool done = false;
    std::string from;  // "Integration · 24 Nov 2026"
};

// Everything the screens show that comes from the decrypted vault: build_view() in
// view_model.hpp makes it from the vault and a wall-clock time.
struct VaultView {
    std::vector<SessionRow> sessions;  // planned time order
    std::vector<EntryRow> entries;     // newest first
    std::vector<std::string> all_tags;
    std::vector<MeasureTrend> trends;  // last 30 check-ins per scale
    std::vector<CheckinRow> checkin_rows;   // the same 30 check-ins, newest first
    std::vector<std::int64_t> safety_yes;   // when one of them answered the safety question "yes"
    std::size_t checkin_count = 0;
    std::string last_checkin;          // "24 Nov 2026", empty when none
    std::vector<std::string> problems;  // damaged records found at unlock
    bool needs_repair = false;          // the manifest is damaged: changes wait for Repair
    bool read_only = false;             // read-only media or a full disk: changes are disabled
    std::string kdf_description;        // "256 MiB, 3 passes"
    std::vector<GoalRow> goals;         // by created
    std::vector<CarryRow> carrying;     // not done first, then newest entry first
    std::optional<ScheduleSuggestion> suggestion;

    const SessionRow* find_session(const journal::RecordId& id) const;
    const EntryRow* find_entry(const journal::RecordId& id) const;
};

struct Busy {
    bool active = false;
    std::string what;       // "Unlocking…"
    float progress = -1;    // 0..1 when known (export), else -1
};

struct ViewState : VaultView {
    Screen screen = Screen::unlock;
    Screen back = Screen::home;  // where "Back"/closing the crisis screen returns
    std::string vault_path;
    bool vault_exists = false;
    bool unlocked = false;
    bool test_kdf = false;
    Busy busy;
    std::string error;   // shown on the current screen; never holds entry text
    std::string notice;  // calm confirmation ("Saved")
    double notice_until = 0;
    // A check-in with a safety "yes" was just saved: the check-in screen offers the crisis
    // resources and the care team again (until the patient moves on from it).
    bool safety_followup = false;
    bool can_undo = false;  // the notice offers "Undo" (a deleted entry comes back)
    std::uint64_t unlock_failures = 0;
    std::shared_ptr<PasskeyPanel> passkeys;  // passkeys: what the unlock screen and Settings show
    SyncView sync;  // Settings → Sync (sync_view.hpp)
    JoinView join;  // first run: joining a journal that already syncs (sync_view.hpp)

    // First run: the recovery key (secret; wiped once confirmed) and which group to retype.
    std::string recovery_key;
    std::size_t recovery_group = 0;

    std::size_t captures_pending = 0;
    std::int64_t now = 0;  // wall clock at the last refresh/tick

    std::uint64_t generation = 0;       // bumps whenever sessions/entries change
    // Bumps whenever anything a screen shows changes outside a command (a debounced search
    // applied, a toast expired, a list rebuilt): the shell then draws again at once.
    std::uint64_t revision = 0;
    std::vector<std::uint32_t> journal_rows;  // indices into entries matching the journal filter

    Settings settings;
    std::string draft_status;     // "Draft saved 14:31" (editor)
    std::string export_preview;   // "3 sessions, 12 entries, …" for the current export choice
    std::string export_done;      // path of the last finished export (its name when downloaded)
    // What the platform offers (PlatformServices): exports become downloads, the share sheet,
    // a file picker for imports; why PDF cannot be written here (empty: it can).
    bool export_downloads = false;
    bool can_share = false;
    bool can_pick_file = false;
    bool can_open_links = false;  // phone numbers are tel:/sms: links (web); else they are copied
    std::string pdf_unavailable;
    std::string import_result;    // "2 added, 1 updated, 5 already here"
    std::size_t import_added = 0, import_updated = 0, import_kept = 0;  // the same, for the test hooks
    std::string storage_status;   // the browser's persistent-storage answer (Settings)
    bool can_keep_storage = false;  // Settings offers to ask the browser (again)
    bool tab_forgets = false;       // PlatformServices::tab_forgets (first run explains it)
    bool windowed = true;           // PlatformServices::windowed (Settings: lock when minimized)
    std::optional<CopyReminder> copy_reminder;  // Home: keep a copy (storage_advice.hpp)
    std::vector<Reminder> reminders;  // due now and not dismissed (home banner)

    // The content pack in use (the default pack until unlock; with the vault's imported
    // clinic pack after), and the questionnaires' rows.
    std::shared_ptr<const journal::content::Pack> pack;
    MeasuresView measures;
    const journal::content::Pack& content() const { return pack ? *pack : journal::content::default_pack(); }

    void drop_decrypted();  // on lock: wipe and clear every decrypted string
};

}  // namespace afterglow::app
