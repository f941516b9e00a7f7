#include "app/core/layout.hpp"

#include <algorithm>

namespace afterglow::app {

std::vector<Box> flow(std::span<const float> widths, float height, float x0, float y0, float max_right, float gap) {
    std::vector<Box> out;
    out.reserve(widths.size());
    float x = x0, y = y0;
    for (const float w : widths) {
        if (x > x0 && x + w > max_right) {
            x = x0;
            y += height + gap;
        }
        out.push_back({x, y, w, height});
        x += w + gap;
    }
    return out;
}

std::vector<Point> trend_points(std::span<const float> values, float lo, float hi, const Box& area) {
    std::vector<Point> out;
    if (values.empty() || area.w <= 0 || area.h <= 0) return out;
    const float span = hi > lo ? hi - lo : 1.0f;
    const std::size_t n = values.size();
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const float t = n == 1 ? 0.5f : static_cast<float>(i) / static_cast<float>(n - 1);
        const float v = std::clamp((values[i] - lo) / span, 0.0f, 1.0f);
        out.push_back({area.x + t * area.w, area.y + (1.0f - v) * area.h});
    }
    return out;
}

}  // namespace afterglow::app
