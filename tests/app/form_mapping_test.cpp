// Form mapping on its own: forms to domain types and back, and the typed errors that name
// the field for bad dates, empty forms and out-of-range values.
#include <doctest/doctest.h>

#include "app/core/form_mapping.hpp"
#include "app/core/journey.hpp"
#include "journal/time.hpp"

using namespace afterglow;
using namespace afterglow::app;

namespace {
const journal::content::Pack& pack = journal::content::default_pack();
}  // namespace

namespace {

template <class T>
FormField error_field(const Mapped<T>& m) {
    REQUIRE_FALSE(m.ok());
    CHECK_FALSE(m.error().message.empty());
    return m.error().field;
}

SessionForm session_on(const char* date, const char* time, const char* hours) {
    SessionForm f;
    f.date = date, f.time = time, f.duration_hours = hours;
    return f;
}

}  // namespace

TEST_CASE("form mapping: session dates and lengths - errors name the field") {
    CHECK(error_field(session_from_form(session_on("2026-13-01", "10:00", "2"), {})) == FormField::session_date);
    CHECK(error_field(session_from_form(session_on("25.11.2026", "10:00", "2"), {})) == FormField::session_date);
    CHECK(error_field(session_from_form(session_on("2026-11-25T10:00", "10:00", "2"), {})) == FormField::session_date);
    CHECK(error_field(session_from_form(session_on("2026-11-25", "25:00", "2"), {})) == FormField::session_time);
    CHECK(error_field(session_from_form(session_on("2026-11-25", "ten", "2"), {})) == FormField::session_time);
    CHECK(error_field(session_from_form(session_on("2026-11-25", "10:00", "forever"), {})) == FormField::session_length);
    CHECK(error_field(session_from_form(session_on("2026-11-25", "10:00", "0.2"), {})) == FormField::session_length);
    CHECK(error_field(session_from_form(session_on("2026-11-25", "10:00", "30"), {})) == FormField::session_length);
    CHECK(error_field(session_from_form(session_on("2026-11-25", "10:00", "2h"), {})) == FormField::session_length);
    CHECK(std::string(field_name(FormField::session_length)) == "session_length");

    // A non-medicine session has no length; an empty date means "no date yet".
    SessionForm talk = session_on("2026-11-25", "10:00", "forever");
    talk.kind = journal::SessionKind::integration;
    auto t = session_from_form(talk, {});
    REQUIRE(t);
    CHECK_FALSE(t.value().ended.has_value());
    journal::Session dated;
    dated.scheduled = journal::from_utc(1'790'000'000);
    auto undated = session_from_form(session_on("", "", ""), dated);
    REQUIRE(undated);
    CHECK_FALSE(undated.value().scheduled.has_value());
}

TEST_CASE("form mapping: a session round-trips through its form - keeping what the form does not show") {
    SessionForm f = session_on("2026-11-25", "09:30", "3.5");
    f.route = journal::Route::iv;
    f.provider = "Dr. R";
    f.notes = "bring water";
    journal::Session base;
    base.started = journal::from_utc(1'700'000'000);
    auto mapped = session_from_form(f, base);
    REQUIRE(mapped);
    const journal::Session& s = mapped.value();
    REQUIRE(s.scheduled);
    CHECK(s.scheduled->utc == journal::parse_iso8601("2026-11-25T09:30"));
    REQUIRE(s.ended);
    CHECK(s.ended->utc - s.scheduled->utc == 3 * 3600 + 1800);
    CHECK(s.started == base.started);
    CHECK(s.route == journal::Route::iv);

    const SessionForm back = session_form(s);
    CHECK(back.date == "2026-11-25");
    CHECK(back.time == "09:30");
    CHECK(back.duration_hours == "3.5");
    CHECK(back.route == journal::Route::iv);
    CHECK(back.provider == "Dr. R");
    CHECK(back.notes == "bring water");
}

TEST_CASE("form mapping: a new session is planned for tomorrow") {
    const std::int64_t now = *journal::parse_iso8601("2026-11-25T23:30");
    CHECK(new_session_form(now).date == "2026-11-26");
    CHECK(new_session_form(*journal::parse_iso8601("2026-12-31T00:10")).date == "2027-01-01");
    CHECK(new_session_form(now).time == "10:00");
}

TEST_CASE("form mapping: entries - an empty one is refused - drafts may be empty") {
    EditorForm empty;
    CHECK(error_field(entry_from_form(empty, {})) == FormField::entry_text);
    CHECK(draft_from_form(empty, {}).body.empty());

    journal::Entry e;
    e.kind = journal::EntryKind::integration;
    e.title = "Warm";
    e.body = "It felt warm.\nשלום";
    e.tags = {"sea"};
    e.emotions = {"calm"};
    e.actions = {{"walk", true}};
    e.prompts = {{"What happened?", "the sea"}};  // not on the form: kept from the stored entry
    EditorForm f = editor_form(e, "entry-x");
    CHECK(f.draft_slot == "entry-x");
    CHECK(f.doc.text() == e.body);
    CHECK(f.saved_revision == f.doc.revision());
    f.title = "Warmer";
    auto back = entry_from_form(f, e);
    REQUIRE(back);
    CHECK(back.value().title == "Warmer");
    CHECK(back.value().body == e.body);
    CHECK(back.value().tags == e.tags);
    CHECK(back.value().emotions == e.emotions);
    CHECK(back.value().actions.at(0).done);
    CHECK(back.value().prompts == e.prompts);
    CHECK(back.value().kind == journal::EntryKind::integration);
}

TEST_CASE("form mapping: intentions match answers to prompts - need a session") {
    IntentionForm none = intention_form({}, nullptr, pack);
    CHECK(error_field(intention_from_form(none, {}, pack)) == FormField::intention_session);

    const auto session = journal::RecordId::random();
    IntentionForm f = intention_form(session, nullptr, pack);
    REQUIRE(f.answers.size() == pack.intention_prompts.size());
    CHECK(f.checklist.size() == pack.checklist.size());
    CHECK(f.checklist[0].id == pack.checklist[0].id);
    f.answers[1].doc.set_text("to rest");
    f.checklist[0].done = true;
    auto mapped = intention_from_form(f, {}, pack);
    REQUIRE(mapped);
    const journal::Entry& e = mapped.value();
    CHECK(e.kind == journal::EntryKind::intention);
    CHECK(e.session == session);
    CHECK(e.title == "Intention");  // the phase is computed when shown (a stored one goes stale)
    REQUIRE(e.prompts.size() == pack.intention_prompts.size());
    CHECK(e.prompts[1].prompt == pack.intention_prompts[1].heading);
    CHECK(e.prompts[1].id == pack.intention_prompts[1].id);
    CHECK(e.prompts[1].answer == "to rest");

    const IntentionForm again = intention_form(session, &e, pack);
    CHECK(again.answers[1].doc.text() == "to rest");
    CHECK(again.answers[0].doc.text().empty());
    CHECK(again.checklist[0].done);
}

TEST_CASE("form mapping: check-in scores outside 0 to 10 are refused") {
    CheckInForm f;
    f.scores[3] = 11;
    CHECK(error_field(checkin_from_form(f, 0, pack)) == FormField::checkin_score);
    f.scores[3] = -2;
    CHECK(error_field(checkin_from_form(f, 0, pack)) == FormField::checkin_score);
    f.scores[3] = CheckInForm::kUntouched;  // nothing moved, no note: nothing to save
    CHECK(error_field(checkin_from_form(f, 0, pack)) == FormField::checkin_score);
    f.scores[3] = 10;
    f.scores[0] = 0;
    f.note = "slept badly";
    auto c = checkin_from_form(f, 1'790'000'000, pack);
    REQUIRE(c);
    CHECK(c.value().at.utc == 1'790'000'000);
    REQUIRE(c.value().scores.size() == 2);  // untouched scales are not stored
    CHECK(c.value().scores[1].measure == "energy");
    CHECK(c.value().scores[1].value == 10);
    CHECK(c.value().scores[0].value == 0);
    CHECK_FALSE(c.value().harm_thoughts);
    const CheckInForm back = checkin_form(c.value(), pack);
    CHECK(back.scores[3] == 10);
    CHECK(back.scores[0] == 0);
    CHECK(back.scores[1] == CheckInForm::kUntouched);
    CHECK(back.note == "slept badly");
    CHECK(back.safety == SafetyAnswer::unanswered);
}

TEST_CASE("form mapping: date bounds - empty is no bound - a date means the whole local day") {
    auto none = from_day("", FormField::export_from);
    REQUIRE(none);
    CHECK_FALSE(none.value().has_value());
    CHECK(error_field(from_day("soon", FormField::export_from)) == FormField::export_from);
    CHECK(error_field(to_day("2026-13-01", FormField::export_to)) == FormField::export_to);
    const std::int64_t day = *journal::parse_iso8601("2026-11-25");
    auto from = from_day("2026-11-25", FormField::export_from);
    auto to = to_day("2026-11-25", FormField::export_to);
    REQUIRE(from);
    REQUIRE(to);
    CHECK(from.value() == day);
    CHECK(to.value() == journal::end_of_local_day(day));
    CHECK(journal::to_local_date(*to.value()) == "2026-11-25");
    CHECK(journal::to_local_date(*to.value() + 1) == "2026-11-26");
    // A full time is taken as given.
    auto exact = to_day("2026-11-25T10:00:00Z", FormField::export_to);
    REQUIRE(exact);
    CHECK(exact.value() == 1795600800);
}
