// Keyboard use beyond text (issue 22 item 3), through the app's input queue against a real
// Dear ImGui 1.86 context: Enter chooses the focused item of an open dropdown (Dear ImGui
// takes only Space there), and on a screen of buttons (home) Tab and Shift+Tab move through
// every control in the order drawn: buttons side by side, and on from an active date field.
#include <doctest/doctest.h>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <string>

#include "app/input_queue.hpp"
#include "tests/app/input/glfw_context.hpp"

using afterglow::app::InputQueue;

namespace {

struct Nav {
    InputQueue q;
    int chosen = 0;
    bool focus_first = true;
    bool tab_buttons = false;
    bool with_field = false, focus_field = false;
    std::string date = "2026-05-01";
    ImGuiID combo = 0, buttons[3] = {}, field = 0, calendar = 0;

    Nav() { afterglow::test::create_glfw_like_context(); }
    ~Nav() {
        afterglow::app::tab_between_buttons(false);
        ImGui::DestroyContext();
    }
    void frame() {
        afterglow::app::tab_between_buttons(tab_buttons);
        q.apply(ImGui::GetIO(), false);
        ImGui::NewFrame();
        afterglow::app::tab_through_every_item();  // as ui::frame does
        ImGui::Begin("w", nullptr, ImGuiWindowFlags_NoDecoration);  // as the app's windows
        static const char* kItems[] = {"Not set", "Oral", "Intramuscular"};
        if (ImGui::BeginCombo("route", kItems[chosen])) {
            for (int i = 0; i < 3; ++i) {
                if (ImGui::Selectable(kItems[i], chosen == i)) chosen = i;
                if (chosen == i) ImGui::SetItemDefaultFocus();
            }
            ImGui::EndCombo();
        }
        combo = ImGui::GetItemID();
        if (with_field) {  // home's suggested date: a field and its Calendar button on one line
            ImGui::SetNextItemWidth(200);
            if (focus_field) ImGui::SetKeyboardFocusHere();  // as a click or the app itself does
            focus_field = false;
            ImGui::InputTextWithHint("###date", "YYYY-MM-DD", &date);
            field = ImGui::GetItemID();
            ImGui::SameLine();
            ImGui::Button("Calendar");
            calendar = ImGui::GetItemID();
        }
        for (int i = 0; i < 3; ++i) {
            ImGui::PushID(i);
            if (with_field && i) ImGui::SameLine();  // a row of buttons, as home's actions
            ImGui::Button("button");
            buttons[i] = ImGui::GetItemID();
            ImGui::PopID();
        }
        if (focus_first) {
            ImGui::SetFocusID(tab_buttons ? buttons[0] : combo, ImGui::GetCurrentWindow());
            GImGui->NavDisableHighlight = false;
            focus_first = false;
        }
        ImGui::End();
        ImGui::Render();
    }
    void tap(int code, bool shift = false) {
        if (shift) q.key(GLFW_KEY_LEFT_SHIFT, true, InputQueue::Mod::shift);
        q.key(code, true);
        q.key(code, false);
        if (shift) q.key(GLFW_KEY_LEFT_SHIFT, false, InputQueue::Mod::shift);
        for (int i = 0; i < 6; ++i) frame();
    }
};

}  // namespace

TEST_CASE("keyboard: Enter chooses the focused item of an open dropdown") {
    Nav n;
    for (int i = 0; i < 3; ++i) n.frame();
    REQUIRE(GImGui->NavId == n.combo);
    n.tap(GLFW_KEY_SPACE);  // opens the dropdown
    REQUIRE(GImGui->OpenPopupStack.Size == 1);
    n.tap(GLFW_KEY_DOWN);
    n.tap(GLFW_KEY_ENTER);
    CHECK(n.chosen == 1);
    CHECK(GImGui->OpenPopupStack.Size == 0);
    CHECK_FALSE(ImGui::GetIO().KeysDown[GLFW_KEY_SPACE]);  // nothing left held
    n.tap(GLFW_KEY_ENTER);  // no dropdown open: Enter is Enter (does not open it)
    CHECK(GImGui->OpenPopupStack.Size == 0);
}

TEST_CASE("keyboard: on a screen of buttons Tab and Shift+Tab move between them - elsewhere Tab is Dear ImGui's") {
    Nav n;
    n.tab_buttons = true;
    for (int i = 0; i < 3; ++i) n.frame();  // Dear ImGui's own first focus (the dropdown) first
    n.focus_first = true;
    for (int i = 0; i < 3; ++i) n.frame();
    REQUIRE(GImGui->NavId == n.buttons[0]);
    n.tap(GLFW_KEY_TAB);
    CHECK(GImGui->NavId == n.buttons[1]);
    n.tap(GLFW_KEY_TAB);
    CHECK(GImGui->NavId == n.buttons[2]);
    n.tap(GLFW_KEY_TAB, true);
    CHECK(GImGui->NavId == n.buttons[1]);
    CHECK_FALSE(ImGui::GetIO().KeysDown[GLFW_KEY_DOWN]);
    CHECK_FALSE(ImGui::GetIO().KeysDown[GLFW_KEY_UP]);
    n.tab_buttons = false;
    n.tap(GLFW_KEY_TAB);
    CHECK(GImGui->NavId == n.buttons[1]);  // no field to tab to: it stays
}

TEST_CASE("keyboard: on home Tab moves on from an active date field, through buttons side by side, and round") {
    Nav n;
    n.tab_buttons = true;
    n.with_field = true;
    for (int i = 0; i < 3; ++i) n.frame();
    n.focus_field = true;  // the patient is typing in the date field
    for (int i = 0; i < 3; ++i) n.frame();
    REQUIRE(GImGui->ActiveId == n.field);
    REQUIRE(ImGui::GetIO().WantTextInput);
    n.tap(GLFW_KEY_TAB);
    CHECK(GImGui->ActiveId == 0);  // the field is left, its text kept
    CHECK(n.date == "2026-05-01");
    CHECK(GImGui->NavId == n.calendar);
    n.tap(GLFW_KEY_TAB);
    CHECK(GImGui->NavId == n.buttons[0]);
    n.tap(GLFW_KEY_TAB);
    CHECK(GImGui->NavId == n.buttons[1]);  // the next button on the same line, not the next line
    n.tap(GLFW_KEY_TAB);
    CHECK(GImGui->NavId == n.buttons[2]);
    n.tap(GLFW_KEY_TAB);  // past the last control: round to the first (the dropdown)
    CHECK(GImGui->NavId == n.combo);
    n.tap(GLFW_KEY_TAB);
    CHECK(GImGui->NavId == n.field);  // a field reached by Tab is ready for typing
    CHECK(GImGui->ActiveId == n.field);
    n.tap(GLFW_KEY_TAB, true);  // Shift+Tab back
    CHECK(GImGui->NavId == n.combo);
    CHECK(GImGui->ActiveId == 0);
    CHECK_FALSE(ImGui::GetIO().KeysDown[GLFW_KEY_TAB]);
}
