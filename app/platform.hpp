// The GLFW + OpenGL3 platform loop: waits for events (idle ≈ 0% CPU), draws a few extra
// frames after each event, wakes for timers and background results, records shortcut
// presses from the key callback, locks on minimize.
#pragma once

#include <chrono>
#include <string>

#include "app/app_shell.hpp"

namespace afterglow::app {

bool display_available();
// The one "no display" message (stderr): why, then how to run under Xvfb or use the CLI.
void print_no_display(const char* reason);
// A desktop notification (reminders). Desktop: libnotify on a background thread, when a
// session bus is there (a notification daemon then shows it); web: nothing. The text comes
// from the content pack, never from the journal.
namespace platform {
void notify(const std::string& title, const std::string& body);
}

// Returns the process exit code.
int run_app(const AppOptions& options, std::chrono::steady_clock::time_point launched);

}  // namespace afterglow::app
