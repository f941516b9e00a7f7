#include "app/core/journey_texts.hpp"

namespace afterglow::app {

std::span<const journal::content::JourneyText> welcome_pages() { return journal::content::default_pack().welcome; }

const journal::content::JourneyText& journey_text(std::string_view id) {
    static const journal::content::JourneyText none;
    const auto* t = journal::content::default_pack().journey_text(id);
    return t ? *t : none;
}

}  // namespace afterglow::app
