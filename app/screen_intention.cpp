// Intention wizard: guided prompts one at a time, the preparation checklist, a review, then
// saved as an intention entry linked to the session.
#include <imgui.h>
#include <imgui_internal.h>  // SetFocusID: the checklist step starts with its first box focused
#include <imgui_stdlib.h>

#include <string>

#include "app/core/journey.hpp"
#include "app/screens.hpp"

namespace afterglow::app {

void draw_intention(Ui& u) {
    ui::frame(u, [&] {
        auto& f = u.forms.intention;
        const auto& prompts = u.view.content().intention_prompts;
        const int n_prompts = static_cast<int>(prompts.size());
        const int checklist_step = n_prompts, review_step = n_prompts + 1, steps = n_prompts + 2;
        f.step = std::clamp(f.step, 0, review_step);
        const bool step_changed = u.state.intention_step_seen != f.step || u.state.screen_appeared;
        u.state.intention_step_seen = f.step;
        if (step_changed) u.hooks.screen(("intention_step_" + std::to_string(f.step)).c_str());

        const SessionRow* s = u.view.find_session(f.session);
        ImGui::TextColored(ui::soft_text(), "Intention%s%s · step %d of %d", s ? " for " : "", s ? s->phase.c_str() : "",
                           f.step + 1, steps);
        // Gentle progress dots.
        for (int i = 0; i < steps; ++i) {
            if (i) ImGui::SameLine(0, u.em * 0.3f);
            const ImVec2 p = ImGui::GetCursorScreenPos();
            ImVec4 c = i <= f.step ? ui::accent() : ImGui::GetStyleColorVec4(ImGuiCol_FrameBg);
            ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + u.em * 0.3f, p.y + u.em * 0.4f), u.em * 0.25f,
                                                        ImGui::GetColorU32(c));
            ImGui::Dummy(ImVec2(u.em * 0.6f, u.em * 0.8f));
        }
        ui::spacer(0.5f);

        if (f.step < n_prompts) {
            const auto& p = prompts[static_cast<std::size_t>(f.step)];
            ui::heading(u, p.heading.c_str());
            ui::subtle(p.helper.c_str());
            ui::spacer(0.3f);
            if (step_changed) u.state.answer_editor = WrapEditorState{};  // focused, caret in view
            wrap_editor("###answer", f.answers[static_cast<std::size_t>(f.step)], u.state.answer_editor,
                        ImVec2(0, u.em * 10), "Take your time. A few words are enough.");
            u.hooks.widget("intention_answer");
        } else if (f.step == checklist_step) {
            ui::heading(u, "Preparing for the day");
            ui::subtle("Tick what is already in place. This list is for you; your provider's advice comes first.");
            ui::spacer(0.3f);
            for (std::size_t i = 0; i < f.checklist.size(); ++i) {
                ImGui::PushID(static_cast<int>(i));
                ImGui::Checkbox(f.checklist[i].label.c_str(), &f.checklist[i].done);
                // Keyboard: arrows move between the boxes, Space ticks.
                if (step_changed && i == 0) ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
                u.hooks.widget(("check_" + std::to_string(i)).c_str());
                ImGui::PopID();
            }
            const auto c = checklist_completion(f.checklist);
            ui::spacer(0.3f);
            ImGui::TextColored(ui::accent(), "%zu of %zu ready", c.done, c.total);
        } else {
            ui::heading(u, "Your intention");
            for (std::size_t i = 0; i < prompts.size(); ++i) {
                ImGui::TextColored(ui::soft_text(), "%s", prompts[i].heading.c_str());
                const std::string answer = f.answers[i].doc.text();
                ImGui::TextWrapped("%s", answer.empty() ? "—" : answer.c_str());
                ui::spacer(0.3f);
            }
            const auto c = checklist_completion(f.checklist);
            ImGui::Text("Preparation: %zu of %zu ready", c.done, c.total);
        }

        ui::spacer();
        if (f.step > 0) {
            if (ui::quiet_button("Back", 6)) --f.step;
            ImGui::SameLine();
        } else {
            if (ui::quiet_button("Cancel", 6)) u.out.push_back(cmd::Back{});
            ImGui::SameLine();
        }
        if (f.step < review_step) {
            if (ui::primary_button(f.step == checklist_step ? "Review" : "Next", 6) || u.shortcuts.next) ++f.step;
            u.hooks.widget("intention_next");
        } else {
            if (ui::primary_button("Save intention") || u.shortcuts.save) u.out.push_back(cmd::SaveIntention{});
            u.hooks.widget("intention_save");
        }
        if (f.step < review_step && u.shortcuts.save) u.out.push_back(cmd::SaveIntention{});
    });
}

}  // namespace afterglow::app
