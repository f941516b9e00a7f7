// Settings → My care team: the therapist, the clinic and a trusted person (name and phone),
// shown first on the crisis screen. Stored encrypted in the journal.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/screens.hpp"

namespace afterglow::app {
namespace {

void contact(Ui& u, const char* title, const char* id, journal::content::Contact& c) {
    ImGui::PushID(id);
    ImGui::TextColored(ui::soft_text(), "%s", title);
    ui::labeled_input("Name", "###name", &c.name);
    u.hooks.widget((std::string("care_") + id + "_name").c_str());
    ui::labeled_input("Phone", "###phone", &c.phone, 0, "+1 555 0100");
    u.hooks.widget((std::string("care_") + id + "_phone").c_str());
    ui::spacer(0.5f);
    ImGui::PopID();
}

}  // namespace

void draw_care_team(Ui& u) {
    u.error_inline = true;
    auto footer = [&] {
        ui::error_text(u);
        if (ui::primary_button("Save care team") || u.shortcuts.save) u.out.push_back(cmd::SaveCareTeam{});
        u.hooks.widget("care_save");
        ui::same_line_if_fits("Back to settings");
        if (ui::quiet_button("Back to settings")) u.out.push_back(cmd::Go{Screen::settings});
        u.hooks.widget("care_back");
    };
    ui::frame(u, [&] {
        auto& t = u.forms.care_team.team;
        ui::heading(u, "My care team");
        ui::subtle("The people to reach when things are hard. They show first on the crisis screen. "
                   "Leave out anything you like; it is stored encrypted.");
        ui::spacer(0.5f);
        contact(u, "Therapist", "therapist", t.therapist);
        contact(u, "Clinic", "clinic", t.clinic);
        contact(u, "Someone you trust", "trusted", t.trusted);
    }, footer);
}

}  // namespace afterglow::app
