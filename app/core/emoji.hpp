// Emoji in a GUI built with 16-bit characters (Dear ImGui 1.86 from Debian, and the same
// sources in the web build): an emoji beyond U+FFFF cannot be named to the font atlas, so
// Afterglow's own emoji font (scripts/emoji-font.py, from Debian's fonts-symbola: monochrome
// outlines that FreeType draws into the atlas and text colour tints) holds the emoji blocks
// below at Private Use Area code points, and what draws text (the editor) asks for the slot
// instead. The text itself keeps the real characters: only drawing is moved.
// This table is the one place the blocks are listed: the font script reads it from here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace afterglow::app {

struct EmojiBlock {
    std::uint32_t first, last;  // the emoji's own code points
    std::uint16_t slot;         // where `first` is drawn from (Private Use Area)
};

// Misc Symbols and Pictographs, Emoticons, Transport and Map; Supplemental Symbols and
// Pictographs (1,103 glyphs in Symbola). The Alchemical, Geometric Extended and Arrows-C blocks
// between them are left out: they are not emoji, and the atlas has room to save.
inline constexpr EmojiBlock kEmojiBlocks[] = {
    {0x1F300, 0x1F6FF, 0xE000},
    {0x1F900, 0x1F9FF, 0xE400},
};

// The Private Use Area code point an emoji is drawn from, or nothing (not in the blocks).
std::optional<std::uint16_t> emoji_slot(std::uint32_t cp);

// The text as drawn: each emoji of the blocks replaced by its slot (UTF-8); everything else,
// byte for byte, as it was.
std::string emoji_for_drawing(std::string_view utf8);

// Whether the text holds a character beyond U+FFFF (a four-byte UTF-8 sequence).
bool has_astral(std::string_view utf8);

}  // namespace afterglow::app
