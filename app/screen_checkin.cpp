// Check-in: a minute to notice how you are (own-worded 0–10 scales, a note), a safety
// question whose "yes" opens the crisis screen the moment it is picked, and the trend of
// recent check-ins (every scale by date on one axis, 0-10, sessions and safety answers marked;
// or a table). Only the scales the user moves are stored; Save stays in the footer, so a
// mood-only check-in is three interactions from home (Check-in, the mood scale, Save). A
// check-in forgotten earlier can be given its own day and time.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <string>
#include <vector>

#include "app/core/calendar.hpp"
#include "app/core/checkin_chart.hpp"
#include "app/core/journey.hpp"
#include "app/core/layout.hpp"
#include "app/date_picker.hpp"
#include "app/screens.hpp"

namespace afterglow::app {
namespace {

void scale(Ui& u, const journal::content::ScaleDef& def, std::size_t i) {
    auto& score = u.forms.checkin.scores[i];
    ImGui::TextWrapped("%s", def.question.c_str());
    ImGui::SetNextItemWidth(-1);
    char id[32];
    std::snprintf(id, sizeof id, "###scale%zu", i);
    const bool untouched = score == CheckInForm::kUntouched;
    const int lo = static_cast<int>(def.min), hi = static_cast<int>(def.max);
    int v = untouched ? (lo + hi) / 2 : score;
    // An untouched scale shows no number and no grab: nothing is pre-set, nothing is stored.
    if (untouched) ImGui::PushStyleColor(ImGuiCol_SliderGrab, ImVec4(0, 0, 0, 0));
    // A click counts even where it leaves the value as it was drawn (the middle: 5).
    if (ImGui::SliderInt(id, &v, lo, hi, untouched ? "not answered" : "%d") || ImGui::IsItemActivated()) score = v;
    if (untouched) ImGui::PopStyleColor();
    char hook[40];
    std::snprintf(hook, sizeof hook, "checkin_scale%zu", i);
    u.hooks.widget(hook);
    ImGui::Spacing();
}

std::string scale_name(const std::string& id) {
    std::string n = id;
    if (!n.empty() && n[0] >= 'a' && n[0] <= 'z') n[0] = static_cast<char>(n[0] - 'a' + 'A');
    return n;
}

// One scale's strip of the trend: the 0-10 scale at the left, the line by date on the axis
// every strip shares, sessions as faint lines (triangles under the last strip), and each
// check-in with a safety "yes" as a line in the error colour. `dates`: the axis' dates below.
void trend_strip(Ui& u, const MeasureTrend& t, const CheckinAxis& axis, bool dates) {
    const float em = ui::em(), w = ImGui::GetContentRegionAvail().x, h = 5.0f * em;
    const float below = dates ? 1.5f * em : 0.3f * em;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 soft = ImGui::GetColorU32(ui::soft_text()), faint = ImGui::GetColorU32(ImGuiCol_FrameBg);
    const ImU32 line = ImGui::GetColorU32(ImGuiCol_PlotLines), danger = ImGui::GetColorU32(ui::danger(u));
    const float pad = em * 0.5f, label_w = ImGui::CalcTextSize("10").x + pad;
    const std::string name = scale_name(t.measure);
    char latest[48];
    std::snprintf(latest, sizeof latest, "%s %.0f", name.c_str(), t.values.back());
    const float name_w = std::max(ImGui::CalcTextSize(latest).x, 4.5f * em) + pad;
    const Box area{p.x + label_w + pad, p.y + pad, w - label_w - 2 * pad - name_w, h - 2 * pad};
    dl->AddRect(ImVec2(area.x, area.y), ImVec2(area.right(), area.bottom()), faint, em * 0.2f);
    dl->AddLine(ImVec2(area.x, area.y + area.h * 0.5f), ImVec2(area.right(), area.y + area.h * 0.5f), faint, 1.0f);
    dl->AddText(ImVec2(p.x, area.y - em * 0.5f), soft, "10");
    dl->AddText(ImVec2(p.x + ImGui::CalcTextSize("1").x, area.y + area.h * 0.5f - em * 0.5f), soft, "5");
    dl->AddText(ImVec2(p.x + ImGui::CalcTextSize("1").x, area.bottom() - em * 0.5f), soft, "0");
    for (const auto& s : u.view.sessions) {
        if (!s.time || s.time < axis.t0 || s.time > axis.t1) continue;
        const float x = axis_x(axis, s.time, area);
        dl->AddLine(ImVec2(x, area.y), ImVec2(x, area.bottom()), faint, 1.0f);
        if (dates)
            dl->AddTriangleFilled(ImVec2(x, area.bottom() + em * 0.15f), ImVec2(x - em * 0.35f, area.bottom() + em * 0.7f),
                                  ImVec2(x + em * 0.35f, area.bottom() + em * 0.7f), ImGui::GetColorU32(ui::accent()));
    }
    for (const std::int64_t at : u.view.safety_yes) {
        const float x = axis_x(axis, at, area);
        dl->AddLine(ImVec2(x, area.y), ImVec2(x, area.bottom()), danger, 2.0f);
        dl->AddTriangleFilled(ImVec2(x - em * 0.3f, area.y), ImVec2(x + em * 0.3f, area.y), ImVec2(x, area.y + em * 0.45f), danger);
    }
    const auto pts = checkin_points(axis, t, area);
    for (std::size_t i = 1; i < pts.size(); ++i)
        dl->AddLine(ImVec2(pts[i - 1].x, pts[i - 1].y), ImVec2(pts[i].x, pts[i].y), line, 2.0f);
    for (const auto& q : pts) dl->AddCircleFilled(ImVec2(q.x, q.y), em * 0.25f, line);
    dl->AddText(ImVec2(area.right() + pad, p.y + (h - em) * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), latest);
    if (dates) {
        const std::string from = format_date(axis.first), to = format_date(axis.last);
        const float to_w = ImGui::CalcTextSize(to.c_str()).x, y = area.bottom() + em * 0.7f;
        if (axis.first != axis.last && ImGui::CalcTextSize(from.c_str()).x + to_w + 2 * em < area.w)
            dl->AddText(ImVec2(area.x, y), soft, from.c_str());
        dl->AddText(ImVec2(area.right() - to_w, y), soft, to.c_str());
    }
    ImGui::Dummy(ImVec2(w, h + below - pad));
    u.hooks.widget(("checkin_trend_" + t.measure).c_str());
}

// The same check-ins as a table, newest first (a list of lines on a narrow screen).
void trend_table(Ui& u) {
    const auto& scales = u.view.content().checkin_scales;
    auto safety_text = [](const CheckinRow& r) { return !r.safety_yes ? "–" : *r.safety_yes ? "yes" : "no"; };
    if (u.narrow) {
        for (const auto& r : u.view.checkin_rows) {
            std::string line;
            for (std::size_t i = 0; i < scales.size() && i < r.values.size(); ++i) {
                if (!r.values[i]) continue;
                char v[48];
                std::snprintf(v, sizeof v, "%s%s %.0f", line.empty() ? "" : " · ", scale_name(scales[i].id).c_str(), *r.values[i]);
                line += v;
            }
            ImGui::TextColored(ui::soft_text(), "%s", r.date.c_str());
            if (!line.empty()) ImGui::TextWrapped("%s", line.c_str());
            if (r.safety_yes && *r.safety_yes) ImGui::TextColored(ui::danger(u), "Safety question: yes");
            ui::spacer(0.3f);
        }
        u.hooks.widget("checkin_table");
        return;
    }
    const int cols = static_cast<int>(scales.size()) + 2;
    if (!ImGui::BeginTable("###checkin_table", cols, ImGuiTableFlags_RowBg | ImGuiTableFlags_PadOuterX)) return;
    ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed);
    for (const auto& sc : scales) ImGui::TableSetupColumn(scale_name(sc.id).c_str());
    ImGui::TableSetupColumn("Safety");
    ImGui::TableHeadersRow();
    for (const auto& r : u.view.checkin_rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.date.c_str());
        for (std::size_t i = 0; i < scales.size(); ++i) {
            ImGui::TableNextColumn();
            if (i < r.values.size() && r.values[i]) ImGui::Text("%.0f", *r.values[i]);
            else ImGui::TextColored(ui::soft_text(), "–");
        }
        ImGui::TableNextColumn();
        ImGui::TextColored(r.safety_yes && *r.safety_yes ? ui::danger(u) : ui::soft_text(), "%s", safety_text(r));
    }
    ImGui::EndTable();
    u.hooks.widget("checkin_table");
}

// A check-in forgotten yesterday can still be recorded, for the day and time it was about.
void earlier_time(Ui& u) {
    auto& f = u.forms.checkin;
    if (ImGui::Checkbox("This check-in is for an earlier day###checkin_earlier", &f.earlier) && f.earlier && f.date.empty())
        f.date = ymd_text(local_ymd(add_local_days(u.view.now, -1)));  // yesterday, the usual case
    u.hooks.widget("checkin_earlier");
    if (!f.earlier) return;
    const float w = u.narrow ? -1.0f : u.em * 12;
    ImGui::TextUnformatted("Day");
    date_field(u, "###checkin_date", &f.date, w, "checkin_date");
    ImGui::TextUnformatted("Time (empty: midday)");
    ImGui::SetNextItemWidth(w);
    ImGui::InputTextWithHint("###checkin_time", "HH:MM", &f.time);
    u.hooks.widget("checkin_time");
    if (const std::string why = ImGui::IsItemActive() ? std::string() : time_problem(f.time); !why.empty())
        ImGui::TextColored(ui::danger(u), "%s", why.c_str());
}

// After a check-in with a safety "yes" was saved: more than "Check-in saved." The crisis
// resources and the care team again, one tap away, in calm words.
void safety_followup(Ui& u) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ui::accent(), "Thank you for answering honestly. Thoughts of harming yourself matter, and you "
                                     "do not have to carry them alone.");
    ImGui::PopTextWrapPos();
    ui::subtle(u.view.content().crisis.intro.c_str());
    if (ui::primary_button("Crisis support")) u.out.push_back(cmd::Go{Screen::crisis});
    u.hooks.widget("checkin_followup_crisis");
    const bool team = u.view.measures.care_team && !u.view.measures.care_team->empty();
    const char* label = team ? "Your care team" : "Add your care team";
    ui::same_line_if_fits(label);
    if (ui::quiet_button(label)) u.out.push_back(cmd::OpenCareTeam{});
    u.hooks.widget("checkin_followup_team");
    ui::spacer();
}

}  // namespace

void draw_checkin(Ui& u) {
    // The footer stays in view: the safety question and Save are never below the fold. In a
    // short window (large text on a small screen) the footer would take much of the height and
    // hide the scales: the safety question then follows the scales and only Save is pinned.
    const bool compact = ui::short_window();
    auto safety = [&] {
        auto& f = u.forms.checkin;
        const auto& q = u.view.content().safety;
        ImGui::TextWrapped("%s", q.question.c_str());
        // An answer that opens the crisis screen does so now; the check-in waits here.
        for (std::size_t i = 0; i < q.answers.size(); ++i) {
            const auto& a = q.answers[i];
            const SafetyAnswer as = a.opens_crisis ? SafetyAnswer::yes : SafetyAnswer::no;
            if (i) ImGui::SameLine(0, 2 * ui::em());
            if (ImGui::RadioButton((a.label + "###safety_" + a.id).c_str(), f.safety == as)) {
                if (a.opens_crisis) u.out.push_back(cmd::SafetyConcern{});
                else f.safety = as;
            }
            u.hooks.widget(a.opens_crisis ? "checkin_safety_yes" : "checkin_safety_no");
        }
    };
    auto footer = [&] {
        if (!compact) {
            safety();
            ui::same_line_if_fits("Save check-in", 2 * ui::em());
        }
        if (ui::primary_button("Save check-in") || u.shortcuts.save) u.out.push_back(cmd::SaveCheckIn{});
        u.hooks.widget("checkin_save");
    };
    ui::frame(u, [&] {
        auto& f = u.forms.checkin;
        if (u.view.safety_followup) safety_followup(u);
        // A short window (the largest text on a small screen) opens on the first scale: the
        // heading goes, the words come after the scales.
        if (!compact) ui::heading(u, "How are you today?");
        const char* intro = "Move only the scales you want to answer. Over weeks, these small notes show how things move.";
        if (!compact) {
            ui::subtle(intro);
            ui::spacer(0.6f);
        }
        const auto& scales = u.view.content().checkin_scales;
        if (f.scores.size() < scales.size()) f.scores.resize(scales.size(), CheckInForm::kUntouched);
        for (std::size_t i = 0; i < scales.size(); ++i) scale(u, scales[i], i);
        if (compact) {
            ui::subtle(intro);
            ui::spacer(0.4f);
            safety();
            ui::spacer(0.6f);
        }
        ui::labeled_multiline("Anything you want to remember about today (optional)", "###checkin_note", &f.note, 3);
        earlier_time(u);
        ui::spacer();
        ui::heading(u, "Recent check-ins");
        if (u.view.checkin_count == 0) {
            ui::subtle("Nothing yet. Your first check-in starts the picture.");
            return;
        }
        char line[96];
        std::snprintf(line, sizeof line, "%zu check-in%s, the latest on %s.", u.view.checkin_count,
                      u.view.checkin_count == 1 ? "" : "s", u.view.last_checkin.c_str());
        ui::subtle(line);
        ui::spacer(0.4f);
        if (ImGui::RadioButton("Chart###checkin_chart_view", !u.state.checkin_table)) u.state.checkin_table = false;
        u.hooks.widget("checkin_chart_view");
        ImGui::SameLine(0, 2 * ui::em());
        if (ImGui::RadioButton("Table###checkin_table_view", u.state.checkin_table)) u.state.checkin_table = true;
        u.hooks.widget("checkin_table_view");
        long long points = 0;
        std::size_t last = u.view.trends.size();
        for (std::size_t i = 0; i < u.view.trends.size(); ++i)
            if (!u.view.trends[i].values.empty()) last = i;
        if (u.state.checkin_table) {
            trend_table(u);
        } else {
            std::vector<std::int64_t> sessions;
            for (const auto& s : u.view.sessions)
                if (s.time) sessions.push_back(s.time);
            const CheckinAxis axis = checkin_axis(u.view.trends, u.view.safety_yes, sessions);
            for (std::size_t i = 0; i < u.view.trends.size(); ++i) {
                const auto& t = u.view.trends[i];
                if (t.values.empty()) continue;
                trend_strip(u, t, axis, i == last);
                points += static_cast<long long>(t.values.size());
            }
            ui::subtle(u.view.safety_yes.empty()
                           ? "Each line is one scale, 0 to 10, by date. Triangles mark your sessions."
                           : "Each line is one scale, 0 to 10, by date. Triangles mark your sessions. A red line "
                             "marks a check-in where you answered yes to the safety question.");
        }
        u.hooks.value("trend_points", points);
        u.hooks.value("trend_safety_marks", static_cast<long long>(u.view.safety_yes.size()));
    }, footer);
}

}  // namespace afterglow::app
