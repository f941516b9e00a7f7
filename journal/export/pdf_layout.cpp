#include "journal/export/pdf_layout.hpp"

#include <string>

namespace afterglow::journal::exports::pdf {

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
    const double width = content_width() - style.indent;
    const std::size_t seq = seq_++;
    PangoLayout* layout = (draw_ && cache_) ? cache_->take(seq) : nullptr;
    if (!layout) layout = make_layout(text, style, width);
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
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
    if (!draw_ && cache_) cache_->keep(seq, layout, text.size());
    g_object_unref(layout);
    y_ += style.space_after;
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
