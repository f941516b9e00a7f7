// Pure geometry for screens (no ImGui): the top bar's flow into rows, and the points of a
// check-in trend line. Unit-tested in tests/app/layout_test.cpp.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace afterglow::app {

struct Box {
    float x = 0, y = 0, w = 0, h = 0;
    float right() const { return x + w; }
    float bottom() const { return y + h; }
    bool overlaps(const Box& o) const { return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom(); }
    bool inside(float width, float height) const { return x >= 0 && y >= 0 && right() <= width && bottom() <= height; }
};

// Places items of the given widths (all `height` tall) left to right from (x0, y0), starting
// a new row when the next would pass `max_right`; rows are `height + gap` apart. An item
// wider than the whole row gets a row of its own (it is never shrunk: its caller wraps text).
std::vector<Box> flow(std::span<const float> widths, float height, float x0, float y0, float max_right, float gap);

struct Point {
    float x = 0, y = 0;
};
// A trend line for values in [lo, hi] drawn in `area` (y grows downwards): one point per
// value, evenly spaced; a single value sits in the middle, so one check-in already shows.
std::vector<Point> trend_points(std::span<const float> values, float lo, float hi, const Box& area);

}  // namespace afterglow::app
