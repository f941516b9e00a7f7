#include "app/core/palette.hpp"

#include <algorithm>
#include <cmath>

namespace afterglow::app {
namespace {

// Warm, calm, and readable: every text colour ≥ 4.5:1 on the page and on surfaces, every
// boundary and the focus ring ≥ 3:1 (checked in tests/app/contrast_test.cpp).
constexpr Palette kLight{
    .bg = {250, 246, 241},
    .surface = {240, 233, 225},
    .surface_hover = {232, 222, 211},
    .surface_active = {224, 211, 197},
    .text = {58, 50, 46},
    .soft = {107, 96, 89},
    .accent = {150, 72, 38},
    .accent_hover = {136, 64, 33},
    .on_accent = {255, 250, 245},
    .boundary = {134, 119, 108},
    .divider = {226, 216, 205},
    .danger = {170, 58, 44},
    .toast = {46, 94, 74},
    .focus = {150, 72, 38},
};
constexpr Palette kDark{
    .bg = {30, 27, 29},
    .surface = {44, 40, 42},
    .surface_hover = {54, 49, 51},
    .surface_active = {64, 58, 60},
    .text = {233, 225, 216},
    .soft = {170, 160, 152},
    .accent = {228, 150, 110},
    .accent_hover = {238, 168, 130},
    .on_accent = {36, 28, 26},
    .boundary = {136, 125, 120},
    .divider = {62, 56, 58},
    .danger = {238, 128, 112},
    .toast = {46, 94, 74},
    .focus = {238, 168, 130},
};

double channel(std::uint8_t v) {
    const double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

}  // namespace

const Palette& palette(Theme t) { return t == Theme::light ? kLight : kDark; }

double relative_luminance(Rgb c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }

double contrast_ratio(Rgb a, Rgb b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace afterglow::app
