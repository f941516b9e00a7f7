#include "app/core/measure_chart.hpp"

#include <algorithm>
#include <cmath>

namespace afterglow::app {

TrendChart trend_chart(std::span<const std::int64_t> times, std::span<const double> totals, double max,
                       std::span<const std::int64_t> sessions, const Box& area) {
    TrendChart c;
    const std::size_t n = std::min(times.size(), totals.size());
    if (n == 0 || area.w <= 0 || area.h <= 0) return c;
    const auto [lo_it, hi_it] = std::minmax_element(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(n));
    std::int64_t lo = *lo_it, hi = *hi_it;
    for (const std::int64_t s : sessions)  // a session near the totals joins the axis
        if (s >= *lo_it - kSessionReach && s <= *hi_it + kSessionReach) lo = std::min(lo, s), hi = std::max(hi, s);
    const std::int64_t margin = std::max<std::int64_t>((hi - lo) / 20, 86400);
    c.t0 = lo - margin;
    c.t1 = hi + margin;
    const double span = static_cast<double>(c.t1 - c.t0);
    auto x_of = [&](std::int64_t t) { return area.x + static_cast<float>(static_cast<double>(t - c.t0) / span) * area.w; };
    c.first = lo;
    c.last = hi;
    const double top = max > 0 ? max : 1;
    for (std::size_t i = 0; i < n; ++i) {
        const float v = static_cast<float>(std::clamp(totals[i] / top, 0.0, 1.0));
        c.points.push_back({x_of(times[i]), area.y + (1.0f - v) * area.h});
    }
    for (std::size_t i = 0; i < sessions.size(); ++i)
        if (sessions[i] >= c.t0 && sessions[i] <= c.t1) {
            c.session_x.push_back(x_of(sessions[i]));
            c.session_index.push_back(i);
        }
    return c;
}

std::optional<std::size_t> point_under(const TrendChart& c, float mx, float my, float radius) {
    std::optional<std::size_t> best;
    float best_d = 0;
    for (std::size_t i = 0; i < c.points.size(); ++i) {
        const float dx = std::fabs(c.points[i].x - mx), dy = std::fabs(c.points[i].y - my);
        if (dx > radius || dy > radius) continue;
        const float d = dx * dx + dy * dy;
        if (!best || d < best_d) best = i, best_d = d;
    }
    return best;
}

}  // namespace afterglow::app
