// Settings: theme, font size (scales the whole UI), auto-lock, change passphrase, key
// strength, vault location. Persisted in a small plain file holding no journal text.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>

#include "app/screen_passkeys.hpp"
#include "app/screens.hpp"

namespace afterglow::app {

void draw_settings(Ui& u) {
    ui::frame(u, [&] {
        Settings s = u.view.settings;
        bool changed = false;
        ui::heading(u, "Settings");

        ImGui::TextColored(ui::soft_text(), "Appearance");
        if (ImGui::RadioButton("Light", s.theme == Theme::light)) s.theme = Theme::light, changed = true;
        const ImGuiStyle& style = ImGui::GetStyle();  // a radio: its circle, a gap, its label
        ui::same_line_if_fits("Dark", ImGui::GetFrameHeight() + style.ItemInnerSpacing.x - style.FramePadding.x * 2);
        if (ImGui::RadioButton("Dark", s.theme == Theme::dark)) s.theme = Theme::dark, changed = true;
        u.hooks.widget("settings_theme_dark");
        float& pending_size = u.state.pending_font_size;  // applied on release
        if (pending_size == 0) pending_size = s.font_size;
        ImGui::TextUnformatted("Text size");
        ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 14);
        char size_label[24];  // as a share of the default size: up to 200 % (WCAG 1.4.4)
        std::snprintf(size_label, sizeof size_label, "%.0f %%%%", pending_size / Settings{}.font_size * 100.0f);
        ImGui::SliderFloat("###text_size", &pending_size, 14, kMaxFontSize, size_label);
        if (ImGui::IsItemDeactivatedAfterEdit()) s.font_size = pending_size, changed = true;
        if (!ImGui::IsItemActive()) pending_size = s.font_size;
        ui::spacer();

        ImGui::TextColored(ui::soft_text(), "Privacy");
        int minutes = s.autolock_minutes;
        ImGui::TextUnformatted("Lock after this many idle minutes");
        ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 14);
        if (ImGui::SliderInt("###autolock", &minutes, 0, 60, minutes == 0 ? "never" : "%d min"))
            s.autolock_minutes = minutes, changed = true;
        if (u.view.windowed) {
            if (ImGui::Checkbox("Lock when the window is minimized", &s.lock_on_minimize)) changed = true;
            u.hooks.widget("settings_lock_minimized");
        } else if (minutes > 0) {  // a phone or a browser tab: the delay counts while out of sight
            ui::subtle("The delay also counts while Afterglow is in the background.");
            u.hooks.widget("settings_background_lock");
        }
        ui::spacer();

        ImGui::TextColored(ui::soft_text(), "Your clinic");
        if (ui::quiet_button("My care team")) u.out.push_back(cmd::OpenCareTeam{});
        u.hooks.widget("settings_care_team");
        ui::same_line_if_fits("Clinic pack");
        if (ui::quiet_button("Clinic pack")) u.out.push_back(cmd::Go{Screen::clinic_pack});
        u.hooks.widget("settings_clinic_pack");
        ui::spacer();

        draw_passkey_settings(u);  // Unlock with Face ID, fingerprint or a security key
        ImGui::TextColored(ui::soft_text(), "Passphrase");
        auto& f = u.forms.settings;
        if (u.view.busy.active) {
            ui::busy_indicator(u.view.busy.what.c_str());
        } else {
            ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 20);
            ImGui::InputTextWithHint("###new_pass", "new passphrase", &f.next.text, ImGuiInputTextFlags_Password);
            u.hooks.widget("settings_new_pass");
            ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 20);
            ImGui::InputTextWithHint("###new_pass2", "the same again", &f.confirm.text, ImGuiInputTextFlags_Password);
            ui::strength_meter(f.next.text, u.narrow ? 0 : u.em * 20);
            const bool match = !f.next.text.empty() && f.next.text == f.confirm.text;
            ImGui::BeginDisabled(!match);
            if (ui::primary_button("Change passphrase")) u.out.push_back(cmd::ChangePassphrase{});
            ImGui::EndDisabled();
        }
        ui::spacer();

        ImGui::TextColored(ui::soft_text(), "Key strength");
        // The label is short and its detail wraps below it: a phone at 200 % text cuts a long
        // radio label (ImGui does not wrap one).
        const float under_label = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x;
        if (ImGui::RadioButton("Standard", s.kdf == KdfStrength::standard)) s.kdf = KdfStrength::standard, changed = true;
        u.hooks.widget("settings_kdf_standard");
        ImGui::Indent(under_label);
        ui::subtle("256 MiB of memory, about 1 second to unlock");
        ImGui::Unindent(under_label);
        if (ImGui::RadioButton("Strong", s.kdf == KdfStrength::strong)) s.kdf = KdfStrength::strong, changed = true;
        ImGui::Indent(under_label);
        ui::subtle("1 GiB of memory, about 2 seconds to unlock");
        ImGui::Unindent(under_label);
        ui::subtle(("Applies the next time you change your passphrase. Now: " + u.view.kdf_description).c_str());
        ui::spacer();

        ImGui::TextColored(ui::soft_text(), "Where your journal is kept");
        if (u.view.windowed) {  // a file the patient chose; a browser keeps it in its own storage
            ImGui::TextWrapped("%s", u.view.vault_path.c_str());
            ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 28);
            ImGui::InputTextWithHint("###vault_path", "another file path (used from the next start)", &f.vault_path);
            ui::same_line_if_fits("Use this location");
            if (ui::quiet_button("Use this location") && f.vault_path != s.vault_path) s.vault_path = f.vault_path, changed = true;
            u.hooks.widget("settings_vault_path_use");
        } else {
            ImGui::TextWrapped("In this browser's storage on this device.");
        }
        if (!u.view.storage_status.empty()) ui::subtle(u.view.storage_status.c_str());  // the browser's answer
        if (u.view.can_keep_storage && ui::quiet_button("Ask the browser to keep my journal")) u.out.push_back(cmd::KeepStorage{});
        u.hooks.widget("settings_keep_storage");
        if (ui::quiet_button("Import a backup…")) u.out.push_back(cmd::Go{Screen::import_data});
        u.hooks.widget("settings_import");
        if (ui::quiet_button("Sync between devices…")) u.out.push_back(cmd::Go{Screen::sync});
        u.hooks.widget("settings_sync");
        ui::spacer();
        if (ui::quiet_button("Show the welcome again")) u.out.push_back(cmd::Go{Screen::welcome});
        u.hooks.widget("settings_welcome");
        ui::spacer();
        ui::subtle(u.view.content().notices.not_medical_advice.c_str());
        if (changed) u.out.push_back(cmd::ApplySettings{s});
    });
}

}  // namespace afterglow::app
