// Shared pieces of every screen: the per-frame context a screen gets, em-unit helpers, the
// base frame that owns Begin/End (so no screen can forget End), calm widgets, and the
// test hooks (AFTERGLOW_TEST_HOOKS=1) that print where named widgets are.
#pragma once

#include <imgui.h>

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "crypto/bytes.hpp"

#include "app/core/commands.hpp"
#include "app/core/forms.hpp"
#include "app/core/strength.hpp"
#include "app/core/view_state.hpp"
#include "app/wrap_editor.hpp"

namespace afterglow::app {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;  // our own headings (Inter SemiBold)
    ImFont* large = nullptr;    // quick note: large, simple type
};

struct Shortcuts {  // recorded from the GLFW key callback, so never lost
    bool new_entry = false, find = false, save = false, lock = false, quit = false, checkin = false;
    bool intention = false;  // Ctrl+I: the intention wizard for the next session
    bool next = false;       // Ctrl+Enter: the next step (fields where Enter is a newline)
};

class Hooks {
public:
    bool enabled = false;
    void screen(const char* name);
    void widget(const char* name);  // call right after the widget: prints its centre once (and "focus NAME")
    void box(const char* name, ImVec2 min, ImVec2 max);  // the same line for a drawn box (a toast)
    void event(const char* name);
    void value(const char* name, long long v);  // prints "value NAME V" when it changes
    // What a text field holds, for tests that check the exact text typed: prints "text NAME
    // FINGERPRINT CODE_POINTS" when it changes. The fingerprint is the first 8 bytes of
    // BLAKE2b-512(key || text) in hex, never the text. The key is the test's own
    // (AFTERGLOW_HOOK_KEY, the test site's ?hook-key=), else random per run: a log alone
    // never lets anyone try guesses of a passphrase against it.
    void text(const char* name, std::string_view utf8);
    void set_key(std::string_view hex);  // empty or not hex: a random key

private:
    crypto::Bytes key_ = crypto::random_bytes(32);
    std::unordered_map<std::string, ImVec2> seen_;
    std::unordered_map<std::string, long long> values_;
    std::unordered_map<std::string, std::string> texts_;
    std::string focused_;  // the named widget with keyboard focus ("focus NAME" when it changes)
};

// Everything UI-only that outlives a frame (no user data besides the editor's layout cache).
struct UiState {
    WrapEditorState editor;
    WrapEditorState answer_editor;  // the intention wizard's current answer
    int intention_step_seen = -1;
    long long measure_item_seen = -1;  // the questionnaire item shown last (focus on change)
    bool confirm_delete = false;
    bool reveal_delete = false;  // the delete confirmation just opened: scroll it into view
    bool checkin_table = false;  // the check-in trend as a table (else the chart)
    int welcome_page = 0;   // the first-run welcome's page
    bool menu_open = false;
    float footer_height = 0;  // the pinned footer's height in the last frame  // the collapsed top bar's "Menu" shows the other targets
    bool show_recovery_input = false;
    Screen last_screen = Screen::count;
    bool screen_appeared = false;  // true on the first frame of a screen
    int top_frames = 0;            // frames the new screen is still held at its top
    std::uint64_t unlock_failures_seen = 0;  // refocus the passphrase after each failure
    float pending_font_size = 0;             // the text-size slider while dragging
    std::size_t recovery_group_printed = SIZE_MAX;  // test hook only
};

struct Ui {
    const ViewState& view;
    Forms& forms;
    Commands& out;
    UiState& state;
    const Fonts& fonts;
    Hooks& hooks;
    Shortcuts shortcuts;
    bool narrow = false;  // ≤ 480 px wide: one column, touch-sized targets
    float em = 16;
    float px = 1;  // device pixels per CSS pixel (the phone's DPR): touch sizes are CSS px
    bool error_inline = false;  // the screen shows view.error beside its action (ui::error_text)
    bool notice_inline = false;  // the screen shows its action's result itself: no toast over it
    bool confirm_open = false;   // an inline confirmation at the page's bottom: no toast over it
    bool hold_notices = false;   // storage has not committed the last write yet: no "Saved" (web)
};

namespace ui {

inline float em() { return ImGui::GetFontSize(); }
inline ImVec2 em2(float x, float y) { return ImVec2(x * em(), y * em()); }

// The base frame: one full-window ImGui window with the top bar (crisis support is always
// one click away), messages, and a centred column; calls `content` between Begin and End.
// `footer` (optional) stays pinned below the scrolling column: the main action of a long
// form (Save) is visible without scrolling at any window height and text size.
void frame(Ui& u, const std::function<void()>& content, const std::function<void()>& footer = {});
// A window short for its text (under 30 lines: the largest text on a small screen): footers
// are slim, and a screen may put less above what it opens on.
inline bool short_window() { return ImGui::GetIO().DisplaySize.y < 30.0f * ImGui::GetFontSize(); }

bool primary_button(const char* label, float width_em = 0);
bool quiet_button(const char* label, float width_em = 0);
// A compact secondary button (a chip, a link-like toggle): Dear ImGui's small one on the
// desktop, a touch-sized one (the narrow layout's frame, 44 CSS px) on a phone. `width`
// 0: the label's.
bool small_button(const Ui& u, const char* label, float width = 0);
void heading(const Ui& u, const char* text);
void subtle(const char* text);  // secondary text, wrapped
void spacer(float em_height = 0.8f);
// SameLine() when a widget labelled `next_label` (plus `extra` px, e.g. a radio's circle)
// still fits on this line, else a new line: rows of buttons wrap in a narrow window.
void same_line_if_fits(const char* next_label, float extra = 0);
void same_line_if_room(float width);  // the next item, `width` wide, beside the last or below it
void badge(const char* text, ImVec4 color);
ImVec4 accent();
ImVec4 soft_text();
ImVec4 danger(const Ui& u);  // error text (the theme's palette, contrast-tested)
ImVec4 toast(const Ui& u);   // the toast's background (white text on it)
// Label above a full-width input (calm forms: labels read first).
bool labeled_input(const char* label, const char* id, std::string* value, int flags = 0, const char* hint = nullptr);
bool labeled_multiline(const char* label, const char* id, std::string* value, float height_em);
// Draws the meter and returns its verdict. width 0: the available width.
Strength strength_meter(std::string_view passphrase, float width = 0);
void busy_indicator(const char* what);
// Where the last frame's column began, below the top bar (px from the window's top): the web
// page's busy veil covers the canvas from there, leaving "Need help now?" as it is.
float content_top();
// The current error in the error colour, wrapped (nothing when there is none).
void error_text(const Ui& u);

}  // namespace ui
}  // namespace afterglow::app
