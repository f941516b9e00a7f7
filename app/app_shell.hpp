// The app as the platform loop sees it: build a frame from the view state, hand the frame's
// commands to the controller, report timers. No GLFW here (see platform.cpp).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "app/core/controller.hpp"
#include "app/fonts.hpp"
#include "app/ui.hpp"

namespace afterglow::app {

struct AppOptions {
    std::filesystem::path vault_path;
    bool insecure_test_kdf = false;
    double test_autolock_seconds = 0;  // the web test site's ?test-autolock-seconds=N
    bool hooks = false;        // AFTERGLOW_TEST_HOOKS=1
    std::string hook_key;      // AFTERGLOW_HOOK_KEY (hex): the key of the text fingerprints
    std::string bench;         // AFTERGLOW_BENCH: "", "bare", "journal", "editor", "idle"
    std::filesystem::path assets_dir;
    PlatformServices services;  // the web platform's downloads, share sheet, file picker
};

class App {
public:
    App(AppOptions options, std::function<void()> wake);

    // Draws one frame's widgets (between ImGui::NewFrame and ImGui::Render).
    void draw(const Shortcuts& shortcuts, float window_width);
    // After the frame: apply commands, timers. Returns true if something changed that
    // needs another frame.
    bool after_frame();
    void activity() { controller_.activity(); }
    void minimized() { controller_.minimized(); }
    void hidden() { controller_.hidden(); }
    // The web platform: storage has not committed the last write yet, so no "Saved" is shown.
    void hold_notices(bool hold) { hold_notices_ = hold; }
    std::optional<double> next_timer() const { return controller_.seconds_until_next_timer(); }
    bool busy() const { return controller_.busy(); }
    bool quit() const { return controller_.quit_requested(); }
    void shutdown() {
        controller_.shutdown();
        font_builder_.stop();
    }

    // Before a frame: builds the atlas when the font size or HiDPI scale changed (a small one
    // at once, the full one on a thread) and swaps in the full one when it is done. Then
    // `upload` (the platform's GL backend) makes the texture again, and the atlas' CPU copy
    // is freed. Before the first frame there is no upload: the first NewFrame makes it.
    void update_fonts(float content_scale, const std::function<void()>& upload = {});
    bool fonts_ready() const { return font_builder_.ready(); }  // the full atlas waits for update_fonts
    void apply_theme_now();

    Controller& controller() { return controller_; }
    Hooks& hooks() { return hooks_; }

private:
    void report_fonts(const char* what) const;

    AppOptions opt_;
    Controller controller_;
    Commands commands_;
    UiState state_;
    std::function<void()> wake_;
    Fonts fonts_;
    FontAtlasBuilder font_builder_;
    std::chrono::steady_clock::time_point fonts_started_;
    Hooks hooks_;
    float font_px_ = 0;
    float font_scale_ = 0;
    Theme theme_ = Theme::light;
    bool hold_notices_ = false;
    bool appeared_ = false;  // a screen appeared: draw a few more frames (focus requests)
};

}  // namespace afterglow::app
