#include "app/theme.hpp"

#include <imgui.h>

namespace afterglow::app {
namespace {

ImVec4 rgb(int r, int g, int b, float a = 1.0f) { return ImVec4(r / 255.0f, g / 255.0f, b / 255.0f, a); }

struct Palette {
    ImVec4 bg, surface, surface_hover, surface_active, text, soft, accent, accent_hover, on_accent, border, select;
};

constexpr int kLight = 0;

Palette palette(Theme t) {
    if (t == Theme::light)
        return {rgb(250, 246, 241), rgb(240, 233, 225), rgb(232, 222, 211), rgb(224, 211, 197), rgb(58, 50, 46),
                rgb(128, 116, 108), rgb(201, 118, 80), rgb(214, 136, 99), rgb(255, 250, 245), rgb(226, 216, 205),
                rgb(240, 196, 168, 0.75f)};
    return {rgb(30, 27, 29), rgb(44, 40, 42), rgb(54, 49, 51), rgb(64, 58, 60), rgb(233, 225, 216),
            rgb(160, 150, 142), rgb(228, 150, 110), rgb(238, 168, 130), rgb(36, 28, 26), rgb(62, 56, 58),
            rgb(150, 92, 66, 0.75f)};
}

}  // namespace

void apply_theme(Theme theme, float em) {
    (void)kLight;
    ImGuiStyle style;
    const Palette p = palette(theme);
    style.WindowPadding = ImVec2(em * 1.2f, em * 1.2f);
    style.FramePadding = ImVec2(em * 0.75f, em * 0.45f);
    style.ItemSpacing = ImVec2(em * 0.6f, em * 0.55f);
    style.ItemInnerSpacing = ImVec2(em * 0.45f, em * 0.35f);
    style.ScrollbarSize = em * 0.8f;
    style.GrabMinSize = em * 0.8f;
    style.WindowRounding = 0;
    style.ChildRounding = em * 0.5f;
    style.FrameRounding = em * 0.45f;
    style.PopupRounding = em * 0.5f;
    style.ScrollbarRounding = em * 0.5f;
    style.GrabRounding = em * 0.45f;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.FrameBorderSize = 0;
    style.PopupBorderSize = 1;
    style.IndentSpacing = em * 1.2f;
    style.CellPadding = ImVec2(em * 0.5f, em * 0.35f);

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = p.text;
    c[ImGuiCol_TextDisabled] = p.soft;
    c[ImGuiCol_WindowBg] = p.bg;
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = p.bg;
    c[ImGuiCol_Border] = p.border;
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = p.surface;
    c[ImGuiCol_FrameBgHovered] = p.surface_hover;
    c[ImGuiCol_FrameBgActive] = p.surface_active;
    c[ImGuiCol_TitleBg] = p.surface;
    c[ImGuiCol_TitleBgActive] = p.surface_hover;
    c[ImGuiCol_TitleBgCollapsed] = p.surface;
    c[ImGuiCol_MenuBarBg] = p.surface;
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = p.surface_active;
    c[ImGuiCol_ScrollbarGrabHovered] = p.soft;
    c[ImGuiCol_ScrollbarGrabActive] = p.accent;
    c[ImGuiCol_CheckMark] = p.accent;
    c[ImGuiCol_SliderGrab] = p.accent;
    c[ImGuiCol_SliderGrabActive] = p.accent_hover;
    c[ImGuiCol_Button] = p.surface;
    c[ImGuiCol_ButtonHovered] = p.surface_hover;
    c[ImGuiCol_ButtonActive] = p.accent;  // also the primary button colour (ui::primary_button)
    c[ImGuiCol_Header] = p.surface;
    c[ImGuiCol_HeaderHovered] = p.surface_hover;
    c[ImGuiCol_HeaderActive] = p.surface_active;
    c[ImGuiCol_Separator] = p.border;
    c[ImGuiCol_SeparatorHovered] = p.accent;
    c[ImGuiCol_SeparatorActive] = p.accent;
    c[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ResizeGripHovered] = p.accent;
    c[ImGuiCol_ResizeGripActive] = p.accent;
    c[ImGuiCol_Tab] = p.surface;
    c[ImGuiCol_TabHovered] = p.surface_hover;
    c[ImGuiCol_TabActive] = p.surface_active;
    c[ImGuiCol_TabUnfocused] = p.surface;
    c[ImGuiCol_TabUnfocusedActive] = p.surface_hover;
    c[ImGuiCol_PlotLines] = p.accent;
    c[ImGuiCol_PlotLinesHovered] = p.accent_hover;
    c[ImGuiCol_PlotHistogram] = p.accent;
    c[ImGuiCol_PlotHistogramHovered] = p.accent_hover;  // primary button hover
    c[ImGuiCol_TableHeaderBg] = p.surface;
    c[ImGuiCol_TableBorderStrong] = p.border;
    c[ImGuiCol_TableBorderLight] = p.border;
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(p.surface.x, p.surface.y, p.surface.z, 0.35f);
    c[ImGuiCol_TextSelectedBg] = p.select;
    c[ImGuiCol_DragDropTarget] = p.accent;
    c[ImGuiCol_NavHighlight] = p.accent;
    c[ImGuiCol_NavWindowingHighlight] = p.on_accent;  // text on the primary button
    c[ImGuiCol_NavWindowingDimBg] = ImVec4(0, 0, 0, 0.2f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.25f);
    ImGui::GetStyle() = style;
}

}  // namespace afterglow::app
