#include "app/input_queue.hpp"

#include <GLFW/glfw3.h>  // key codes only
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include "app/ui.hpp"
#include "crypto/secret.hpp"

namespace afterglow::app {
namespace {

std::string g_frame_text;  // text_this_frame(); wiped before each frame
bool g_tab_buttons = false;  // tab_between_buttons()
bool g_tab_frame = false;    // g_tab_buttons as this frame began (tab_through_every_item)

constexpr int kMaxFocusWait = 8;  // frames text waits for a field (focusing one takes two or three)

bool is_letter(int code) { return code >= GLFW_KEY_A && code <= GLFW_KEY_Z; }

bool mapped(const ImGuiIO& io, int code) {
    return std::find(std::begin(io.KeyMap), std::end(io.KeyMap), code) != std::end(io.KeyMap);
}

}  // namespace

void InputQueue::key(int code, bool down, Mod mod) {
    if (code < 0 || code >= static_cast<int>(IM_ARRAYSIZE(ImGuiIO::KeysDown))) return;
    events_.push_back(Event{code, down, mod, {}});
}

void InputQueue::text(std::string_view utf8) {
    if (utf8.empty()) return;
    if (!events_.empty() && events_.back().code < 0) events_.back().text.append(utf8);  // one run
    else events_.push_back(Event{-1, false, Mod::none, std::string(utf8)});
}

void InputQueue::character(unsigned cp) {
    char buf[5] = {};
    ImTextCharToUtf8(buf, cp);
    text(buf);
    crypto::wipe(buf, sizeof buf);
}

void InputQueue::focus_lost() {
    down_.clear();
    alias_.clear();
}

void tab_between_buttons(bool on) { g_tab_buttons = on; }

// Dear ImGui 1.86 tabs only between text fields (its "inputable" items), and from nothing
// active it always starts again at the first one: from a button, or from a date field whose
// only other stop is itself, Tab went nowhere. On a screen of buttons the Tab request made by
// NewFrame takes every item instead (ImGuiNavMoveFlags_FocusApi, as SetKeyboardFocusHere does),
// in the order they are drawn, and goes on from the focused item. Text fields reached this way
// are still made active for typing, as Dear ImGui's own Tab does.
void tab_through_every_item() {
    ImGuiContext& g = *GImGui;
    g_tab_frame = g_tab_buttons;
    if (!g_tab_buttons || !g.NavMoveScoringItems || (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) == 0) return;
    g.NavMoveFlags |= ImGuiNavMoveFlags_FocusApi;
    if (g.NavTabbingDir == 0 && g.NavId != 0) g.NavTabbingDir = +1;  // on from the focused button
}

// Tab from the top bar lands on the scrolling column as one item of the outer window: it goes
// on into the column, to its first control (Tab then moves through the column's controls).
void tab_into_column() {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* column = g.CurrentWindow;
    if (!g_tab_frame || !column->ParentWindow || g.NavWindow != column->ParentWindow || g.NavId == 0 ||
        g.NavId != column->ChildId)
        return;
    ImGui::FocusWindow(column);
    ImGui::NavInitWindow(column, true);
}

void InputQueue::clear() {
    for (Event& e : events_) crypto::wipe(e.text.data(), e.text.size());
    events_.clear();
    held_frames_ = 0;
}

// Dear ImGui is moving keyboard focus (SetKeyboardFocusHere, Tab): the field that will take
// the text is active only a frame or two later, and text given meanwhile would be dropped.
bool InputQueue::focus_moving() const {
    const ImGuiContext& g = *GImGui;
    return g.NavMoveSubmitted || g.NavMoveScoringItems || g.NavMoveForwardToNextFrame || g.NavNextActivateId != 0 ||
           g.NavActivateInputId != 0;
}

// Keys Dear ImGui acts on: its key map (editing, navigation), letters only with Ctrl or Cmd
// (Ctrl+A/C/V/X/Y/Z), Space only outside text fields (inside, it is a character).
bool InputQueue::is_command(const Event& e, const ImGuiIO& io) const {
    if (!e.down) return down_.count(e.code) > 0;  // a release is applied when its press was
    if (e.code == GLFW_KEY_SPACE) return !io.WantTextInput;
    if (is_letter(e.code)) return io.KeyCtrl || io.KeySuper;
    return mapped(io, e.code);
}

int InputQueue::target(const Event& e, const ImGuiIO& io) const {
    if (!e.down) {
        auto a = alias_.find(e.code);
        return a == alias_.end() ? e.code : a->second;
    }
    if (io.WantTextInput) return e.code;
    const bool enter = e.code == GLFW_KEY_ENTER || e.code == GLFW_KEY_KP_ENTER;
    if (enter && GImGui->OpenPopupStack.Size > 0) return GLFW_KEY_SPACE;
    return e.code;
}

void InputQueue::set_key(ImGuiIO& io, const Event& e) {
    const int to = target(e, io);
    io.KeysDown[to] = e.down;
    if (e.down && to != e.code) alias_[e.code] = to;
    if (!e.down) alias_.erase(e.code);
    if (e.down) down_[e.code] = e.mod;
    else down_.erase(e.code);
    auto held = [&](Mod m) { return std::any_of(down_.begin(), down_.end(), [m](const auto& k) { return k.second == m; }); };
    io.KeyCtrl = held(Mod::ctrl);
    io.KeyShift = held(Mod::shift);
    io.KeyAlt = held(Mod::alt);
    io.KeySuper = held(Mod::super);
}

std::string_view text_this_frame() { return g_frame_text; }

void InputQueue::apply(ImGuiIO& io, bool busy) {
    crypto::wipe(g_frame_text.data(), g_frame_text.size());
    g_frame_text.clear();
    bool had_text = false, had_command = false;
    int changed[16];
    int n_changed = 0;
    auto changed_now = [&](int code) { return std::find(changed, changed + n_changed, code) != changed + n_changed; };
    while (!events_.empty() && n_changed < 16) {
        Event& e = events_.front();
        if (e.code < 0) {
            // No field active yet, or focus on its way to one: the text waits for it a few
            // frames, then goes to whatever reads it (the questionnaire's digit keys).
            const bool no_field = !io.WantTextInput || focus_moving();
            const bool wait = busy || (no_field && held_frames_ < kMaxFocusWait);
            if (wait) {
                if (!busy && !had_text) ++held_frames_;
                break;
            }
            if (had_command) break;
            io.AddInputCharactersUTF8(e.text.c_str());
            g_frame_text += e.text;
            crypto::wipe(e.text.data(), e.text.size());
            events_.pop_front();
            had_text = true;
            held_frames_ = 0;
            continue;
        }
        const bool was_down = down_.count(e.code) > 0;
        if (e.mod != Mod::none) {  // modifiers never clash with text, only with a key they modify
            if (had_command || changed_now(e.code)) break;
            if (e.down != was_down) {
                set_key(io, e);
                changed[n_changed++] = e.code;
            }
            events_.pop_front();
            continue;
        }
        if (!(e.down ? is_command(e, io) : was_down)) {  // read as a character, or unknown
            events_.pop_front();
            continue;
        }
        if (had_text || changed_now(e.code)) break;
        if (e.code == GLFW_KEY_ESCAPE && e.down && io.WantTextInput && GImGui->ActiveId != 0) {
            // Dear ImGui's Escape puts a text field back as it was when it was focused: the
            // patient's words gone without undo. Here Escape only leaves the field, keeping
            // them (a second Escape reaches Dear ImGui and closes a popup).
            ImGui::ClearActiveID();
            events_.pop_front();
            had_command = true;
            continue;
        }
        if (e.down != was_down) {
            set_key(io, e);
            changed[n_changed++] = e.code;
            had_command = true;
        }
        events_.pop_front();
    }
}

InputQueue::Mod modifier_of(int key) {
    switch (key) {
        case GLFW_KEY_LEFT_CONTROL:
        case GLFW_KEY_RIGHT_CONTROL: return InputQueue::Mod::ctrl;
        case GLFW_KEY_LEFT_SHIFT:
        case GLFW_KEY_RIGHT_SHIFT: return InputQueue::Mod::shift;
        case GLFW_KEY_LEFT_ALT:
        case GLFW_KEY_RIGHT_ALT: return InputQueue::Mod::alt;
        case GLFW_KEY_LEFT_SUPER:
        case GLFW_KEY_RIGHT_SUPER: return InputQueue::Mod::super;
        default: return InputQueue::Mod::none;
    }
}

void record_shortcut(Shortcuts& s, int key, bool allow_quit) {
    switch (key) {
        case GLFW_KEY_N: s.new_entry = true; break;
        case GLFW_KEY_F: s.find = true; break;
        case GLFW_KEY_S: s.save = true; break;
        case GLFW_KEY_L: s.lock = true; break;
        case GLFW_KEY_K: s.checkin = true; break;
        case GLFW_KEY_I: s.intention = true; break;
        case GLFW_KEY_ENTER:
        case GLFW_KEY_KP_ENTER: s.next = true; break;
        case GLFW_KEY_Q: s.quit = allow_quit; break;
        default: break;
    }
}

}  // namespace afterglow::app
