// The journey's words from the content pack (assets/pack/journey.json): the first-run
// welcome's pages, reminder texts and schedule suggestions, looked up by stable id.
#pragma once

#include <span>
#include <string_view>

#include "journal/content/pack.hpp"

namespace afterglow::app {

// The welcome's pages in order.
std::span<const journal::content::JourneyText> welcome_pages();
// The text with `id`; an empty text (never a crash) when a pack lacks it.
const journal::content::JourneyText& journey_text(std::string_view id);

}  // namespace afterglow::app
