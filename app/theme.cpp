#include "app/theme.hpp"

#include <imgui.h>

#include "app/core/palette.hpp"

namespace afterglow::app {
namespace {

ImVec4 v4(Rgb c, float a = 1.0f) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, a); }

// The palette (app/core/palette.hpp, contrast-tested) as Dear ImGui colours.
struct Colors {
    ImVec4 bg, surface, surface_hover, surface_active, text, soft, accent, accent_hover, on_accent, border, divider, select,
        focus;
};

Colors colors(Theme t) {
    const Palette& p = palette(t);
    return {v4(p.bg),      v4(p.surface),      v4(p.surface_hover), v4(p.surface_active), v4(p.text),
            v4(p.soft),    v4(p.accent),       v4(p.accent_hover),  v4(p.on_accent),      v4(p.boundary),
            v4(p.divider), v4(p.accent, 0.28f), v4(p.focus)};
}

}  // namespace

void apply_theme(Theme theme, float em) {
    ImGuiStyle style;
    const Colors p = colors(theme);
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
    style.FrameBorderSize = 1;  // every field, checkbox and button has a visible boundary (≥ 3:1)
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
    c[ImGuiCol_Separator] = p.divider;
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
    c[ImGuiCol_TableBorderStrong] = p.divider;
    c[ImGuiCol_TableBorderLight] = p.divider;
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(p.surface.x, p.surface.y, p.surface.z, 0.35f);
    c[ImGuiCol_TextSelectedBg] = p.select;
    c[ImGuiCol_DragDropTarget] = p.accent;
    c[ImGuiCol_NavHighlight] = p.focus;  // the keyboard focus ring
    c[ImGuiCol_NavWindowingHighlight] = p.on_accent;  // text on the primary button
    c[ImGuiCol_NavWindowingDimBg] = ImVec4(0, 0, 0, 0.2f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.25f);
    ImGui::GetStyle() = style;
}

}  // namespace afterglow::app
