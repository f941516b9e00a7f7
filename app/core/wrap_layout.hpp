// Word-wrap layout for TextDocument, independent of any renderer: the caller supplies glyph
// advances. Only paragraphs whose text or wrap width changed are laid out again, and the
// visual-line index is a prefix sum, so a 20,000-word document stays fast to edit and draw.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "app/core/text_document.hpp"

namespace afterglow::app {

using AdvanceFn = std::function<float(std::uint32_t codepoint)>;

struct VisualLine {
    std::size_t para = 0;
    std::size_t begin = 0, end = 0;  // byte range inside the paragraph (end excludes the break)
};

class WrapLayout {
public:
    // Re-lays out stale paragraphs. Returns how many paragraphs were laid out.
    std::size_t update(TextDocument& doc, float wrap_width, const AdvanceFn& advance);

    std::size_t line_count() const { return prefix_.empty() ? 0 : prefix_.back(); }
    VisualLine line(const TextDocument& doc, std::size_t index) const;
    std::size_t line_of(const TextDocument& doc, TextPos p) const;  // visual line of a caret
    // Caret x offset (from the line start) and the position nearest to x on a visual line.
    float x_of(const TextDocument& doc, TextPos p, const AdvanceFn& advance) const;
    TextPos pos_at(const TextDocument& doc, std::size_t line_index, float x, const AdvanceFn& advance) const;

    // Lays out one paragraph: byte offsets where visual lines start (always starts with 0).
    static std::vector<std::uint32_t> wrap(std::string_view text, float width, const AdvanceFn& advance);

private:
    std::vector<std::size_t> prefix_;  // prefix_[i] = visual lines in paragraphs [0, i]
    std::uint64_t seen_structure_ = 0;
    float width_ = -1;
};

// Decodes one UTF-8 code point at s[i], advancing i (invalid bytes give U+FFFD).
std::uint32_t decode_utf8(std::string_view s, std::size_t& i);

}  // namespace afterglow::app
