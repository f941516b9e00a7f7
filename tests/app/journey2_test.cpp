// The journey's second pass (issue 22): the controller's side of the safety follow-up and of
// crisis numbers as links, without a window.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <vector>

#include "app/core/calendar.hpp"
#include "app/core/checkin_time.hpp"
#include "app/core/form_mapping.hpp"
#include "app/core/view_model.hpp"
#include "journal/time.hpp"
#include "tests/app/controller_fixture.hpp"

using namespace afterglow::app;
using Fixture = ControllerFixture;

TEST_CASE("safety follow-up: a saved check-in with a yes offers help again - a no does not - leaving ends it") {
    Fixture f;
    f.run(cmd::Go{Screen::checkin});
    f.c->forms().checkin.scores[0] = 2;
    f.run(cmd::SafetyConcern{});
    CHECK(f.c->view().screen == Screen::crisis);
    CHECK_FALSE(f.c->view().safety_followup);  // nothing saved yet
    f.run(cmd::Back{});
    f.run(cmd::SaveCheckIn{});
    REQUIRE(f.c->vault()->checkins().size() == 1);
    CHECK(f.c->view().screen == Screen::checkin);
    CHECK(f.c->view().safety_followup);
    // Its help can be used: the crisis screen and the care team keep it.
    f.run(cmd::Go{Screen::crisis});
    CHECK(f.c->view().safety_followup);
    f.run(cmd::Back{});
    CHECK(f.c->view().safety_followup);
    f.run(cmd::Go{Screen::home});
    CHECK_FALSE(f.c->view().safety_followup);

    f.run(cmd::Go{Screen::checkin});
    f.c->forms().checkin.scores[0] = 6;
    f.c->forms().checkin.safety = SafetyAnswer::no;
    f.run(cmd::SaveCheckIn{});
    REQUIRE(f.c->vault()->checkins().size() == 2);
    CHECK_FALSE(f.c->view().safety_followup);
}

TEST_CASE("safety follow-up: gone with the lock") {
    Fixture f;
    f.run(cmd::Go{Screen::checkin});
    f.c->forms().checkin.scores[0] = 1;
    f.run(cmd::SafetyConcern{});
    f.run(cmd::Back{});
    f.run(cmd::SaveCheckIn{});
    REQUIRE(f.c->view().safety_followup);
    f.run(cmd::Lock{});
    CHECK_FALSE(f.c->view().safety_followup);
}

TEST_CASE("crisis numbers: a link goes to the platform when it opens links - a copy says so") {
    afterglow::test::TempDir dir;
    FakeClock clock;
    std::vector<std::string> opened;
    ControllerOptions o;
    o.vault_path = dir / "journal.afterglow";
    o.settings_file = dir / "settings.ini";
    o.insecure_test_kdf = true;
    o.clock = &clock;
    o.inline_worker = true;
    o.services.open_link = [&](const std::string& uri) { opened.push_back(uri); };
    Controller web(o);
    CHECK(web.view().can_open_links);
    web.push(Command{cmd::OpenLink{"tel:988"}});
    web.update();
    REQUIRE(opened.size() == 1);
    CHECK(opened[0] == "tel:988");

    Fixture desktop;  // no open_link: numbers are copied
    CHECK_FALSE(desktop.c->view().can_open_links);
    desktop.run(cmd::Copied{"988"});
    CHECK(desktop.c->view().notice.find("988") != std::string::npos);
}

TEST_CASE("journal previews: the patient's own words, not the prompt headings the editor inserted") {
    CHECK(preview_of("What happened\n\nI saw the sea", {"What happened", "What I felt"}) == "I saw the sea");
    CHECK(preview_of("What happened\nWhat I felt\n", {"What happened", "What I felt"}).empty());
    CHECK(preview_of("\n  \nfirst words\nmore") == "first words");
    Fixture f;
    f.run(cmd::NewEntry{afterglow::journal::EntryKind::integration, std::nullopt});
    f.c->forms().editor.doc.set_text("What happened\nThe light was warm in the kitchen.\nWhat I felt\nSafe.");
    f.run(cmd::SaveEntry{});
    REQUIRE(f.c->view().entries.size() == 1);
    CHECK(f.c->view().entries[0].preview == "The light was warm in the kitchen.");
}

TEST_CASE("validation: a date or time that does not exist is named as such - not as a format it already has") {
    CHECK(time_problem("").empty());
    CHECK(time_problem("09:30").empty());
    CHECK(time_problem("23:59").empty());
    CHECK(time_problem("25:99").find("does not exist") != std::string::npos);
    CHECK(time_problem("9.30").find("HH:MM") != std::string::npos);
    SessionForm f = new_session_form(1'790'000'000);
    f.date = "2026-02-30";
    auto bad_date = session_from_form(f, {});
    REQUIRE_FALSE(bad_date);
    CHECK(bad_date.error().message == date_problem("2026-02-30"));
    CHECK(bad_date.error().message.find("YYYY-MM-DD") != 0);  // not "Please write the date as …"
    f.date = "2026-02-28";
    f.time = "25:99";
    auto bad_time = session_from_form(f, {});
    REQUIRE_FALSE(bad_time);
    CHECK(bad_time.error().field == FormField::session_time);
    CHECK(bad_time.error().message.find("does not exist") != std::string::npos);
    f.time = "09:30";
    CHECK(session_from_form(f, {}));
}

TEST_CASE("recovery key confirmation: accepts what the key's parser reads (O as 0, I and L as 1, any case)") {
    Fixture f(false);
    f.start_create();
    std::string group = afterglow::crypto::recovery_key_group(f.c->view().recovery_key, f.c->view().recovery_group);
    std::string typed;
    for (char c : group) typed += c == '0' ? 'O' : c == '1' ? 'l' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    f.c->forms().first_run.group_typed = "ZZZZ";
    f.run(cmd::ConfirmRecoveryKey{});
    CHECK(f.c->view().screen != Screen::home);  // a wrong group is still refused
    f.c->forms().first_run.group_typed = typed;
    f.run(cmd::ConfirmRecoveryKey{});
    CHECK(f.c->view().screen == Screen::home);
}

TEST_CASE("check-in for an earlier day: stored at that time, placed by it in the trend - the future and non-dates refused") {
    Fixture f;
    const std::int64_t now = f.clock.unix_time;
    const std::string yesterday = ymd_text(local_ymd(add_local_days(now, -1)));
    f.run(cmd::Go{Screen::checkin});
    f.c->forms().checkin.scores[0] = 6;
    f.run(cmd::SaveCheckIn{});  // today, now
    f.c->forms().checkin.scores[0] = 3;
    f.c->forms().checkin.earlier = true;
    f.c->forms().checkin.date = yesterday;
    f.c->forms().checkin.time = "21:15";
    f.run(cmd::SaveCheckIn{});
    REQUIRE(f.c->vault()->checkins().size() == 2);
    const auto expected = afterglow::journal::parse_iso8601(yesterday + "T21:15");
    REQUIRE(expected);
    bool found = false;
    for (const auto& c : f.c->vault()->checkins()) found = found || c.at.utc == *expected;
    CHECK(found);
    // The trend runs by the time each check-in is for: yesterday's 3 comes before today's 6.
    REQUIRE(f.c->view().trends[0].values.size() == 2);
    CHECK(f.c->view().trends[0].values[0] == 3.0f);
    CHECK(f.c->view().trends[0].times[0] == *expected);

    std::int64_t at = 0;
    CheckInForm later;
    later.earlier = true;
    later.date = ymd_text(local_ymd(add_local_days(now, 2)));
    CHECK(checkin_time(later, now, &at).find("not come yet") != std::string::npos);
    later.date = "2026-02-30";
    CHECK(checkin_time(later, now, &at) == date_problem("2026-02-30"));
    later.date = yesterday;
    later.time = "25:99";
    CHECK_FALSE(checkin_time(later, now, &at).empty());
    f.c->forms().checkin = later;
    f.c->forms().checkin.scores[0] = 5;
    f.run(cmd::SaveCheckIn{});
    CHECK(f.c->vault()->checkins().size() == 2);  // refused, with a message
    CHECK_FALSE(f.c->view().error.empty());
    CHECK(f.c->forms().checkin.scores[0] == 5);  // nothing typed is lost
}
