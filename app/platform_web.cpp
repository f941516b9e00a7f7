// The browser platform (emscripten): the frame loop
// runs from emscripten's main loop (requestAnimationFrame) and draws only after input and for
// timers (while a job runs, the page's busy veil stands over the canvas instead: show_veil); the journal lives in /data (web/chunk_store.js: the chunks of each
// file that changed go to IndexedDB) and every write is flushed (FS.syncfs) while frames go on
// being drawn, and "Saved" is held back (App::hold_notices) until the flush has committed;
// touch, scrolling and the on-screen keyboard come from web/shim.js; hiding the page starts
// the auto-lock countdown. Key derivation runs on a pthread (COOP/COEP from web/sw.js), which
// has Argon2id run in a worker of its own whose memory is freed after it (app/web/kdf_worker.cpp).
// Files reach the user as downloads (and the Web Share sheet where the browser has one) and
// come from them through a hidden <input type=file>: web_services(). Every call into the page
// goes through app/web/bridge.hpp (which lists the keys of Module both sides use); the
// passphrase meter's estimator is app/web/zxcvbn_adapter.cpp.
#include "app/platform.hpp"
#include "app/secure_heap.hpp"

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <emscripten/threading.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "app/input_queue.hpp"
#include "app/ui.hpp"
#include "app/web/bridge.hpp"
#include "app/web/read_cache.hpp"
#include "crypto/secret.hpp"

namespace afterglow::app {
namespace {

constexpr int kExtraFrames = 3;  // frames drawn after each event (popups, hover, clicks)
// ... and after the pointer only moved (a finger's touch down, web/shim.js): its frame shows
// the hover, one more whatever settles a frame late. A tap's lift is not handed to the page
// while it draws frame after frame (headless Chromium: the touchend waited for all 1 + 3
// frames of its touchstart, ~250 ms each at load 12, issue 19).
constexpr int kMoveFrames = 1;
// A finger that went down (web/shim.js: afterglow_web_finger) moved the pointer: the frames that
// take the move run, as the shim reads from them whether a text field is under the finger, but
// are drawn only once the finger has stayed down this long (its hover, before a long press). A
// tap's lift comes first, and the next frame drawn shows what the tap did: the hover frames drawn
// between a tap's touch and its lift delayed the lift by 50-200 ms on a loaded 2-core VM (the
// touch end waits for the page's thread, issue 19).
constexpr double kFingerHoverSeconds = 0.15;
// While the worker runs a job that the screen shows as busy (an unlock, creation, an export),
// the page's busy veil (web/index.html #busy, boot.js) says so over the canvas, which keeps its
// last frame: no WebGL frame is drawn until the job ends or the patient's own input asks for
// one (then the canvas shows the screen's own busy indicator, drawn once a second as before).
// Each drawn frame costs the page's thread and the compositor, which rasterizes in software
// where the GPU does not (headless Chromium: 90-320 ms a frame at 1170x2532 on a loaded 2-core
// VM), and on a 2-core phone that time is taken from the job: an unlock of 10,000 entries took
// 2.5 s with a frame every 250 ms or at every animation frame, 1.0 s with none (issue 19,
// bench/README.md). Under the veil a frame runs undrawn once a second (a job's progress, the
// hooks); a flush's end, the full font atlas and timers wait for the job's end.
double busy_frame_seconds() {
#if AFTERGLOW_WEB_TEST_HOOKS
    if (const double s = web::test_busy_frame_ms(); s >= 0) return s / 1000.0;
#endif
    return 1.0;
}

struct WebLoop {
    GLFWwindow* window = nullptr;
    App* app = nullptr;
    bool hooks = false;
    std::chrono::steady_clock::time_point launched;
    Shortcuts shortcuts;
    bool input = true;
    int extra = kExtraFrames;
    InputQueue keys;  // the shim's and GLFW's keys and text, applied frame by frame
    float scroll = 0;  // device pixels from drag-to-scroll, applied to the hovered window
    bool syncing = false;
    bool sync_again = false;
    int flush_failures = 0;
    long queue_pump = 0;  // interval id while the worker is busy
    bool first = true;
    int width = 0, height = 0;  // back buffer (CSS size x devicePixelRatio)
    float scale = 1;
    double next_timer_at = 0;
    bool hidden = false;
    bool releasing = false;  // another tab asked for the journal: lock, flush, then let go
    bool released = false;
    bool was_unlocked = false;
    long lock_timeout = 0;
    int last_text_state = -1;
    std::string kdf_reported;     // the key derivation last printed (reported once per change)
    double busy_since = -1;       // when the worker's current job started (seconds)
    bool was_busy = false;
    double job_started = 0;       // emscripten_get_now() when it began
    // Where a job's time goes (test hooks, "job_phases"; bench/web/phone.mjs): the tap that
    // started it, its first file-system call on the worker, its end there, its continuation
    // run here and the frame after it drawn (emscripten_get_now(), ms).
    double pressed_at = 0, job_press = 0, job_first_call = -1, job_done = 0, job_continuation = 0;
    bool job_report = false;
    struct TracedFrame {
        double at, ms;  // emscripten_get_now() at its start, and its ms on this thread
        char drawn;     // ' ' drawn, 'u' not meant to be (a tap's press), 's' the same as the canvas shows
    };
    std::vector<TracedFrame> trace;  // the last frames (test hooks): job_phases shows them
    // The mouse button went down since the last frame (press_unseen), and up again (click_unseen).
    bool press_unseen = false, click_unseen = false;
    bool moved = false;  // the pointer moved since the last frame (on_move)
    // The patient's own input since the last frame (a tap, a key, text, a scroll) or a resized
    // canvas: drawn even while a job runs under the busy veil.
    bool touched = false;
    bool veil = false;  // the busy veil is up (show_veil): the canvas keeps its last frame
    double finger_at = -1;  // now_seconds() when the finger now down went down, else -1
    bool pointer_away = false;  // a finger's tap was taken: nothing hovered until the next move
    double last_frame_at = 0;  // now_seconds() of the last frame drawn
    int job_frames = 0;        // frames drawn while the current job ran
    // What the canvas shows: the signature of the last frame drawn to it (draw_signature). A
    // frame whose draw data is the same is not drawn again: the canvas keeps its pixels.
    std::uint64_t shown = 0;
    bool redraw = true;  // the canvas must be drawn whatever the signature (the font texture changed)
    Screen busy_screen = Screen::home;
};

WebLoop* g_loop = nullptr;
// A background thread finished (the sync worker's runs end while the app is otherwise idle):
// the next animation frame draws, without counting as the patient's activity.
std::atomic<bool> g_woken{false};
std::atomic<long long> g_woken_at{0};  // emscripten_get_now() of the last wake, microseconds

WebLoop* state_of(GLFWwindow* w) { return static_cast<WebLoop*>(glfwGetWindowUserPointer(w)); }

// Keys and characters reaching GLFW (the canvas has focus; keys aimed at the shim's hidden
// field never reach it: web/shim.js) go to the queue, never straight to Dear ImGui.
void on_key(GLFWwindow* w, int key, int, int action, int mods) {
    auto* s = state_of(w);
    s->input = true;
    // A release is not new input: the Enter that started an unlock comes up while it runs, and
    // must not lift the busy veil (it waits in the queue for the next frame).
    if (action != GLFW_RELEASE) s->touched = true;
    if (action == GLFW_REPEAT) return;
    s->keys.key(key, action == GLFW_PRESS, modifier_of(key));
    if (action == GLFW_PRESS && (mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER))) record_shortcut(s->shortcuts, key, false);
}
void on_input(GLFWwindow* w, unsigned c) {
    auto* s = state_of(w);
    s->input = s->touched = true;
    s->keys.character(c);
}
void on_mouse(GLFWwindow* w, int, int action, int) {
    auto* s = state_of(w);
    s->input = true;
    if (action == GLFW_PRESS) s->touched = true;  // as for keys: a release alone lifts no veil
    if (action == GLFW_PRESS) {
        s->pressed_at = emscripten_get_now();
        s->press_unseen = true;
    } else if (s->press_unseen) {
        s->click_unseen = true;
    }
}
// The pointer moved: a frame shows what it hovers, except while a job runs (the screen shows
// only the busy indicator): then the move waits for the job's end (web/shim.js moves the
// pointer away after every tap, which cost the job a frame).
void on_move(GLFWwindow* w, double, double) {
    state_of(w)->moved = true;
    state_of(w)->pointer_away = false;
}
void on_scroll(GLFWwindow* w, double, double) { state_of(w)->input = state_of(w)->touched = true; }

double now_seconds() { return emscripten_get_now() / 1000.0; }

// Sizes the back buffer to the canvas' CSS size times the device pixel ratio (sharp text).
void fit_canvas(WebLoop& L) {
    double cw = 0, ch = 0;
    emscripten_get_element_css_size("#canvas", &cw, &ch);
    const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    const int w = std::max(1, static_cast<int>(std::lround(cw * dpr)));
    const int h = std::max(1, static_cast<int>(std::lround(ch * dpr)));
    if (w != L.width || h != L.height) {
        L.width = w;
        L.height = h;
        glfwSetWindowSize(L.window, w, h);
        L.input = L.touched = true;  // a resized canvas is blank: drawn, even under the busy veil
    }
    if (dpr != L.scale) {
        L.scale = dpr;
        L.input = true;
    }
}

// Drag-to-scroll (Dear ImGui 1.86 has none): scrolls the innermost scrollable window under
// the finger. Called after NewFrame, which found the hovered window.
void apply_scroll(WebLoop& L) {
    if (L.scroll == 0) return;
    ImGuiContext& g = *GImGui;
    for (ImGuiWindow* w = g.HoveredWindow; w; w = w->ParentWindow) {
        if (w->ScrollMax.y <= 0 || (w->Flags & ImGuiWindowFlags_NoScrollWithMouse)) continue;
        ImGui::SetScrollY(w, std::clamp(w->Scroll.y - L.scroll, 0.0f, w->ScrollMax.y));
        break;
    }
    L.scroll = 0;
}

// Dear ImGui 1.86 keeps a field's flags only while it runs, but a password field that shows
// text sets up InputTextPasswordFont: cleared before each frame, set after it means one was
// drawn. Screens that hold secrets (holds_secrets: first run, unlock, a backup's passphrase)
// get the password keyboard for every field, even empty (showing their hint). It is said while
// a field is only hovered too: the shim opens the keyboard inside the tap, before the field is
// active, and a keyboard switched a frame later has already shown its suggestions.
void publish_text_state(WebLoop& L) {
    ImGuiContext& g = *GImGui;
    const bool active = ImGui::GetIO().WantTextInput;
    const bool hover = ImGui::GetMouseCursor() == ImGuiMouseCursor_TextInput;
    const Screen screen = L.app->controller().view().screen;
    const bool password = (active || hover) && (g.InputTextPasswordFont.FallbackGlyph != nullptr || holds_secrets(screen));
    const int state = (hover ? 1 : 0) | (active ? 2 : 0) | (password ? 4 : 0);
    if (state == L.last_text_state) return;
    L.last_text_state = state;
    web::publish_text_state(hover, active, password);
}

// Says which key derivation the open vault uses, once per change: a new vault's parameters
// were calibrated on this device (crypto::calibrate via kdf_policy), so the page reports what
// it chose and how long creating took (calibration + derivation). No secrets: the Settings text.
void report_kdf(WebLoop& L) {
    const ViewState& v = L.app->controller().view();
    const bool busy = L.app->busy();
    if (busy && L.busy_since < 0) {
        L.busy_since = now_seconds();
        L.busy_screen = v.screen;
    }
    if (busy) return;
    const double took = L.busy_since >= 0 ? now_seconds() - L.busy_since : -1;
    const bool created = L.busy_since >= 0 && L.busy_screen == Screen::first_run;
    L.busy_since = -1;
    if (!v.unlocked || v.kdf_description.empty() || v.kdf_description == L.kdf_reported) return;
    L.kdf_reported = v.kdf_description;
    if (created)
        std::printf("afterglow: key derivation calibrated on this device: Argon2id %s%s; the new vault took %.1f s\n",
                    v.kdf_description.c_str(), v.test_kdf ? " (insecure test KDF)" : "", took);
    else
        std::printf("afterglow: key derivation of this vault: Argon2id %s\n", v.kdf_description.c_str());
    unsigned mib = 0, passes = 0;
    if (L.hooks && std::sscanf(v.kdf_description.c_str(), "%u MiB, %u passes", &mib, &passes) == 2) {
        L.app->hooks().value("kdf_memlimit_mib", static_cast<int>(mib));
        L.app->hooks().value("kdf_passes", static_cast<int>(passes));
    }
}

void job_changed(WebLoop& L, bool busy);

// The busy veil (boot.js agBusy): what the job does (and its progress), in the theme's colours,
// over the canvas below the top bar. Called again while it is up: the page changes only what
// changed (a join's step, an export's progress).
void show_veil(WebLoop& L) {
    const Busy& b = L.app->controller().view().busy;
    const auto rgb = [](ImGuiCol c) {
        const ImVec4 v = ImGui::GetStyleColorVec4(c);
        const auto u8 = [](float f) { return static_cast<unsigned>(std::lround(std::clamp(f, 0.0f, 1.0f) * 255)); };
        return u8(v.x) << 16 | u8(v.y) << 8 | u8(v.z);
    };
    web::show_busy(b.what.c_str(), b.progress, ui::content_top() / L.scale, rgb(ImGuiCol_WindowBg), rgb(ImGuiCol_Text),
                   rgb(ImGuiCol_CheckMark));
    L.veil = true;
}

void hide_veil(WebLoop& L) {
    if (!std::exchange(L.veil, false)) return;
    web::hide_busy();
}

// A 64-bit signature of what a frame draws: its size, background, every command (clip
// rectangle, texture, offsets, count) and every vertex and index. Two frames with the same
// signature put the same pixels on the canvas (the font atlas is the only texture; a change of
// it sets WebLoop::redraw). Frames drawn only to settle (kExtraFrames after input, the hover of
// a touch, a timer's tick) are mostly unchanged: each one drawn cost the page's thread and the
// software compositor ~100-340 ms at 1170x2532 on a loaded 2-core VM, and a tap's lift reached
// the page only after them (issue 19). An undrawn frame costs Dear ImGui's 1-7 ms.
struct Signature {
    std::uint64_t h = 0x243F6A8885A308D3ull;
    void word(std::uint64_t w) {
        h = (h ^ w) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 29;
    }
    void bytes(const void* p, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        std::uint64_t w;
        for (; n >= 8; n -= 8, b += 8) {
            std::memcpy(&w, b, 8);
            word(w);
        }
        w = n;
        std::memcpy(&w, b, n);
        word(w ^ (std::uint64_t{n} << 56));
    }
};

std::uint64_t draw_signature(const ImDrawData& d, const ImVec4& bg, int width, int height) {
    Signature s;
    const float f[] = {bg.x, bg.y, bg.z, d.DisplayPos.x, d.DisplayPos.y, d.DisplaySize.x, d.DisplaySize.y,
                       d.FramebufferScale.x, d.FramebufferScale.y};
    s.bytes(f, sizeof f);
    s.word(static_cast<std::uint64_t>(width) << 32 | static_cast<std::uint32_t>(height));
    s.word(static_cast<std::uint64_t>(d.CmdListsCount));
    for (int i = 0; i < d.CmdListsCount; ++i) {
        const ImDrawList& l = *d.CmdLists[i];
        s.word(static_cast<std::uint64_t>(l.CmdBuffer.Size) << 40 ^ static_cast<std::uint64_t>(l.VtxBuffer.Size) << 20 ^
               static_cast<std::uint64_t>(l.IdxBuffer.Size));
        for (const ImDrawCmd& c : l.CmdBuffer) {
            if (c.UserCallback) s.word(reinterpret_cast<std::uintptr_t>(c.UserCallback));
            s.bytes(&c.ClipRect, sizeof c.ClipRect);
            s.word(reinterpret_cast<std::uintptr_t>(c.TextureId));
            s.word(static_cast<std::uint64_t>(c.VtxOffset) << 32 | c.IdxOffset);
            s.word(c.ElemCount);
        }
        s.bytes(l.VtxBuffer.Data, sizeof(ImDrawVert) * static_cast<std::size_t>(l.VtxBuffer.Size));
        s.bytes(l.IdxBuffer.Data, sizeof(ImDrawIdx) * static_cast<std::size_t>(l.IdxBuffer.Size));
    }
    return s.h;
}

void start_flush(WebLoop& L) {
    if (L.syncing) {
        L.sync_again = true;
        return;
    }
    L.syncing = true;
    web::sync();
}

// One Dear ImGui frame: the queued input it can take, the screens, then the frame's commands
// run (App::after_frame). `render`: drawn to the canvas; a click's press frame is not (see
// draw_frame). Returns after_frame's answer (another frame is needed).
bool imgui_frame(WebLoop& L, const Shortcuts& sc, bool render) {
    App& app = *L.app;
    const double t0 = emscripten_get_now();
    // What the previous frame wrote (a tap's undrawn release frame saves) starts its flush
    // now. Frames go on while a write is being flushed (typing never waits on storage); only
    // the "Saved" notices wait for the commit, in every frame, so what they say is true.
    if (!app.busy() && web::take_dirty()) start_flush(L);
    app.hold_notices(L.syncing || L.sync_again);
    if (render && app.busy()) ++L.job_frames;  // it shows the busy indicator
    L.press_unseen = L.click_unseen = false;  // this frame's NewFrame takes the button's press
    L.keys.apply(ImGui::GetIO(), app.busy());
    GImGui->InputTextPasswordFont.FallbackGlyph = nullptr;  // see publish_text_state
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = std::max(io.DeltaTime, 1e-4f);  // three frames in one animation frame
    if (L.pointer_away) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    apply_scroll(L);
    app.draw(sc, static_cast<float>(L.width));
    bool drawn = false;
    if (render) {
        ImGui::Render();
        const ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
        int cw = 0, ch = 0;  // the canvas' own size: a resize clears it, whoever made it
        emscripten_get_canvas_element_size("#canvas", &cw, &ch);
        const std::uint64_t sig = draw_signature(*ImGui::GetDrawData(), bg, cw, ch);
        if (sig != L.shown || L.redraw) {  // else the canvas already shows it
            glViewport(0, 0, L.width, L.height);
            glClearColor(bg.x, bg.y, bg.z, 1);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            L.shown = sig;
            L.redraw = false;
            drawn = true;
        }
        // The canvas shows this frame (or already did): the veil goes, in the same animation
        // frame (a job's result: Home after an unlock; the patient's input during a job).
        hide_veil(L);
    } else {
        ImGui::EndFrame();
    }
    publish_text_state(L);
    const bool again = app.after_frame();
    if (app.busy() != L.was_busy) job_changed(L, app.busy());  // a job began, or ended, in it
    if (L.hooks) {
        if (L.trace.size() >= 64) L.trace.erase(L.trace.begin(), L.trace.begin() + 32);
        L.trace.push_back({t0, emscripten_get_now() - t0, drawn ? ' ' : render ? 's' : 'u'});
    }
    return again;
}

// Where a job's frames went (test hooks): each frame from a second before the press that
// started the job, as ms from the press + ms it took on this thread ("u": not drawn, "s": not
// drawn as the canvas already showed it).
std::string trace_text(const WebLoop& L) {
    std::string out;
    char buf[48];
    for (const auto& f : L.trace) {
        if (f.at < L.job_press - 1000) continue;
        std::snprintf(buf, sizeof buf, "%s%.0f+%.0f%s", out.empty() ? "" : ",", f.at - L.job_press, f.ms,
                      f.drawn == ' ' ? "" : f.drawn == 's' ? "s" : "u");
        out += buf;
    }
    return out.empty() ? "-" : out;
}

void draw_frame(WebLoop& L) {
    App& app = *L.app;
    const bool report = std::exchange(L.job_report, false);  // a job ended: this frame shows it
    const bool busy_input = std::exchange(L.touched, false) && app.busy();  // drawn, veil or not
    // Only a finger's move since the last frame, and it went down moments ago: not drawn yet.
    const bool fresh_finger = !L.input && L.finger_at >= 0 && now_seconds() < L.finger_at + kFingerHoverSeconds;
    Shortcuts sc = L.shortcuts;
    L.shortcuts = {};
    if (L.input || L.moved) {
        app.activity();
        L.extra = std::max(L.extra, L.input ? kExtraFrames : kMoveFrames);
        L.input = L.moved = false;
    }
    if (!(L.veil && app.busy())) app.update_fonts(L.scale, [&L] {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
        L.redraw = true;
    });
    // Typed text (or an editing key): Dear ImGui 1.86 takes it into a field in one frame (its
    // caret moves) and draws the field's new text in the next, so the frame that takes it is not
    // drawn (a frame drawn with the caret past text not yet shown cost the page's thread and
    // the compositor as much as any other, issue 19). What is typed still lands frame by frame
    // (InputQueue) and the drawn frame shows it.
    if (L.keys.pending() && !app.busy()) {
        if (imgui_frame(L, sc, false)) L.extra = std::max(L.extra, 2);
        sc = {};
    }
    // A tap's press and release came together (web/shim.js sends both at the finger's lift):
    // Dear ImGui 1.86 sees a press in one frame and its release in the next, and a button acts
    // on the release. Both frames run without being drawn, then the frame that shows what the
    // tap did (a new screen, the busy indicator of the job it started) is drawn in the same
    // animation frame: two drawn frames fewer per tap (each costs the page's thread and the
    // compositor ~100-200 ms on a loaded 2-core VM, issue 19). Keys and text go on one change
    // per frame (InputQueue): an undrawn frame takes its share like any other.
    // A finger leaves no pointer behind: what the tap opened is drawn with nothing hovered
    // (web/shim.js moves the pointer off the canvas too, but only two animation frames later).
    if (L.click_unseen) {
        for (int i = 0; i < 2; ++i, sc = {})
            if (imgui_frame(L, sc, false)) L.extra = std::max(L.extra, 2);
        L.pointer_away = true;
    }
    // Under the busy veil (a job began in this frame or before) the canvas keeps its last frame.
    if (imgui_frame(L, sc, (!(L.veil && app.busy()) || busy_input) && !fresh_finger)) L.extra = std::max(L.extra, 2);
    if (L.veil && app.busy()) show_veil(L);  // a join's step, an export's progress
    if (L.first) {
        L.first = false;
        web::first_frame();
        if (L.hooks) {
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - L.launched).count();
            std::printf("first_frame_ms %.1f\n", ms);
        }
    }
    if (L.extra > 0) --L.extra;
    const bool unlocked = app.controller().view().unlocked;
    if (L.was_unlocked && !unlocked) web::forget_export();  // the share sheet's copy goes with the lock
    L.was_unlocked = unlocked;
    report_kdf(L);
    if (report && L.hooks) {
        const double end = static_cast<double>(g_woken_at.load()) / 1000.0, first = L.job_first_call;
        const double now = emscripten_get_now(), wall = emscripten_date_now() - now;  // + a time: the epoch's ms
        std::printf("job_phases press_to_start=%.0f job=%.0f to_first_call=%.0f end_to_done=%.0f continuation=%.0f "
                    "done_to_frame=%.0f frames=%d press_wall=%.0f done_wall=%.0f trace=%s\n",
                    L.job_started - L.job_press, end - L.job_started, first < 0 ? -1 : first - L.job_started,
                    L.job_done - end, L.job_continuation, now - L.job_done, L.job_frames, wall + L.job_press,
                    wall + L.job_done, trace_text(L).c_str());
    }
}

// Answers the worker's queued calls (its file-system calls are proxied to this thread): what
// is queued now, then, for at most `ms`, each call the moment it comes while they come in a run
// (one under way, or one ended under 1 ms ago: creation, re-keying and imports write page by
// page; 65 calls of a creation took 3.8 s when this thread answered them only between frames).
// Between runs this thread does not spin: the worker's computing has the CPU (issue 19: spinning
// 8 ms of every frame and 2 ms of every timer made the unlock's job twice as slow on 2 cores).
void answer_worker_calls(double ms) {
    const double end = emscripten_get_now() + ms;
    emscripten_main_thread_process_queued_calls();
    while (web::worker_calls_active(1.0) && emscripten_get_now() < end) emscripten_main_thread_process_queued_calls();
}

void run_queued_calls(void*) { answer_worker_calls(2.0); }

// The worker's job began or ended: what its file-system calls cost (test hooks), and the read
// cache's blocks go once it is over (app/web/read_cache.hpp).
void job_changed(WebLoop& L, bool busy) {
    L.was_busy = busy;
    const web::FsCalls c = web::take_fs_calls();
    if (busy) {
        L.job_started = emscripten_get_now();
        L.job_press = L.pressed_at;
        L.job_frames = 0;
        L.job_continuation = -1;
        if (L.app->controller().view().busy.active) show_veil(L);
        return;
    }
    L.job_done = emscripten_get_now();
    L.job_first_call = c.first_ms;
    L.job_report = true;
    web::trim_read_cache();
    if (L.hooks)
        std::printf("worker_fs_calls %ld %.1f %ld %.0f\n", c.calls, c.ms, c.block_reads, emscripten_get_now() - L.job_started);
}

void frame(void* p) {
    WebLoop& L = *static_cast<WebLoop*>(p);
    // File-system calls of the worker thread run here, on the main thread, when a message
    // says they are queued; emscripten 3.1.6 can miss that message while the worker waits
    // (vault creation stalled, or took 115 s instead of 20). Run whatever is queued every
    // frame, and while the worker is busy, every 2 ms too (answer_worker_calls).
    if (L.app->busy() != L.was_busy) job_changed(L, L.app->busy());
    answer_worker_calls(L.app->busy() ? 8.0 : 0.0);
    if (L.app->busy() && !L.queue_pump) L.queue_pump = emscripten_set_interval(run_queued_calls, 2.0, nullptr);
    if (!L.app->busy() && L.queue_pump) {
        emscripten_clear_interval(L.queue_pump);
        L.queue_pump = 0;
    }
    fit_canvas(L);
    const double now = now_seconds();
    const bool pending = L.keys.pending() || L.scroll != 0;
    const bool woken = g_woken.exchange(false);  // a job's end shows at once
    if (woken && L.app->busy()) {
        // The job's continuation runs now, before this frame, not after a frame drawn with the
        // busy indicator: this frame shows what it made (Home, after an unlock).
        const double t0 = emscripten_get_now();
        if (L.app->after_frame()) L.extra = std::max(L.extra, 2);
        if (L.app->busy() != L.was_busy) {
            job_changed(L, L.app->busy());
            L.job_continuation = emscripten_get_now() - t0;
        }
    }
    const bool due = now >= L.next_timer_at || L.app->fonts_ready();
    // While a job runs: once a second (and, without the veil, its first frame: the busy
    // indicator appears).
    const bool busy = L.app->busy();
    const bool busy_due =
        busy && ((L.job_frames == 0 && !L.veil) || now >= L.last_frame_at + busy_frame_seconds());
    const bool extra = L.extra > 0 && !busy;
    const bool moved = L.moved && !busy;
    if (busy && L.veil) {
        if (!(L.touched || woken || busy_due)) return;  // the rest waits for the job's end
    } else if (!(L.input || moved || pending || woken || extra || busy_due || due)) {
        return;  // idle: ~0% CPU
    }
    L.last_frame_at = now;
    draw_frame(L);
    L.next_timer_at = now + std::min(L.app->next_timer().value_or(3600.0), 3600.0);
    if (L.finger_at >= 0 && now < L.finger_at + kFingerHoverSeconds)  // the hover of a finger still down
        L.next_timer_at = std::min(L.next_timer_at, L.finger_at + kFingerHoverSeconds);
    // Not while the worker thread writes (vault creation, re-keying): its writes stay marked
    // and are flushed in the frame it ends.
    if (!L.app->busy() && web::take_dirty()) start_flush(L);
}

// The page was hidden for the auto-lock delay: run the controller's timers (it locks and
// wipes as on the desktop) without drawing.
void on_lock_timeout(void* p) {
    WebLoop& L = *static_cast<WebLoop*>(p);
    L.lock_timeout = 0;
    if (!L.hidden) return;
    L.app->after_frame();
    if (web::take_dirty()) start_flush(L);
}

// The page went out of sight, and a hidden phone page may be killed without another event:
// what was typed is kept now. Keys the shim queued but no frame applied yet (a hidden page
// draws none) are applied by drawing frames (unseen; a key takes two), the draft is written
// without waiting for the autosave, and flushed. A flush copies what it writes when it starts,
// so one already running has the state before and the next flush (sync_again) the new one.
void keep_on_hide(WebLoop& L) {
    for (int n = 0; n < 400 && L.keys.pending(); ++n) draw_frame(L);
    L.app->hidden();
    L.app->after_frame();
    if (web::take_dirty()) start_flush(L);
}

// Another tab asked for the journal (web/boot.js): what was typed is kept as on hide, the
// journal is locked, and once the last write is flushed the page lets go of it. Hidden tabs
// draw no frames, so this runs from the call and from timers, not from the frame loop. The
// key derivation of an unlock in progress is waited for.
void finish_release(WebLoop& L) {
    if (L.released || L.syncing || L.sync_again) return;
    L.released = true;
    emscripten_pause_main_loop();
    web::lock_released();
}

void try_release(void* p) {
    WebLoop& L = *static_cast<WebLoop*>(p);
    if (L.app->busy()) {
        emscripten_set_timeout(try_release, 100, p);
        return;
    }
    keep_on_hide(L);
    if (L.app->controller().view().unlocked) L.app->controller().push(Command{cmd::Lock{}});
    L.app->after_frame();
    if (web::take_dirty()) start_flush(L);
    finish_release(L);
}

EM_BOOL on_visibility(int, const EmscriptenVisibilityChangeEvent* e, void* p) {
    WebLoop& L = *static_cast<WebLoop*>(p);
    if (L.releasing) return false;  // the journal went to another tab: nothing to keep here
    L.hidden = e->hidden;
    if (L.lock_timeout) {
        emscripten_clear_timeout(L.lock_timeout);
        L.lock_timeout = 0;
    }
    if (L.hooks) L.app->hooks().value("page_hidden", e->hidden ? 1 : 0);
    if (e->hidden) {
        keep_on_hide(L);
        const double seconds = L.app->controller().autolock_seconds();
        if (seconds > 0) L.lock_timeout = emscripten_set_timeout(on_lock_timeout, seconds * 1000.0 + 250.0, p);
    } else {
        // Back: a hidden page's timers may run late (browsers throttle them), so ask the
        // controller's idle timer now, before this return counts as activity; it locks if the
        // page was away for the delay.
        L.app->after_frame();
        if (web::take_dirty()) start_flush(L);
        L.input = true;
    }
    return false;
}

std::string storage_answer() {
    switch (web::storage_persisted()) {
        case 1: return "This browser keeps your journal's storage: it granted persistent storage.";
        case 0:
            return "This browser may clear its storage when the device runs low on space. Keep a backup "
                   "(Share → Backup) somewhere safe.";
        default: return "This browser has not said whether it keeps its storage. Keep a backup (Share → Backup).";
    }
}

}  // namespace

// What the browser offers the controller: exports become downloads (and the share sheet),
// backups come from a file picker, Settings shows the persistent-storage answer.
PlatformServices web_services() {
    PlatformServices s;
    s.export_folder = "/tmp/afterglow-export";  // MEMFS: memory only, never browser storage
    std::error_code ec;
    std::filesystem::create_directories(s.export_folder, ec);
    s.deliver = [](const std::filesystem::path& p) { web::deliver(p.c_str()); };
    if (web::can_share()) s.share = [] { web::share(); };
    s.pick_file = [] { web::pick_file(); };
    s.storage = [] { return storage_answer(); };
    s.storage_kept = [] { return web::storage_persisted() == 1; };
    s.keep_storage = [] { web::keep_storage(); };
    s.open_link = [](const std::string& uri) { web::open_link(uri.c_str()); };
    s.tab_forgets = web::tab_forgets();
    s.windowed = false;
    s.passkey = web::passkey_service();
    s.http = web::http_transport();
    s.page_origin = web::page_origin();
#if AFTERGLOW_WEB_TEST_HOOKS
    s.passkey_test_days = web::test_clock_days();
#endif
    return s;
}

// A page always has a canvas; kept for the shared main.cpp.
void print_no_display(const char* reason) { std::fprintf(stderr, "afterglow: no canvas (%s)\n", reason); }

bool display_available() { return true; }

// No desktop notifications in the browser: reminders show as the banner on home.
void platform::notify(const std::string&, const std::string&) {}

int run_app(const AppOptions& requested, std::chrono::steady_clock::time_point launched) {
    AppOptions options = requested;
#if !AFTERGLOW_WEB_TEST_HOOKS
    // The release site: no test hooks and no weak test KDF, whatever the page asks for.
    options.hooks = false;
    options.insecure_test_kdf = false;
#else
    options.test_autolock_seconds = web::test_autolock_seconds();
    options.hook_key = web::test_hook_key();
#endif
    options.services = web_services();
    if (options.hooks) options.services.http = web::http_transport(true);  // "dav_put N" when an upload starts
    web::use_kdf_worker();
#if AFTERGLOW_WEB_TEST_HOOKS
    web::use_read_cache(!web::test_read_cache_off());
#else
    web::use_read_cache(true);
#endif
    if (!glfwInit()) {
        std::fprintf(stderr, "afterglow: this browser has no WebGL 2.\n");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    auto* L = new WebLoop;  // lives as long as the page (the main loop never returns)
    g_loop = L;
    L->launched = launched;
    L->hooks = options.hooks;
    double cw = 390, ch = 844;
    emscripten_get_element_css_size("#canvas", &cw, &ch);
    L->scale = static_cast<float>(emscripten_get_device_pixel_ratio());
    L->width = std::max(1, static_cast<int>(std::lround(cw * L->scale)));
    L->height = std::max(1, static_cast<int>(std::lround(ch * L->scale)));
    L->window = glfwCreateWindow(L->width, L->height, "Afterglow", nullptr, nullptr);
    if (!L->window) {
        std::fprintf(stderr, "afterglow: could not create a WebGL 2 context.\n");
        return 1;
    }
    glfwMakeContextCurrent(L->window);
    glfwSetWindowUserPointer(L->window, L);
    glfwSetKeyCallback(L->window, on_key);
    glfwSetCharCallback(L->window, on_input);
    glfwSetMouseButtonCallback(L->window, on_mouse);
    glfwSetCursorPosCallback(L->window, on_move);
    glfwSetScrollCallback(L->window, on_scroll);

    IMGUI_CHECKVERSION();
    install_wiping_imgui_allocator();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no window geometry to keep on a phone
    io.ConfigInputTextCursorBlink = false;
    ImGui_ImplGlfw_InitForOpenGL(L->window, true);
    glfwSetKeyCallback(L->window, on_key);  // ours only: the backend's would bypass the queue
    glfwSetCharCallback(L->window, on_input);
    ImGui_ImplOpenGL3_Init("#version 300 es");

    L->app = new App(options, [] {
        g_woken_at = static_cast<long long>(emscripten_get_now() * 1000);
        g_woken = true;
    });  // a worker's result shows next frame
    L->app->update_fonts(L->scale);  // the small atlas; the full one is built on a thread
    emscripten_set_visibilitychange_callback(L, false, on_visibility);
    emscripten_set_main_loop_arg(frame, L, 0, true);
    return 0;
}

}  // namespace afterglow::app

// ---- called from web/shim.js and web/sw.js glue -------------------------------------------

extern "C" {

EMSCRIPTEN_KEEPALIVE void afterglow_web_scroll(float dy_device_px) {
    if (!afterglow::app::g_loop) return;
    afterglow::app::g_loop->scroll += dy_device_px;
    afterglow::app::g_loop->input = afterglow::app::g_loop->touched = true;
}

// A finger went down on the canvas (1) or up (0) (web/shim.js, after and before the mouse events
// it makes of the touch): see kFingerHoverSeconds.
EMSCRIPTEN_KEEPALIVE void afterglow_web_finger(int down) {
    auto* L = afterglow::app::g_loop;
    if (!L) return;
    L->finger_at = down ? afterglow::app::now_seconds() : -1;
    if (down) L->next_timer_at = std::min(L->next_timer_at, L->finger_at + afterglow::app::kFingerHoverSeconds);
}

EMSCRIPTEN_KEEPALIVE void afterglow_web_text(char* utf8) {
    auto* L = afterglow::app::g_loop;
    if (!L || !utf8) return;
    L->keys.text(utf8);
    afterglow::crypto::wipe(utf8, std::strlen(utf8));
    L->input = L->touched = true;
}

// A key from the shim's hidden field: pressed and released, with the modifiers held around it.
EMSCRIPTEN_KEEPALIVE void afterglow_web_key(int glfw_key, int mods) {
    using afterglow::app::InputQueue;
    auto* L = afterglow::app::g_loop;
    if (!L) return;
    L->input = L->touched = true;
    // The app's shortcuts (Ctrl+S …) and, as on the desktop, the field's own (Ctrl+A selects
    // all, Ctrl+Z undoes, Shift+arrows select).
    if (mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER)) afterglow::app::record_shortcut(L->shortcuts, glfw_key, false);
    static constexpr struct { int mod, key; InputQueue::Mod as; } kMods[] = {
        {GLFW_MOD_CONTROL, GLFW_KEY_LEFT_CONTROL, InputQueue::Mod::ctrl},
        {GLFW_MOD_SHIFT, GLFW_KEY_LEFT_SHIFT, InputQueue::Mod::shift},
        {GLFW_MOD_ALT, GLFW_KEY_LEFT_ALT, InputQueue::Mod::alt},
        {GLFW_MOD_SUPER, GLFW_KEY_LEFT_SUPER, InputQueue::Mod::super}};
    for (const auto& m : kMods)
        if (mods & m.mod) L->keys.key(m.key, true, m.as);
    L->keys.key(glfw_key, true);
    L->keys.key(glfw_key, false);
    for (const auto& m : kMods)
        if (mods & m.mod) L->keys.key(m.key, false, m.as);
}

EMSCRIPTEN_KEEPALIVE void afterglow_web_release() {
    auto* L = afterglow::app::g_loop;
    if (!L || L->releasing) return;
    L->releasing = true;
    afterglow::app::try_release(L);
}

EMSCRIPTEN_KEEPALIVE void afterglow_web_file_picked(const char* path) {
    auto* L = afterglow::app::g_loop;
    if (!L || !path) return;
    L->app->controller().push(afterglow::app::Command{afterglow::app::cmd::ImportChoose{path}});
    L->input = true;
}

EMSCRIPTEN_KEEPALIVE void afterglow_web_flushed(int failed) {
    auto* L = afterglow::app::g_loop;
    if (!L) return;
    L->syncing = false;
    L->input = true;
    // A failed flush keeps its chunks marked (web/chunk_store.js): try again at once; after 3
    // failures in a row tell the user (and keep trying on every later write).
    L->flush_failures = failed ? L->flush_failures + 1 : 0;
    if (failed && L->flush_failures < 3) L->sync_again = true;
    // "storage_flushed": storage has every write made so far (frames go on during a flush, so
    // a write may have come after this flush's copy: then it is said after the next one).
    if (L->hooks && (failed || !L->sync_again)) std::printf("event %s\n", failed ? "storage_flush_failed" : "storage_flushed");
    if (!failed || L->flush_failures == 3) afterglow::app::web::storage_banner(failed != 0);
    if (L->sync_again) {
        L->sync_again = false;
        afterglow::app::start_flush(*L);
    }
    if (L->releasing) afterglow::app::finish_release(*L);
}

}  // extern "C"
