// The check-in trend (issue 22 item 4): every scale on one time axis, the 0-10 scale, safety
// answers marked; the view's table rows.
#include <doctest/doctest.h>

#include <vector>

#include "app/core/checkin_chart.hpp"
#include "tests/app/controller_fixture.hpp"

using namespace afterglow::app;

namespace {
constexpr std::int64_t kDay = 86400, kT = 1'790'000'000;
MeasureTrend trend(const char* id, std::vector<float> v, std::vector<std::int64_t> t) {
    MeasureTrend m;
    m.measure = id;
    m.values = std::move(v);
    m.times = std::move(t);
    return m;
}
}  // namespace

TEST_CASE("check-in chart: lines with different numbers of points line up by date") {
    const std::vector<MeasureTrend> ts{trend("mood", {7, 6, 2}, {kT, kT + kDay, kT + 10 * kDay}),
                                       trend("sleep", {5, 4}, {kT, kT + 10 * kDay})};
    const Box area{100, 0, 400, 100};
    const CheckinAxis a = checkin_axis(ts, {}, {});
    REQUIRE_FALSE(a.empty());
    CHECK(a.first == kT);
    CHECK(a.last == kT + 10 * kDay);
    const auto mood = checkin_points(a, ts[0], area), sleep = checkin_points(a, ts[1], area);
    REQUIRE(mood.size() == 3);
    REQUIRE(sleep.size() == 2);
    CHECK(mood[0].x == doctest::Approx(sleep[0].x));
    CHECK(mood[2].x == doctest::Approx(sleep[1].x));
    // By date, not evenly: one day in is a tenth of the way to ten days in.
    CHECK((mood[1].x - mood[0].x) == doctest::Approx((mood[2].x - mood[0].x) / 10));
    // Inside the area, 0..10 top to bottom: a drop from 7 to 2 is half its height.
    for (const auto& p : mood) CHECK((p.x > area.x && p.x < area.right()));
    CHECK((mood[2].y - mood[0].y) == doctest::Approx(area.h * 0.5f));
}

TEST_CASE("check-in chart: a safety answer and a nearby session widen the axis - a far session does not") {
    const std::vector<MeasureTrend> ts{trend("mood", {5}, {kT})};
    const std::vector<std::int64_t> yes{kT + 5 * kDay};
    const CheckinAxis a = checkin_axis(ts, yes, std::vector<std::int64_t>{kT - 3 * kDay, kT + 400 * kDay});
    CHECK(a.first == kT - 3 * kDay);
    CHECK(a.last == kT + 5 * kDay);
    const Box area{0, 0, 100, 10};
    CHECK(axis_x(a, yes[0], area) > checkin_points(a, ts[0], area)[0].x);
    CHECK(checkin_axis({}, {}, {}).empty());
}

TEST_CASE("check-in trend view: times per value, rows newest first, safety yes answers listed") {
    ControllerFixture f;
    auto checkin = [&](int mood, SafetyAnswer safety) {
        f.run(cmd::Go{Screen::checkin});
        f.c->forms().checkin.scores[0] = mood;
        f.c->forms().checkin.safety = safety;
        if (safety == SafetyAnswer::yes) f.c->forms().checkin.crisis_shown = true;
        f.run(cmd::SaveCheckIn{});
        f.clock.unix_time += 2 * kDay;  // the wall clock only: no auto-lock
    };
    checkin(7, SafetyAnswer::no);
    checkin(2, SafetyAnswer::yes);
    const auto& v = f.c->view();
    REQUIRE(v.trends.size() >= 1);
    REQUIRE(v.trends[0].times.size() == 2);
    CHECK(v.trends[0].times[1] - v.trends[0].times[0] == 2 * kDay);
    REQUIRE(v.checkin_rows.size() == 2);
    CHECK(v.checkin_rows[0].time > v.checkin_rows[1].time);  // newest first
    REQUIRE(v.checkin_rows[0].values[0]);
    CHECK(*v.checkin_rows[0].values[0] == 2.0f);
    CHECK_FALSE(v.checkin_rows[0].values[1]);  // anxiety was not answered
    REQUIRE(v.checkin_rows[0].safety_yes);
    CHECK(*v.checkin_rows[0].safety_yes);
    REQUIRE(v.safety_yes.size() == 1);
    CHECK(v.safety_yes[0] == v.checkin_rows[0].time);
    f.run(cmd::Lock{});
    CHECK(f.c->view().checkin_rows.empty());
    CHECK(f.c->view().safety_yes.empty());
}
