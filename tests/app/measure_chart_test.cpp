// The trend chart's geometry (measure_chart.hpp).
#include <doctest/doctest.h>

#include <vector>

#include "app/core/measure_chart.hpp"

using namespace afterglow::app;

TEST_CASE("measure chart: points by date and total") {
    const Box area{100, 50, 400, 200};
    const std::int64_t day = 86400, t0 = 1'800'000'000;
    const std::vector<std::int64_t> times{t0, t0 + 10 * day, t0 + 40 * day};
    const std::vector<double> totals{27, 13.5, 0};
    const TrendChart c = trend_chart(times, totals, 27, {}, area);
    REQUIRE(c.points.size() == 3);
    CHECK(c.t0 == t0 - 2 * day);  // a twentieth of 40 days on each side
    CHECK(c.t1 == t0 + 42 * day);
    CHECK(c.first == t0);  // the labelled dates are the first and last totals, not the margins
    CHECK(c.last == t0 + 40 * day);
    CHECK(c.points[0].y == doctest::Approx(50));   // the maximum at the top
    CHECK(c.points[1].y == doctest::Approx(150));
    CHECK(c.points[2].y == doctest::Approx(250));  // 0 at the bottom
    CHECK(c.points[0].x == doctest::Approx(100 + 400.0 * 2 / 44));
    CHECK(c.points[2].x == doctest::Approx(100 + 400.0 * 42 / 44));
    CHECK(c.points[1].x > c.points[0].x);  // spaced by time, not evenly
    CHECK(c.points[1].x - c.points[0].x < (c.points[2].x - c.points[1].x) / 2);
}

TEST_CASE("measure chart: one total sits in the middle and out of range totals are clamped") {
    const Box area{0, 0, 300, 100};
    const std::vector<std::int64_t> times{1'800'000'000};
    const std::vector<double> totals{40};
    const TrendChart c = trend_chart(times, totals, 27, {}, area);
    REQUIRE(c.points.size() == 1);
    CHECK(c.points[0].x == doctest::Approx(150));
    CHECK(c.points[0].y == doctest::Approx(0));
    CHECK(trend_chart({}, {}, 27, {}, area).points.empty());
    CHECK(trend_chart(times, totals, 27, {}, Box{0, 0, 0, 100}).points.empty());
}

TEST_CASE("measure chart: sessions near the totals are marked and widen the axis") {
    const Box area{0, 0, 440, 100};
    const std::int64_t day = 86400, t0 = 1'800'000'000;
    const std::vector<std::int64_t> times{t0, t0 + 40 * day};
    const std::vector<double> totals{10, 5};
    const std::vector<std::int64_t> sessions{t0 - 60 * day, t0 + 20 * day, t0 + 60 * day, t0 + 90 * day};
    const TrendChart c = trend_chart(times, totals, 27, sessions, area);
    CHECK(c.t0 == t0 - 3 * day);  // 60 days with the session: a twentieth is 3 days
    CHECK(c.t1 == t0 + 63 * day);
    CHECK(c.last == t0 + 60 * day);  // the session joined the axis: its date is labelled
    REQUIRE(c.session_x.size() == 2);
    CHECK(c.session_index == std::vector<std::size_t>{1, 2});
    CHECK(c.session_x[0] == doctest::Approx(440.0 * 23 / 66));
    CHECK(c.session_x[1] == doctest::Approx(440.0 * 63 / 66));
    // One total three days after a session: both show, the session on the left.
    const std::vector<std::int64_t> one{t0};
    const std::vector<double> total{8};
    const std::vector<std::int64_t> before{t0 - 3 * day};
    const TrendChart d = trend_chart(one, total, 27, before, area);
    REQUIRE(d.session_x.size() == 1);
    REQUIRE(d.points.size() == 1);
    CHECK(d.session_x[0] < d.points[0].x);
    CHECK(d.t0 == t0 - 4 * day);
    CHECK(d.t1 == t0 + day);
}

TEST_CASE("measure chart: the point under the mouse") {
    TrendChart c;
    c.points = {{10, 10}, {30, 12}, {200, 50}};
    CHECK(point_under(c, 12, 11, 8) == std::optional<std::size_t>(0));
    CHECK(point_under(c, 26, 12, 8) == std::optional<std::size_t>(1));
    CHECK_FALSE(point_under(c, 100, 30, 8));
    CHECK_FALSE(point_under(c, 200, 70, 8));  // right x, too far below
}
