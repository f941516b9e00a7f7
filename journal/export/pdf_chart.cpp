#include "journal/export/pdf_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "journal/time.hpp"

namespace afterglow::journal::exports::pdf {
namespace {

constexpr double kPlotHeight = 200;
constexpr double kAxisLabels = 34;  // under the plot
constexpr double kLegendRow = 16;
constexpr std::size_t kMaxMeasures = 8;

struct Rgb {
    double r, g, b;
};
constexpr Rgb kPalette[kMaxMeasures] = {
    {0.12, 0.47, 0.71}, {0.84, 0.15, 0.16}, {0.17, 0.63, 0.17}, {1.00, 0.50, 0.05},
    {0.58, 0.40, 0.74}, {0.55, 0.34, 0.29}, {0.89, 0.47, 0.76}, {0.50, 0.50, 0.50}};

struct Series {
    std::string measure;
    double min = 0, max = 10;
    std::vector<std::pair<std::int64_t, double>> points;  // time, value
};

std::vector<Series> collect(const std::vector<CheckIn>& checkins) {
    std::vector<Series> out;
    for (const auto& c : checkins) {
        for (const auto& s : c.scores) {
            auto it = std::find_if(out.begin(), out.end(),
                                   [&](const Series& x) { return x.measure == s.measure; });
            if (it == out.end()) {
                if (out.size() == kMaxMeasures) continue;
                out.push_back(Series{s.measure, s.min, s.max, {}});
                it = out.end() - 1;
            }
            it->min = std::min(it->min, s.min);
            it->max = std::max(it->max, s.max);
            if (std::isfinite(s.value)) it->points.emplace_back(c.at.utc, s.value);
        }
    }
    for (auto& s : out) {
        std::sort(s.points.begin(), s.points.end());
        if (!(s.max > s.min)) s.max = s.min + 1;
    }
    return out;
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

void label_at(PageWriter& w, const std::string& text, double x, double y, double width,
              bool center, bool right = false) {
    Style st = styles::meta;
    st.italic = false;
    st.center = center;
    PangoLayout* layout = w.make_layout(text, st, width);
    if (right) pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
    cairo_move_to(w.cairo(), x, y);
    pango_cairo_show_layout(w.cairo(), layout);
    g_object_unref(layout);
}

}  // namespace

double chart_height(const std::vector<CheckIn>& checkins) {
    auto series = collect(checkins);
    return kPlotHeight + kAxisLabels + kLegendRow * static_cast<double>((series.size() + 1) / 2) + 8;
}

void trend_chart(PageWriter& w, const std::vector<CheckIn>& checkins) {
    auto series = collect(checkins);
    const double height = chart_height(checkins);
    auto box = w.reserve(height);
    if (!w.drawing() || series.empty()) return;
    cairo_t* cr = w.cairo();

    std::int64_t t0 = checkins.front().at.utc, t1 = checkins.front().at.utc;
    for (const auto& c : checkins) t0 = std::min(t0, c.at.utc), t1 = std::max(t1, c.at.utc);
    if (t1 == t0) t0 -= 86400, t1 += 86400;

    bool shared_scale = std::all_of(series.begin(), series.end(), [&](const Series& s) {
        return s.min == series[0].min && s.max == series[0].max;
    });
    const double axis_w = 36;
    const double px = box.x + axis_w, py = box.y + 4;
    const double pw = box.width - axis_w - 8, ph = kPlotHeight - 8;
    auto X = [&](std::int64_t t) { return px + pw * static_cast<double>(t - t0) / static_cast<double>(t1 - t0); };
    auto Y = [&](const Series& s, double v) {
        double f = std::clamp((v - s.min) / (s.max - s.min), 0.0, 1.0);
        return py + ph * (1.0 - f);
    };

    // Grid and axes.
    cairo_set_line_width(cr, 0.5);
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    for (int i = 0; i <= 4; ++i) {
        double y = py + ph * i / 4.0;
        cairo_move_to(cr, px, y);
        cairo_line_to(cr, px + pw, y);
    }
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 1.0);
    cairo_move_to(cr, px, py);
    cairo_line_to(cr, px, py + ph);
    cairo_line_to(cr, px + pw, py + ph);
    cairo_stroke(cr);

    // Y labels: the shared scale's numbers, else the fraction of each measure's own scale.
    for (int i = 0; i <= 4; ++i) {
        double f = 1.0 - i / 4.0;
        std::string text = shared_scale ? num(series[0].min + f * (series[0].max - series[0].min))
                                        : std::to_string(static_cast<int>(f * 100)) + "%";
        label_at(w, text, box.x, py + ph * i / 4.0 - 6, axis_w - 4, false, true);
    }
    // X labels: up to five dates.
    const int ticks = (t1 - t0) >= 4 * 86400 ? 4 : 1;
    for (int i = 0; i <= ticks; ++i) {
        std::int64_t t = t0 + (t1 - t0) * i / ticks;
        double x = X(t);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        cairo_move_to(cr, x, py + ph);
        cairo_line_to(cr, x, py + ph + 3);
        cairo_stroke(cr);
        label_at(w, to_local_date(t), x - 40, py + ph + 5, 80, true);
    }

    // One line per measure.
    for (std::size_t k = 0; k < series.size(); ++k) {
        const auto& s = series[k];
        const Rgb c = kPalette[k];
        cairo_set_source_rgb(cr, c.r, c.g, c.b);
        cairo_set_line_width(cr, 1.6);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            double x = X(s.points[i].first), y = Y(s, s.points[i].second);
            if (i == 0) cairo_move_to(cr, x, y);
            else cairo_line_to(cr, x, y);
        }
        cairo_stroke(cr);
        if (s.points.size() <= 60) {
            for (const auto& [t, v] : s.points) {
                cairo_new_sub_path(cr);
                cairo_arc(cr, X(t), Y(s, v), 2.0, 0, 2 * M_PI);
            }
            cairo_fill(cr);
        }
    }

    // Legend, two columns.
    const double ly = box.y + kPlotHeight + kAxisLabels;
    for (std::size_t k = 0; k < series.size(); ++k) {
        const double lx = px + (k % 2) * (pw / 2);
        const double y = ly + kLegendRow * static_cast<double>(k / 2);
        const Rgb c = kPalette[k];
        cairo_set_source_rgb(cr, c.r, c.g, c.b);
        cairo_set_line_width(cr, 2.0);
        cairo_move_to(cr, lx, y + 6);
        cairo_line_to(cr, lx + 18, y + 6);
        cairo_stroke(cr);
        label_at(w, series[k].measure + " (" + num(series[k].min) + "–" + num(series[k].max) + ")",
                 lx + 24, y - 1, pw / 2 - 30, false);
    }
}

}  // namespace afterglow::journal::exports::pdf
