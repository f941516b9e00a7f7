// The journey's words from the content pack in use (assets/pack/journey.json, or a clinic
// pack's own words once it is imported): the first-run welcome's pages, reminder texts and
// schedule suggestions, looked up by stable id.
#pragma once

#include <span>
#include <string_view>

#include "journal/content/pack.hpp"

namespace afterglow::app {

// The welcome's pages in order.
std::span<const journal::content::JourneyText> welcome_pages(const journal::content::Pack& pack);
// The text with `id`; an empty text (never a crash) when a pack lacks it.
const journal::content::JourneyText& journey_text(const journal::content::Pack& pack, std::string_view id);

}  // namespace afterglow::app
