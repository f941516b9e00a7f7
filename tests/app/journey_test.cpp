// Countdown texts and their wake-up timing, the checklist, word counts.
#include <doctest/doctest.h>

#include "app/core/journey.hpp"

using namespace afterglow;
using namespace afterglow::app;

TEST_CASE("countdown text") {
    journal::IntegrationWindow w{1000, 1000 + 48 * 3600};
    CHECK(countdown_text(w, 1000 + 17 * 3600) == "integration window: 31 h left of 48");
    CHECK(countdown_text(w, w.closes - 600) == "integration window: 10 min left of 48 h");
    CHECK(countdown_text(w, w.closes) == "integration window closed");
    CHECK(countdown_text(w, 1000 - 2 * 3600 - 5) == "integration window opens in 3 h");
}

TEST_CASE("the countdown wakes the loop exactly when its text changes") {
    journal::IntegrationWindow w{0, 48 * 3600};
    for (std::int64_t now : {std::int64_t{5}, std::int64_t{3600}, std::int64_t{17 * 3600 + 123}, w.closes - 3700, w.closes - 61}) {
        const std::int64_t dt = seconds_until_countdown_changes(w, now);
        REQUIRE(dt > 0);
        CHECK(countdown_text(w, now + dt - 1) == countdown_text(w, now));
        CHECK(countdown_text(w, now + dt) != countdown_text(w, now));
    }
}

TEST_CASE("ideal part of the window: 24–48 h") {
    journal::IntegrationWindow w{0, 48 * 3600};
    CHECK_FALSE(in_ideal_part(w, 3600));
    CHECK(in_ideal_part(w, 30 * 3600));
    CHECK_FALSE(in_ideal_part(w, 49 * 3600));
}

TEST_CASE("checklist completion and preparation status") {
    auto items = default_checklist(journal::content::default_pack());
    CHECK(items.size() == 6);
    CHECK(items[0].id == "prep.driver");
    CHECK(checklist_completion(items).done == 0);
    CHECK_FALSE(checklist_completion(items).complete());
    items[0].done = items[3].done = true;
    CHECK(checklist_completion(items).done == 2);
    journal::Entry intention;
    intention.checklist = items;
    CHECK(preparation_status(&intention) == "Preparation: 2 of 6 ready");
    for (auto& i : intention.checklist) i.done = true;
    CHECK(preparation_status(&intention) == "Preparation: all ready");
    CHECK(preparation_status(nullptr) == "No intention yet");
}

TEST_CASE("word count") {
    CHECK(count_words("") == 0);
    CHECK(count_words("  one two\nthree\t four ") == 4);
    CHECK(count_words("Привет мир") == 2);
}

TEST_CASE("session stage follows time - before - window open - after") {
    const journal::IntegrationWindow w{1000, 1000 + 48 * 3600};
    CHECK(session_stage(std::nullopt, 5) == SessionStage::undated);
    CHECK(session_stage(w, 999) == SessionStage::before);
    CHECK(session_stage(w, 1000) == SessionStage::window_open);
    CHECK(session_stage(w, 1000 + 48 * 3600 - 1) == SessionStage::window_open);
    CHECK(session_stage(w, 1000 + 48 * 3600) == SessionStage::after);
    CHECK(std::string(stage_hint(SessionStage::window_open)).find("window") != std::string::npos);
    CHECK(std::string(stage_hint(SessionStage::before)).empty());
}

TEST_CASE("intention titles: the phase is today's - a title the user wrote is kept") {
    CHECK(intention_title("Intention", "induction 2 of 3") == "Intention for induction 2 of 3");
    CHECK(intention_title("Intention for induction 2 of 2", "induction 2 of 3") == "Intention for induction 2 of 3");
    CHECK(intention_title("", "") == "Intention");
    CHECK(intention_title("My hopes for Tuesday", "induction 2 of 3") == "My hopes for Tuesday");
}
