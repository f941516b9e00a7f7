// Home's "keep a copy" reminder (app/core/storage_advice.hpp): when the browser may clear its
// storage, a week after the last copy (or first use); never while storage is persistent.
#include <doctest/doctest.h>

#include "app/core/settings.hpp"
#include "app/core/storage_advice.hpp"
#include "journal/time.hpp"

#include <unistd.h>

#include <filesystem>

using namespace afterglow::app;

TEST_CASE("storage advice: a week after first use without a copy, then a week after each copy") {
    const std::int64_t day = 86400, t0 = *afterglow::journal::parse_iso8601("2026-12-01T09:00:00Z");
    Settings s;
    CHECK_FALSE(copy_reminder(false, s, t0));  // first use not noted yet
    note_first_use(s, t0);
    note_first_use(s, t0 + 3 * day);  // only once
    CHECK(s.first_use == "2026-12-01T09:00:00Z");
    CHECK_FALSE(copy_reminder(false, s, t0 + 6 * day));
    auto r = copy_reminder(false, s, t0 + 7 * day);
    REQUIRE(r);
    CHECK(r->days == 7);
    CHECK_FALSE(r->ever);
    CHECK_FALSE(copy_reminder(true, s, t0 + 30 * day));  // persistent storage: no reminder
    note_copy_made(s, t0 + 8 * day);
    CHECK_FALSE(copy_reminder(false, s, t0 + 14 * day));
    r = copy_reminder(false, s, t0 + 19 * day);
    REQUIRE(r);
    CHECK(r->days == 11);
    CHECK(r->ever);
}

TEST_CASE("storage advice: the dates survive the settings file") {
    Settings s;
    note_first_use(s, 1'700'000'000);
    note_copy_made(s, 1'700'086'400);
    const auto dir = std::filesystem::temp_directory_path() / ("ag-advice-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    REQUIRE(save_settings(dir / "settings.ini", s));
    const Settings back = load_settings(dir / "settings.ini");
    CHECK(back.first_use == s.first_use);
    CHECK(back.last_copy == s.last_copy);
    std::filesystem::remove_all(dir);
}
