// Scratch state of the screens' input widgets (what the user is typing). Screens edit it
// directly; the controller reads it for autosave and wipes all of it on lock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/journal_filter.hpp"
#include "app/core/measure_forms.hpp"
#include "app/core/sync_view.hpp"
#include "app/core/text_document.hpp"
#include "journal/export/format.hpp"
#include "journal/types.hpp"

namespace afterglow::app {

// Overwrites a string's whole buffer, then empties it (decrypted text, typed secrets).

// A std::string for a secret: capacity reserved up front so typing never reallocates (no
// stray copies left in freed heap); wiped explicitly.
struct SecretField {
    std::string text;
    SecretField() { text.reserve(256); }
    void wipe();
};

// A multi-line text the wrapping editor edits (intention answers).
struct TextField {
    TextDocument doc;
    TextPos caret, anchor;
    bool dirty = false;
};

// "Join a journal you already have" (first run; controller_join.cpp): a folder on this
// computer (desktop) or the store's address, user and app password, and the journal's
// passphrase or its recovery key plus a new passphrase for this device. Wiped on lock and
// once a join succeeds.
struct JoinForm {
    bool open = false;          // the join step shows instead of "Create"
    bool use_recovery = false;  // the recovery key and a new passphrase, not the passphrase
    bool use_folder = true;     // a folder, where JoinView::folder_possible (else WebDAV)
    std::string folder;         // the folder Syncthing, Nextcloud or Dropbox keeps in step
    std::string url, user;
    SecretField app_password, secret, next, confirm;  // secret: the passphrase or the recovery key
    void wipe();
};

struct FirstRunForm {
    SecretField pass, confirm;
    std::string group_typed;
    bool understood = false;
    JoinForm join;
};

struct UnlockForm {
    SecretField pass;
    bool use_recovery = false;
    bool quick_note_open = false;
    std::string note_title, note_body;
};

struct SessionForm {
    journal::RecordId id;  // empty = new
    journal::SessionKind kind = journal::SessionKind::medicine;
    journal::Protocol protocol = journal::Protocol::kap;
    journal::Route route = journal::Route::none;
    std::string date, time = "10:00";  // "YYYY-MM-DD", "HH:MM" local
    std::string duration_hours = "2";
    std::string provider, notes;
    journal::RecordMeta meta;
};

// A quick check-in: own-worded 0–10 scales (the content pack's checkin_scales), a note, and a
// safety question whose "yes" opens the crisis screen at once.
// "Are you having thoughts of harming yourself?"
enum class SafetyAnswer : std::uint8_t { unanswered, no, yes };

struct CheckInForm {
    static constexpr int kUntouched = -1;  // a scale the user did not move is not stored
    std::vector<int> scores = std::vector<int>(8, kUntouched);  // the pack's scale order (the screen grows it)
    std::string note;
    SafetyAnswer safety = SafetyAnswer::unanswered;
    bool crisis_shown = false;  // "yes" already opened the crisis screen for this check-in
    bool earlier = false;       // for an earlier day (a check-in forgotten yesterday), else now
    std::string date, time;     // when `earlier`: "YYYY-MM-DD" and "HH:MM" (empty: 12:00)
};

struct IntentionForm {
    journal::RecordId session;
    journal::RecordMeta meta;  // existing intention (edit) or new
    int step = 0;              // prompts…, checklist, review
    std::vector<TextField> answers;
    std::vector<journal::ChecklistItem> checklist;
};

struct EditorForm {
    journal::RecordMeta meta;  // empty id = new entry
    journal::EntryKind kind = journal::EntryKind::integration;
    std::optional<journal::RecordId> session;
    std::string title;
    TextDocument doc;
    TextPos caret, anchor;
    std::vector<std::string> emotions, tags;
    std::vector<journal::Action> actions;
    std::string tag_input, action_input;
    std::string draft_slot;
    bool dirty = false;
    bool focus_body = true;
    std::uint64_t saved_revision = 0;
};

struct JournalForm {
    JournalFilter filter;
    std::string query;  // what is in the search box (applied to filter after a short pause)
    std::string from_text, to_text;  // date range as typed ("YYYY-MM-DD")
    bool focus_search = false;
};

struct SettingsForm {
    SecretField next, confirm;
    std::string vault_path;
};

// The export file formats: the export library's one enum (a header only: the core does not
// link the export library).
using ExportFormat = journal::exports::Format;

struct ExportForm {
    std::vector<journal::RecordId> sessions;  // chosen sessions (none: everything in range)
    std::vector<journal::RecordId> entries;   // chosen single entries
    std::string from_text, to_text;           // "YYYY-MM-DD"
    bool include_checkins = true;
    bool include_goals = true;
    ExportFormat format = ExportFormat::pdf;
    std::string recipient;                    // age1… (the therapist's public key)
    bool use_passphrase = false;              // encrypt with a passphrase (age scrypt) instead
    SecretField pass, pass_confirm;           // that passphrase, typed twice
    bool plaintext_confirmed = false;
    std::string destination;                  // file path; empty: ~/afterglow-export-DATE.ext[.age]
};

// The goals screen: a new goal, and the review of the goal that is open.
struct GoalForm {
    journal::RecordId open;       // the goal being revisited (empty: the list)
    std::string title, description;
    int progress = -1;            // 0–10; -1 = not rated yet
    std::string note;
};

// A schedule suggestion as the user edits it before accepting (dates "YYYY-MM-DD").
struct ScheduleForm {
    journal::RecordId after;      // the suggestion it was made from (empty: none yet)
    std::vector<std::string> dates;
    std::string time = "10:00";   // "HH:MM", the last session's time of day
    bool kind_maintenance = false;  // the suggestion is for maintenance (else induction)
    bool editing = false;
    bool dismissed = false;       // "Not now": hidden until the suggestion changes
};

struct ImportForm {
    std::string file;    // the backup's path (on the web: the picked file, held in memory)
    SecretField secret;  // its passphrase, or the key it was encrypted to (AGE-SECRET-KEY-1…)
};

struct Forms {
    // The entry just deleted, kept only while its "Undo" toast shows (wiped on lock).
    std::optional<journal::Entry> deleted;
    FirstRunForm first_run;
    UnlockForm unlock;
    SessionForm session;
    CheckInForm checkin;
    IntentionForm intention;
    EditorForm editor;
    JournalForm journal;
    SettingsForm settings;
    ExportForm export_form;
    GoalForm goals;
    ScheduleForm schedule;
    MeasureForm measure;
    ScoreForm score;
    PackForm pack;
    CareTeamForm care_team;
    ImportForm import_form;
    SyncForm sync;  // wiped by controller_sync.cpp on lock
    void wipe();
    void drop_deleted();  // wipe and forget the undo copy
};

}  // namespace afterglow::app
