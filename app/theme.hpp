// Calm light and dark themes: warm neutrals, one soft sunset accent, generous spacing.
#pragma once

#include "app/core/settings.hpp"

namespace afterglow::app {

// Applies colours and em-based sizes (`em` = body font size in pixels).
void apply_theme(Theme theme, float em);

}  // namespace afterglow::app
