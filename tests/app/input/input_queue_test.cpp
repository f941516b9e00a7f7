// The app's input queue in front of Dear ImGui 1.86 (app/input_queue.hpp), driven against a
// real Dear ImGui context and real InputText fields, frame by frame, without a window: keys
// pressed and released between two frames, text typed while focus moves, edits, Tab.
#include <doctest/doctest.h>

#include <GLFW/glfw3.h>  // key codes, as the platforms send them
#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "app/input_queue.hpp"
#include "tests/app/input/glfw_context.hpp"

using afterglow::app::InputQueue;

namespace {

// A Dear ImGui context set up as the GLFW backend sets it (key map), with two fields.
struct Harness {
    InputQueue q;
    std::string a, b;
    bool enter = false;
    int enters = 0;
    bool focus_a = false;
    bool busy = false;

    Harness() { afterglow::test::create_glfw_like_context(); }
    ~Harness() { ImGui::DestroyContext(); }

    // The first field asks for focus and has it three frames later.
    void focus_first() {
        focus_a = true;
        frame(), frame(), frame();
    }
    void frame() {
        q.apply(ImGui::GetIO(), busy);
        ImGui::NewFrame();
        ImGui::Begin("w");
        if (focus_a) ImGui::SetKeyboardFocusHere();
        focus_a = false;
        if (ImGui::InputText("a", &a, ImGuiInputTextFlags_EnterReturnsTrue)) ++enters;
        ImGui::InputText("b", &b);
        ImGui::End();
        ImGui::Render();
    }
    // Frames until the queue is empty (and two more, for the last release), at most 500.
    int settle() {
        int n = 0;
        while ((q.pending() && n < 500) || n < 2) frame(), ++n;
        frame(), frame();
        return n;
    }
    // A typist's key: press, character, release (a letter; Shift for capitals).
    void type(const std::string& s) {
        for (char c : s) {
            const int code = c >= 'a' && c <= 'z' ? c - 'a' + GLFW_KEY_A : c == ' ' ? GLFW_KEY_SPACE : GLFW_KEY_0;
            const bool shift = c >= 'A' && c <= 'Z';
            if (shift) q.key(GLFW_KEY_LEFT_SHIFT, true, InputQueue::Mod::shift);
            q.key(shift ? c - 'A' + GLFW_KEY_A : code, true);
            q.character(static_cast<unsigned char>(c));
            q.key(shift ? c - 'A' + GLFW_KEY_A : code, false);
            if (shift) q.key(GLFW_KEY_LEFT_SHIFT, false, InputQueue::Mod::shift);
        }
    }
    void tap(int code, InputQueue::Mod mod = InputQueue::Mod::none, int mod_key = 0) {
        if (mod_key) q.key(mod_key, true, mod);
        q.key(code, true);
        q.key(code, false);
        if (mod_key) q.key(mod_key, false, mod);
    }
};

}  // namespace

TEST_CASE("input queue: a whole passphrase and Return typed between two frames all land") {
    Harness h;
    h.focus_first();
    REQUIRE(ImGui::GetIO().WantTextInput);
    const std::string pass = "Quiet River Morning Light 42";
    for (int round = 0; round < 20; ++round) {
        h.a.clear();
        h.focus_a = true;  // Enter left the field; the screen focuses it again (unlock appears)
        h.type(pass);
        h.tap(GLFW_KEY_ENTER);
        const int before = h.enters;
        h.settle();
        CHECK(h.a == pass);
        CHECK(h.enters == before + 1);  // Return pressed and released in one batch still counts
    }
}

TEST_CASE("input queue: text typed while focus comes back (after a failed unlock) lands in the field") {
    Harness h;
    h.frame(), h.frame();
    CHECK_FALSE(ImGui::GetIO().WantTextInput);  // nothing focused: the failure cleared it
    h.focus_a = true;                            // the screen asks for focus in this frame…
    h.type("abcdefghij");                        // …and the patient is already typing
    h.settle();
    CHECK(h.a == "abcdefghij");
}

TEST_CASE("input queue: text typed while the app is busy waits for the field that comes back") {
    Harness h;
    h.busy = true;
    h.type("secret");
    for (int i = 0; i < 30; ++i) h.frame();
    CHECK(h.q.pending());
    CHECK(h.a.empty());
    h.busy = false;
    h.focus_a = true;
    h.settle();
    CHECK(h.a == "secret");
}

TEST_CASE("input queue: edits keep their order with the text around them") {
    Harness h;
    h.focus_first();
    h.type("abc");
    h.tap(GLFW_KEY_BACKSPACE);
    h.type("d");
    h.tap(GLFW_KEY_LEFT);
    h.tap(GLFW_KEY_LEFT);
    h.type("X");
    h.settle();
    CHECK(h.a == "aXbd");
    h.tap(GLFW_KEY_A, InputQueue::Mod::ctrl, GLFW_KEY_LEFT_CONTROL);  // select all, then replace
    h.type("new");
    h.settle();
    CHECK(h.a == "new");
}

TEST_CASE("input queue: Tab moves on and the text after it lands in the next field") {
    Harness h;
    h.focus_first();
    h.type("first");
    h.tap(GLFW_KEY_TAB);
    h.type("second");
    h.settle();
    CHECK(h.a == "first");
    CHECK(h.b == "second");
}

TEST_CASE("input queue: a release without its press, and lost focus, leave no key held") {
    Harness h;
    h.q.key(GLFW_KEY_TAB, false);  // pressed on the canvas, released in the phone's field
    h.settle();
    CHECK_FALSE(ImGui::GetIO().KeysDown[GLFW_KEY_TAB]);
    h.q.key(GLFW_KEY_LEFT_CONTROL, true, InputQueue::Mod::ctrl);
    h.settle();
    CHECK(ImGui::GetIO().KeyCtrl);
    h.q.focus_lost();
    ImGui::GetIO().AddFocusEvent(false);
    h.q.key(GLFW_KEY_LEFT_CONTROL, false, InputQueue::Mod::ctrl);
    h.settle();
    CHECK_FALSE(ImGui::GetIO().KeyCtrl);
}

TEST_CASE("input queue: Escape in a text field leaves it and keeps what was typed") {
    Harness h;
    h.a = "before";
    h.focus_first();
    h.tap(GLFW_KEY_END);
    h.type(" and after");
    h.tap(GLFW_KEY_ESCAPE);
    h.settle();
    CHECK(h.a == "before and after");
    CHECK_FALSE(ImGui::GetIO().WantTextInput);
}
