// First run: create the vault (passphrase + strength meter + confirm), then show the
// recovery key once and confirm it by retyping one group; or join a journal that already
// syncs (screen_first_run_join.cpp).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <string>

#include "app/core/journey_texts.hpp"
#include "app/screens.hpp"
#include "crypto/recovery_key.hpp"
#include "journal/text.hpp"

namespace afterglow::app {
namespace {

void create_step(Ui& u) {
    auto& f = u.forms.first_run;
    ui::heading(u, "Welcome to Afterglow");
    ui::subtle("A private place to prepare for your sessions and to write about what comes after. "
               "Everything you write stays on this device, encrypted with a passphrase only you know.");
    ui::spacer();
    const auto& notices = u.view.content().notices;
    const std::string notice = notices.not_medical_advice + " " + notices.ask_care_team +
                               " If you need help right now, use \"Need help now?\" above.";
    // The card is as tall as its wrapped text at this width and text size.
    const ImVec2 pad = ImGui::GetStyle().WindowPadding;
    const float text_h = ImGui::CalcTextSize(notice.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x - 2 * pad.x).y;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::BeginChild("###not_advice", ImVec2(0, text_h + 2 * pad.y + 1),
                      false, ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    ImGui::TextWrapped("%s", notice.c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ui::spacer();
    if (u.view.tab_forgets) {  // iOS Safari in a tab: the 7-day rule, before anything is written
        const auto& t = journey_text(u.view.content(), "storage.safari_tab");
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ui::accent(), "%s", t.heading.c_str());
        ImGui::TextUnformatted(t.body.c_str());
        ImGui::PopTextWrapPos();
        u.hooks.widget("first_safari_tab");
        ui::spacer();
    }
    if (u.view.busy.active) {
        ui::busy_indicator(u.view.busy.what.c_str());
        return;
    }
    ImGui::TextUnformatted("Choose a passphrase");
    ImGui::SetNextItemWidth(-1);
    if (u.state.screen_appeared) ImGui::SetKeyboardFocusHere();
    ImGui::InputTextWithHint("###pass1", "several unrelated words work well", &f.pass.text, ImGuiInputTextFlags_Password);
    u.hooks.widget("first_pass");
    const Strength strength = ui::strength_meter(f.pass.text);
    if (u.hooks.enabled) {  // test hook: the meter's score, then how many characters it scored
        u.hooks.value("first_strength", strength.score);
        u.hooks.value("first_pass_chars", static_cast<long long>(journal::code_point_count(f.pass.text)));
        u.hooks.text("first_pass", f.pass.text);
    }
    ui::spacer(0.4f);
    ImGui::TextUnformatted("Type it once more");
    ImGui::SetNextItemWidth(-1);
    const bool enter = ImGui::InputText("###pass2", &f.confirm.text,
                                        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    u.hooks.widget("first_confirm");
    u.hooks.text("first_confirm", f.confirm.text);
    const bool match = !f.pass.text.empty() && f.pass.text == f.confirm.text;
    if (!f.confirm.text.empty() && !match) ui::subtle("The two passphrases are not the same yet.");
    ui::subtle("There is no way to reset it. You will get a recovery key in the next step, in case you forget it.");
    ui::spacer();
    ImGui::BeginDisabled(!match);
    const bool create = ui::primary_button("Create my journal", u.narrow ? 0 : 12);
    ImGui::EndDisabled();
    u.hooks.widget("first_create");
    if ((create || enter) && match) u.out.push_back(cmd::CreateVault{});
    // The calm second choice: a journal that already syncs from another device.
    ui::spacer(1.5f);
    const auto& join = journey_text(u.view.content(), "join.offer");
    ui::subtle(join.body.c_str());
    if (ui::quiet_button(join.heading.c_str())) {
        f.join.open = true;
        u.out.push_back(cmd::ClearMessage{});
    }
    u.hooks.widget("first_join");
}

void recovery_step(Ui& u) {
    auto& f = u.forms.first_run;
    ui::heading(u, "Your recovery key");
    ui::subtle("Write this down on paper and keep it somewhere safe. It is the only way back into your "
               "journal if you forget your passphrase. It is shown only this once.");
    ui::spacer();
    ImGui::PushFont(u.fonts.large);
    const std::string& key = u.view.recovery_key;
    const std::size_t per_row = u.narrow ? 4 : 7;
    for (std::size_t g = 0; g < crypto::kRecoveryGroups; ++g) {
        const std::string group = crypto::recovery_key_group(key, g);
        if (g % per_row != 0) ImGui::SameLine(0, u.em * 0.8f);
        if (g == u.view.recovery_group) ImGui::TextColored(ui::accent(), "%s", group.c_str());
        else ImGui::TextUnformatted(group.c_str());
    }
    ImGui::PopFont();
    ui::spacer();
    char label[96];
    std::snprintf(label, sizeof label, "To make sure it is written down, retype group %zu (highlighted):",
                  u.view.recovery_group + 1);
    ImGui::TextWrapped("%s", label);
    ImGui::SetNextItemWidth(u.em * 8);
    if (u.state.screen_appeared || u.state.show_recovery_input == false) {
        ImGui::SetKeyboardFocusHere();
        u.state.show_recovery_input = true;
    }
    const bool enter = ImGui::InputText("###group", &f.group_typed,
                                        ImGuiInputTextFlags_CharsUppercase | ImGuiInputTextFlags_EnterReturnsTrue);
    u.hooks.widget("recovery_group");
    if (u.hooks.enabled && u.view.test_kdf) {
        // Test vaults only: tell the GUI test which group to type (never in normal use).
        if (u.state.recovery_group_printed != u.view.recovery_group) {
            u.state.recovery_group_printed = u.view.recovery_group;
            std::printf("test_recovery_group %s\n", crypto::recovery_key_group(key, u.view.recovery_group).c_str());
            std::fflush(stdout);
        }
    }
    ImGui::SameLine();
    if (ui::primary_button("I have written it down") || enter) u.out.push_back(cmd::ConfirmRecoveryKey{});
    u.hooks.widget("recovery_confirm");
}

}  // namespace

void draw_first_run(Ui& u) {
    // Joining shows its errors beside its button (the top of a long form is out of sight).
    if (u.forms.first_run.join.open && u.view.recovery_key.empty()) u.error_inline = true;
    ui::frame(u, [&] {
        if (!u.view.recovery_key.empty()) recovery_step(u);
        else if (u.forms.first_run.join.open) draw_join_step(u);
        else create_step(u);
    });
}

}  // namespace afterglow::app
