// Scratch state of the screens' input widgets (what the user is typing). Screens edit it
// directly; the controller reads it for autosave and wipes all of it on lock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/core/journal_filter.hpp"
#include "app/core/text_document.hpp"
#include "journal/types.hpp"

namespace afterglow::app {

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

struct FirstRunForm {
    SecretField pass, confirm;
    std::string group_typed;
    bool understood = false;
};

struct UnlockForm {
    SecretField pass;
    bool use_recovery = false;
    bool quick_note_open = false;
    std::string note_title, note_body;
};

struct SessionForm {
    journal::RecordId id;  // empty = new
    int kind = static_cast<int>(journal::SessionKind::medicine);
    int protocol = static_cast<int>(journal::Protocol::kap);
    int route = static_cast<int>(journal::Route::none);
    std::string date, time = "10:00";  // "YYYY-MM-DD", "HH:MM" local
    std::string duration_hours = "2";
    std::string provider, notes;
    journal::RecordMeta meta;
};

// A quick check-in: own-worded 0–10 scales (kCheckInScales in journey.hpp), a note, and a
// safety question whose "yes" opens the crisis screen at once.
struct CheckInForm {
    int scores[5] = {5, 5, 5, 5, 5};
    std::string note;
    int safety = 0;  // 0 not answered, 1 no, 2 yes (thoughts of harming myself)
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
    SecretField current, next, confirm;
    std::string vault_path;
};

struct ExportForm {
    std::vector<journal::RecordId> sessions;  // chosen sessions (none: everything in range)
    std::vector<journal::RecordId> entries;   // chosen single entries
    std::string from_text, to_text;           // "YYYY-MM-DD"
    bool include_checkins = true;
    bool include_goals = true;
    int format = 1;                           // exports::Format: markdown, pdf, json, ics
    std::string recipient;                    // age1… (the therapist's public key)
    bool plaintext_confirmed = false;
    std::string destination;                  // file path; empty: ~/afterglow-export-DATE.ext[.age]
};

struct Forms {
    FirstRunForm first_run;
    UnlockForm unlock;
    SessionForm session;
    CheckInForm checkin;
    IntentionForm intention;
    EditorForm editor;
    JournalForm journal;
    SettingsForm settings;
    ExportForm export_form;
    void wipe();
};

}  // namespace afterglow::app
