// The integration editor's text model: paragraphs (split at '\n'), a caret-friendly position
// type, edit operations with coalescing undo/redo, and a per-paragraph layout cache slot so
// wrapping stays incremental (only edited paragraphs are laid out again). No UI code.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace afterglow::app {

struct TextPos {
    std::size_t para = 0;
    std::size_t off = 0;  // byte offset inside the paragraph (at a UTF-8 boundary)
    friend auto operator<=>(const TextPos&, const TextPos&) = default;
};

struct Paragraph {
    std::string text;
    std::size_t words = 0;
    // Layout cache (filled by WrapLayout): byte offsets where visual lines start.
    std::vector<std::uint32_t> line_starts;
    float laid_width = -1;  // wrap width the cache was computed for; -1 = stale
};

class TextDocument {
public:
    TextDocument();

    void set_text(std::string_view text);  // clears undo history
    std::string text() const;              // paragraphs joined with '\n'
    bool empty() const { return paras_.size() == 1 && paras_[0].text.empty(); }

    std::size_t paragraph_count() const { return paras_.size(); }
    const Paragraph& paragraph(std::size_t i) const { return paras_[i]; }
    Paragraph& paragraph_mut(std::size_t i) { return paras_[i]; }  // layout cache only

    TextPos end() const { return {paras_.size() - 1, paras_.back().text.size()}; }
    TextPos clamp(TextPos p) const;
    TextPos next_char(TextPos p) const;  // one code point right (crosses paragraphs)
    TextPos prev_char(TextPos p) const;
    TextPos next_word(TextPos p) const;
    TextPos prev_word(TextPos p) const;
    std::string slice(TextPos a, TextPos b) const;

    // Edits. Both record undo steps; consecutive typing coalesces into one step.
    TextPos insert(TextPos at, std::string_view s);
    void erase(TextPos a, TextPos b);

    bool undo(TextPos& caret);
    bool redo(TextPos& caret);
    bool can_undo() const { return !undo_.empty(); }
    void break_coalescing() { coalesce_ = false; }  // after caret moves, pauses, saves

    std::size_t word_count() const { return words_; }
    std::uint64_t revision() const { return revision_; }  // bumps on every change
    bool structure_changed_since(std::uint64_t rev) const { return structure_rev_ > rev; }
    std::uint64_t structure_revision() const { return structure_rev_; }

    // Overwrites all text and history in memory, then empties the document.
    void wipe();

private:
    struct Step {
        TextPos at;
        std::string removed;
        std::string inserted;
    };
    TextPos raw_insert(TextPos at, std::string_view s);
    std::string raw_erase(TextPos a, TextPos b);
    // Undo (redo = false) or redo: takes the last step of FROM, applies it, puts it on TO.
    bool replay(std::vector<Step>& from, std::vector<Step>& to, bool redo, TextPos& caret);
    void touch(std::size_t para);
    void recount(std::size_t para);
    static TextPos advance(TextPos at, std::string_view s);

    std::vector<Paragraph> paras_;
    std::vector<Step> undo_, redo_;
    bool coalesce_ = false;
    std::size_t words_ = 0;
    std::uint64_t revision_ = 1;
    std::uint64_t structure_rev_ = 1;
};

}  // namespace afterglow::app
