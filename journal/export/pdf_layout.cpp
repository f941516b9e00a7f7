#include "journal/export/pdf_layout.hpp"

#include <optional>
#include <string>

#include "crypto/secret.hpp"

namespace afterglow::journal::exports::pdf {
namespace {

// pango's line breaking slows down with the square of the length of a paragraph it has to
// break inside words (a 100 KB unbroken word took 52 s; 1 MB never finished). So text is
// laid out in runs of at most kRunBytes, each run's last line carried into the next run so
// lines break as they would in one layout, and a word longer than kLongWordBytes gets an
// invisible break opportunity (U+200B ZERO WIDTH SPACE) every kWordPieceChars characters.
constexpr std::size_t kRunBytes = 4096;
constexpr std::size_t kLongWordBytes = 256;
constexpr std::size_t kWordPieceChars = 8;
constexpr std::string_view kZeroWidthSpace = "\u200b";

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t char_length(std::string_view s, std::size_t i) {
    std::size_t n = 1;
    while (i + n < s.size() && is_continuation(s[i + n])) ++n;
    return n;
}

bool is_regional_indicator(gunichar c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }

// A break may go before s[i] unless it would split a grapheme: a combining mark or variation
// selector, an emoji ZWJ sequence, a skin-tone modifier, tag characters (subdivision flags)
// or a pair of regional indicators (a flag).
bool can_break_before(std::string_view s, std::size_t i, gunichar previous) {
    const gunichar c = g_utf8_get_char_validated(s.data() + i, static_cast<gssize>(s.size() - i));
    if (c == static_cast<gunichar>(-1) || c == static_cast<gunichar>(-2)) return false;
    if (g_unichar_ismark(c) || c == 0x200D || previous == 0x200D) return false;
    if ((c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F)) return false;
    return !(is_regional_indicator(c) && is_regional_indicator(previous));
}

// `text` with break opportunities inside over-long words, or nullopt when it has none.
std::optional<std::string> with_word_breaks(std::string_view text) {
    std::optional<std::string> out;
    std::size_t copied = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_space(text[end])) ++end;
        if (end - i > kLongWordBytes) {
            if (!out) {  // sized once: growing would leave unwiped copies of the text
                out.emplace();
                out->reserve(text.size() + (text.size() / kWordPieceChars + 1) * kZeroWidthSpace.size());
            }
            out->append(text.substr(copied, i - copied));
            std::size_t chars = 0;
            gunichar previous = 0;
            for (std::size_t k = i; k < end;) {
                const std::size_t len = char_length(text, k);
                if (chars >= kWordPieceChars && can_break_before(text, k, previous)) {
                    out->append(kZeroWidthSpace);
                    chars = 0;
                }
                previous = g_utf8_get_char_validated(text.data() + k, static_cast<gssize>(len));
                out->append(text.substr(k, len));
                k += len;
                ++chars;
            }
            copied = end;
        }
        i = end;
    }
    if (out) out->append(text.substr(copied));
    return out;
}

// How much of `rest` the next run takes: all of it when short, else up to kRunBytes ending
// on a character boundary, preferably just after a newline.
std::size_t run_length(std::string_view rest) {
    if (rest.size() <= kRunBytes) return rest.size();
    std::size_t end = kRunBytes;
    for (int i = 0; i < 3 && is_continuation(rest[end]); ++i) --end;
    const std::size_t newline = rest.rfind('\n', end - 1);
    if (newline != std::string_view::npos && newline + 1 >= kRunBytes / 2) end = newline + 1;
    return end;
}

}  // namespace

LayoutCache::~LayoutCache() {
    for (auto* l : layouts_)
        if (l) g_object_unref(l);
}

void LayoutCache::keep(std::size_t seq, PangoLayout* layout, std::size_t text_bytes) {
    if (used_ + text_bytes > budget_) {
        budget_ = 0;  // stop at the first miss: later layouts are made again when drawing
        return;
    }
    if (layouts_.size() <= seq) layouts_.resize(seq + 1, nullptr);
    layouts_[seq] = static_cast<PangoLayout*>(g_object_ref(layout));
    used_ += text_bytes;
}

PangoLayout* LayoutCache::take(std::size_t seq) {
    if (seq >= layouts_.size()) return nullptr;
    PangoLayout* l = layouts_[seq];
    layouts_[seq] = nullptr;
    return l;
}

PageWriter::PageWriter(cairo_t* cr, PangoContext* context, const PageSetup& setup, bool draw,
                       int total_pages, LayoutCache* cache)
    : cr_(cr), context_(context), setup_(setup), draw_(draw), total_(total_pages),
      y_(setup.margin), cache_(cache) {}

PageWriter::~PageWriter() = default;

PangoFontDescription* PageWriter::font_for(const Style& style) const {
    PangoFontDescription* fd = pango_font_description_new();
    pango_font_description_set_family(fd, setup_.family.c_str());
    pango_font_description_set_size(fd, static_cast<int>(setup_.size * style.size_scale * PANGO_SCALE));
    pango_font_description_set_weight(fd, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    return fd;
}

PangoLayout* PageWriter::make_layout(std::string_view text, const Style& style, double width) const {
    PangoLayout* layout = pango_layout_new(context_);
    PangoFontDescription* fd = font_for(style);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_auto_dir(layout, TRUE);  // Hebrew/Arabic paragraphs run right to left
    if (style.center) pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    return layout;
}

void PageWriter::text(std::string_view text, const Style& style) {
    if (text.empty()) return;
    take_break();
    std::optional<std::string> broken = with_word_breaks(text);
    const std::string_view all = broken ? std::string_view(*broken) : text;
    for (std::size_t pos = 0; pos < all.size();) pos += flow_run(all.substr(pos), style);
    if (broken) crypto::wipe(*broken);
    y_ += style.space_after;
}

std::size_t PageWriter::flow_run(std::string_view rest, const Style& style) {
    const std::string_view run = rest.substr(0, run_length(rest));
    const bool final_run = run.size() == rest.size();
    const double width = content_width() - style.indent;
    const std::size_t seq = seq_++;
    PangoLayout* layout = (draw_ && cache_) ? cache_->take(seq) : nullptr;
    if (!layout) layout = make_layout(run, style, width);
    std::size_t drawn = run.size();
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
        const PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
        if (!final_run && pango_layout_iter_at_last_line(it) && line->start_index > 0) {
            drawn = static_cast<std::size_t>(line->start_index);  // carried into the next run
            break;
        }
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, nullptr, &logical);
        const double line_h = static_cast<double>(logical.height) / PANGO_SCALE;
        const double baseline =
            static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
        if (y_ + line_h > bottom() && page_dirty_) new_page();
        if (draw_) {
            cairo_set_source_rgb(cr_, style.gray, style.gray, style.gray);
            cairo_move_to(cr_, setup_.margin + style.indent + static_cast<double>(logical.x) / PANGO_SCALE,
                          y_ + baseline);
            pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
        }
        y_ += line_h;
        page_dirty_ = true;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    if (!draw_ && cache_) cache_->keep(seq, layout, run.size());
    g_object_unref(layout);
    return drawn;
}

void PageWriter::heading(std::string_view text, const Style& style, double keep_with_next) {
    need(setup_.size * style.size_scale * 1.6 + keep_with_next);
    this->text(text, style);
}

void PageWriter::take_break() {
    if (!pending_break_) return;
    pending_break_ = false;
    if (page_dirty_) new_page();
}

void PageWriter::space(double points) {
    if (pending_break_) return;
    y_ += points;
    if (y_ > bottom()) new_page();
}

void PageWriter::need(double points) {
    take_break();
    if (page_dirty_ && y_ + points > bottom()) new_page();
}

PageWriter::Box PageWriter::reserve(double height) {
    take_break();
    need(height);
    Box b{setup_.margin, y_, content_width(), height};
    y_ += height;
    page_dirty_ = true;
    return b;
}

void PageWriter::footer() {
    if (!draw_) return;
    std::string label = "Page " + std::to_string(page_) + " of " + std::to_string(total_);
    Style st = styles::meta;
    st.italic = false;
    st.center = true;
    PangoLayout* layout = make_layout(label, st, content_width());
    cairo_set_source_rgb(cr_, 0.4, 0.4, 0.4);
    cairo_move_to(cr_, setup_.margin, setup_.height - setup_.margin);
    pango_cairo_show_layout(cr_, layout);
    g_object_unref(layout);
}

void PageWriter::new_page() {
    footer();
    if (draw_) cairo_show_page(cr_);
    ++page_;
    y_ = setup_.margin;
    page_dirty_ = false;
}

void PageWriter::finish() {
    footer();
    if (draw_) cairo_show_page(cr_);
}

}  // namespace afterglow::journal::exports::pdf
