// Questionnaire results over time: per instrument a chart of totals (sessions marked on the
// time axis, hover a point for its value and date) or, toggled, a table; and a total
// measured at the clinic (instrument, total, date; the range is checked).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/core/journey.hpp"
#include "app/core/measure_chart.hpp"
#include "app/screens.hpp"

namespace afterglow::app {
namespace content = journal::content;
namespace {

std::string value_text(const MeasurePoint& p) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g of %g", p.total, p.max);
    std::string s = buf;
    if (!p.band.empty()) s += " · " + p.band;
    return s;
}

// What a chart drew that the caption below the charts explains.
struct ChartMarks {
    bool sessions = false;  // a session's triangle on the time axis
    bool clinic = false;    // a ring: a score measured at the clinic
};

ChartMarks chart(Ui& u, const InstrumentRow& row) {
    const float w = ImGui::GetContentRegionAvail().x, h = 9.0f * ui::em();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border);
    const ImU32 soft = ImGui::GetColorU32(ui::soft_text()), line = ImGui::GetColorU32(ImGuiCol_PlotLines);
    dl->AddRect(p, ImVec2(p.x + w, p.y + h), border, ui::em() * 0.3f);
    const float pad = ui::em() * 0.6f, label_w = ImGui::CalcTextSize("27").x + pad;
    const Box area{p.x + pad + label_w, p.y + pad, w - 2 * pad - label_w, h - 2 * pad - ui::em() * 1.2f};
    std::vector<std::int64_t> times, sessions;
    std::vector<double> totals;
    for (const auto& pt : row.history) times.push_back(pt.time), totals.push_back(pt.total);
    std::vector<const SessionRow*> dated;
    for (const auto& s : u.view.sessions)
        if (s.time) sessions.push_back(s.time), dated.push_back(&s);
    const TrendChart c = trend_chart(times, totals, row.max_total, sessions, area);
    // The scale: 0 at the bottom, the maximum at the top, band edges as faint lines.
    char lab[16];
    std::snprintf(lab, sizeof lab, "%g", row.max_total);
    dl->AddText(ImVec2(p.x + pad, area.y - ui::em() * 0.5f), soft, lab);
    dl->AddText(ImVec2(p.x + pad, area.bottom() - ui::em() * 0.5f), soft, "0");
    if (const auto* ins = u.view.content().instrument(row.id))
        for (const auto& b : ins->bands) {
            if (b.min <= 0 || row.max_total <= 0) continue;
            const float y = area.bottom() - static_cast<float>(b.min / row.max_total) * area.h;
            dl->AddLine(ImVec2(area.x, y), ImVec2(area.right(), y), ImGui::GetColorU32(ImGuiCol_FrameBg), 1.0f);
        }
    // Sessions: a mark on the time axis.
    const float axis = area.bottom() + ui::em() * 0.2f;
    for (float x : c.session_x) {
        dl->AddLine(ImVec2(x, area.y), ImVec2(x, area.bottom()), ImGui::GetColorU32(ImGuiCol_FrameBg), 1.0f);
        dl->AddTriangleFilled(ImVec2(x, axis), ImVec2(x - ui::em() * 0.35f, axis + ui::em() * 0.6f),
                              ImVec2(x + ui::em() * 0.35f, axis + ui::em() * 0.6f), ImGui::GetColorU32(ui::accent()));
    }
    // The dates of the first and last mark (not the axis' margins) at its two ends; only the
    // newest when both do not fit.
    const std::string from = format_date(c.first), to = format_date(c.last);
    const float to_w = ImGui::CalcTextSize(to.c_str()).x;
    if (c.first != c.last && ImGui::CalcTextSize(from.c_str()).x + to_w + 2 * ui::em() < area.w)
        dl->AddText(ImVec2(area.x + ui::em() * 0.6f, axis), soft, from.c_str());
    dl->AddText(ImVec2(area.right() - to_w, axis), soft, to.c_str());
    for (std::size_t i = 1; i < c.points.size(); ++i)
        dl->AddLine(ImVec2(c.points[i - 1].x, c.points[i - 1].y), ImVec2(c.points[i].x, c.points[i].y), line, 2.0f);
    for (std::size_t i = 0; i < c.points.size(); ++i) {
        const float r = ui::em() * (row.history[i].score_only ? 0.22f : 0.3f);
        if (row.history[i].score_only) dl->AddCircle(ImVec2(c.points[i].x, c.points[i].y), r, line, 12, 2.0f);
        else dl->AddCircleFilled(ImVec2(c.points[i].x, c.points[i].y), r, line);
    }
    ImGui::Dummy(ImVec2(w, h));
    ChartMarks marks;
    marks.sessions = !c.session_x.empty();
    for (std::size_t i = 0; i < c.points.size(); ++i) marks.clinic |= row.history[i].score_only;
    const bool hovered = ImGui::IsItemHovered();
    u.hooks.widget(("measure_chart_" + row.id).c_str());
    if (!c.points.empty()) {  // the newest point, for the GUI test to hover
        const ImVec2 back = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(c.points.back().x - 1, c.points.back().y - 1));
        ImGui::Dummy(ImVec2(2, 2));
        u.hooks.widget(("measure_point_" + row.id).c_str());
        ImGui::SetCursorScreenPos(back);
        ImGui::Dummy(ImVec2(0, 0));
    }
    if (!hovered) return marks;
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (auto i = point_under(c, m.x, m.y, ui::em() * 0.9f)) {
        const auto& pt = row.history[*i];
        // Above the point, so it never covers the time axis' dates (or the finger on a phone).
        ImGui::SetNextWindowPos(ImVec2(c.points[*i].x, c.points[*i].y - ui::em() * 0.8f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(value_text(pt).c_str());
        ImGui::TextColored(ui::soft_text(), "%s%s", pt.date.c_str(), pt.score_only ? " · measured at the clinic" : "");
        ImGui::EndTooltip();
        u.hooks.value("measure_hover", static_cast<long long>(pt.total));
        return marks;
    }
    for (std::size_t k = 0; k < c.session_x.size(); ++k)
        if (std::fabs(m.x - c.session_x[k]) < ui::em() * 0.5f && m.y > axis - ui::em() * 0.5f) {
            const SessionRow* s = dated[c.session_index[k]];
            ImGui::SetNextWindowPos(ImVec2(c.session_x[k], area.bottom() - ui::em() * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
            ImGui::SetTooltip("%s — %s", s->title.c_str(), s->when.c_str());
        }
    return marks;
}

void table(const InstrumentRow& row) {
    if (!ImGui::BeginTable(("###table_" + row.id).c_str(), 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_PadOuterX)) return;
    ImGui::TableSetupColumn("Date");
    ImGui::TableSetupColumn("Total");
    ImGui::TableSetupColumn("From");
    ImGui::TableHeadersRow();
    for (auto it = row.history.rbegin(); it != row.history.rend(); ++it) {  // newest first
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(it->date.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", value_text(*it).c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s%s", it->score_only ? "clinic" : "you",
                           it->flags.empty() ? "" : " · shared a risk answer");
    }
    ImGui::EndTable();
}

void score_entry(Ui& u) {
    auto& f = u.forms.score;
    const auto& pack = u.view.content();
    ui::heading(u, "Add a score from the clinic");
    ui::subtle("If your clinic measured a questionnaire with you, add its total here so it shows in the trend.");
    if (f.instrument.empty() && !pack.instruments.empty()) f.instrument = pack.instruments.front().id;
    const auto* chosen = pack.instrument(f.instrument);
    ImGui::TextUnformatted("Questionnaire");
    ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 16);
    if (ImGui::BeginCombo("###score_instrument", chosen ? chosen->display_name().c_str() : "")) {
        for (const auto& ins : pack.instruments)
            if (ImGui::Selectable(ins.display_name().c_str(), ins.id == f.instrument)) f.instrument = ins.id;
        ImGui::EndCombo();
    }
    u.hooks.widget("score_instrument");
    char hint[48];
    std::snprintf(hint, sizeof hint, "0 to %g", chosen ? chosen->max_total() : 0.0);
    ImGui::TextUnformatted("Total");
    ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 8);
    ImGui::InputTextWithHint("###score_total", hint, &f.total, ImGuiInputTextFlags_CharsDecimal);
    u.hooks.widget("score_total");
    ImGui::TextUnformatted("Date it was measured");
    ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 16);
    ImGui::InputTextWithHint("###score_date", "YYYY-MM-DD (empty: today)", &f.date);
    u.hooks.widget("score_date");
    ui::error_text(u);
    if (ui::primary_button("Save score")) u.out.push_back(cmd::SaveScoreOnly{});
    u.hooks.widget("score_save");
}

}  // namespace

void draw_measures(Ui& u) {
    u.error_inline = true;  // the score form shows the message beside its Save
    ui::frame(u, [&] {
        auto& f = u.forms.score;
        ui::heading(u, "Your questionnaires over time");
        if (ImGui::RadioButton("Chart", !f.table)) f.table = false;
        u.hooks.widget("measures_chart_view");
        ImGui::SameLine(0, 2 * ui::em());
        if (ImGui::RadioButton("Table", f.table)) f.table = true;
        u.hooks.widget("measures_table_view");
        ui::spacer(0.4f);
        long long points = 0;
        ChartMarks marks;
        bool any = false;
        for (const auto& row : u.view.measures.instruments) {
            if (row.history.empty()) continue;
            any = true;
            ImGui::PushFont(u.fonts.heading);
            ImGui::TextUnformatted(row.title.c_str());
            ImGui::PopFont();
            const auto& last = row.history.back();
            ui::subtle(("Latest: " + value_text(last) + " on " + last.date).c_str());
            if (f.table) {
                table(row);
            } else {
                const ChartMarks m = chart(u, row);
                marks.sessions |= m.sessions;
                marks.clinic |= m.clinic;
            }
            points += static_cast<long long>(row.history.size());
            ui::spacer(0.6f);
        }
        if (!any) ui::subtle("No results yet. When you take a questionnaire, or add a score from the clinic, it shows here.");
        // The caption explains only the marks the charts show.
        const std::string caption = std::string(marks.sessions ? "Triangles on the time axis mark your sessions. " : "") +
                                    (marks.clinic ? "A ring is a score measured at the clinic." : "");
        if (any && !caption.empty()) ui::subtle(caption.c_str());
        u.hooks.value("measure_points", points);
        u.hooks.value("measures_table", f.table ? 1 : 0);
        ui::spacer();
        score_entry(u);
        ui::spacer();
        if (ui::quiet_button("Take a questionnaire")) u.out.push_back(cmd::ChooseMeasure{});
        u.hooks.widget("measures_take");
    });
}

}  // namespace afterglow::app
