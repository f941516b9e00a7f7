#include "app/platform.hpp"
#include "app/secure_heap.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

#ifdef AFTERGLOW_HAVE_LIBNOTIFY
#include <libnotify/notify.h>
#endif

#include "app/bench_mode.hpp"
#include "app/input_queue.hpp"
#include "app/core/settings.hpp"

namespace afterglow::app {
namespace {

constexpr int kExtraFrames = 3;  // frames drawn after each event (popups, hover, clicks)

struct LoopState {
    std::mutex m;
    InputQueue keys;      // keys and text, applied to Dear ImGui frame by frame (input_queue.hpp)
    Shortcuts shortcuts;  // pressed since the last frame
    bool input = false;   // any input event since the last frame
    bool iconified = false;
};

LoopState* state_of(GLFWwindow* w) { return static_cast<LoopState*>(glfwGetWindowUserPointer(w)); }

// Keys and characters go to the app's queue, never straight to Dear ImGui (see run_app).
void on_key(GLFWwindow* w, int key, int, int action, int mods) {
    auto* s = state_of(w);
    std::lock_guard lock(s->m);
    s->input = true;
    if (action == GLFW_REPEAT) return;  // Dear ImGui repeats a held key itself
    s->keys.key(key, action == GLFW_PRESS, modifier_of(key));
    if (action == GLFW_PRESS && (mods & GLFW_MOD_CONTROL)) record_shortcut(s->shortcuts, key, true);
}
void on_char(GLFWwindow* w, unsigned c) {
    auto* s = state_of(w);
    std::lock_guard lock(s->m);
    s->input = true;
    s->keys.character(c);
}
void on_focus(GLFWwindow* w, int focused) {
    auto* s = state_of(w);
    std::lock_guard lock(s->m);
    s->input = true;
    if (!focused) s->keys.focus_lost();  // Dear ImGui lets go of every key then
}
void on_mouse(GLFWwindow* w, int, int, int) { state_of(w)->input = true; }
void on_move(GLFWwindow* w, double, double) { state_of(w)->input = true; }
void on_scroll(GLFWwindow* w, double, double) { state_of(w)->input = true; }
void on_size(GLFWwindow* w, int, int) { state_of(w)->input = true; }
void on_iconify(GLFWwindow* w, int iconified) {
    auto* s = state_of(w);
    s->input = true;
    if (iconified) s->iconified = true;
}

double process_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

void print_no_display(const char* reason) {
    std::fprintf(stderr,
                 "afterglow: no display was found (%s), so the window cannot open.\n"
                 "  To run it without a screen:  xvfb-run -a build/app/afterglow\n"
                 "  Or use the command line:     afterglow-cli --help\n",
                 reason);
}

void platform::notify(const std::string& title, const std::string& body) {
#ifdef AFTERGLOW_HAVE_LIBNOTIFY
    // libnotify talks to the daemon over the session bus: without one there is nobody to
    // show it. A background thread, so a slow or missing daemon never stalls a frame.
    if (!std::getenv("DBUS_SESSION_BUS_ADDRESS")) return;
    std::thread([title, body] {
        static std::once_flag once;
        static bool ready = false;
        std::call_once(once, [] { ready = notify_init("Afterglow"); });
        if (!ready) return;
        NotifyNotification* n = notify_notification_new(title.c_str(), body.c_str(), nullptr);
        GError* err = nullptr;
        if (!notify_notification_show(n, &err) && err) {
            std::fprintf(stderr, "afterglow: desktop notification not shown: %s\n", err->message);
            g_error_free(err);
        }
        g_object_unref(G_OBJECT(n));
    }).detach();
#else
    (void)title, (void)body;
#endif
}

bool display_available() {
    const char* x = std::getenv("DISPLAY");
    const char* wl = std::getenv("WAYLAND_DISPLAY");
    return (x && *x) || (wl && *wl);
}

int run_app(const AppOptions& options, std::chrono::steady_clock::time_point launched) {
    glfwSetErrorCallback([](int, const char*) {});  // GLFW messages could name files; stay quiet
    if (!glfwInit()) {
        print_no_display("the window system could not be reached");
        return 1;
    }
    const bool bench = !options.bench.empty();
    const bool continuous = bench && options.bench != "idle";  // measured modes draw every frame
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(1100, 760, "Afterglow", nullptr, nullptr);
    if (!window) {
        print_no_display("no usable OpenGL 3.3 display");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(continuous ? 0 : 1);

    LoopState loop;
    glfwSetWindowUserPointer(window, &loop);
    // Ours first: ImGui's backend chains to previously installed callbacks.
    glfwSetKeyCallback(window, on_key);
    glfwSetCharCallback(window, on_char);
    glfwSetMouseButtonCallback(window, on_mouse);
    glfwSetCursorPosCallback(window, on_move);
    glfwSetScrollCallback(window, on_scroll);
    glfwSetWindowSizeCallback(window, on_size);
    glfwSetWindowIconifyCallback(window, on_iconify);
    glfwSetWindowFocusCallback(window, on_focus);

    IMGUI_CHECKVERSION();
    install_wiping_imgui_allocator();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    // imgui.ini lives in the config dir and only ever holds window geometry under stable
    // "###" ids; no user text is used in any window id.
    const std::string ini = (config_dir() / "imgui.ini").string();
    std::error_code ec;
    std::filesystem::create_directories(config_dir(), ec);
    io.IniFilename = bench ? nullptr : ini.c_str();
    io.ConfigInputTextCursorBlink = false;  // a steady caret: calm, and idle needs no frames
    // Keyboard alone reaches everything: arrows/Tab move between widgets, Space/Enter press,
    // the focused widget gets a visible ring (ImGuiCol_NavHighlight in theme.cpp).
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    // The backend's own key and character callbacks would write into Dear ImGui's per-frame
    // state, where a quick press and release are lost: ours queue them instead (mouse,
    // scroll and focus stay with the backend, which chains to ours).
    glfwSetKeyCallback(window, on_key);
    glfwSetCharCallback(window, on_char);
    ImGui_ImplOpenGL3_Init("#version 330");

    App app(options, [] { glfwPostEmptyEvent(); });
    float xs = 1, ys = 1;
    glfwGetWindowContentScale(window, &xs, &ys);
    if (options.hooks || bench)
        std::printf("window_ms %.1f\n", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - launched).count());
    app.update_fonts(std::max(xs, ys));  // the small atlas; the texture is made by the first NewFrame

    BenchMode bench_mode(options.bench, app);
    int extra = kExtraFrames;
    bool first = true;
    while (!glfwWindowShouldClose(window) && !app.quit()) {
        bool queued;
        {
            std::lock_guard lock(loop.m);
            queued = loop.keys.pending();
        }
        if (continuous || extra > 0 || app.busy() || queued) {
            if (app.busy() && extra <= 0) glfwWaitEventsTimeout(1.0 / 30);  // progress animation
            else glfwPollEvents();
        } else {
            const double t = std::min(app.next_timer().value_or(3600.0), 3600.0);
            glfwWaitEventsTimeout(std::max(0.01, t));
        }
        Shortcuts sc;
        bool input, iconified;
        {
            std::lock_guard lock(loop.m);
            sc = loop.shortcuts;
            loop.shortcuts = {};
            input = loop.input;
            loop.input = false;
            iconified = loop.iconified;
            loop.iconified = false;
        }
        if (iconified) {
            app.minimized();
            app.after_frame();  // a lock also clears Dear ImGui's text-field state right away
        }
        if (input) {
            app.activity();
            extra = kExtraFrames;
        }
        if (glfwGetWindowAttrib(window, GLFW_ICONIFIED)) {
            extra = 0;
            glfwWaitEvents();  // nothing to draw while minimized
            continue;
        }
        glfwGetWindowContentScale(window, &xs, &ys);
        app.update_fonts(std::max(xs, ys), [] {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        });

        const double cpu0 = process_cpu_seconds();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        bench_mode.before_new_frame();
        {
            std::lock_guard lock(loop.m);
            loop.keys.apply(io, app.busy());
        }
        ImGui::NewFrame();
        bench_mode.before_draw();
        int w = 0, h = 0;
        glfwGetWindowSize(window, &w, &h);
        if (bench_mode.bare()) bench_mode.draw_bare();
        else app.draw(sc, static_cast<float>(w));
        ImGui::Render();
        int fw = 0, fh = 0;
        glfwGetFramebufferSize(window, &fw, &fh);
        glViewport(0, 0, fw, fh);
        const ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
        glClearColor(bg.x, bg.y, bg.z, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);
        if (first) {
            first = false;
            if (options.hooks || bench) {
                const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - launched).count();
                std::printf("first_frame_ms %.1f\n", ms);
                std::fflush(stdout);
            }
        }
        if (app.after_frame()) extra = std::max(extra, 2);
        bench_mode.after_frame(process_cpu_seconds() - cpu0);
        if (bench_mode.done()) break;
        if (extra > 0) --extra;
    }
    app.shutdown();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}

}  // namespace afterglow::app
