// Geometry the screens use: the top bar wraps instead of overlapping, and a trend line has a
// point for every check-in (one or two included).
#include <doctest/doctest.h>

#include "app/core/layout.hpp"

using namespace afterglow::app;

TEST_CASE("layout: the top bar flows into rows - no two targets overlap - all inside the width") {
    // Eight buttons as wide as at font size 28 in a 400 px window.
    const float widths[] = {150, 90, 120, 130, 160, 100, 110, 170};
    const auto boxes = flow(widths, 44, 10, 8, 390, 8);
    REQUIRE(boxes.size() == std::size(widths));
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        CHECK(boxes[i].w == widths[i]);
        CHECK(boxes[i].right() <= 390);
        CHECK(boxes[i].x >= 10);
        for (std::size_t j = i + 1; j < boxes.size(); ++j) CHECK_FALSE(boxes[i].overlaps(boxes[j]));
    }
    CHECK(boxes.back().y > boxes.front().y);  // it wrapped
    // Wide enough: one row.
    const auto one_row = flow(widths, 44, 0, 0, 2000, 8);
    for (const auto& b : one_row) CHECK(b.y == 0);
    // An item wider than the row gets a row of its own and the next starts below it.
    const float wide[] = {50, 500, 50};
    const auto w = flow(wide, 30, 0, 0, 300, 5);
    CHECK(w[1].x == 0);
    CHECK(w[1].y > w[0].y);
    CHECK(w[2].y > w[1].y);
}

TEST_CASE("layout: trend points - one check-in is a point - two are a line across") {
    const Box area{100, 50, 200, 40};
    const float one[] = {5};
    const auto p1 = trend_points(one, 0, 10, area);
    REQUIRE(p1.size() == 1);
    CHECK(p1[0].x == doctest::Approx(200));
    CHECK(p1[0].y == doctest::Approx(70));
    const float two[] = {0, 10};
    const auto p2 = trend_points(two, 0, 10, area);
    REQUIRE(p2.size() == 2);
    CHECK(p2[0].x == doctest::Approx(100));
    CHECK(p2[0].y == doctest::Approx(90));  // 0: the bottom
    CHECK(p2[1].x == doctest::Approx(300));
    CHECK(p2[1].y == doctest::Approx(50));  // 10: the top
    const float wild[] = {-3, 14};
    for (const auto& p : trend_points(wild, 0, 10, area)) CHECK((p.y >= 50 && p.y <= 90));
    CHECK(trend_points({}, 0, 10, area).empty());
}
