// Passkeys on screen: the unlock screen's one-tap "Unlock" and the Settings section.
// Every text is in app/core/passkey_texts.hpp; the logic is in app/core/controller_passkeys.cpp.
#include "app/screen_passkeys.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/core/passkey_texts.hpp"
#include "app/core/passkeys.hpp"

namespace afterglow::app {
namespace {

namespace T = passkey_text;
using Op = cmd::Passkey::Op;

cmd::Passkey ask(Op op, std::string row = {}, int days = 0) {
    cmd::Passkey c;
    c.op = op;
    c.row = std::move(row);
    c.days = days;
    return c;
}

bool big_button(const char* label, float width, float height) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_PlotHistogramHovered));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_NavWindowingHighlight));
    const bool r = ImGui::Button(label, ImVec2(width, height));
    ImGui::PopStyleColor(3);
    return r;
}

// The panel, asking the controller for it (and a fresh look at the file) when a screen appears.
const PasskeyPanel* panel(Ui& u) {
    if (!u.view.passkeys || u.state.screen_appeared) u.out.push_back(ask(Op::refresh));
    return u.view.passkeys.get();
}

}  // namespace

bool draw_passkey_unlock(Ui& u) {
    const PasskeyPanel* p = panel(u);
    if (!p || !p->supported || p->rows.empty()) return false;
    u.hooks.value("passkey_due", p->passphrase_due ? 1 : 0);
    if (p->passphrase_due) {
        ui::subtle(T::kDueNotice);
        ui::spacer(0.4f);
        return false;
    }
    if (!p->usable_now) return false;
    if (p->use_passphrase) {
        // The passphrase field follows; the passkey is one tap back.
        if (ui::small_button(u, T::kUsePasskey)) u.out.push_back(ask(Op::unlock));
        u.hooks.widget("unlock_passkey_again");
        ui::spacer(0.3f);
        return false;
    }
    const float w = u.narrow ? ImGui::GetContentRegionAvail().x : u.em * 22;
    ImGui::PushFont(u.fonts.large);
    ImGui::BeginDisabled(p->asking);
    if (big_button(p->asking ? T::kAsking : T::kUnlockButton, w, u.em * 3.4f)) u.out.push_back(ask(Op::unlock));
    ImGui::EndDisabled();
    ImGui::PopFont();
    u.hooks.widget("unlock_passkey");
    ui::subtle(T::kUnlockHint);
    ui::spacer(0.3f);
    if (ui::small_button(u, T::kUsePassphrase)) u.out.push_back(ask(Op::use_passphrase));
    u.hooks.widget("unlock_use_passphrase");
    return true;
}

void draw_passkey_settings(Ui& u) {
    const PasskeyPanel* p = panel(u);
    ImGui::TextColored(ui::soft_text(), "%s", T::kSection);
    if (!p || !p->supported) {
        ui::subtle(T::kNotOnDesktop);
        ui::spacer();
        return;
    }
    ui::subtle(T::kExplain);
    u.hooks.value("passkeys", static_cast<long long>(p->rows.size()));
    long long damaged = 0;
    for (const auto& r : p->rows) damaged += r.intact ? 0 : 1;
    u.hooks.value("passkeys_damaged", damaged);
    if (p->rows.empty()) ui::subtle(T::kNone);
    int i = 0;
    for (const auto& r : p->rows) {
        ImGui::PushID(i);
        ImGui::TextWrapped("%s \xC2\xB7 %s %s", r.name.c_str(), T::kAddedOn, r.added_human.c_str());
        if (!r.intact) {  // wrapped: a phone is narrow
            ImGui::PushStyleColor(ImGuiCol_Text, ui::danger(u));
            ImGui::TextWrapped("%s", T::kDamaged);
            ImGui::PopStyleColor();
        }
        const std::string id = "passkey_remove_" + std::to_string(i);
        if (p->confirm_remove == r.row) {
            if (ui::small_button(u, T::kConfirmRemove)) u.out.push_back(ask(Op::remove, r.row));
            u.hooks.widget((id + "_confirm").c_str());
            ImGui::SameLine();
            if (ui::small_button(u, T::kKeep)) const_cast<PasskeyPanel*>(p)->confirm_remove.clear();
        } else {
            if (ui::small_button(u, T::kRemove)) const_cast<PasskeyPanel*>(p)->confirm_remove = r.row;
            u.hooks.widget(id.c_str());
        }
        ImGui::PopID();
        ++i;
    }
    ui::spacer(0.4f);
    if (!p->unavailable.empty()) {
        ui::subtle(p->unavailable.c_str());
        u.hooks.value("passkey_unavailable", 1);
    }
    auto* edit = const_cast<PasskeyPanel*>(p);  // the one field the screen edits (PasskeyPanel::name)
    ImGui::TextUnformatted(T::kNameLabel);
    ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 20);
    ImGui::InputTextWithHint("###passkey_name", T::kNameHint, &edit->name);
    u.hooks.widget("passkey_name");
    ImGui::BeginDisabled(p->asking || edit->name.empty());
    if (ui::primary_button(p->asking ? T::kAsking : T::kAdd)) u.out.push_back(ask(Op::add));
    ImGui::EndDisabled();
    u.hooks.widget("passkey_add");
    if (!p->rows.empty()) {
        ui::spacer(0.4f);
        ImGui::TextUnformatted(T::kReminderLabel);
        int days = p->days;
        ImGui::SetNextItemWidth(u.narrow ? -1 : u.em * 14);
        if (ImGui::SliderInt("###passkey_days", &days, 0, 60, days == 0 ? "never" : "%d days"))
            u.out.push_back(ask(Op::set_days, {}, days));
        ui::subtle(T::kReminderWhy);
    }
    ui::spacer();
}

}  // namespace afterglow::app
