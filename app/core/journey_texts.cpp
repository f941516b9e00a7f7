#include "app/core/journey_texts.hpp"

namespace afterglow::app {

std::span<const journal::content::JourneyText> welcome_pages(const journal::content::Pack& pack) { return pack.welcome; }

const journal::content::JourneyText& journey_text(const journal::content::Pack& pack, std::string_view id) {
    static const journal::content::JourneyText none;
    const auto* t = pack.journey_text(id);
    return t ? *t : none;
}

}  // namespace afterglow::app
