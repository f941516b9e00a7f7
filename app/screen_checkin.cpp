// Check-in: a minute to notice how you are (own-worded 0–10 scales, a note), a safety
// question whose "yes" opens the crisis screen at once, and the trend of recent check-ins.
#include <imgui.h>

#include "app/core/journey.hpp"
#include "app/screens.hpp"

namespace afterglow::app {

void draw_checkin(Ui& u) {
    ui::frame(u, [&] {
        auto& f = u.forms.checkin;
        ui::heading(u, "How are you today?");
        ui::subtle("A minute to notice how you are. Over weeks, these small notes show how things move.");
        ui::spacer(0.6f);
        for (std::size_t i = 0; i < std::size(kCheckInScales); ++i) {
            ImGui::TextUnformatted(kCheckInScales[i].question);
            ImGui::SetNextItemWidth(-1);
            char id[16];
            std::snprintf(id, sizeof id, "###scale%zu", i);
            ImGui::SliderInt(id, &f.scores[i], 0, 10);
            ImGui::Spacing();
        }
        ui::labeled_multiline("Anything you want to remember about today (optional)", "###checkin_note", &f.note, 3);
        ui::spacer(0.4f);
        ImGui::TextWrapped("Are you having thoughts of harming yourself?");
        if (ImGui::RadioButton("No###safety_no", f.safety == SafetyAnswer::no)) f.safety = SafetyAnswer::no;
        ImGui::SameLine(0, 2 * ui::em());
        if (ImGui::RadioButton("Yes###safety_yes", f.safety == SafetyAnswer::yes)) f.safety = SafetyAnswer::yes;
        u.hooks.widget("checkin_safety_yes");
        ui::spacer(0.4f);
        if (ui::primary_button("Save check-in") || u.shortcuts.save) u.out.push_back(cmd::SaveCheckIn{});
        u.hooks.widget("checkin_save");

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
        for (const auto& t : u.view.trends) {
            if (t.values.empty()) continue;
            char overlay[48];
            std::snprintf(overlay, sizeof overlay, "%s: %.0f", t.measure.c_str(), t.values.back());
            ImGui::PushID(t.measure.c_str());  // fixed scale names, never user text
            ImGui::PlotLines("###trend", t.values.data(), static_cast<int>(t.values.size()), 0, overlay, 0.0f,
                             10.0f, ImVec2(-1, 2.6f * ui::em()));
            ImGui::PopID();
        }
    });
}

}  // namespace afterglow::app
