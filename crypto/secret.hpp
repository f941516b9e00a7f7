// SecretBuffer: bytes in sodium_malloc'd memory (guard pages, mlock'd, wiped on free).
// Non-copyable, movable. Keys and passphrases live only in these.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace afterglow::crypto {

// Must be called once before any other crypto call; safe to call many times.
// Returns false only if libsodium cannot initialise (no usable random source).
bool init() noexcept;

class SecretBuffer {
public:
    SecretBuffer() noexcept = default;
    explicit SecretBuffer(std::size_t size);  // zero-filled; throws std::bad_alloc on failure
    static SecretBuffer copy_of(std::span<const std::uint8_t> bytes);
    static SecretBuffer copy_of(std::string_view text);
    static SecretBuffer random(std::size_t size);

    ~SecretBuffer();
    SecretBuffer(const SecretBuffer&) = delete;
    SecretBuffer& operator=(const SecretBuffer&) = delete;
    SecretBuffer(SecretBuffer&& other) noexcept;
    SecretBuffer& operator=(SecretBuffer&& other) noexcept;

    std::uint8_t* data() noexcept { return data_; }
    const std::uint8_t* data() const noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    std::span<std::uint8_t> span() noexcept { return {data_, size_}; }
    std::span<const std::uint8_t> span() const noexcept { return {data_, size_}; }
    std::string_view view() const noexcept {
        return {reinterpret_cast<const char*>(data_), size_};
    }

    // Wipes and frees now; the buffer becomes empty.
    void wipe() noexcept;

private:
    std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
};

// Constant-time equality of two equally long byte ranges.
bool equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept;

// Overwrite memory the compiler may not optimise away (for std::string copies of secrets).
void wipe(void* data, std::size_t size) noexcept;
// The one wipe for strings and byte vectors: zeroes the whole capacity (not only size(),
// which leaves the tail of a longer earlier value), then empties it.
void wipe(std::string& s) noexcept;
void wipe(std::vector<std::uint8_t>& b) noexcept;

// An allocator that wipes memory before freeing it: a buffer of plaintext that grows
// (push_back, insert) leaves no copy behind in freed heap.
template <class T>
struct WipingAllocator {
    using value_type = T;
    WipingAllocator() noexcept = default;
    template <class U>
    WipingAllocator(const WipingAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) { return std::allocator<T>{}.allocate(n); }
    void deallocate(T* p, std::size_t n) noexcept {
        wipe(p, n * sizeof(T));
        std::allocator<T>{}.deallocate(p, n);
    }
    template <class U>
    bool operator==(const WipingAllocator<U>&) const noexcept { return true; }
};
using WipedBytes = std::vector<std::uint8_t, WipingAllocator<std::uint8_t>>;

}  // namespace afterglow::crypto
