// The journey through the controller, against a real (fast-KDF) vault in a temp dir and a
// fake clock: the welcome remembered in settings, goals with reviews and links, actions
// carried into daily life, schedule suggestions accepted (or refused for a bad date, saving
// nothing), typed dates that are not dates, and reminders notified once with pack words only
// (a clinic pack's own words once it is imported).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "app/core/calendar.hpp"
#include "app/core/controller.hpp"
#include "app/core/journey_texts.hpp"
#include "app/core/view_model.hpp"
#include "journal/time.hpp"
#include "tests/app/controller_fixture.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::app;

namespace {

constexpr std::int64_t kHour = 3600;

struct Journey : ControllerFixture {
    void open() { make(); }
    const ViewState& v() const { return c->view(); }
    // A medicine session through the session form: start `hours_ago` hours before now, 2 h long.
    journal::RecordId plan_medicine(std::int64_t hours_ago, std::string provider = "Dr. Marker Provider") {
        run(cmd::NewSession{});
        auto& f = c->forms().session;
        const std::int64_t at = clock.wall() - hours_ago * kHour;
        f.date = journal::to_local_date(at);
        f.time = journal::format_local(at, "%H:%M");
        f.duration_hours = "2";
        f.provider = provider;
        run(cmd::SaveSession{});
        REQUIRE(v().error.empty());
        return f.id;
    }
    std::string settings_text() const { return test::read_file(dir / "config" / "settings.ini"); }
};

}  // namespace

TEST_CASE("welcome: offered after the vault is created - finishing it is remembered in settings") {
    Journey j;
    CHECK_FALSE(j.v().settings.welcome_seen);
    j.run(cmd::Go{Screen::welcome});
    CHECK(j.v().screen == Screen::welcome);
    j.run(cmd::FinishWelcome{true});
    CHECK(j.v().screen == Screen::session);  // "Add your first session"
    CHECK(j.v().settings.welcome_seen);
    CHECK(j.settings_text().find("welcome_seen=1") != std::string::npos);
    j.run(cmd::Lock{});
    j.open();
    CHECK(j.v().settings.welcome_seen);
    CHECK(j.v().screen == Screen::unlock);
}

TEST_CASE("goals: written - revisited with a rating and a note - linked entries - status") {
    Journey j;
    j.run(cmd::SaveGoal{});
    CHECK_FALSE(j.v().error.empty());
    CHECK(j.c->vault()->goals().empty());
    j.c->forms().goals.title = "  Sleep through the night ";
    j.c->forms().goals.description = "Fewer 3 a.m. wake-ups";
    j.run(cmd::SaveGoal{});
    REQUIRE(j.v().goals.size() == 1);
    const auto& g = j.v().goals[0];
    CHECK(g.title == "Sleep through the night");
    CHECK(j.c->forms().goals.title.empty());
    const auto gid = g.id;

    j.c->forms().goals.open = gid;
    j.run(cmd::ReviewGoal{});  // nothing rated, nothing written
    CHECK_FALSE(j.v().error.empty());
    CHECK(j.c->vault()->find_goal(gid)->reviews.empty());
    j.c->forms().goals.progress = 7;
    j.c->forms().goals.note = "three good nights";
    j.run(cmd::ReviewGoal{});
    CHECK(j.v().error.empty());
    const auto& stored = j.c->vault()->find_goal(gid)->reviews;
    REQUIRE(stored.size() == 1);
    CHECK(stored[0] == journal::to_local_date(j.clock.wall()) + ": progress 7/10 — three good nights");
    REQUIRE(j.v().goals[0].reviews.size() == 1);
    CHECK(j.v().goals[0].reviews[0].progress == 7);
    CHECK(j.c->forms().goals.progress == -1);

    // Link an intention: it is tagged with the goal, and the goal lists it.
    const auto sid = j.plan_medicine(-48);
    j.run(cmd::StartIntention{sid});
    j.c->forms().intention.answers[0].doc.set_text("rest");
    j.run(cmd::SaveIntention{});
    const auto intention = *j.v().find_session(sid)->intention;
    j.run(cmd::LinkGoal{gid, intention});
    REQUIRE(j.v().goals[0].linked.size() == 1);
    CHECK(j.v().goals[0].linked[0] == intention);
    const auto& tags = j.c->vault()->find_entry(intention)->tags;
    CHECK(std::find(tags.begin(), tags.end(), goal_tag("Sleep through the night")) != tags.end());
    j.run(cmd::LinkGoal{gid, intention});
    CHECK(j.v().goals[0].linked.empty());

    j.run(cmd::SetGoalStatus{gid, journal::GoalStatus::achieved});
    CHECK(j.c->vault()->find_goal(gid)->status == journal::GoalStatus::achieved);
}

TEST_CASE("carrying into daily life: actions of integration entries - ticked and removed") {
    Journey j;
    const auto sid = j.plan_medicine(3);
    j.run(cmd::NewEntry{journal::EntryKind::integration, sid});
    auto& e = j.c->forms().editor;
    e.doc.set_text("It was a lot.");
    e.actions = {{"Walk after lunch", false}, {"Call my sister", false}};
    j.run(cmd::SaveEntry{});
    REQUIRE(j.v().carrying.size() == 2);
    const auto eid = j.v().carrying[0].entry;
    CHECK(j.v().carrying[0].text == "Walk after lunch");
    j.run(cmd::ToggleAction{eid, 0, false});
    CHECK(j.c->vault()->find_entry(eid)->actions[0].done);
    CHECK(j.v().carrying[0].text == "Call my sister");  // not done first
    CHECK(j.v().carrying[1].done);
    j.run(cmd::RemoveAction{eid, 1});
    REQUIRE(j.c->vault()->find_entry(eid)->actions.size() == 1);
    CHECK(j.c->vault()->find_entry(eid)->actions[0].text == "Walk after lunch");
    CHECK(j.c->vault()->find_entry(eid)->body == "It was a lot.");
    CHECK(j.v().carrying.size() == 1);
}

TEST_CASE("schedule: the suggestion is accepted as planned sessions - a bad date saves nothing") {
    Journey j;
    const auto first = j.plan_medicine(26, "Riverside");
    REQUIRE(j.v().suggestion.has_value());
    CHECK(j.v().suggestion->kind == SuggestionKind::induction);
    auto& f = j.c->forms().schedule;
    CHECK(f.after == first);
    REQUIRE(f.dates.size() == 5);
    const auto time = f.time;
    CHECK(time == j.c->forms().session.time);

    f.dates[1] = "next tuesday";
    j.run(cmd::AcceptSchedule{});
    CHECK(j.v().error.find("Date 2") != std::string::npos);
    CHECK(j.v().error.find("Nothing was planned") != std::string::npos);
    CHECK(j.c->vault()->sessions().size() == 1);
    f.dates[1] = "2026-02-30";
    j.run(cmd::AcceptSchedule{});
    CHECK(j.v().error.find("does not exist") != std::string::npos);
    CHECK(j.c->vault()->sessions().size() == 1);

    f.dates.pop_back();  // edited: 4 more, 5 in all
    f.dates[1] = journal::to_local_date(j.clock.wall() + 5 * 24 * kHour);
    j.run(cmd::AcceptSchedule{});
    CHECK(j.v().error.empty());
    const auto& all = j.c->vault()->sessions();
    REQUIRE(all.size() == 5);
    for (const auto& s : all) {
        CHECK(s.kind == journal::SessionKind::medicine);
        CHECK(s.provider == "Riverside");
    }
    CHECK_FALSE(j.v().suggestion.has_value());  // sessions are planned now
    CHECK(j.v().sessions.back().phase == "induction 5 of 5");
}

TEST_CASE("a typed session date that is not a date is refused with a message - nothing is saved") {
    Journey j;
    j.run(cmd::NewSession{});
    j.c->forms().session.date = "2026-02-30";
    j.run(cmd::SaveSession{});
    CHECK(j.v().error.find("YYYY-MM-DD") != std::string::npos);
    CHECK(j.c->vault()->sessions().empty());
    j.c->forms().session.date = "soon";
    j.run(cmd::SaveSession{});
    CHECK_FALSE(j.v().error.empty());
    CHECK(j.c->vault()->sessions().empty());
}

TEST_CASE("reminders: an imported clinic pack's words are the ones notified and shown") {
    Journey j;
    const auto file = j.dir / "riverside.json";
    std::ofstream(file, std::ios::binary) << R"({"format": "afterglow-pack", "format_version": 1, "id": "riverside",
        "journey_texts": [{"id": "reminder.window_open", "heading": "Riverside: your window is open",
                           "body": "Call us on the usual line if anything comes up."}]})";
    j.c->forms().pack.path = file.string();
    j.run(cmd::ImportPack{});
    REQUIRE(j.v().error.empty());
    (void)j.c->take_notifications();
    j.plan_medicine(3);  // ended an hour ago: the window is open
    auto n = j.c->take_notifications();
    REQUIRE(n.size() == 1);
    CHECK(n[0].title == "Riverside: your window is open");
    CHECK(n[0].body == "Call us on the usual line if anything comes up.");
    CHECK(journey_text(j.v().content(), "reminder.window_open").heading == "Riverside: your window is open");
    CHECK(journey_text(j.v().content(), "reminder.window_closing").heading == "Your integration window closes soon");
}

TEST_CASE("reminders: notified once with the pack's words only - dismissed - the next one wakes the loop") {
    Journey j;
    (void)j.c->take_notifications();
    j.plan_medicine(3);  // ended an hour ago: the window is open
    auto n = j.c->take_notifications();
    REQUIRE(n.size() == 1);
    CHECK(n[0].title == "Your integration window is open");
    CHECK(n[0].body.find("Marker") == std::string::npos);
    CHECK(n[0].title.find("Marker") == std::string::npos);
    REQUIRE(j.v().reminders.size() == 1);
    CHECK(j.v().reminders[0].kind == ReminderKind::window_open);
    j.c->update();
    CHECK(j.c->take_notifications().empty());  // once per run
    // The loop wakes when the window starts closing (42 h after it opened).
    const auto wait = j.c->seconds_until_next_timer();
    REQUIRE(wait.has_value());
    CHECK(*wait <= 41 * kHour + 60);
    j.clock.advance(41.5 * kHour);
    j.c->activity();  // the user is there (no auto-lock)
    j.c->update();
    n = j.c->take_notifications();
    REQUIRE(n.size() == 1);
    CHECK(n[0].title == "Your integration window closes soon");
    const auto key = j.v().reminders.at(0).key;
    j.run(cmd::DismissReminder{key});
    CHECK(j.v().reminders.empty());
    j.c->update();
    CHECK(j.v().reminders.empty());
    j.run(cmd::Lock{});
    CHECK(j.c->take_notifications().empty());
    // Unlocked again (auto-lock, or the user): not notified again, and still dismissed.
    j.c->forms().unlock.pass.text = "correct horse battery";
    j.run(cmd::Unlock{});
    REQUIRE(j.v().unlocked);
    j.c->update();
    CHECK(j.c->take_notifications().empty());
    CHECK(j.v().reminders.empty());
}
