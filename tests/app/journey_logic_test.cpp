// The journey's pure logic: calendar arithmetic for the date picker, goal review lines,
// schedule suggestions (never prescriptions), reminders and the pack's journey texts.
#include <doctest/doctest.h>

#include <set>

#include "app/core/calendar.hpp"
#include "app/core/goal_review.hpp"
#include "app/core/journey_texts.hpp"
#include "app/core/reminders.hpp"
#include "app/core/schedule_suggest.hpp"
#include "app/core/view_state.hpp"
#include "journal/content/pack.hpp"
#include "journal/time.hpp"

using namespace afterglow;
using namespace afterglow::app;

namespace {

constexpr std::int64_t kDay = 24 * 3600;
constexpr std::int64_t kT0 = 1'790'000'000;

journal::Session medicine(std::int64_t at, std::uint8_t tag) {
    journal::Session s;
    s.kind = journal::SessionKind::medicine;
    s.scheduled = journal::Timestamp{at, ""};
    s.ended = journal::Timestamp{at + 2 * 3600, ""};
    s.meta.id.bytes[0] = tag;
    return s;
}

std::string local_hm(std::int64_t t) { return journal::format_local(t, "%H:%M"); }

}  // namespace

TEST_CASE("calendar: month lengths - weekdays - strict dates - month grid") {
    CHECK(days_in_month(2026, 2) == 28);
    CHECK(days_in_month(2028, 2) == 29);
    CHECK(days_in_month(2100, 2) == 28);
    CHECK(days_in_month(2000, 2) == 29);
    CHECK(days_in_month(2026, 12) == 31);
    CHECK(weekday(Ymd{2026, 12, 1}) == 1);  // a Tuesday
    CHECK(weekday(Ymd{2026, 11, 30}) == 0);  // a Monday
    CHECK(weekday(Ymd{2027, 1, 3}) == 6);    // a Sunday
    CHECK(parse_ymd("2026-12-03") == Ymd{2026, 12, 3});
    CHECK(parse_ymd("2028-02-29").has_value());
    CHECK_FALSE(parse_ymd("2026-02-29").has_value());
    CHECK_FALSE(parse_ymd("2026-13-01").has_value());
    CHECK_FALSE(parse_ymd("2026-1-01").has_value());
    CHECK_FALSE(parse_ymd("next tuesday").has_value());
    CHECK(ymd_text(Ymd{2027, 1, 5}) == "2027-01-05");
    CHECK(add_months(Ymd{2026, 12, 15}, 1) == Ymd{2027, 1, 1});
    CHECK(add_months(Ymd{2026, 1, 15}, -1) == Ymd{2025, 12, 1});
    const MonthGrid g = month_grid(2026, 12);
    CHECK(g.first_col == 1);
    CHECK(g.rows() == 5);
    CHECK(g.day_at(0, 0) == 0);
    CHECK(g.day_at(0, 1) == 1);
    CHECK(g.day_at(4, 3) == 31);
    CHECK(g.day_at(4, 4) == 0);
    CHECK(month_grid(2021, 2).rows() == 4);  // February 2021 starts on a Monday
    CHECK(date_problem("").empty());
    CHECK(date_problem("2026-12-03").empty());
    CHECK(date_problem("2026-02-30").find("does not exist") != std::string::npos);
    CHECK(date_problem("tomorrow").find("YYYY-MM-DD") != std::string::npos);
}

TEST_CASE("calendar: a local day step keeps the time of day") {
    const std::int64_t t = kT0;
    const std::int64_t t3 = add_local_days(t, 3);
    CHECK(local_hm(t3) == local_hm(t));
    CHECK(t3 - t >= 3 * kDay - 3600);
    CHECK(t3 - t <= 3 * kDay + 3600);
    CHECK(local_hm(add_local_days(t, -1)) == local_hm(t));
}

TEST_CASE("goal reviews: a readable line that reads back - older free-form notes too") {
    GoalReview r{"2026-12-01", 7, "slept through three nights"};
    CHECK(review_text(r) == "2026-12-01: progress 7/10 — slept through three nights");
    const GoalReview back = parse_review(review_text(r));
    CHECK(back.date == r.date);
    CHECK(back.progress == 7);
    CHECK(back.note == r.note);
    CHECK(review_text(GoalReview{"2026-12-01", 10, ""}) == "2026-12-01: progress 10/10");
    CHECK(parse_review("2026-12-01: progress 10/10").progress == 10);
    const GoalReview old = parse_review("2026-10-01: better on weekends");
    CHECK(old.date == "2026-10-01");
    CHECK(old.progress == -1);
    CHECK(old.note == "better on weekends");
    const GoalReview bare = parse_review("week 1: 3 of 7");
    CHECK(bare.date.empty());
    CHECK(bare.note == "week 1: 3 of 7");
    CHECK(parse_review("2026-12-01: progress 11/10").progress == -1);  // not a rating we wrote
    CHECK(review_time(bare, 42) == 42);
    CHECK(review_time(old, 0) > 0);
}

TEST_CASE("schedule: the induction series is suggested after the first medicine session") {
    std::vector<journal::Session> all;
    CHECK_FALSE(suggest_schedule(all, kT0).has_value());
    all.push_back(medicine(kT0 - kDay, 1));
    // Not yet ended: nothing to suggest.
    CHECK_FALSE(suggest_schedule(all, kT0 - kDay + 3600).has_value());
    auto s = suggest_schedule(all, kT0);
    REQUIRE(s.has_value());
    CHECK(s->kind == SuggestionKind::induction);
    CHECK(s->after == all[0].meta.id);
    CHECK(s->in_series == 1);
    REQUIRE(s->dates.size() == 5);  // 6 in all by default
    // Twice a week: 3 then 4 days apart, at the last session's time of day.
    CHECK(local_ymd(s->dates[0]) == local_ymd(add_local_days(kT0 - kDay, 3)));
    CHECK(local_ymd(s->dates[1]) == local_ymd(add_local_days(kT0 - kDay, 7)));
    CHECK(local_ymd(s->dates[2]) == local_ymd(add_local_days(kT0 - kDay, 10)));
    for (auto t : s->dates) CHECK(local_hm(t) == local_hm(kT0 - kDay));
    // The whole series fits in 2–3 weeks.
    CHECK(s->dates.back() - (kT0 - kDay) <= 21 * kDay);
    // A series of 3 wanted in all: 2 more.
    CHECK(suggest_schedule(all, kT0, 3)->dates.size() == 2);
    // Something already planned: nothing is suggested.
    all.push_back(medicine(kT0 + 2 * kDay, 2));
    CHECK_FALSE(suggest_schedule(all, kT0).has_value());
}

TEST_CASE("schedule: a late return moves the suggested series forward - never into the past") {
    std::vector<journal::Session> all{medicine(kT0 - 10 * kDay, 1)};
    auto s = suggest_schedule(all, kT0);
    REQUIRE(s.has_value());
    CHECK(s->kind == SuggestionKind::induction);
    CHECK(s->dates.front() >= kT0);
    CHECK(local_ymd(s->dates[1]) == local_ymd(add_local_days(s->dates[0], 4)));
}

TEST_CASE("schedule: after the series maintenance is suggested 4 weeks on") {
    std::vector<journal::Session> all;
    for (int i = 0; i < 6; ++i) all.push_back(medicine(kT0 - 20 * kDay + i * 3 * kDay, static_cast<std::uint8_t>(i + 1)));
    const std::int64_t last = kT0 - 20 * kDay + 15 * kDay;
    auto s = suggest_schedule(all, kT0);
    REQUIRE(s.has_value());
    CHECK(s->kind == SuggestionKind::maintenance);
    CHECK(s->in_series == 6);
    REQUIRE(s->dates.size() == 1);
    CHECK(local_ymd(s->dates[0]) == local_ymd(add_local_days(last, 28)));
    // Three sessions and a quiet week since: the series is taken as done.
    std::vector<journal::Session> three(all.begin(), all.begin() + 3);
    auto m = suggest_schedule(three, kT0);
    REQUIRE(m.has_value());
    CHECK(m->kind == SuggestionKind::maintenance);
    // Long after: the maintenance date is never in the past.
    auto late = suggest_schedule(all, kT0 + 60 * kDay);
    REQUIRE(late.has_value());
    CHECK(late->dates[0] >= kT0 + 60 * kDay);
    // A planned maintenance session: nothing more to suggest.
    journal::Session next;
    next.kind = journal::SessionKind::maintenance;
    next.scheduled = journal::Timestamp{kT0 + 20 * kDay, ""};
    all.push_back(next);
    CHECK_FALSE(suggest_schedule(all, kT0).has_value());
}

TEST_CASE("reminders: window open - closing - closed - session tomorrow - goal review") {
    VaultView v;
    SessionRow s;
    s.id.bytes[0] = 7;
    s.window = journal::IntegrationWindow{kT0, kT0 + 48 * 3600};
    s.time = kT0 - 2 * 3600;
    v.sessions.push_back(s);
    auto kinds = [&](std::int64_t now) {
        std::set<ReminderKind> k;
        for (const auto& r : due_reminders(v, now)) k.insert(r.kind);
        return k;
    };
    CHECK(kinds(kT0 - 60).empty());
    CHECK(kinds(kT0 + 60) == std::set{ReminderKind::window_open});
    CHECK(kinds(kT0 + 45 * 3600) == std::set{ReminderKind::window_closing});
    CHECK(kinds(kT0 + 49 * 3600) == std::set{ReminderKind::window_closed});
    CHECK(kinds(kT0 + 61 * 3600).empty());
    CHECK(*next_reminder_change(v, kT0 + 60) == kT0 + 42 * 3600);
    const auto r = due_reminders(v, kT0 + 60);
    CHECK(r[0].key == "window_open:" + s.id.hex());
    CHECK(std::string(r[0].text_id) == "reminder.window_open");

    VaultView t;
    SessionRow next;
    next.id.bytes[0] = 8;
    next.time = add_local_days(kT0, 1);  // tomorrow, same time
    t.sessions.push_back(next);
    auto due = due_reminders(t, kT0);
    REQUIRE(due.size() == 1);
    CHECK(due[0].kind == ReminderKind::session_tomorrow);
    CHECK(due_reminders(t, add_local_days(kT0, -1)).empty());  // two days before: not yet

    VaultView g;
    GoalRow goal;
    goal.id.bytes[0] = 9;
    goal.last_visit = kT0;
    g.goals.push_back(goal);
    CHECK(due_reminders(g, kT0 + 13 * kDay).empty());
    REQUIRE(due_reminders(g, kT0 + 15 * kDay).size() == 1);
    CHECK(due_reminders(g, kT0 + 15 * kDay)[0].kind == ReminderKind::goal_review);
    g.goals[0].status = journal::GoalStatus::achieved;
    CHECK(due_reminders(g, kT0 + 15 * kDay).empty());
}

TEST_CASE("pack: the welcome and every reminder text come from journey.json") {
    const auto& pack = journal::content::default_pack();
    const auto pages = welcome_pages(pack);
    REQUIRE(pages.size() == 4);
    CHECK(pages[0].id == "welcome.hello");
    CHECK(pages[1].body.find("Induction series") != std::string::npos);
    CHECK(pages[1].body.find("24–48 hours") != std::string::npos);
    CHECK(pages[1].body.find("Maintenance") != std::string::npos);
    CHECK(pages[2].body.find("encrypted") != std::string::npos);
    CHECK(pages[3].body.find("first session") != std::string::npos);
    for (const char* id : {"reminder.window_open", "reminder.window_closing", "reminder.window_closed",
                           "reminder.session_tomorrow", "reminder.goal_review", "suggest.induction",
                           "suggest.maintenance"}) {
        CAPTURE(id);
        CHECK_FALSE(journey_text(pack, id).heading.empty());
    }
    CHECK(journey_text(pack, "reminder.window_open").heading == "Your integration window is open");
    CHECK(journey_text(pack, "no.such.text").heading.empty());
}

TEST_CASE("pack: a clinic pack rewords a welcome page by id - a page without heading is refused") {
    using namespace journal::content;
    auto p = apply_pack(default_pack(), R"({"format": "afterglow-pack", "format_version": 1,
        "welcome": [{"id": "welcome.hello", "heading": "Welcome from Riverside", "body": "Hello."}],
        "journey_texts": [{"id": "riverside.extra", "heading": "Extra"}]})", "riverside.json");
    REQUIRE(p);
    REQUIRE(p->welcome.size() == 4);
    CHECK(p->welcome[0].heading == "Welcome from Riverside");
    REQUIRE(p->journey_text("riverside.extra"));
    CHECK(p->journey_text("reminder.goal_review"));
    auto bad = apply_pack(default_pack(), R"({"format": "afterglow-pack", "format_version": 1,
        "welcome": [{"id": "welcome.hello", "body": "no heading"}]})", "bad.json");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("welcome[0].heading") != std::string::npos);
}
