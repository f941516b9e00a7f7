#include "app/secure_heap.hpp"

#include <imgui.h>
#include <malloc.h>
#include <string.h>

#include <cstdlib>
#include <new>

namespace {

void wipe_and_free(void* p) noexcept {
    if (!p) return;
    explicit_bzero(p, malloc_usable_size(p));
    std::free(p);
}

void* checked(void* p) {
    if (!p) throw std::bad_alloc();
    return p;
}

void* imgui_alloc(size_t n, void*) { return std::malloc(n); }
void imgui_free(void* p, void*) { wipe_and_free(p); }

}  // namespace

// Global replacements (C++17 [new.delete]): every operator new is malloc, every delete
// wipes the whole block (malloc_usable_size) before free.
void* operator new(std::size_t n) { return checked(std::malloc(n ? n : 1)); }
void* operator new[](std::size_t n) { return checked(std::malloc(n ? n : 1)); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return std::malloc(n ? n : 1); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return std::malloc(n ? n : 1); }
void* operator new(std::size_t n, std::align_val_t a) {
    return checked(std::aligned_alloc(static_cast<std::size_t>(a), (n + static_cast<std::size_t>(a) - 1) & ~(static_cast<std::size_t>(a) - 1)));
}
void* operator new[](std::size_t n, std::align_val_t a) { return operator new(n, a); }
void operator delete(void* p) noexcept { wipe_and_free(p); }
void operator delete[](void* p) noexcept { wipe_and_free(p); }
void operator delete(void* p, std::size_t) noexcept { wipe_and_free(p); }
void operator delete[](void* p, std::size_t) noexcept { wipe_and_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { wipe_and_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { wipe_and_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { wipe_and_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { wipe_and_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { wipe_and_free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { wipe_and_free(p); }

namespace afterglow::app {

void install_wiping_imgui_allocator() { ImGui::SetAllocatorFunctions(imgui_alloc, imgui_free, nullptr); }

__attribute__((noinline)) void scrub_stack() {
    // The frames below this one held the last frame's temporaries (short strings in place).
    volatile unsigned char area[256 * 1024];
    explicit_bzero(const_cast<unsigned char*>(area), sizeof area);
    __asm__ __volatile__("" : : "r"(area) : "memory");
}

}  // namespace afterglow::app
