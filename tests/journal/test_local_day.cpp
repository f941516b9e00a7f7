// end_of_local_day: a local day is 23, 24 or 25 hours long. The zone is a POSIX TZ rule
// (Central European time), so the test needs no tzdata files.
#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "journal/time.hpp"

using namespace afterglow::journal;

namespace {

// Sets TZ for the test and puts the old value back afterwards.
class ZoneGuard {
public:
    explicit ZoneGuard(const char* tz) {
        if (const char* old = std::getenv("TZ")) old_ = old;
        setenv("TZ", tz, 1);
        tzset();
    }
    ~ZoneGuard() {
        if (old_) setenv("TZ", old_->c_str(), 1);
        else unsetenv("TZ");
        tzset();
    }
    ZoneGuard(const ZoneGuard&) = delete;
    ZoneGuard& operator=(const ZoneGuard&) = delete;

private:
    std::optional<std::string> old_;
};

std::int64_t at(const char* iso) {
    auto t = parse_iso8601(iso);
    REQUIRE(t);
    return *t;
}

}  // namespace

TEST_CASE("end of the local day: an ordinary day is 24 hours") {
    ZoneGuard zone("CET-1CEST,M3.5.0,M10.5.0/3");
    CHECK(end_of_local_day(at("2026-11-25T10:00:00Z")) == at("2026-11-25T22:59:59Z"));
    CHECK(end_of_local_day(at("2026-11-25")) == at("2026-11-25") + 86400 - 1);
    // The last second belongs to its own day; the next second starts the next one.
    const std::int64_t end = end_of_local_day(at("2026-11-25T12:00"));
    CHECK(end_of_local_day(end) == end);
    CHECK(to_local_date(end) == "2026-11-25");
    CHECK(to_local_date(end + 1) == "2026-11-26");
}

TEST_CASE("end of the local day across DST: 23 hours in spring and 25 in autumn") {
    ZoneGuard zone("CET-1CEST,M3.5.0,M10.5.0/3");
    // 29 March 2026: clocks go from 02:00 to 03:00.
    const std::int64_t spring = at("2026-03-29");
    CHECK(spring == at("2026-03-28T23:00:00Z"));
    CHECK(end_of_local_day(spring + 3600) == at("2026-03-29T21:59:59Z"));
    CHECK(end_of_local_day(spring) - spring + 1 == 23 * 3600);
    CHECK(to_local_date(end_of_local_day(spring) + 1) == "2026-03-30");
    CHECK(spring + 86400 - 1 != end_of_local_day(spring));  // the old assumption was wrong here
    // 25 October 2026: clocks go from 03:00 back to 02:00.
    const std::int64_t autumn = at("2026-10-25");
    CHECK(autumn == at("2026-10-24T22:00:00Z"));
    CHECK(end_of_local_day(at("2026-10-25T23:30")) == at("2026-10-25T22:59:59Z"));
    CHECK(end_of_local_day(autumn) - autumn + 1 == 25 * 3600);
    CHECK(to_local_date(end_of_local_day(autumn)) == "2026-10-25");
    CHECK(to_local_date(end_of_local_day(autumn) + 1) == "2026-10-26");
}
