// Settings → Clinic pack: which content pack is in use, import a clinic's pack file (kept
// inside the encrypted journal), or remove it. A malformed pack gets one message naming the
// file, the field and the problem, and changes nothing.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/screens.hpp"

namespace afterglow::app {

void draw_clinic_pack(Ui& u) {
    u.error_inline = true;
    ui::frame(u, [&] {
        const auto& m = u.view.measures;
        ui::heading(u, "Clinic pack");
        ui::subtle("A clinic can give you its own preparation checklist, prompts, phone numbers and questionnaires "
                   "as a pack file. It is kept inside your encrypted journal: which clinic you attend stays private.");
        ui::spacer(0.5f);
        ImGui::TextColored(ui::soft_text(), "In use");
        ImGui::TextWrapped("%s", m.pack_in_use.c_str());
        u.hooks.widget("pack_in_use");
        for (const auto& p : m.pack_problems) ImGui::TextColored(ui::danger(u), "%s", p.c_str());
        ui::spacer(0.5f);
        ui::labeled_input("Pack file to import", "###pack_path", &u.forms.pack.path, 0, "/path/to/clinic-pack.json");
        u.hooks.widget("pack_path");
        ui::error_text(u);
        if (ui::primary_button("Import pack")) u.out.push_back(cmd::ImportPack{});
        u.hooks.widget("pack_import");
        if (!m.imported_pack.empty()) {
            ui::same_line_if_fits("Remove the clinic pack");
            if (ui::quiet_button("Remove the clinic pack")) u.out.push_back(cmd::RemovePack{});
            u.hooks.widget("pack_remove");
        }
        ui::spacer();
        if (ui::quiet_button("Back to settings")) u.out.push_back(cmd::Go{Screen::settings});
        u.hooks.widget("pack_back");
    });
}

}  // namespace afterglow::app
