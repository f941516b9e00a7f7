// The view model on its own: a real (fast-KDF) vault in a temp dir, rows built at a given
// time, no controller.
#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>

#include "app/core/journey.hpp"
#include "app/core/view_model.hpp"
#include "journal/time.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::app;

namespace {

constexpr std::int64_t kHour = 3600;

journal::RecordId save(journal::Vault& v, journal::Record r) {
    auto id = v.save(std::move(r));
    REQUIRE(id);
    return *id;
}

journal::Session medicine(std::int64_t scheduled, std::optional<std::int64_t> ended = std::nullopt) {
    journal::Session s;
    s.kind = journal::SessionKind::medicine;
    s.route = journal::Route::im;
    s.provider = "Dr. R";
    s.scheduled = journal::from_utc(scheduled);
    if (ended) s.ended = journal::from_utc(*ended);
    return s;
}

}  // namespace

TEST_CASE("view model: sessions with phases - the home card shows the open window and the next session") {
    test::TempDir dir;
    auto vault = test::make_vault(dir / "v.afterglow");
    // Entries get the real time as their creation time, so the scene is set around it.
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    const auto past = save(*vault, medicine(now - 30 * kHour, now - 28 * kHour));
    const auto next = save(*vault, medicine(now + 72 * kHour));

    journal::Entry intention;
    intention.kind = journal::EntryKind::intention;
    intention.session = next;
    intention.checklist = default_checklist(journal::content::default_pack());
    intention.checklist[0].done = true;
    save(*vault, intention);
    journal::Entry written;
    written.kind = journal::EntryKind::integration;
    written.session = past;
    written.title = "Warm";
    written.body = "It felt warm.\nThen it rained.";
    written.tags = {"sea", "body"};
    save(*vault, written);

    const VaultView v = build_view(*vault, now);
    REQUIRE(v.sessions.size() == 2);
    CHECK(v.sessions[0].id == past);
    CHECK(v.sessions[0].phase == "induction 1 of 2");
    CHECK(v.sessions[0].title == "Medicine session · IM");
    CHECK_FALSE(v.sessions[0].upcoming);
    CHECK(v.sessions[1].phase == "induction 2 of 2");
    CHECK(v.sessions[1].upcoming);
    CHECK(v.sessions[1].when == format_when(now + 72 * kHour));
    REQUIRE(v.sessions[1].intention);
    CHECK(v.sessions[1].preparation == "Preparation: 1 of 6 ready");
    CHECK(v.sessions[0].preparation == "No intention yet");

    REQUIRE(v.entries.size() == 2);
    const EntryRow* row = v.find_entry(v.entries[0].kind == journal::EntryKind::integration ? v.entries[0].id
                                                                                               : v.entries[1].id);
    REQUIRE(row);
    CHECK(row->title == "Warm");
    CHECK(row->preview == "It felt warm.");
    CHECK(row->session_label == "induction 1 of 2");
    CHECK(row->in_window);
    CHECK(v.all_tags == std::vector<std::string>{"body", "sea"});
    CHECK(v.kdf_description.find(" MiB, ") != std::string::npos);

    const HomeCard home = home_card(v, now);
    REQUIRE(home.windows.size() == 1);
    CHECK(home.windows[0].session->id == past);
    CHECK(home.windows[0].countdown == "integration window: 20 h left of 48");
    CHECK(home.windows[0].ideal);
    CHECK(home.windows[0].elapsed == doctest::Approx(28.0 / 48.0));
    REQUIRE(home.next);
    CHECK(home.next->id == next);

    // 21 hours later the window has closed; four days later nothing is upcoming.
    CHECK(home_card(v, now + 21 * kHour).windows.empty());
    const VaultView later = build_view(*vault, now + 96 * kHour);
    CHECK_FALSE(later.sessions[1].upcoming);
    CHECK(home_card(later, now + 96 * kHour).next == nullptr);
    // A window that has only just opened is not yet in its ideal part.
    const HomeCard early = home_card(v, now - 27 * kHour);
    REQUIRE(early.windows.size() == 1);
    CHECK(early.windows[0].countdown == "integration window: 47 h left of 48");
    CHECK_FALSE(early.windows[0].ideal);
}

TEST_CASE("view model: check-in trends keep the last 30 per scale - oldest first") {
    test::TempDir dir;
    auto vault = test::make_vault(dir / "v.afterglow");
    CHECK(build_view(*vault, 0).checkin_count == 0);
    CHECK(build_view(*vault, 0).last_checkin.empty());
    const std::int64_t t0 = 1'790'000'000;
    for (int i = 0; i < 35; ++i) {
        journal::CheckIn c;
        c.at = journal::from_utc(t0 + i * 86400);
        c.scores = {{"mood", static_cast<double>(i % 11), 0, 10}, {"sleep", 4, 0, 10}};
        save(*vault, c);
    }
    const VaultView v = build_view(*vault, t0 + 40 * 86400);
    CHECK(v.checkin_count == 35);
    CHECK(v.last_checkin == format_date(t0 + 34 * 86400));
    REQUIRE(v.trends.size() == journal::content::default_pack().checkin_scales.size());
    CHECK(v.trends[0].measure == "mood");
    REQUIRE(v.trends[0].values.size() == 30);
    CHECK(v.trends[0].values.front() == 5.0f);  // check-in 5 of 0..34
    CHECK(v.trends[0].values.back() == 1.0f);   // 34 % 11
    CHECK(v.trends[1].values.empty());           // anxiety was never given
    CHECK(v.trends[2].values.size() == 30);
}

TEST_CASE("view model: previews stop at the first line - cut on a UTF-8 boundary") {
    CHECK(preview_of("one line") == "one line");
    CHECK(preview_of("first\nsecond") == "first");
    std::string accents;
    for (int i = 0; i < 60; ++i) accents += "é";  // 120 bytes
    const std::string p = preview_of(accents);
    CHECK(p.size() == 90 + std::string("…").size());
    CHECK(p.substr(0, 2) == "é");
    CHECK(p.substr(88, 2) == "é");
    std::string odd = "a" + accents;  // byte 90 falls inside a character
    CHECK(preview_of(odd).size() == 89 + std::string("…").size());
}

TEST_CASE("view model: dates on screen are what strftime gives in several zones") {
    const char* old = std::getenv("TZ");
    const std::string saved = old ? old : "";
    for (const char* zone : {"UTC0", "EST5EDT,M3.2.0,M11.1.0", "NPT-5:45", "AEST-10AEDT,M10.1.0,M4.1.0/3"}) {
        setenv("TZ", zone, 1);
        tzset();
        CAPTURE(zone);
        // Every 7 h 13 min from 1990 to 2040: each weekday, month, both sides of midnight and
        // of the clock changes.
        for (std::int64_t t = 631152000; t < 2208988800; t += 7 * 3600 + 13 * 60 + 7) {
            CAPTURE(t);
            const std::string when = journal::format_local(t, "%a %d %b, %H:%M");
            const std::string date = journal::format_local(t, "%d %b %Y");
            if (format_when(t) != when || format_date(t) != date) {
                CHECK(format_when(t) == when);
                CHECK(format_date(t) == date);
                break;
            }
        }
    }
    if (old) setenv("TZ", saved.c_str(), 1);
    else unsetenv("TZ");
    tzset();
}
