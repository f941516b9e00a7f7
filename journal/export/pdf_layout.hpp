// Internal to the PDF export: a page writer that flows pango layouts down A4 pages, breaks
// paragraphs between lines, and numbers pages "Page N of M". It runs twice: a measuring pass
// (draw = false) that only counts pages, then the drawing pass that knows M.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace afterglow::journal::exports::pdf {

struct PageSetup {
    double width = 595.276;  // A4 in points
    double height = 841.89;
    double margin = 56.0;
    double footer = 28.0;  // space kept for the page number
    std::string family = "Noto Sans";
    double size = 10.5;  // body text, points
};

struct Style {
    double size_scale = 1.0;
    bool bold = false;
    bool italic = false;
    double gray = 0.0;       // 0 black … 1 white
    double indent = 0.0;     // points from the left margin
    double space_after = 6.0;
    bool center = false;
};

namespace styles {
inline const Style title{2.2, true, false, 0.0, 0, 10, true};
inline const Style cover_line{1.2, false, false, 0.15, 0, 6, true};
inline const Style h1{1.6, true, false, 0.0, 0, 8, false};
inline const Style h2{1.25, true, false, 0.1, 0, 4, false};
inline const Style h3{1.05, true, false, 0.1, 0, 3, false};
inline const Style body{1.0, false, false, 0.0, 0, 6, false};
inline const Style meta{0.9, false, true, 0.35, 0, 4, false};
inline const Style quote{1.0, false, false, 0.0, 14, 6, false};
inline const Style notice{1.0, true, false, 0.2, 0, 6, true};
}  // namespace styles

// Layouts the measuring pass made, kept (within a memory budget) for the drawing pass so
// text is shaped once. Both passes must share one PangoContext and make layouts in the same
// order (they run the same code).
class LayoutCache {
public:
    explicit LayoutCache(std::size_t budget_text_bytes) : budget_(budget_text_bytes) {}
    ~LayoutCache();
    LayoutCache(const LayoutCache&) = delete;
    LayoutCache& operator=(const LayoutCache&) = delete;
    // Measuring pass: keeps a reference to layout number `seq` if the budget allows.
    void keep(std::size_t seq, PangoLayout* layout, std::size_t text_bytes);
    // Drawing pass: the kept layout number `seq` (ownership passes to the caller), or null.
    PangoLayout* take(std::size_t seq);

private:
    std::size_t budget_;
    std::size_t used_ = 0;
    std::vector<PangoLayout*> layouts_;
};

class PageWriter {
public:
    // `cr` draws onto a PDF surface. total_pages is 0 in the measuring pass.
    PageWriter(cairo_t* cr, PangoContext* context, const PageSetup& setup, bool draw,
               int total_pages, LayoutCache* cache = nullptr);
    ~PageWriter();
    PageWriter(const PageWriter&) = delete;
    PageWriter& operator=(const PageWriter&) = delete;

    // Wrapped text; long paragraphs continue on the next page line by line. Any length is
    // laid out in bounded runs (pdf_layout.cpp), so time stays linear in the text.
    void text(std::string_view text, const Style& style);
    // A heading is kept together with at least `keep_with_next` points after it.
    void heading(std::string_view text, const Style& style, double keep_with_next = 60);
    void space(double points);
    // Starts a new page unless at least `points` are left on this one.
    void need(double points);
    void new_page();
    // The next content starts on a new page (no empty page if nothing follows).
    void page_break() { pending_break_ = true; }
    void finish();  // closes the last page

    // A box of `height` points at the cursor for custom drawing; returns its top-left.
    struct Box {
        double x, y, width, height;
    };
    Box reserve(double height);

    bool drawing() const { return draw_; }
    cairo_t* cairo() const { return cr_; }
    PangoLayout* make_layout(std::string_view text, const Style& style, double width) const;
    int pages() const { return page_; }
    double content_width() const { return setup_.width - 2 * setup_.margin; }

private:
    double bottom() const { return setup_.height - setup_.margin - setup_.footer; }
    void footer();
    void take_break();
    // Lays out and draws the next run of `rest`; unless the run is the rest, its last line is
    // left for the next run. Returns the bytes drawn.
    std::size_t flow_run(std::string_view rest, const Style& style);
    PangoFontDescription* font_for(const Style& style) const;

    cairo_t* cr_;
    PangoContext* context_;
    PageSetup setup_;
    bool draw_;
    int total_;
    int page_ = 1;
    double y_;
    bool page_dirty_ = false;
    bool pending_break_ = false;
    LayoutCache* cache_;
    std::size_t seq_ = 0;  // number of text() layouts so far
};

}  // namespace afterglow::journal::exports::pdf
