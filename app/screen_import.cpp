// Import a backup from another device: choose the file (the platform's picker on the web, a
// path on the desktop), type its passphrase or paste the key it was encrypted to, import.
// Says what happened in counts: added, updated (a newer version won), already here.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/screens.hpp"

namespace afterglow::app {

void draw_import(Ui& u) {
    u.error_inline = true;
    ui::frame(u, [&] {
        auto& f = u.forms.import_form;
        ui::heading(u, "Import a backup");
        ui::subtle("Bring in the entries of a backup made on another device (Share → Backup). What is "
                   "already here stays; where the backup has a newer version of something, the newer one "
                   "is kept. Importing the same backup again changes nothing.");
        ui::spacer(0.5f);
        if (u.view.can_pick_file) {
            if (ui::primary_button(f.file.empty() ? "Choose the backup file…" : "Choose another file…"))
                u.out.push_back(cmd::ImportPick{});
            u.hooks.widget("import_pick");
            if (!f.file.empty()) {
                const auto slash = f.file.find_last_of('/');
                ImGui::TextWrapped("Chosen: %s", f.file.c_str() + (slash == std::string::npos ? 0 : slash + 1));
            }
        } else {
            ImGui::TextUnformatted("Backup file");
            ImGui::SetNextItemWidth(-1);
            ImGui::InputTextWithHint("###import_file", "a file path (….json.age)", &f.file);
            u.hooks.widget("import_file");
        }
        ImGui::TextUnformatted("Its passphrase, or the key it was encrypted to");
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("###import_secret", "passphrase or AGE-SECRET-KEY-1…", &f.secret.text,
                                 ImGuiInputTextFlags_Password);
        u.hooks.widget("import_secret");
        ui::spacer(0.5f);
        if (u.view.busy.active) {
            ui::busy_indicator(u.view.busy.what.c_str());
        } else {
            ImGui::BeginDisabled(f.file.empty());
            if (ui::primary_button("Import")) u.out.push_back(cmd::ImportRun{});
            ImGui::EndDisabled();
            u.hooks.widget("import_run");
            ui::error_text(u);
            if (!u.view.import_result.empty()) {
                ImGui::PushStyleColor(ImGuiCol_Text, ui::accent());
                ImGui::TextWrapped("Imported: %s.", u.view.import_result.c_str());
                ImGui::PopStyleColor();
                u.hooks.widget("import_result");
                u.hooks.value("import_added", static_cast<long long>(u.view.import_added));
                u.hooks.value("import_updated", static_cast<long long>(u.view.import_updated));
                u.hooks.value("import_kept", static_cast<long long>(u.view.import_kept));
            }
        }
    });
}

}  // namespace afterglow::app
