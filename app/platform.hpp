// The GLFW + OpenGL3 platform loop: waits for events (idle ≈ 0% CPU), draws a few extra
// frames after each event, wakes for timers and background results, records shortcut
// presses from the key callback, locks on minimize.
#pragma once

#include <chrono>

#include "app/app_shell.hpp"

namespace afterglow::app {

bool display_available();
// The one "no display" message (stderr): why, then how to run under Xvfb or use the CLI.
void print_no_display(const char* reason);
// Returns the process exit code.
int run_app(const AppOptions& options, std::chrono::steady_clock::time_point launched);

}  // namespace afterglow::app
