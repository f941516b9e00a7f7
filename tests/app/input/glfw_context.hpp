// A Dear ImGui context set up as the GLFW backend sets it (its key map), for the input tests:
// 800×600, 60 frames a second, keyboard navigation on, the font atlas built. No window.
#pragma once

#include <GLFW/glfw3.h>  // key codes, as the platforms send them
#include <imgui.h>

namespace afterglow::test {

inline void create_glfw_like_context() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    unsigned char* px;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    const int map[][2] = {{ImGuiKey_Tab, GLFW_KEY_TAB},         {ImGuiKey_LeftArrow, GLFW_KEY_LEFT},
                          {ImGuiKey_RightArrow, GLFW_KEY_RIGHT}, {ImGuiKey_UpArrow, GLFW_KEY_UP},
                          {ImGuiKey_DownArrow, GLFW_KEY_DOWN},   {ImGuiKey_Home, GLFW_KEY_HOME},
                          {ImGuiKey_End, GLFW_KEY_END},          {ImGuiKey_Delete, GLFW_KEY_DELETE},
                          {ImGuiKey_Backspace, GLFW_KEY_BACKSPACE}, {ImGuiKey_Space, GLFW_KEY_SPACE},
                          {ImGuiKey_Enter, GLFW_KEY_ENTER},      {ImGuiKey_Escape, GLFW_KEY_ESCAPE},
                          {ImGuiKey_A, GLFW_KEY_A},              {ImGuiKey_C, GLFW_KEY_C},
                          {ImGuiKey_V, GLFW_KEY_V},              {ImGuiKey_X, GLFW_KEY_X},
                          {ImGuiKey_Y, GLFW_KEY_Y},              {ImGuiKey_Z, GLFW_KEY_Z}};
    for (const auto& m : map) io.KeyMap[m[0]] = m[1];
}

}  // namespace afterglow::test
