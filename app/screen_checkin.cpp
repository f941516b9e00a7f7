// Check-in: a minute to notice how you are (own-worded 0–10 scales, a note), a safety
// question whose "yes" opens the crisis screen the moment it is picked, and the trend of
// recent check-ins. Only the scales the user moves are stored; Save stays in the footer, so
// a mood-only check-in is three interactions from home (Check-in, the mood scale, Save).
#include <imgui.h>

#include "app/core/journey.hpp"
#include "app/core/layout.hpp"
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

// One trend line: drawn by hand so one or two check-ins already show (points, then a line).
void trend(const MeasureTrend& t) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x, h = 2.6f * ui::em();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(p, ImVec2(p.x + w, p.y + h), ImGui::GetColorU32(ImGuiCol_Border), ui::em() * 0.3f);
    const float pad = ui::em() * 0.5f;
    const Box area{p.x + pad, p.y + pad, w - 2 * pad - 5 * ui::em(), h - 2 * pad};
    const auto pts = trend_points(t.values, 0.0f, 10.0f, area);
    const ImU32 c = ImGui::GetColorU32(ImGuiCol_PlotLines);
    for (std::size_t i = 1; i < pts.size(); ++i)
        dl->AddLine(ImVec2(pts[i - 1].x, pts[i - 1].y), ImVec2(pts[i].x, pts[i].y), c, 2.0f);
    for (const auto& q : pts) dl->AddCircleFilled(ImVec2(q.x, q.y), ui::em() * 0.22f, c);
    char label[48];
    std::snprintf(label, sizeof label, "%s %.0f", t.measure.c_str(), t.values.back());
    dl->AddText(ImVec2(area.right() + pad, p.y + (h - ui::em()) * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), label);
    ImGui::Dummy(ImVec2(w, h));
}

}  // namespace

void draw_checkin(Ui& u) {
    // The footer stays in view: the safety question and Save are never below the fold.
    auto footer = [&] {
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
        ui::same_line_if_fits("Save check-in", 2 * ui::em());
        if (ui::primary_button("Save check-in") || u.shortcuts.save) u.out.push_back(cmd::SaveCheckIn{});
        u.hooks.widget("checkin_save");
    };
    ui::frame(u, [&] {
        auto& f = u.forms.checkin;
        ui::heading(u, "How are you today?");
        ui::subtle("Move only the scales you want to answer. Over weeks, these small notes show how things move.");
        ui::spacer(0.6f);
        const auto& scales = u.view.content().checkin_scales;
        if (f.scores.size() < scales.size()) f.scores.resize(scales.size(), CheckInForm::kUntouched);
        for (std::size_t i = 0; i < scales.size(); ++i) scale(u, scales[i], i);
        ui::labeled_multiline("Anything you want to remember about today (optional)", "###checkin_note", &f.note, 3);
        ui::spacer();
        ui::heading(u, "Recent check-ins");
        if (u.view.checkin_count == 0) {
            ui::subtle("Nothing yet. Your first check-in starts the picture.");
            return;
        }
        char line[96];
        std::snprintf(line, sizeof line, "%zu check-ins, the latest on %s.", u.view.checkin_count,
                      u.view.last_checkin.c_str());
        ui::subtle(line);
        ui::spacer(0.4f);
        long long points = 0;
        for (const auto& t : u.view.trends) {
            if (t.values.empty()) continue;
            trend(t);
            points += static_cast<long long>(t.values.size());
        }
        u.hooks.value("trend_points", points);
    }, footer);
}

}  // namespace afterglow::app
