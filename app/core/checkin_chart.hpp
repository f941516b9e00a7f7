// Pure geometry of the check-in trend (no ImGui): every scale on one shared time axis (so
// lines with different numbers of points line up by date), the 0-10 scale, sessions marked on
// the axis and the check-ins whose safety answer was "yes" marked where they happened.
// Unit-tested in tests/app/checkin_chart_test.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "app/core/layout.hpp"
#include "app/core/view_state.hpp"

namespace afterglow::app {

struct CheckinAxis {
    std::int64_t t0 = 0, t1 = 0;       // the range the x axis shows (a margin each side)
    std::int64_t first = 0, last = 0;  // the first and last mark: the dates to label
    bool empty() const { return t1 <= t0; }
};

// The shared axis of every trend's times, the safety answers and the sessions near them (as
// trend_chart: within kSessionReach, a twentieth's margin, at least a day).
CheckinAxis checkin_axis(std::span<const MeasureTrend> trends, std::span<const std::int64_t> safety_yes,
                         std::span<const std::int64_t> sessions);
float axis_x(const CheckinAxis& a, std::int64_t t, const Box& area);
// One scale's points on the axis: x by date, y by value on 0..10 (0 at the bottom).
std::vector<Point> checkin_points(const CheckinAxis& a, const MeasureTrend& t, const Box& area, float lo = 0,
                                  float hi = 10);

}  // namespace afterglow::app
