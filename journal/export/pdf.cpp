#include "journal/export/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "crypto/secret.hpp"
#include "journal/content/measures.hpp"
#include "journal/content/pack.hpp"
#include "journal/export/pdf_chart.hpp"
#include "journal/export/pdf_layout.hpp"
#include "journal/export/wording.hpp"
#include "journal/schedule.hpp"
#include "journal/time.hpp"

namespace afterglow::journal::exports {
namespace {

using pdf::PageWriter;

// Text (bytes) whose layouts the measuring pass keeps for drawing: shaping once instead of
// twice for exports up to roughly this size (a layout costs ~65 bytes per byte of text);
// bigger ones reshape the rest.
constexpr std::size_t kLayoutCacheTextBytes = 1u << 20;  // ≈ 65 MiB of layouts
namespace st = pdf::styles;

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
    return out;
}

// Counts work units so both passes report progress.
class Progress {
public:
    Progress(const std::function<void(double)>& fn, std::size_t units) : fn_(fn), units_(units ? units : 1) {}
    void step(std::size_t n = 1) {
        done_ += n;
        if (fn_ && (done_ % 64 == 0 || done_ == 2 * units_))
            fn_(0.95 * static_cast<double>(done_) / static_cast<double>(2 * units_));
    }

private:
    const std::function<void(double)>& fn_;
    std::size_t units_;
    std::size_t done_ = 0;
};

void entry_block(PageWriter& w, const Entry& e, const Session* session) {
    w.heading(entry_heading(e), st::h3);
    std::string meta = "Written " + human_time(e.meta.created.utc);
    if (e.meta.updated.utc != e.meta.created.utc) meta += ", edited " + human_time(e.meta.updated.utc);
    if (session && written_in_window(e, *session)) meta += " — inside the integration window";
    w.text(meta, st::meta);
    w.text(e.body, st::body);
    for (const auto& p : e.prompts) {
        pdf::Style q = st::body;
        q.bold = true;
        q.space_after = 2;
        w.heading(p.prompt, q, 30);
        w.text(p.answer, st::quote);
    }
    if (!e.emotions.empty()) w.text("Emotions: " + join(e.emotions, ", "), st::body);
    if (!e.tags.empty()) {
        std::vector<std::string> tags;
        for (const auto& t : e.tags) tags.push_back("#" + t);
        w.text("Tags: " + join(tags, " "), st::body);
    }
    if (!e.actions.empty()) {
        w.text("Carrying into daily life:", st::body);
        for (const auto& a : e.actions)
            w.text(std::string(a.done ? "☑ " : "☐ ") + a.text, st::quote);
    }
    if (!e.checklist.empty()) {
        w.text("Preparation checklist:", st::body);
        for (const auto& c : e.checklist)
            w.text(std::string(c.done ? "☑ " : "☐ ") + c.label, st::quote);
    }
    w.space(6);
}

// On the cover: check-ins answered yes to the safety question and questionnaire risk items
// above zero, each with its date, so they are seen first.
void safety_summary(PageWriter& w, const ExportData& data) {
    if (!has_safety_sources(data)) return;
    w.space(20);
    pdf::Style head = st::h2;
    head.center = true;
    w.text(export_text("export.safety.heading"), head);
    const auto lines = safety_lines(data);
    pdf::Style line = st::body;
    line.center = true;
    if (lines.empty()) {
        w.text(export_text("export.safety.none"), line);
        return;
    }
    w.text(export_body("export.safety.heading"), line);
    line.bold = true;
    for (const auto& l : lines) w.text("⚠ " + human_time(l.at) + " — " + l.what, line);
}

void cover(PageWriter& w, const ExportData& data) {
    w.space(150);
    w.text("Afterglow", st::title);
    w.text("Journal export", st::cover_line);
    w.space(24);
    if (!data.name.empty()) {
        pdf::Style name = st::h1;
        name.center = true;
        w.text(data.name, name);
    }
    if (auto r = range_text(data); !r.empty()) w.text("Period: " + r, st::cover_line);
    w.text("Includes: " + preview(data).counts, st::cover_line);
    w.text("Generated " + human_time(data.generated.utc), st::cover_line);
    safety_summary(w, data);
    w.space(40);
    w.text(content::default_pack().notices.not_medical_advice, st::notice);
    pdf::Style small = st::meta;
    small.center = true;
    w.text("Written by the patient for sharing with their therapist. Handle as confidential.", small);
    w.page_break();
}

void session_block(PageWriter& w, const SessionGroup& g, Progress& progress) {
    const Session& s = g.session;
    std::string head = std::string(label(s.kind)) + " session";
    if (!g.phase.empty()) head += " — " + g.phase;
    w.heading(head, st::h1, 80);
    std::vector<std::string> facts;
    if (s.scheduled) facts.push_back("Scheduled " + human_time(s.scheduled->utc));
    if (s.started) facts.push_back("Started " + human_time(s.started->utc));
    if (s.ended) facts.push_back("Ended " + human_time(s.ended->utc));
    if (s.kind == SessionKind::medicine) {
        if (s.protocol != Protocol::none) facts.push_back(protocol_words(s.protocol));
        if (s.route != Route::none) facts.push_back(std::string("Route: ") + label(s.route));
    }
    if (!s.provider.empty()) facts.push_back("Provider: " + s.provider);
    w.text(join(facts, " · "), st::meta);
    if (!s.notes.empty()) {
        w.heading("Session notes", st::h2);
        w.text(s.notes, st::body);
    }
    for (const auto& e : g.entries) {
        entry_block(w, e, &s);
        progress.step();
    }
    w.space(10);
    progress.step();
}

void checkin_block(PageWriter& w, const ExportData& data, Progress& progress) {
    w.page_break();
    w.heading("Check-ins", st::h1, pdf::chart_height(data.checkins));
    pdf::trend_chart(w, data.checkins);
    w.space(8);
    for (const auto& c : data.checkins) {
        std::vector<std::string> scores;
        for (const auto& s : c.scores) scores.push_back(s.measure + " " + num(s.value) + "/" + num(s.max));
        std::string line = human_time(c.at.utc) + " — " + join(scores, ", ");
        if (c.harm_thoughts) line += " — thoughts of self-harm: " + safety_answer(c);
        if (!c.note.empty()) line += " — " + c.note;
        pdf::Style row = st::body;
        row.space_after = 3;
        w.text(line, row);
        progress.step();
    }
}

void measures_block(PageWriter& w, const ExportData& data) {
    const auto points = content::as_chart_points(data.responses);
    w.heading("Questionnaires", st::h1, points.empty() ? 80 : pdf::chart_height(points));
    if (!points.empty()) {
        pdf::trend_chart(w, points);
        w.space(8);
    }
    for (const auto& series : content::by_instrument(data.responses)) {
        w.heading(series.front()->title, st::h2);
        if (auto t = content::trend_text(series); !t.empty()) w.text("Trend (oldest first): " + t, st::meta);
        for (const auto* r : series) {
            std::string line = human_time(r->authored.utc) + " — ";
            line += r->total ? num(*r->total) + "/" + num(r->total_max) : std::string("incomplete");
            if (!r->band.empty()) line += " — " + r->band;
            if (r->status == ResponseStatus::score_only) line += " — clinic score";
            pdf::Style row = st::body;
            row.space_after = 3;
            w.text(line, row);
            for (const auto& f : r->flags) {
                pdf::Style flag = st::body;
                flag.bold = true;
                w.text("⚠ Flagged: " + f, flag);
            }
        }
    }
}

void goal_block(PageWriter& w, const ExportData& data) {
    w.heading("Goals", st::h1);
    for (const auto& g : data.goals) {
        w.heading(g.title + " (" + to_string(g.status) + ")", st::h2);
        if (g.target) w.text("Target " + human_date(g.target->utc), st::meta);
        w.text(g.description, st::body);
        for (const auto& r : g.reviews) w.text("• " + r, st::quote);
    }
}

void render(PageWriter& w, const ExportData& data, Progress& progress) {
    cover(w, data);
    for (const auto& g : data.sessions) session_block(w, g, progress);
    if (!data.other_entries.empty()) {
        w.heading("Other entries", st::h1, 80);
        for (const auto& e : data.other_entries) {
            entry_block(w, e, nullptr);
            progress.step();
        }
    }
    if (data.include_checkins && !data.checkins.empty()) checkin_block(w, data, progress);
    if (data.include_measures && !data.responses.empty()) measures_block(w, data);
    if (data.include_goals && !data.goals.empty()) goal_block(w, data);
    w.finish();
}

// Collects cairo's output in fixed chunks, so growing never leaves stale copies of the
// plaintext in freed memory; the chunks are wiped once joined.
struct ChunkSink {
    static constexpr std::size_t kChunk = 1 << 20;
    std::vector<crypto::Bytes> chunks;
    std::size_t total = 0;

    ~ChunkSink() {
        for (auto& c : chunks) crypto::wipe(c);
    }
    crypto::Bytes join() {
        crypto::Bytes out;
        out.reserve(total);
        for (auto& c : chunks) {
            out.insert(out.end(), c.begin(), c.end());
            crypto::wipe(c);
        }
        chunks.clear();
        return out;
    }
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    auto* sink = static_cast<ChunkSink*>(closure);
    try {
        while (length > 0) {
            if (sink->chunks.empty() || sink->chunks.back().size() == ChunkSink::kChunk) {
                sink->chunks.emplace_back();
                sink->chunks.back().reserve(ChunkSink::kChunk);
            }
            auto& c = sink->chunks.back();
            std::size_t n = std::min<std::size_t>(length, ChunkSink::kChunk - c.size());
            c.insert(c.end(), data, data + n);
            data += n;
            length -= static_cast<unsigned int>(n);
            sink->total += n;
        }
    } catch (...) {
        return CAIRO_STATUS_NO_MEMORY;
    }
    return CAIRO_STATUS_SUCCESS;
}

cairo_status_t discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

struct Pass {
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    ~Pass() {
        if (cr) cairo_destroy(cr);
        if (surface) cairo_surface_destroy(surface);
    }
};

// Both passes share one context (same unhinted metrics), so they break lines identically
// and the drawing pass can reuse the measuring pass's layouts.
PangoContext* make_context(PangoFontMap* fonts) {
    PangoContext* context = pango_font_map_create_context(fonts);
    cairo_font_options_t* opts = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, opts);
    cairo_font_options_destroy(opts);
    return context;
}

void setup_pass(Pass& p, PangoContext* context, const pdf::PageSetup& setup,
                cairo_write_func_t sink, void* closure) {
    p.surface = cairo_pdf_surface_create_for_stream(sink, closure, setup.width, setup.height);
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, "Afterglow journal export");
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "Afterglow");
    p.cr = cairo_create(p.surface);
    pango_cairo_update_context(p.cr, context);
}

}  // namespace

bool pdf_available() { return true; }

Result<crypto::Bytes> to_pdf(const ExportData& data, const std::function<void(double)>& progress) {
    const pdf::PageSetup setup;
    std::size_t units = data.sessions.size() + data.entry_count() +
                        (data.include_checkins ? data.checkins.size() : 0);
    Progress prog(progress, units);

    PangoFontMap* fonts = pango_cairo_font_map_new();
    if (!fonts) return make_error(Errc::unsupported, "No fonts are available to draw the PDF.");
    ChunkSink sink;
    int total = 0;
    cairo_status_t status = CAIRO_STATUS_SUCCESS;
    PangoContext* context = make_context(fonts);
    pdf::LayoutCache cache(kLayoutCacheTextBytes);
    {
        Pass measure;
        setup_pass(measure, context, setup, discard, nullptr);
        PageWriter w(measure.cr, context, setup, /*draw=*/false, 0, &cache);
        render(w, data, prog);
        total = w.pages();
    }
    {
        Pass draw;
        setup_pass(draw, context, setup, append, &sink);
        PageWriter w(draw.cr, context, setup, /*draw=*/true, total, &cache);
        render(w, data, prog);
        cairo_surface_finish(draw.surface);
        status = cairo_surface_status(draw.surface);
        if (status == CAIRO_STATUS_SUCCESS) status = cairo_status(draw.cr);
    }
    g_object_unref(context);
    g_object_unref(fonts);
    if (status != CAIRO_STATUS_SUCCESS) {
        return make_error(Errc::io,
                          std::string("Drawing the PDF failed: ") + cairo_status_to_string(status));
    }
    if (progress) progress(0.95);
    return sink.join();
}

}  // namespace afterglow::journal::exports
