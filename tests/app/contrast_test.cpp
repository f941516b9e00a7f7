// WCAG 2.2 AA contrast of both themes, computed from the colours theme.cpp uses: text
// ≥ 4.5:1 (1.4.3), control boundaries and the focus ring ≥ 3:1 (1.4.11, 2.4.13).
#include <doctest/doctest.h>

#include <string>

#include "app/core/palette.hpp"

using namespace afterglow::app;

namespace {

void require(const char* what, Rgb fg, Rgb bg, double min) {
    const double r = contrast_ratio(fg, bg);
    INFO(what << ": " << r << ":1, needs " << min << ":1");
    CHECK(r >= min);
}

}  // namespace

TEST_CASE("contrast: the formula matches WCAG's known values") {
    CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
    CHECK(contrast_ratio({255, 255, 255}, {255, 255, 255}) == doctest::Approx(1.0));
    CHECK(contrast_ratio({118, 118, 118}, {255, 255, 255}) == doctest::Approx(4.54).epsilon(0.01));  // #767676
    CHECK(contrast_ratio({128, 116, 108}, {250, 246, 241}) < 4.5);  // the old grey text failed
}

TEST_CASE("contrast: both themes meet WCAG 2.2 AA") {
    for (const Theme t : {Theme::light, Theme::dark}) {
        const Palette& p = palette(t);
        INFO((t == Theme::light ? "light" : "dark"));
        for (const Rgb under : {p.bg, p.surface, p.surface_hover}) {
            require("text", p.text, under, 4.5);
            require("secondary text", p.soft, under, 4.5);
            require("accent text", p.accent, under, 4.5);
            require("error text", p.danger, under, 4.5);
            require("field/checkbox/button boundary", p.boundary, under, 3.0);
            require("focus ring", p.focus, under, 3.0);
        }
        require("checkmark and slider grab on a field", p.accent, p.surface, 3.0);
        require("text on the primary button", p.on_accent, p.accent, 4.5);
        require("text on the hovered primary button", p.on_accent, p.accent_hover, 4.5);
        require("toast text", {255, 255, 255}, p.toast, 4.5);
    }
}
