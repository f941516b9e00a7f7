// Unlock: masked passphrase (or recovery key), progress while the key is derived, a clear
// wrong-passphrase message, and a quick note that works while the journal stays locked.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/screen_passkeys.hpp"
#include "app/screens.hpp"
#include "journal/text.hpp"

namespace afterglow::app {

void draw_unlock(Ui& u) {
    ui::frame(u, [&] {
        auto& f = u.forms.unlock;
        ui::heading(u, "Welcome back");
        u.hooks.widget("unlock_welcome");  // the top of the page: in view as it opens
        ui::subtle("Your journal is locked. Take a breath; there is no hurry.");
        ui::spacer();
        if (u.view.busy.active) {
            ui::busy_indicator(u.view.busy.what.c_str());
        } else if (!draw_passkey_unlock(u)) {  // a passkey: one large Unlock instead
            ImGui::TextUnformatted(f.use_recovery ? "Recovery key" : "Passphrase");
            ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 22);
            if (u.state.screen_appeared || u.state.unlock_failures_seen != u.view.unlock_failures)
                ImGui::SetKeyboardFocusHere();
            u.state.unlock_failures_seen = u.view.unlock_failures;
            const bool enter = ImGui::InputTextWithHint("###unlock_pass", f.use_recovery ? "XXXX-XXXX-…" : "",
                                                        &f.pass.text,
                                                        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
            u.hooks.widget("unlock_pass");
            u.hooks.value("unlock_pass_chars", static_cast<long long>(journal::code_point_count(f.pass.text)));
            u.hooks.text("unlock_pass", f.pass.text);
            if (!u.narrow) ImGui::SameLine();
            if (ui::primary_button("Unlock") || (enter && !f.pass.text.empty()))
                u.out.push_back(cmd::Unlock{f.use_recovery ? cmd::UnlockWith::recovery_key : cmd::UnlockWith::passphrase});
            u.hooks.widget("unlock_button");
            if (ui::small_button(u, f.use_recovery ? "Use my passphrase instead" : "Forgot it? Use the recovery key")) {
                f.use_recovery = !f.use_recovery;
                f.pass.wipe();
            }
            u.hooks.widget("unlock_recovery_toggle");
        }
        ui::spacer(1.6f);
        ImGui::Separator();
        ui::spacer(0.6f);
        ImGui::PushFont(u.fonts.large);
        ImGui::TextUnformatted("Quick note");
        ui::subtle("Write something down right now. It is sealed at once and joins your journal the next time you unlock.");
        ui::spacer(0.3f);
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("###note_title", "A few words for a title (optional)", &f.note_title);
        u.hooks.widget("note_title");
        ImGui::InputTextMultiline("###note_body", &f.note_body, ImVec2(-1, u.em * 7));
        u.hooks.widget("note_body");
        const bool has = !f.note_title.empty() || !f.note_body.empty();
        ImGui::BeginDisabled(!has);
        if (ui::primary_button("Keep this note")) u.out.push_back(cmd::Capture{});
        ImGui::EndDisabled();
        u.hooks.widget("note_save");
        ImGui::PopFont();
        if (u.view.captures_pending > 0) {
            ImGui::SameLine();
            ui::subtle((std::to_string(u.view.captures_pending) +
                        (u.view.captures_pending == 1 ? " note is" : " notes are") + " waiting to join your journal.")
                           .c_str());
        }
    });
}

}  // namespace afterglow::app
