#include "app/ui.hpp"

#include <algorithm>
#include <cmath>
#include <vector>
#include <cstdio>

#include <imgui.h>
#include <imgui_internal.h>  // ButtonEx: a small button with a width
#include <imgui_stdlib.h>

#include "app/core/layout.hpp"
#include "app/core/palette.hpp"
#include "app/core/strength.hpp"
#include "app/input_queue.hpp"
#include "crypto/hash.hpp"
#include "journal/text.hpp"

namespace afterglow::app {

void Hooks::screen(const char* name) {
    if (!enabled) return;
    seen_.clear();
    std::printf("screen %s\n", name);
    std::fflush(stdout);
}

void Hooks::widget(const char* name) {
    if (!enabled) return;
    if (ImGui::IsItemFocused() && focused_ != name) {  // keyboard focus moved here (Tab, arrows)
        focused_ = name;
        std::printf("focus %s\n", name);
        std::fflush(stdout);
    }
    box(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void Hooks::box(const char* name, ImVec2 a, ImVec2 b) {
    if (!enabled) return;
    const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
    auto it = seen_.find(name);
    if (it != seen_.end() && std::fabs(it->second.x - c.x) < 1 && std::fabs(it->second.y - c.y) < 1) return;
    seen_[name] = c;
    // Centre, then size: GUI tests click the centre and check targets' sizes and overlaps.
    std::printf("widget %s %d %d %d %d\n", name, static_cast<int>(c.x), static_cast<int>(c.y),
                static_cast<int>(std::lround(b.x - a.x)), static_cast<int>(std::lround(b.y - a.y)));
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

void Hooks::text(const char* name, std::string_view utf8) {
    if (!enabled) return;
    const crypto::Bytes h = crypto::hash_parts(
        {key_, {reinterpret_cast<const std::uint8_t*>(utf8.data()), utf8.size()}}, 64);
    char print[17];
    for (int i = 0; i < 8; ++i) std::snprintf(print + 2 * i, 3, "%02x", h[i]);
    auto& last = texts_[name];
    if (last == print) return;
    last = print;
    std::printf("text %s %s %zu\n", name, print, journal::code_point_count(utf8));
    std::fflush(stdout);
}

void Hooks::set_key(std::string_view hex) {
    if (auto k = crypto::from_hex(hex); k && !k->empty()) key_ = std::move(*k);
}

void Hooks::event(const char* name) {
    if (!enabled) return;
    std::printf("event %s\n", name);
    std::fflush(stdout);
}

namespace ui {

ImVec4 accent() { return ImGui::GetStyleColorVec4(ImGuiCol_CheckMark); }
ImVec4 soft_text() { return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled); }

namespace {
ImVec4 v4(Rgb c) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f); }
float g_content_top = 0;  // content_top()
}  // namespace
ImVec4 danger(const Ui& u) { return v4(palette(u.view.settings.theme).danger); }
ImVec4 toast(const Ui& u) { return v4(palette(u.view.settings.theme).toast); }

bool primary_button(const char* label, float width_em) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_PlotHistogramHovered));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_NavWindowingHighlight));
    const bool r = ImGui::Button(label, ImVec2(width_em * em(), 0));
    ImGui::PopStyleColor(3);
    return r;
}

bool quiet_button(const char* label, float width_em) { return ImGui::Button(label, ImVec2(width_em * em(), 0)); }

bool small_button(const Ui& u, const char* label, float width) {
    if (u.narrow) return ImGui::Button(label, ImVec2(width, 0));
    // Dear ImGui's SmallButton, with a width.
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 0));
    const bool pressed = ImGui::ButtonEx(label, ImVec2(width, 0), ImGuiButtonFlags_AlignTextBaseLine);
    ImGui::PopStyleVar();
    return pressed;
}

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

void same_line_if_room(float width) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width + em() * 0.5f) ImGui::NewLine();
}

void same_line_if_fits(const char* next_label, float extra) {
    same_line_if_room(ImGui::CalcTextSize(next_label).x + ImGui::GetStyle().FramePadding.x * 2 + extra);
}

void badge(const char* text, ImVec4 color) {
    const ImVec2 pad(em() * 0.5f, em() * 0.15f);
    // Wider than the room left on its line: it starts a line of its own and wraps there.
    if (ImGui::CalcTextSize(text).x + pad.x * 2 > ImGui::GetContentRegionAvail().x && ImGui::GetCursorPosX() >
                                                                                           ImGui::GetCursorStartPos().x + 1)
        ImGui::NewLine();
    const float wrap = std::max(em() * 4, ImGui::GetContentRegionAvail().x - pad.x * 2);
    const ImVec2 size = ImGui::CalcTextSize(text, nullptr, false, wrap);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImVec4 bg = color;
    bg.w = 0.18f;
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + size.x + pad.x * 2, p.y + size.y + pad.y * 2),
                                              ImGui::GetColorU32(bg), em() * 0.6f);
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad.x, p.y + pad.y));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextColored(color, "%s", text);
    ImGui::PopTextWrapPos();
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + size.y + pad.y * 2 + ImGui::GetStyle().ItemSpacing.y));
    ImGui::Dummy(ImVec2(size.x + pad.x * 2, 0));
}

bool labeled_input(const char* label, const char* id, std::string* value, int flags, const char* hint) {
    ImGui::TextWrapped("%s", label);  // wrapped, never cut, on a phone
    ImGui::SetNextItemWidth(-1);
    if (hint) return ImGui::InputTextWithHint(id, hint, value, flags);
    return ImGui::InputText(id, value, flags);
}

bool labeled_multiline(const char* label, const char* id, std::string* value, float height_em) {
    ImGui::TextWrapped("%s", label);
    return ImGui::InputTextMultiline(id, value, ImVec2(-1, height_em * em()));
}

Strength strength_meter(std::string_view passphrase, float width) {
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
        ImGui::TextUnformatted(s.label);  // the text colour: the bar's colours are below 4.5:1
        ImGui::SameLine();
    }
    subtle(s.advice);
    return s;
}

void error_text(const Ui& u) {
    if (u.view.error.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, danger(u));
    ImGui::TextWrapped("%s", u.view.error.c_str());
    ImGui::PopStyleColor();
}

float content_top() { return g_content_top; }

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

namespace {

struct BarItem {
    const char* label;
    const char* hook;
    Command command;
    bool crisis = false;
    bool menu = false;  // the collapsed bar's "Menu": opens or closes the other targets
};

// The top bar: the name, then every target as a button. When they all fit in one row the
// navigation sits left and Settings/Lock/crisis support right; when they do not (a narrow
// window, large text) they flow into rows, crisis support first, so none is ever hidden or
// overlapped. In the narrow layout every target is at least 44 px tall.
void top_bar(Ui& u) {
    const float pad = (u.narrow ? 0.6f : 1.2f) * em();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetWindowWidth();
    ImGui::SetCursorPos(ImVec2(pad, 0.7f * em()));
    ImGui::PushFont(u.fonts.heading);
    ImGui::TextColored(accent(), "Afterglow");
    const ImVec2 title_max = ImGui::GetItemRectMax();
    const ImVec2 title_min = ImGui::GetItemRectMin();
    ImGui::PopFont();
    const ImVec2 wp = ImGui::GetWindowPos();
    const float title_right = title_max.x - wp.x, title_top = title_min.y - wp.y;

    const bool unlocked = u.view.unlocked && u.view.recovery_key.empty();
    std::vector<BarItem> left, right;
    if (unlocked) {
        left.push_back({"Home", "nav_home", cmd::Go{Screen::home}});
        left.push_back({"Journal", "nav_journal", cmd::Go{Screen::journal}});
        left.push_back({"Check-in", "nav_checkin", cmd::Go{Screen::checkin}});
        left.push_back({"New session", "nav_new_session", cmd::NewSession{}});
#ifdef AFTERGLOW_HAVE_EXPORT
        left.push_back({"Share", "nav_export", cmd::Go{Screen::export_data}});
#endif
        right.push_back({"Settings", "nav_settings", cmd::Go{Screen::settings}});
        right.push_back({"Lock", "nav_lock", cmd::Lock{}});
    }
    right.push_back({"Need help now?", "nav_crisis", cmd::Go{Screen::crisis}, true});

    const float h = u.narrow ? std::max(ImGui::GetFrameHeight(), 44.0f) : ImGui::GetFrameHeight();
    const float gap = style.ItemSpacing.x;
    auto width_of = [&](const BarItem& it) { return ImGui::CalcTextSize(it.label).x + style.FramePadding.x * 2; };
    float left_w = 0, right_w = 0;
    for (const auto& it : left) left_w += width_of(it) + gap;
    for (const auto& it : right) right_w += width_of(it) + gap;
    const float y_title = std::max(0.3f * em(), title_top + (ImGui::GetFontSize() - h) * 0.5f);

    std::vector<const BarItem*> order;
    std::vector<Box> boxes;
    if (title_right + 2 * em() + left_w + right_w <= width - pad) {
        // One row: navigation after the name, the rest right-aligned.
        std::vector<float> lw, rw;
        for (const auto& it : left) lw.push_back(width_of(it)), order.push_back(&it);
        for (const auto& it : right) rw.push_back(width_of(it)), order.push_back(&it);
        boxes = flow(lw, h, title_right + 2 * em(), y_title, width - pad, gap);
        const auto r = flow(rw, h, width - pad - (right_w - gap), y_title, width - pad, gap);
        boxes.insert(boxes.end(), r.begin(), r.end());
    } else {
        // Rows from the name's line: crisis support first (beside the name when it fits), then
        // navigation, settings, lock. The name takes the first slot of the flow. When that
        // needs more than two rows (a narrow window with large text) it collapses: crisis
        // support and "Menu" stay, the rest shows while the menu is open.
        std::vector<const BarItem*> rest;
        for (const auto& it : left) rest.push_back(&it);
        for (std::size_t i = 0; i + 1 < right.size(); ++i) rest.push_back(&right[i]);
        auto place = [&](const std::vector<const BarItem*>& items, float row_h) {
            std::vector<float> w{title_right - pad + em()};
            for (const auto* it : items) w.push_back(std::min(width_of(*it), width - 2 * pad));
            auto b = flow(w, row_h, pad, y_title, width - pad, gap);
            b.erase(b.begin());
            return b;
        };
        order.push_back(&right.back());
        order.insert(order.end(), rest.begin(), rest.end());
        boxes = place(order, h);
        const bool collapse = !rest.empty() && !boxes.empty() && boxes.back().y > boxes.front().y + 1.5f * (h + gap);
        if (collapse) {
            static const BarItem kMenu{"Menu", "nav_menu", cmd::ClearMessage{}, false, true};
            order = {&right.back(), &kMenu};
            u.hooks.value("menu_open", u.state.menu_open ? 1 : 0);
            if (u.state.menu_open) order.insert(order.end(), rest.begin(), rest.end());
            boxes = place(order, h);
            // The open menu taller than the window (the largest text on a small screen): its
            // targets keep only the touch size (44 px), so every one stays inside the window.
            if (u.state.menu_open && !boxes.empty() && boxes.back().bottom() > ImGui::GetWindowHeight() - h)
                boxes = place(order, std::max(44.0f, em() * 1.3f));
        } else {
            u.state.menu_open = false;
        }
    }
    float bottom = title_max.y - wp.y;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const BarItem& it = *order[i];
        ImGui::SetCursorPos(ImVec2(boxes[i].x, boxes[i].y));
        if (it.crisis) {
            ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.80f, 0.42f, 0.36f, 0.16f));
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.80f, 0.42f, 0.36f, 0.30f));
        }
        // A row lower than the frame (the open menu at the largest text): the label keeps its
        // line, centred, with less padding above and below.
        const bool low = boxes[i].h < ImGui::GetFrameHeight();
        if (low)
            ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                                ImVec2(style.FramePadding.x, std::max(0.0f, (boxes[i].h - ImGui::GetFontSize()) * 0.5f)));
        const bool pressed = ImGui::Button(it.label, ImVec2(boxes[i].w, boxes[i].h));
        if (low) ImGui::PopStyleVar();
        if (pressed) {
            if (it.menu) {
                u.state.menu_open = !u.state.menu_open;
            } else {
                u.out.push_back(it.command);
                u.state.menu_open = false;
            }
        }
        if (it.crisis) ImGui::PopStyleColor(2);
        u.hooks.widget(it.hook);
        bottom = std::max(bottom, boxes[i].bottom());
    }
    ImGui::SetCursorPos(ImVec2(0, bottom + 0.3f * em()));
    ImGui::Separator();
}

// A toast with a real "Undo" button: a small window of its own above the page.
void undo_toast(Ui& u, float avail, float above) {
    const ImVec2 wp = ImGui::GetWindowPos();
    const float h = ImGui::GetWindowHeight();
    ImGui::SetNextWindowPos(ImVec2(wp.x + avail * 0.5f, wp.y + h - above - em()), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.97f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, toast(u));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, em() * 0.8f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoFocusOnAppearing;
    if (ImGui::Begin("###undo_toast", nullptr, flags)) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(u.view.notice.c_str());
        ImGui::SameLine(0, em());
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.10f, 0.22f, 0.17f, 1));
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.96f, 0.98f, 0.96f, 1));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(1, 1, 1, 1));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.85f, 0.92f, 0.88f, 1));
        if (ImGui::Button("Undo")) u.out.push_back(cmd::UndoDelete{});
        ImGui::PopStyleColor(4);
        u.hooks.widget("toast_undo");
    }
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
}

}  // namespace

void frame(Ui& u, const std::function<void()>& content, const std::function<void()>& footer) {
    tab_through_every_item();    // the last frame's screen asked for it (home)
    tab_between_buttons(false);  // a screen of buttons says so in its content (home)
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
        // Touch-sized targets: a frame at least 44 px tall (WCAG 2.5.5).
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(em() * 0.9f, std::max(em() * 0.75f, (44.0f - em()) * 0.5f)));
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(em() * 0.6f, em() * 0.8f));
    }
    if (open) {
        top_bar(u);
        g_content_top = ImGui::GetCursorScreenPos().y;
        // ---- centred column ----
        const float pad = u.narrow ? 0.6f : 1.2f;
        const float avail = ImGui::GetWindowWidth();
        const float col = u.narrow ? avail - 2 * pad * em() : std::min(avail - 4 * em(), 50 * em());
        const float x0 = (avail - col) * 0.5f;
        ImGui::SetCursorPos(ImVec2(0, ImGui::GetCursorPosY()));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(x0, em() * (u.narrow ? 0.8f : 1.4f)));
        // A footer (the main action of a long form) stays below the scrolling column. In a
        // short window (the largest text on a small screen) it is slim: the column keeps the
        // height for what the screen opens on (issue 22 item 11).
        const bool slim = footer && short_window();
        const float footer_h = !footer ? 0.0f
                               : slim ? std::max(u.state.footer_height, ImGui::GetFrameHeight()) + em() * 1.1f + 1
                                      : std::max(u.state.footer_height, ImGui::GetFrameHeightWithSpacing()) +
                                            ImGui::GetStyle().ItemSpacing.y * 2 + em() * (u.narrow ? 1.6f : 1.4f);
        ImGui::BeginChild("###content", ImVec2(0, -footer_h), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
        ImGui::PopStyleVar();
        tab_into_column();
        // Every screen opens at its top, never at the previous screen's scroll offset: for its
        // first frames (a scroll set now applies in the next frame, and a field focused as the
        // screen opens would scroll to where it was on the previous screen's page).
        if (u.state.screen_appeared) u.state.top_frames = 3;
        if (u.state.top_frames > 0) {
            --u.state.top_frames;
            ImGui::SetScrollY(0);
        }
        if (!u.view.error.empty() && !u.error_inline) {
            error_text(u);
            ui::spacer(0.4f);
        }
        content();
        if (slim) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, em() * 0.2f));
        ImGui::EndChild();
        u.hooks.widget("frame_content");  // the scrolling column's visible box (above a footer)
        if (footer) {
            ImGui::Separator();
            if (slim) ImGui::PopStyleVar();
            ImGui::SetCursorPos(ImVec2(x0, ImGui::GetCursorPosY() + em() * (slim ? 0.3f : 0.4f)));
            ImGui::BeginGroup();
            ImGui::PushTextWrapPos(x0 + col);
            footer();
            ImGui::PopTextWrapPos();
            ImGui::EndGroup();
            u.state.footer_height = ImGui::GetItemRectSize().y;
        }
        // Calm confirmations float at the bottom as a toast, so nothing on the page moves
        // when they appear or fade.
        bool toast_drawn = false;
        if (u.hold_notices) {
            // The write is not in the browser's storage yet: its confirmation waits (web).
        } else if (!u.view.notice.empty() && u.view.can_undo) {
            undo_toast(u, avail, footer_h);
        } else if (!u.view.notice.empty() && !u.notice_inline && !u.confirm_open) {
            // (Not while a confirmation is open: it sits at the bottom of the page, where the
            // toast floats, and the patient has moved on from what the toast confirms.)
            const char* text = u.view.notice.c_str();
            const ImVec2 size = ImGui::CalcTextSize(text, nullptr, false, avail - 6 * em());
            const ImVec2 pad(em() * 1.0f, em() * 0.6f);
            const ImVec2 wp = ImGui::GetWindowPos();
            const ImVec2 p0(wp.x + (avail - size.x) * 0.5f - pad.x, wp.y + ImGui::GetWindowHeight() - footer_h - size.y - pad.y * 2 - em());
            const ImVec2 p1(p0.x + size.x + pad.x * 2, p0.y + size.y + pad.y * 2);
            ImDrawList* dl = ImGui::GetForegroundDrawList();
            dl->AddRectFilled(p0, p1, ImGui::GetColorU32(toast(u)), em() * 0.8f);
            u.hooks.box("toast", p0, p1);
            toast_drawn = true;
            dl->AddText(nullptr, 0, ImVec2(p0.x + pad.x, p0.y + pad.y), IM_COL32(255, 255, 255, 255), text, nullptr,
                        avail - 6 * em());
        }
        u.hooks.value("toast", toast_drawn ? 1 : 0);
    }
    if (u.narrow) ImGui::PopStyleVar(2);
    ImGui::End();
}

}  // namespace ui
}  // namespace afterglow::app
