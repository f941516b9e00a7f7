// The app's own input queue in front of Dear ImGui 1.86, whose input is per-frame state: a key
// pressed and released between two frames never reached it, and characters that arrive while
// a text field is still being focused were thrown away at the end of the frame. Both
// platforms (GLFW key and character callbacks on the desktop; those and web/shim.js in the
// browser) push every event here, and before each frame apply() hands Dear ImGui what one
// frame can take without losing anything:
//   - a key changes state at most once per frame (a press shows for a frame, its release the
//     next), so no press is ever missed however fast keys come;
//   - a frame takes either typed text or editing/navigation keys (Backspace, arrows, Enter,
//     Tab, Ctrl+letters …), never both, so their order is kept whatever order a widget reads
//     them in;
//   - text waits while no text field is active or Dear ImGui is moving keyboard focus (8
//     frames at most; as long as the app is busy), so the characters typed right after a
//     failed unlock land in the field that is being focused again.
// Plain letter keys, which Dear ImGui reads only as characters, are not applied as keys.
// Escape in a text field leaves the field and keeps its text (Dear ImGui's own Escape would
// put the field back as it was when focused, throwing the typing away without undo).
// Enter in an open dropdown (or any popup) chooses the focused item, as Space does (Dear ImGui
// 1.86 takes only Space there); on a screen of buttons (tab_between_buttons) Tab and
// Shift+Tab move through every control in order, fields and buttons alike (Dear ImGui tabs
// only between fields): tab_through_every_item().
// Key codes are GLFW's (letters are their ASCII capitals), as both platforms send them.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

struct ImGuiIO;

namespace afterglow::app {

struct Shortcuts;

class InputQueue {
public:
    enum class Mod : std::uint8_t { none, ctrl, shift, alt, super };

    ~InputQueue() { clear(); }

    // A key went down or up (GLFW_PRESS / GLFW_RELEASE; repeats are Dear ImGui's own job).
    void key(int code, bool down, Mod mod = Mod::none);
    // Text typed, pasted or composed (UTF-8); one code point from a character callback.
    void text(std::string_view utf8);
    void character(unsigned code_point);
    // The window lost focus: Dear ImGui releases every key; so does the queue's view of them.
    void focus_lost();
    // Wipes and drops everything still queued (the lock: nothing typed survives it).
    void clear();

    bool pending() const { return !events_.empty(); }
    // Before ImGui::NewFrame: applies what this frame can take. `busy`: the app is deriving a
    // key or similar; text typed meanwhile waits for the field that comes back.
    void apply(ImGuiIO& io, bool busy);

private:
    struct Event {
        int code = -1;  // -1: text
        bool down = false;
        Mod mod = Mod::none;
        std::string text;
    };
    bool is_command(const Event& e, const ImGuiIO& io) const;
    void set_key(ImGuiIO& io, const Event& e);
    bool focus_moving() const;

    std::deque<Event> events_;
    int target(const Event& e, const ImGuiIO& io) const;  // the key `e` is applied as

    std::unordered_map<int, Mod> down_;  // keys applied as down (a release only if pressed)
    std::unordered_map<int, int> alias_;  // a key applied as another (Enter as Space …) while down
    int held_frames_ = 0;           // frames text has waited for a focus move
};

// The text applied this frame exactly as typed (UTF-8). Dear ImGui 1.86 is built with
// 16-bit characters, so its queue turns an emoji into U+FFFD; Afterglow's own editor reads
// this instead and keeps every character. Empty when no text was applied this frame.
std::string_view text_this_frame();

// Set by a screen each frame it is mostly buttons (home): Tab moves through all its controls.
// Reset by every frame (ui::frame).
void tab_between_buttons(bool on);
// Right after ImGui::NewFrame (ui::frame does it): widens this frame's Tab request to every
// item when the last frame's screen asked for it (tab_between_buttons).
void tab_through_every_item();
// Right after BeginChild of the screen's scrolling column (ui::frame): Tab that reached the
// column from the top bar goes into it.
void tab_into_column();

// Which modifier a GLFW key is (the left and right keys alike), or none.
InputQueue::Mod modifier_of(int glfw_key);

// The app's keyboard shortcuts (Ctrl or Cmd + key), one table for every platform.
void record_shortcut(Shortcuts& s, int glfw_key, bool allow_quit);

}  // namespace afterglow::app
