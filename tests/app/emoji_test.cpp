// Emoji drawn from the emoji font's Private Use Area slots (app/core/emoji.hpp): the mapping
// the editor draws with, and that the text itself is never changed by it.
#include <doctest/doctest.h>

#include "app/core/emoji.hpp"

using namespace afterglow::app;

TEST_CASE("emoji: each emoji of the blocks has its own slot, everything else none") {
    CHECK(emoji_slot(0x1F305) == std::optional<std::uint16_t>(0xE005));  // 🌅 sunrise
    CHECK(emoji_slot(0x1F300) == std::optional<std::uint16_t>(0xE000));
    CHECK(emoji_slot(0x1F600) == std::optional<std::uint16_t>(0xE300));  // 😀
    CHECK(emoji_slot(0x1F6FF) == std::optional<std::uint16_t>(0xE3FF));
    CHECK(emoji_slot(0x1F917) == std::optional<std::uint16_t>(0xE417));  // 🤗
    CHECK_FALSE(emoji_slot(0x1F700));  // alchemical: left out
    CHECK_FALSE(emoji_slot('A'));
    CHECK_FALSE(emoji_slot(0x2600));  // BMP symbols come from DejaVu as they are
    // No two emoji share a slot, and every slot is in the Private Use Area (U+E000-U+F8FF).
    for (std::size_t i = 0; i < std::size(kEmojiBlocks); ++i) {
        const auto& a = kEmojiBlocks[i];
        CHECK(a.slot >= 0xE000);
        CHECK(a.slot + (a.last - a.first) <= 0xF8FF);
        for (std::size_t j = i + 1; j < std::size(kEmojiBlocks); ++j) {
            const auto& b = kEmojiBlocks[j];
            CHECK((a.slot + (a.last - a.first) < b.slot || b.slot + (b.last - b.first) < a.slot));
        }
    }
}

TEST_CASE("emoji: the text as drawn moves only the emoji, the rest stays byte for byte") {
    const std::string text = "warm \xF0\x9F\x8C\x85 light, \xD0\x9F\xD1\x80\xD0\xB8 \xF0\x9F\x9C\x80!";  // 🌅, При, 🜀
    CHECK(has_astral(text));
    CHECK_FALSE(has_astral("plain, \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D"));
    const std::string shown = emoji_for_drawing(text);
    CHECK(shown == "warm \xEE\x80\x85 light, \xD0\x9F\xD1\x80\xD0\xB8 \xF0\x9F\x9C\x80!");  // U+E005; 🜀 left as it is
    CHECK(emoji_for_drawing("") == "");
    CHECK(emoji_for_drawing("\xF0\x9F") == "\xF0\x9F");  // a cut sequence stays as it was
}
