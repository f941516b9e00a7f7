#include "app/core/wrap_layout.hpp"

#include <algorithm>

namespace afterglow::app {

std::uint32_t decode_utf8(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) -> std::uint32_t {
        if (i + k >= s.size()) return 0xFFFFFFFF;
        const auto b = static_cast<unsigned char>(s[i + k]);
        return (b & 0xC0) == 0x80 ? (b & 0x3Fu) : 0xFFFFFFFF;
    };
    if (c < 0x80) {
        ++i;
        return c;
    }
    std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n == 1) {
        ++i;
        return 0xFFFD;
    }
    std::uint32_t cp = c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        const auto v = cont(k);
        if (v == 0xFFFFFFFF) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | v;
    }
    i += n;
    return cp;
}

namespace {
bool breaks_after(std::uint32_t cp) {
    // Spaces, and ideographic scripts, where a line may break between any two characters.
    return cp == ' ' || cp == '\t' || cp == '-' || (cp >= 0x2E80 && cp <= 0x9FFF) ||
           (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}
}  // namespace

std::vector<std::uint32_t> WrapLayout::wrap(std::string_view text, float width, const AdvanceFn& advance) {
    std::vector<std::uint32_t> starts{0};
    if (width <= 0) return starts;
    float x = 0;
    std::size_t line_start = 0;
    std::size_t last_break = 0;     // byte offset after the last break opportunity
    float width_at_break = 0;       // x at last_break
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t at = i;
        const std::uint32_t cp = decode_utf8(text, i);
        const float w = advance(cp);
        const bool space = cp == ' ' || cp == '\t';
        if (x + w > width && !space && at > line_start) {
            // Break at the last opportunity on this line, else inside the word.
            std::size_t brk = last_break > line_start ? last_break : at;
            starts.push_back(static_cast<std::uint32_t>(brk));
            x = brk == at ? 0 : x - width_at_break;
            line_start = brk;
            last_break = line_start;
            width_at_break = 0;
        }
        x += w;
        if (breaks_after(cp)) {
            last_break = i;
            width_at_break = x;
        }
    }
    return starts;
}

std::size_t WrapLayout::update(TextDocument& doc, float wrap_width, const AdvanceFn& advance) {
    std::size_t laid = 0;
    bool changed = doc.structure_changed_since(seen_structure_) || wrap_width != width_ ||
                   prefix_.size() != doc.paragraph_count();
    for (std::size_t i = 0; i < doc.paragraph_count(); ++i) {
        auto& p = doc.paragraph_mut(i);
        if (p.laid_width == wrap_width) continue;
        const std::size_t before = p.line_starts.size();
        p.line_starts = wrap(p.text, wrap_width, advance);
        p.laid_width = wrap_width;
        changed = changed || before != p.line_starts.size();
        ++laid;
    }
    if (changed) {
        prefix_.resize(doc.paragraph_count());
        std::size_t sum = 0;
        for (std::size_t i = 0; i < doc.paragraph_count(); ++i) {
            sum += doc.paragraph(i).line_starts.size();
            prefix_[i] = sum;
        }
        seen_structure_ = doc.structure_revision();
        width_ = wrap_width;
    }
    return laid;
}

VisualLine WrapLayout::line(const TextDocument& doc, std::size_t index) const {
    const auto it = std::upper_bound(prefix_.begin(), prefix_.end(), index);
    const std::size_t para = std::min<std::size_t>(static_cast<std::size_t>(it - prefix_.begin()), doc.paragraph_count() - 1);
    const std::size_t first = para == 0 ? 0 : prefix_[para - 1];
    const auto& p = doc.paragraph(para);
    const std::size_t k = std::min(index - first, p.line_starts.size() - 1);
    VisualLine v{para, p.line_starts[k], p.text.size()};
    if (k + 1 < p.line_starts.size()) v.end = p.line_starts[k + 1];
    return v;
}

std::size_t WrapLayout::line_of(const TextDocument& doc, TextPos pos) const {
    pos = doc.clamp(pos);
    const auto& starts = doc.paragraph(pos.para).line_starts;
    std::size_t k = 0;
    if (!starts.empty()) {
        auto it = std::upper_bound(starts.begin(), starts.end(), static_cast<std::uint32_t>(pos.off));
        k = static_cast<std::size_t>(it - starts.begin()) - 1;
    }
    return (pos.para == 0 ? 0 : prefix_[pos.para - 1]) + k;
}

float WrapLayout::x_of(const TextDocument& doc, TextPos pos, const AdvanceFn& advance) const {
    pos = doc.clamp(pos);
    const VisualLine v = line(doc, line_of(doc, pos));
    const std::string_view t = doc.paragraph(pos.para).text;
    float x = 0;
    std::size_t i = v.begin;
    while (i < pos.off && i < t.size()) x += advance(decode_utf8(t, i));
    return x;
}

TextPos WrapLayout::pos_at(const TextDocument& doc, std::size_t line_index, float x, const AdvanceFn& advance) const {
    if (line_count() == 0) return {};
    line_index = std::min(line_index, line_count() - 1);
    const VisualLine v = line(doc, line_index);
    const std::string_view t = doc.paragraph(v.para).text;
    const bool last_line_of_para = v.end == t.size();
    float cx = 0;
    std::size_t i = v.begin;
    while (i < v.end) {
        std::size_t next = i;
        const float w = advance(decode_utf8(t, next));
        if (cx + w * 0.5f > x) break;
        cx += w;
        i = next;
    }
    // A wrapped line's last position belongs to the next line; stay before it.
    if (!last_line_of_para && i >= v.end && v.end > v.begin) {
        std::size_t back = v.end - 1;
        while (back > v.begin && (static_cast<unsigned char>(t[back]) & 0xC0) == 0x80) --back;
        i = back;
    }
    return {v.para, i};
}

}  // namespace afterglow::app
