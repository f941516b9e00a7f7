// Freed memory is wiped in the app: every C++ allocation (std::string and std::vector growth
// while typing, the record encoder, search folding) and every Dear ImGui allocation (its
// text-field state holds UTF-16 copies) is zeroed before it goes back to the allocator, so a
// core dump taken after lock finds no entry text in freed heap. scrub_stack() zeroes the
// stack below the caller (short strings live there, e.g. a search query).
#pragma once

namespace afterglow::app {

// Before ImGui::CreateContext().
void install_wiping_imgui_allocator();
// After a lock, from the UI thread.
void scrub_stack();

}  // namespace afterglow::app
