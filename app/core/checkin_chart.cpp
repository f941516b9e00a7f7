#include "app/core/checkin_chart.hpp"

#include <algorithm>

#include "app/core/measure_chart.hpp"

namespace afterglow::app {

CheckinAxis checkin_axis(std::span<const MeasureTrend> trends, std::span<const std::int64_t> safety_yes,
                         std::span<const std::int64_t> sessions) {
    std::vector<std::int64_t> times(safety_yes.begin(), safety_yes.end());
    for (const auto& t : trends) times.insert(times.end(), t.times.begin(), t.times.end());
    CheckinAxis a;
    if (times.empty()) return a;
    // The questionnaire chart's rule for the range, on all the times at once.
    const std::vector<double> zeros(times.size(), 0.0);
    const TrendChart c = trend_chart(times, zeros, 1, sessions, Box{0, 0, 1, 1});
    a.t0 = c.t0, a.t1 = c.t1, a.first = c.first, a.last = c.last;
    return a;
}

float axis_x(const CheckinAxis& a, std::int64_t t, const Box& area) {
    if (a.empty()) return area.x + area.w * 0.5f;
    return area.x + static_cast<float>(static_cast<double>(t - a.t0) / static_cast<double>(a.t1 - a.t0)) * area.w;
}

std::vector<Point> checkin_points(const CheckinAxis& a, const MeasureTrend& t, const Box& area, float lo, float hi) {
    std::vector<Point> out;
    const std::size_t n = std::min(t.values.size(), t.times.size());
    const float span = hi > lo ? hi - lo : 1;
    for (std::size_t i = 0; i < n; ++i) {
        const float v = std::clamp((t.values[i] - lo) / span, 0.0f, 1.0f);
        out.push_back({axis_x(a, t.times[i], area), area.y + (1.0f - v) * area.h});
    }
    return out;
}

}  // namespace afterglow::app
