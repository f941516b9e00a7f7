#include "app/core/form_mapping.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <type_traits>

#include "app/core/calendar.hpp"
#include "app/core/journey.hpp"
#include "journal/time.hpp"

namespace afterglow::app {
namespace {

constexpr std::array<const char*, static_cast<std::size_t>(FormField::count)> kFieldNames = {
    "session_date", "session_time", "session_length", "entry_text", "intention_session",
    "checkin_score", "export_from", "export_to", "journal_from", "journal_to",
};

const char* date_message(FormField f) {
    switch (f) {
        case FormField::export_from:
        case FormField::journal_from: return "Please write the \"from\" date as YYYY-MM-DD.";
        case FormField::export_to:
        case FormField::journal_to: return "Please write the \"to\" date as YYYY-MM-DD.";
        default: return "Please write the date as YYYY-MM-DD.";
    }
}

Mapped<std::optional<std::int64_t>> day(std::string_view text, FormField field, bool end) {
    if (text.empty()) return std::optional<std::int64_t>();
    auto t = journal::parse_iso8601(text);
    if (!t) return FormError{field, date_message(field)};
    const bool date_only = text.size() == 10;
    return std::optional<std::int64_t>(end && date_only ? journal::end_of_local_day(*t) : *t);
}

}  // namespace

const char* field_name(FormField f) {
    const auto i = static_cast<std::size_t>(f);
    return i < kFieldNames.size() ? kFieldNames[i] : "unknown";
}

Mapped<std::optional<std::int64_t>> from_day(std::string_view text, FormField field) { return day(text, field, false); }
Mapped<std::optional<std::int64_t>> to_day(std::string_view text, FormField field) { return day(text, field, true); }

// ---- session ------------------------------------------------------------------------------

SessionForm new_session_form(std::int64_t now) {
    SessionForm f;
    f.date = journal::to_local_date(journal::end_of_local_day(now) + 1);  // tomorrow
    return f;
}

SessionForm session_form(const journal::Session& s) {
    SessionForm f;
    f.id = s.meta.id;
    f.meta = s.meta;
    f.kind = s.kind;
    f.protocol = s.protocol;
    f.route = s.route;
    if (s.scheduled) {
        const std::string iso = journal::to_iso8601(*s.scheduled);  // 2026-11-25T21:49:28+01:00
        f.date = iso.substr(0, 10);
        f.time = iso.substr(11, 5);
    }
    if (s.scheduled && s.ended && s.ended->utc > s.scheduled->utc) {
        char hours[16];
        std::snprintf(hours, sizeof hours, "%g", static_cast<double>(s.ended->utc - s.scheduled->utc) / 3600.0);
        f.duration_hours = hours;
    }
    f.provider = s.provider;
    f.notes = s.notes;
    return f;
}

Mapped<journal::Session> session_from_form(const SessionForm& f, journal::Session s) {
    s.kind = f.kind;
    s.protocol = f.protocol;
    s.route = f.route;
    s.provider = f.provider;
    s.notes = f.notes;
    if (f.date.empty()) {
        s.scheduled.reset();
    } else {
        // The field's own words (the same below the field): what is wrong, not a format it has.
        if (!parse_ymd(f.date) || !journal::parse_iso8601(f.date)) {
            const std::string why = date_problem(f.date);
            return FormError{FormField::session_date, why.empty() ? "Please write the date as YYYY-MM-DD." : why};
        }
        if (const std::string why = time_problem(f.time); !why.empty()) return FormError{FormField::session_time, why};
        auto t = journal::parse_iso8601(f.date + "T" + (f.time.empty() ? std::string("10:00") : f.time));
        if (!t) return FormError{FormField::session_time, "Please write the time as HH:MM."};
        s.scheduled = journal::from_utc(*t);
    }
    // A medicine session's length sets its end, where the integration window opens.
    if (s.kind == journal::SessionKind::medicine && s.scheduled && !f.duration_hours.empty()) {
        char* end = nullptr;
        const double hours = std::strtod(f.duration_hours.c_str(), &end);
        if (end == f.duration_hours.c_str() || *end != '\0' || !(hours >= 0.5 && hours <= 24))
            return FormError{FormField::session_length, "Please give the session's length in hours, between 0.5 and 24."};
        s.ended = journal::from_utc(s.scheduled->utc + static_cast<std::int64_t>(hours * 3600));
    }
    return s;
}

// ---- entry --------------------------------------------------------------------------------

EditorForm editor_form(const journal::Entry& e, std::string draft_slot) {
    EditorForm f;
    f.meta = e.meta;
    f.kind = e.kind;
    f.session = e.session;
    f.title = e.title;
    f.doc.set_text(e.body);
    f.emotions = e.emotions;
    f.tags = e.tags;
    f.actions = e.actions;
    f.draft_slot = std::move(draft_slot);
    f.caret = f.anchor = f.doc.end();
    f.saved_revision = f.doc.revision();
    return f;
}

journal::Entry draft_from_form(const EditorForm& f, journal::Entry e) {
    e.meta = f.meta;
    e.kind = f.kind;
    e.session = f.session;
    e.title = f.title;
    e.body = f.doc.text();
    e.emotions = f.emotions;
    e.tags = f.tags;
    e.actions = f.actions;
    return e;
}

Mapped<journal::Entry> entry_from_form(const EditorForm& f, journal::Entry base) {
    journal::Entry e = draft_from_form(f, std::move(base));
    if (e.title.empty() && e.body.empty()) return FormError{FormField::entry_text, "There is nothing to save yet."};
    return e;
}

// ---- intention ----------------------------------------------------------------------------

IntentionForm intention_form(const journal::RecordId& session, const journal::Entry* existing,
                             const journal::content::Pack& pack) {
    IntentionForm f;
    f.session = session;
    const auto& prompts = pack.intention_prompts;
    f.answers.resize(prompts.size());
    f.checklist = default_checklist(pack);
    if (!existing) return f;
    f.meta = existing->meta;
    for (std::size_t i = 0; i < prompts.size(); ++i)
        for (const auto& pa : existing->prompts)
            if (pa.id.empty() ? pa.prompt == prompts[i].heading : pa.id == prompts[i].id) {
                f.answers[i].doc.set_text(pa.answer);
                f.answers[i].caret = f.answers[i].anchor = f.answers[i].doc.end();
            }
    if (!existing->checklist.empty()) f.checklist = existing->checklist;
    return f;
}

Mapped<journal::Entry> intention_from_form(const IntentionForm& f, journal::Entry e, const journal::content::Pack& pack) {
    if (f.session.empty()) return FormError{FormField::intention_session, "An intention belongs to a session: open the session first."};
    e.kind = journal::EntryKind::intention;
    e.session = f.session;
    e.title = kIntentionTitle;
    // Answers to prompts this pack does not have (another clinic's) are kept as they were.
    std::vector<journal::PromptAnswer> kept;
    for (auto& pa : e.prompts)
        if (!pa.id.empty() && !pack.intention_prompt(pa.id)) kept.push_back(std::move(pa));
    e.prompts.clear();
    const auto& prompts = pack.intention_prompts;
    for (std::size_t i = 0; i < prompts.size() && i < f.answers.size(); ++i)
        e.prompts.push_back({prompts[i].heading, f.answers[i].doc.text(), prompts[i].id});
    for (auto& pa : kept) e.prompts.push_back(std::move(pa));
    e.checklist = f.checklist;
    return e;
}

// ---- check-in -----------------------------------------------------------------------------

Mapped<journal::CheckIn> checkin_from_form(const CheckInForm& f, std::int64_t now, const journal::content::Pack& pack) {
    journal::CheckIn c;
    c.at = journal::from_utc(now);
    const auto& scales = pack.checkin_scales;
    for (std::size_t i = 0; i < scales.size() && i < f.scores.size(); ++i) {
        if (f.scores[i] == CheckInForm::kUntouched) continue;  // not answered: not stored
        if (f.scores[i] < scales[i].min || f.scores[i] > scales[i].max) {
            char msg[96];
            std::snprintf(msg, sizeof msg, "Please give each answer a number from %g to %g.", scales[i].min, scales[i].max);
            return FormError{FormField::checkin_score, msg};
        }
        c.scores.push_back({scales[i].id, static_cast<double>(f.scores[i]), scales[i].min, scales[i].max});
    }
    c.note = f.note;
    if (f.safety != SafetyAnswer::unanswered) c.harm_thoughts = f.safety == SafetyAnswer::yes;
    if (c.scores.empty() && c.note.empty() && !c.harm_thoughts)
        return FormError{FormField::checkin_score, "Move at least one scale (or write a note) to save a check-in."};
    return c;
}

CheckInForm checkin_form(const journal::CheckIn& c, const journal::content::Pack& pack) {
    CheckInForm f;
    const auto& scales = pack.checkin_scales;
    f.scores.resize(std::max(f.scores.size(), scales.size()), CheckInForm::kUntouched);
    for (std::size_t i = 0; i < scales.size(); ++i)
        for (const auto& s : c.scores)
            if (s.measure == scales[i].id) f.scores[i] = static_cast<int>(s.value);
    f.note = c.note;
    if (c.harm_thoughts) f.safety = *c.harm_thoughts ? SafetyAnswer::yes : SafetyAnswer::no;
    return f;
}

}  // namespace afterglow::app
