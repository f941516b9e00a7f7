// Treatment goals: the list with each goal's latest progress, a new goal, and one goal
// revisited — a 0–10 rating and a note, the history of visits, and the intentions and
// integration entries linked to it (with the actions they carry into daily life).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

#include "app/core/journey.hpp"
#include "app/core/view_model.hpp"
#include "app/screens.hpp"

namespace afterglow::app {
namespace {

const char* status_label(journal::GoalStatus s) {
    switch (s) {
        case journal::GoalStatus::active: return "active";
        case journal::GoalStatus::achieved: return "achieved";
        case journal::GoalStatus::paused: return "paused";
        case journal::GoalStatus::dropped: return "set aside";
        case journal::GoalStatus::count: break;
    }
    return "";
}

std::string latest(const GoalRow& g) {
    for (auto it = g.reviews.rbegin(); it != g.reviews.rend(); ++it)
        if (it->progress >= 0) return "last rated " + std::to_string(it->progress) + "/10" + (it->date.empty() ? "" : " on " + it->date);
    return g.reviews.empty() ? "not revisited yet" : "revisited " + std::to_string(g.reviews.size()) + " time(s)";
}

// 0–10 as a row of buttons (wraps in a narrow window); nothing is picked until the user does.
void rating(Ui& u, int* value) {
    for (int i = 0; i <= 10; ++i) {
        const std::string label = std::to_string(i);
        if (i) ui::same_line_if_fits(label.c_str());
        const bool on = *value == i;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive)),
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_NavWindowingHighlight));
        if (ImGui::Button((label + "###r" + label).c_str(), ImVec2(std::max(u.em * 2.0f, u.narrow ? 44.0f : 0.0f), 0)))
            *value = i;
        if (on) ImGui::PopStyleColor(2);
        u.hooks.widget(("goal_rate_" + label).c_str());
    }
}

void goal_list(Ui& u) {
    const auto& v = u.view;
    auto& f = u.forms.goals;
    ui::heading(u, "Your treatment goals");
    ui::subtle("What you are working towards, in your own words — perhaps as you agreed them with your care team. "
               "Revisit them now and then: a number and a few words are plenty.");
    ui::spacer(0.4f);
    if (v.goals.empty()) ui::subtle("No goals yet.");
    for (std::size_t i = 0; i < v.goals.size(); ++i) {
        const auto& g = v.goals[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushFont(u.fonts.heading);
        ImGui::TextWrapped("%s", g.title.c_str());
        ImGui::PopFont();
        ImGui::PushStyleColor(ImGuiCol_Text, ui::soft_text());
        ImGui::TextWrapped("%s · since %s · %s", status_label(g.status), g.since.c_str(), latest(g).c_str());
        ImGui::PopStyleColor();
        if (ui::quiet_button("Revisit")) {
            f.open = g.id;
            f.progress = -1;
        }
        u.hooks.widget(("goal_open_" + std::to_string(i)).c_str());
        ui::spacer(0.4f);
        ImGui::PopID();
    }
    ui::spacer(0.6f);
    ui::heading(u, "A new goal");
    ui::labeled_input("The goal", "###goal_title", &f.title, 0, "e.g. Sleep through the night");
    u.hooks.widget("goal_title");
    ui::labeled_multiline("Why it matters, or how you will notice progress (optional)", "###goal_description",
                          &f.description, 3);
    u.hooks.widget("goal_description");
    if (ui::primary_button("Save goal")) u.out.push_back(cmd::SaveGoal{});
    u.hooks.widget("goal_save");
    ui::error_text(u);
}

void linked_entries(Ui& u, const GoalRow& g) {
    const auto& v = u.view;
    ui::heading(u, "Linked intentions and entries");
    if (g.linked.empty()) ui::subtle("Nothing linked yet. Link an intention or an integration entry below.");
    for (const auto& id : g.linked) {
        const EntryRow* e = v.find_entry(id);
        if (!e) continue;
        ImGui::PushID(e->id.hex().c_str());
        if (ImGui::Selectable((e->title + " · " + e->date + "###open").c_str())) u.out.push_back(cmd::OpenEntry{e->id});
        for (const auto& c : v.carrying)
            if (c.entry == e->id) {
                ImGui::Indent(u.em);
                ImGui::TextWrapped("%s %s", c.done ? "✓" : "○", c.text.c_str());
                ImGui::Unindent(u.em);
            }
        ImGui::PopID();
    }
    ui::spacer(0.4f);
    if (ImGui::CollapsingHeader("Link an intention or entry###link")) {
        int shown = 0;
        for (const auto& e : v.entries) {
            if (e.kind != journal::EntryKind::intention && e.kind != journal::EntryKind::integration) continue;
            if (++shown > 15) break;
            bool on = std::find(g.linked.begin(), g.linked.end(), e.id) != g.linked.end();
            ImGui::PushID(e.id.hex().c_str());
            if (ImGui::Checkbox((e.title + " · " + e.date + "###link").c_str(), &on))
                u.out.push_back(cmd::LinkGoal{g.id, e.id});
            u.hooks.widget(("goal_link_" + std::to_string(shown - 1)).c_str());
            ImGui::PopID();
        }
        if (shown == 0) ui::subtle("No intentions or integration entries yet.");
    }
}

void goal_detail(Ui& u, const GoalRow& g) {
    auto& f = u.forms.goals;
    if (ui::quiet_button("All goals")) f.open = {};
    u.hooks.widget("goal_back");
    ui::heading(u, g.title.c_str());
    if (!g.description.empty()) ui::subtle(g.description.c_str());
    ImGui::TextColored(ui::soft_text(), "%s · since %s", status_label(g.status), g.since.c_str());
    ui::spacer(0.5f);
    ImGui::TextWrapped("How is it going? (0 not yet at all, 10 fully there)");
    rating(u, &f.progress);
    ImGui::PushStyleColor(ImGuiCol_Text, ui::soft_text());
    ImGui::TextUnformatted(f.progress < 0 ? "not rated" : (std::to_string(f.progress) + " of 10").c_str());
    ImGui::PopStyleColor();
    ui::labeled_multiline("A note (optional)", "###goal_note", &f.note, 3);
    u.hooks.widget("goal_note");
    if (ui::primary_button("Save this visit")) u.out.push_back(cmd::ReviewGoal{});
    u.hooks.widget("goal_review_save");
    ui::error_text(u);
    ui::spacer(0.6f);

    ui::heading(u, "Earlier visits");
    if (g.reviews.empty()) ui::subtle("This is the first visit.");
    for (auto it = g.reviews.rbegin(); it != g.reviews.rend(); ++it) {
        ImGui::PushID(static_cast<int>(it - g.reviews.rbegin()));
        ImGui::TextColored(ui::soft_text(), "%s", it->date.empty() ? "earlier" : format_date(review_time(*it, 0)).c_str());
        if (it->progress >= 0) {
            ImGui::SameLine();
            ImGui::Text("%d/10", it->progress);
            ImGui::SameLine();
            ImGui::ProgressBar(static_cast<float>(it->progress) / 10.0f, ImVec2(u.em * 6, u.em * 0.45f), "");
        }
        if (!it->note.empty()) ImGui::TextWrapped("%s", it->note.c_str());
        ImGui::PopID();
    }
    ui::spacer(0.6f);
    linked_entries(u, g);
    ui::spacer(0.6f);
    if (g.status != journal::GoalStatus::achieved && ui::quiet_button("Mark as achieved"))
        u.out.push_back(cmd::SetGoalStatus{g.id, journal::GoalStatus::achieved});
    if (g.status == journal::GoalStatus::active) {
        ui::same_line_if_fits("Pause it");
        if (ui::quiet_button("Pause it")) u.out.push_back(cmd::SetGoalStatus{g.id, journal::GoalStatus::paused});
    } else {
        ui::same_line_if_fits("Make it active again");
        if (ui::quiet_button("Make it active again")) u.out.push_back(cmd::SetGoalStatus{g.id, journal::GoalStatus::active});
    }
}

}  // namespace

void draw_goals(Ui& u) {
    u.error_inline = true;
    ui::frame(u, [&] {
        const auto& f = u.forms.goals;
        const GoalRow* open = nullptr;
        for (const auto& g : u.view.goals)
            if (g.id == f.open) open = &g;
        if (open) goal_detail(u, *open);
        else goal_list(u);
    });
}

}  // namespace afterglow::app
