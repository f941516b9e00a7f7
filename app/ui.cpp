#include "app/ui.hpp"

#include <cmath>
#include <cstdio>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/core/strength.hpp"

namespace afterglow::app {

void Hooks::screen(const char* name) {
    if (!enabled) return;
    seen_.clear();
    std::printf("screen %s\n", name);
    std::fflush(stdout);
}

void Hooks::widget(const char* name) {
    if (!enabled) return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
    auto it = seen_.find(name);
    if (it != seen_.end() && std::fabs(it->second.x - c.x) < 1 && std::fabs(it->second.y - c.y) < 1) return;
    seen_[name] = c;
    std::printf("widget %s %d %d\n", name, static_cast<int>(c.x), static_cast<int>(c.y));
    std::fflush(stdout);
}

void Hooks::value(const char* name, long long v) {
    if (!enabled) return;
    auto it = values_.find(name);
    if (it != values_.end() && it->second == v) return;
    values_[name] = v;
    std::printf("value %s %lld\n", name, v);
    std::fflush(stdout);
}

void Hooks::event(const char* name) {
    if (!enabled) return;
    std::printf("event %s\n", name);
    std::fflush(stdout);
}

namespace ui {

ImVec4 accent() { return ImGui::GetStyleColorVec4(ImGuiCol_CheckMark); }
ImVec4 soft_text() { return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled); }

bool primary_button(const char* label, float width_em) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_PlotHistogramHovered));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_NavWindowingHighlight));
    const bool r = ImGui::Button(label, ImVec2(width_em * em(), 0));
    ImGui::PopStyleColor(3);
    return r;
}

bool quiet_button(const char* label, float width_em) { return ImGui::Button(label, ImVec2(width_em * em(), 0)); }

void heading(const Ui& u, const char* text) {
    ImGui::PushFont(u.fonts.heading);
    ImGui::TextWrapped("%s", text);
    ImGui::PopFont();
    spacer(0.3f);
}

void subtle(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, soft_text());
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

void spacer(float h) { ImGui::Dummy(ImVec2(1, h * em())); }

void badge(const char* text, ImVec4 color) {
    const ImVec2 pad(em() * 0.5f, em() * 0.15f);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImVec4 bg = color;
    bg.w = 0.18f;
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + size.x + pad.x * 2, p.y + size.y + pad.y * 2),
                                              ImGui::GetColorU32(bg), em() * 0.6f);
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad.x, p.y + pad.y));
    ImGui::TextColored(color, "%s", text);
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + size.y + pad.y * 2 + ImGui::GetStyle().ItemSpacing.y));
    ImGui::Dummy(ImVec2(size.x + pad.x * 2, 0));
}

bool labeled_input(const char* label, const char* id, std::string* value, int flags, const char* hint) {
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(-1);
    if (hint) return ImGui::InputTextWithHint(id, hint, value, flags);
    return ImGui::InputText(id, value, flags);
}

bool labeled_multiline(const char* label, const char* id, std::string* value, float height_em) {
    ImGui::TextUnformatted(label);
    return ImGui::InputTextMultiline(id, value, ImVec2(-1, height_em * em()));
}

void strength_meter(std::string_view passphrase, float width) {
    const Strength s = passphrase_strength(passphrase);
    const float w = width > 0 ? width : ImGui::GetContentRegionAvail().x;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = em() * 0.35f;
    const float gap = em() * 0.25f;
    const float seg = (w - gap * 4) / 5;
    static const ImVec4 kColors[] = {{0.80f, 0.38f, 0.33f, 1}, {0.86f, 0.55f, 0.32f, 1}, {0.83f, 0.70f, 0.35f, 1},
                                     {0.48f, 0.68f, 0.47f, 1}, {0.35f, 0.62f, 0.50f, 1}};
    for (int i = 0; i < 5; ++i) {
        const bool on = !passphrase.empty() && i <= s.score;
        ImVec4 c = on ? kColors[s.score] : ImGui::GetStyleColorVec4(ImGuiCol_FrameBg);
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x + i * (seg + gap), p.y),
                                                  ImVec2(p.x + i * (seg + gap) + seg, p.y + h), ImGui::GetColorU32(c), h);
    }
    ImGui::Dummy(ImVec2(w, h));
    if (!passphrase.empty()) {
        ImGui::TextColored(kColors[s.score], "%s", s.label);
        ImGui::SameLine();
    }
    subtle(s.advice);
}

void busy_indicator(const char* what) {
    const float t = static_cast<float>(ImGui::GetTime());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float r = em() * 0.45f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < 3; ++i) {
        const float phase = std::sin(t * 3.0f - i * 0.7f) * 0.5f + 0.5f;
        ImVec4 c = accent();
        c.w = 0.3f + 0.7f * phase;
        dl->AddCircleFilled(ImVec2(p.x + r + i * r * 2.8f, p.y + em() * 0.6f), r * (0.6f + 0.4f * phase),
                            ImGui::GetColorU32(c));
    }
    ImGui::Dummy(ImVec2(r * 9, em() * 1.2f));
    ImGui::SameLine();
    ImGui::TextUnformatted(what);
}

void frame(Ui& u, const std::function<void()>& content) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    const bool open = ImGui::Begin("###afterglow_main", nullptr, flags);
    ImGui::PopStyleVar();
    // Narrow windows (phones, split screens): one column and touch-sized targets.
    if (u.narrow) {
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(em() * 0.9f, em() * 0.75f));
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(em() * 0.6f, em() * 0.8f));
    }
    if (open) {
        // ---- top bar ----
        const float pad = u.narrow ? 0.6f : 1.2f;
        ImGui::SetCursorPos(ImVec2(pad * em(), 0.7f * em()));
        ImGui::BeginGroup();
        ImGui::PushFont(u.fonts.heading);
        ImGui::TextColored(accent(), "Afterglow");
        ImGui::PopFont();
        ImGui::EndGroup();
        const bool unlocked = u.view.unlocked && u.view.recovery_key.empty();
        if (unlocked && !u.narrow) {
            ImGui::SameLine(0, 2 * em());
            if (ImGui::Button("Home")) u.out.push_back(cmd::Go{Screen::home});
            u.hooks.widget("nav_home");
            ImGui::SameLine();
            if (ImGui::Button("Journal")) u.out.push_back(cmd::Go{Screen::journal});
            u.hooks.widget("nav_journal");
            ImGui::SameLine();
            if (ImGui::Button("Check-in")) u.out.push_back(cmd::Go{Screen::checkin});
            u.hooks.widget("nav_checkin");
            ImGui::SameLine();
            if (ImGui::Button("New session")) u.out.push_back(cmd::NewSession{});
            u.hooks.widget("nav_new_session");
#ifdef AFTERGLOW_HAVE_EXPORT
            ImGui::SameLine();
            if (ImGui::Button("Share")) u.out.push_back(cmd::Go{Screen::export_data});
            u.hooks.widget("nav_export");
#endif
        }
        // Right side: crisis support (always), settings and lock when open.
        const char* crisis = u.narrow ? "Help now" : "Need help now?";
        float right_w = ImGui::CalcTextSize(crisis).x + ImGui::GetStyle().FramePadding.x * 2;
        if (unlocked)
            right_w += ImGui::CalcTextSize("Settings").x + ImGui::CalcTextSize("Lock").x +
                       ImGui::GetStyle().FramePadding.x * 4 + ImGui::GetStyle().ItemSpacing.x * 2;
        ImGui::SameLine(ImGui::GetWindowWidth() - right_w - pad * em());
        if (unlocked) {
            if (ImGui::Button("Settings")) u.out.push_back(cmd::Go{Screen::settings});
            u.hooks.widget("nav_settings");
            ImGui::SameLine();
            if (ImGui::Button("Lock")) u.out.push_back(cmd::Lock{});
            u.hooks.widget("nav_lock");
            ImGui::SameLine();
        }
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.80f, 0.42f, 0.36f, 0.16f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.80f, 0.42f, 0.36f, 0.30f));
        if (ImGui::Button(crisis)) u.out.push_back(cmd::Go{Screen::crisis});
        ImGui::PopStyleColor(2);
        u.hooks.widget("nav_crisis");
        if (unlocked && u.narrow) {
            ImGui::SetCursorPosX(pad * em());
            if (ImGui::Button("Home")) u.out.push_back(cmd::Go{Screen::home});
            ImGui::SameLine();
            if (ImGui::Button("Journal")) u.out.push_back(cmd::Go{Screen::journal});
            ImGui::SameLine();
            if (ImGui::Button("Check-in")) u.out.push_back(cmd::Go{Screen::checkin});
            ImGui::SameLine();
            if (ImGui::Button("Session")) u.out.push_back(cmd::NewSession{});
        }
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 0.3f * em());
        ImGui::Separator();

        // ---- centred column ----
        const float avail = ImGui::GetWindowWidth();
        const float col = u.narrow ? avail - 2 * pad * em() : std::min(avail - 4 * em(), 50 * em());
        const float x0 = (avail - col) * 0.5f;
        ImGui::SetCursorPos(ImVec2(0, ImGui::GetCursorPosY()));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(x0, em() * (u.narrow ? 0.8f : 1.4f)));
        ImGui::BeginChild("###content", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
        ImGui::PopStyleVar();
        if (!u.view.error.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.78f, 0.36f, 0.30f, 1));
            ImGui::TextWrapped("%s", u.view.error.c_str());
            ImGui::PopStyleColor();
            ui::spacer(0.4f);
        }
        content();
        ImGui::EndChild();
        // Calm confirmations float at the bottom as a toast, so nothing on the page moves
        // when they appear or fade.
        if (!u.view.notice.empty()) {
            const char* text = u.view.notice.c_str();
            const ImVec2 size = ImGui::CalcTextSize(text, nullptr, false, avail - 6 * em());
            const ImVec2 pad(em() * 1.0f, em() * 0.6f);
            const ImVec2 wp = ImGui::GetWindowPos();
            const ImVec2 p0(wp.x + (avail - size.x) * 0.5f - pad.x, wp.y + ImGui::GetWindowHeight() - size.y - pad.y * 2 - em());
            const ImVec2 p1(p0.x + size.x + pad.x * 2, p0.y + size.y + pad.y * 2);
            ImDrawList* dl = ImGui::GetForegroundDrawList();
            dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImVec4(0.33f, 0.55f, 0.45f, 0.95f)), em() * 0.8f);
            dl->AddText(nullptr, 0, ImVec2(p0.x + pad.x, p0.y + pad.y), IM_COL32(255, 255, 255, 255), text, nullptr,
                        avail - 6 * em());
        }
    }
    if (u.narrow) ImGui::PopStyleVar(2);
    ImGui::End();
}

}  // namespace ui
}  // namespace afterglow::app
