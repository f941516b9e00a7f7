// The two themes' colours as plain data (no ImGui), so their contrast is checked in a unit
// test (tests/app/contrast_test.cpp): WCAG 2.2 AA, text ≥ 4.5:1 and control boundaries and
// focus rings ≥ 3:1 against what they sit on. theme.cpp turns them into Dear ImGui's style.
#pragma once

#include <cstdint>

#include "app/core/settings.hpp"

namespace afterglow::app {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

struct Palette {
    Rgb bg;              // the page
    Rgb surface;         // fields, buttons, cards
    Rgb surface_hover;   // hovered surface
    Rgb surface_active;  // pressed surface
    Rgb text;            // body text
    Rgb soft;            // secondary text (hints, dates)
    Rgb accent;          // labels in colour, the checkmark, the slider grab, the primary button
    Rgb accent_hover;    // hovered primary button
    Rgb on_accent;       // text on the primary button
    Rgb boundary;        // the outline of every field, checkbox and button
    Rgb divider;         // separators (decorative)
    Rgb danger;          // error text and the "not encrypted" warning
    Rgb toast;           // the confirmation toast (white text on it)
    Rgb focus;           // the keyboard focus ring
};

const Palette& palette(Theme t);

// WCAG 2.x relative luminance and contrast ratio (1..21).
double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);

}  // namespace afterglow::app
