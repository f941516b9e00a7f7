#include "app/date_picker.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

#include "app/core/calendar.hpp"

namespace afterglow::app {
namespace {

constexpr const char* kWeekdays[7] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};

// The month the popup shows lives in Dear ImGui's state storage (UI-only, no user text).
bool calendar_popup(Ui& u, const char* popup, std::string* text, const std::string& hook, ImGuiID key) {
    bool picked = false;
    ImGuiStorage* st = ImGui::GetStateStorage();  // the field's window: the same storage inside the popup
    // Seven columns must fit a 400 px window with touch-sized (44 px) days: tight spacing.
    const ImVec2 pad(u.em * 0.6f, u.em * 0.6f), gap(u.em * 0.25f, u.em * 0.25f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, pad);
    const bool open = ImGui::BeginPopup(popup);
    ImGui::PopStyleVar();
    if (!open) return false;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, gap);
    // The popup's first frame is laid out before its size is known (and then moved inside the
    // window): its targets are reported from the frame it is drawn at its place.
    const ImGuiWindow* pw = ImGui::GetCurrentWindow();
    const bool placed = !pw->Appearing && pw->HiddenFramesCannotSkipItems == 0 && pw->HiddenFramesCanSkipItems == 0;
    auto report = [&](const std::string& name) {
        if (placed) u.hooks.widget(name.c_str());
    };
    int ym = st->GetInt(key, -1);
    if (ym < 0) {
        const Ymd start = parse_ymd(*text).value_or(local_ymd(u.view.now));
        ym = start.year * 12 + start.month - 1;
    }
    Ymd shown{ym / 12, ym % 12 + 1, 1};
    const float fits = (ImGui::GetMainViewport()->WorkSize.x - pad.x * 2 - gap.x * 6 - 4) / 7;
    // On a phone a day is as tall as every other target there (the narrow frame: 44 CSS px at least).
    const float touch = u.narrow ? std::max(44.0f, ImGui::GetFrameHeight()) : 0.0f;
    const float cell = std::min(std::max(u.em * 2.2f, touch), std::max(fits, u.em * 1.6f));
    if (ImGui::Button("<###prev", ImVec2(cell, cell))) shown = add_months(shown, -1);
    report(hook + "_prev");
    ImGui::SameLine();
    const std::string title = std::string(month_name(shown.month)) + " " + std::to_string(shown.year);
    const float title_w = cell * 5 + ImGui::GetStyle().ItemSpacing.x * 4;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (title_w - ImGui::CalcTextSize(title.c_str()).x) * 0.5f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title.c_str());
    ImGui::SameLine(pad.x + (cell + ImGui::GetStyle().ItemSpacing.x) * 6);
    if (ImGui::Button(">###next", ImVec2(cell, cell))) shown = add_months(shown, 1);
    report(hook + "_next");
    st->SetInt(key, shown.year * 12 + shown.month - 1);

    const MonthGrid g = month_grid(shown.year, shown.month);
    const std::optional<Ymd> chosen = parse_ymd(*text);
    const Ymd today = local_ymd(u.view.now);
    const float x0 = ImGui::GetCursorPosX();
    for (int c = 0; c < 7; ++c) {
        if (c) ImGui::SameLine();
        ImGui::SetCursorPosX(x0 + c * (cell + ImGui::GetStyle().ItemSpacing.x) +
                             (cell - ImGui::CalcTextSize(kWeekdays[c]).x) * 0.5f);
        ImGui::TextColored(ui::soft_text(), "%s", kWeekdays[c]);
    }
    for (int r = 0; r < g.rows(); ++r) {
        for (int c = 0; c < 7; ++c) {
            if (c) ImGui::SameLine();
            const int d = g.day_at(r, c);
            if (d == 0) {
                ImGui::Dummy(ImVec2(cell, cell));
                continue;
            }
            const Ymd day{g.year, g.month, d};
            const bool is_chosen = chosen && *chosen == day;
            const bool is_today = today == day;
            if (is_chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive)),
                           ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_NavWindowingHighlight));
            else if (is_today) ImGui::PushStyleColor(ImGuiCol_Text, ui::accent());
            const std::string label = std::to_string(d) + "###d" + std::to_string(d);
            if (ImGui::Button(label.c_str(), ImVec2(cell, cell))) {
                *text = ymd_text(day);
                picked = true;
                ImGui::CloseCurrentPopup();
            }
            ImGui::PopStyleColor(is_chosen ? 2 : is_today ? 1 : 0);
            report(hook + "_day_" + std::to_string(d));
        }
    }
    if (ui::quiet_button("Close")) ImGui::CloseCurrentPopup();
    ImGui::PopStyleVar();
    ImGui::EndPopup();
    if (picked) st->SetInt(key, -1);
    return picked;
}

}  // namespace

bool date_field(Ui& u, const char* id, std::string* text, float width, const char* hook) {
    ImGui::PushID(id);
    const char* pick = "Calendar";
    const float button_w = ImGui::CalcTextSize(pick).x + ImGui::GetStyle().FramePadding.x * 2;
    const float avail = width > 0 ? width : ImGui::GetContentRegionAvail().x;
    ImGui::SetNextItemWidth(std::max(u.em * 6, avail - button_w - ImGui::GetStyle().ItemSpacing.x));
    bool changed = ImGui::InputTextWithHint("###date", "YYYY-MM-DD", text);
    u.hooks.widget(hook);
    ImGui::SameLine();
    const ImGuiID month_key = ImGui::GetID("###month");
    if (ui::quiet_button(pick)) {
        ImGui::GetStateStorage()->SetInt(month_key, -1);  // opens at the typed date, else today
        ImGui::OpenPopup("###calendar");
    }
    u.hooks.widget((std::string(hook) + "_pick").c_str());
    changed = calendar_popup(u, "###calendar", text, hook, month_key) || changed;
    if (const std::string why = date_problem(*text); !why.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui::danger(u));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + avail);
        ImGui::TextWrapped("%s", why.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        u.hooks.widget((std::string(hook) + "_problem").c_str());
    }
    ImGui::PopID();
    return changed;
}

}  // namespace afterglow::app
