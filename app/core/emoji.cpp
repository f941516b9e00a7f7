#include "app/core/emoji.hpp"

#include "app/core/wrap_layout.hpp"

namespace afterglow::app {

std::optional<std::uint16_t> emoji_slot(std::uint32_t cp) {
    for (const EmojiBlock& b : kEmojiBlocks)
        if (cp >= b.first && cp <= b.last) return static_cast<std::uint16_t>(b.slot + (cp - b.first));
    return std::nullopt;
}

bool has_astral(std::string_view s) {
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xF8) == 0xF0) return true;
    return false;
}

std::string emoji_for_drawing(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t at = i;
        const std::uint32_t cp = decode_utf8(s, i);
        if (const auto slot = emoji_slot(cp)) {  // a three-byte sequence for the slot
            out += static_cast<char>(0xE0 | (*slot >> 12));
            out += static_cast<char>(0x80 | ((*slot >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (*slot & 0x3F));
        } else {
            out.append(s.substr(at, i - at));
        }
    }
    return out;
}

}  // namespace afterglow::app
