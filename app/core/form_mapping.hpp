// Form mapping: pure functions from what the user typed (Forms) to the domain type it saves,
// and back. Bad dates, empty fields and out-of-range values give a FormError naming the field;
// nothing here touches the vault or the view (tests/app/form_mapping_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "app/core/forms.hpp"
#include "crypto/result.hpp"
#include "journal/content/pack.hpp"
#include "journal/types.hpp"

namespace afterglow::app {

enum class FormField : std::uint8_t {
    session_date, session_time, session_length,
    entry_text, intention_session, checkin_score,
    export_from, export_to, journal_from, journal_to,
    count
};
const char* field_name(FormField f);  // "session_date", … (tests, logs)

struct FormError {
    FormField field;
    std::string message;  // a sentence for the user, never their text
};

// A mapped form: the project's one result type, with the field that is wrong as its error.
template <class T>
using Mapped = Result<T, FormError>;

// ---- dates typed as "YYYY-MM-DD" (a full ISO 8601 time is taken as given) -----------------
// Empty: no bound (nullopt). from_day: the day's first second; to_day: its last second.
Mapped<std::optional<std::int64_t>> from_day(std::string_view text, FormField field);
Mapped<std::optional<std::int64_t>> to_day(std::string_view text, FormField field);

// ---- session ------------------------------------------------------------------------------
// A new session's form: tomorrow (local), 10:00, 2 h.
SessionForm new_session_form(std::int64_t now);
SessionForm session_form(const journal::Session& s);
// `base`: the stored session being edited (keeps what the form does not show), or {}.
Mapped<journal::Session> session_from_form(const SessionForm& f, journal::Session base);

// ---- entry (the editor) -------------------------------------------------------------------
EditorForm editor_form(const journal::Entry& e, std::string draft_slot);
// What the editor holds, empty or not (drafts).
journal::Entry draft_from_form(const EditorForm& f, journal::Entry base);
// The same, refused when the title and body are both empty.
Mapped<journal::Entry> entry_from_form(const EditorForm& f, journal::Entry base);

// ---- intention (the wizard) ---------------------------------------------------------------
// Answers are matched to the pack's prompts by id (an answer without an id, saved before ids
// existed and not yet migrated, by heading); a new one starts with the pack's checklist.
IntentionForm intention_form(const journal::RecordId& session, const journal::Entry* existing,
                             const journal::content::Pack& pack);
// The stored title is "Intention": the phase in its label is computed when shown
// (intention_title in journey.hpp), so adding a session never leaves a stale label.
// Each answer is saved as {heading as shown, answer, the prompt's id}.
Mapped<journal::Entry> intention_from_form(const IntentionForm& f, journal::Entry base,
                                           const journal::content::Pack& pack);

// ---- check-in -----------------------------------------------------------------------------
// Scores in the order of the pack's check-in scales (each scale's own range).
Mapped<journal::CheckIn> checkin_from_form(const CheckInForm& f, std::int64_t now, const journal::content::Pack& pack);
CheckInForm checkin_form(const journal::CheckIn& c, const journal::content::Pack& pack);  // scores by measure; the rest fresh

}  // namespace afterglow::app
