// Benchmark only (bench/gui.sh): the app's secure_heap.cpp replaced by nothing, so the same
// app runs with the standard allocator (freed memory NOT wiped, Dear ImGui's own allocator,
// no stack scrub). Built as `afterglow_plain_heap`, excluded from `all`, never installed or
// shipped: it exists to measure what wiping costs per frame.
#include "app/secure_heap.hpp"

namespace afterglow::app {

void install_wiping_imgui_allocator() {}
void scrub_stack() {}

}  // namespace afterglow::app
