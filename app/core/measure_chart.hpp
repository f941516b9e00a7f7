// Pure geometry of the trend chart of questionnaire totals (no ImGui): points placed by
// their date on a shared time axis, sessions marked on that axis, and which point the mouse
// is over. Unit-tested in tests/app/measure_chart_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "app/core/layout.hpp"

namespace afterglow::app {

struct TrendChart {
    std::vector<Point> points;      // one per total, in the order given (oldest first)
    std::vector<float> session_x;   // sessions inside the time range, in the order given
    std::vector<std::size_t> session_index;  // which of the given sessions each mark is
    std::int64_t t0 = 0, t1 = 0;    // the time range the x axis shows (a margin each side)
    std::int64_t first = 0, last = 0;  // the first and last mark (a total or a session): the dates to label
};

inline constexpr std::int64_t kSessionReach = 30 * 86400;

// `times` (UTC seconds, oldest first) and `totals` are the same length; totals run 0…max
// (y grows downwards, 0 at the bottom). The range spans the totals and the sessions within
// kSessionReach of them, with a margin of a twentieth on each side (at least a day), so a
// single total alone sits in the middle; sessions further away are not marked.
TrendChart trend_chart(std::span<const std::int64_t> times, std::span<const double> totals, double max,
                       std::span<const std::int64_t> sessions, const Box& area);

// The point nearest the mouse within `radius` (horizontally and vertically), if any.
std::optional<std::size_t> point_under(const TrendChart& c, float mx, float my, float radius);

}  // namespace afterglow::app
