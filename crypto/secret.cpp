#include "crypto/secret.hpp"

#include <sodium.h>

#include <cstring>
#include <new>
#include <utility>

namespace afterglow::crypto {

bool init() noexcept { return sodium_init() >= 0; }

SecretBuffer::SecretBuffer(std::size_t size) : size_(size) {
    if (size == 0) return;
    init();
    data_ = static_cast<std::uint8_t*>(sodium_malloc(size));
    if (data_ == nullptr) throw std::bad_alloc();
    sodium_memzero(data_, size);
}

SecretBuffer SecretBuffer::copy_of(std::span<const std::uint8_t> bytes) {
    SecretBuffer b(bytes.size());
    if (!bytes.empty()) std::memcpy(b.data_, bytes.data(), bytes.size());
    return b;
}

SecretBuffer SecretBuffer::copy_of(std::string_view text) {
    return copy_of(std::span<const std::uint8_t>(
        reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

SecretBuffer SecretBuffer::random(std::size_t size) {
    SecretBuffer b(size);
    if (size) randombytes_buf(b.data_, size);
    return b;
}

SecretBuffer::~SecretBuffer() { wipe(); }

SecretBuffer::SecretBuffer(SecretBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretBuffer& SecretBuffer::operator=(SecretBuffer&& other) noexcept {
    if (this != &other) {
        wipe();
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

void SecretBuffer::wipe() noexcept {
    if (data_ != nullptr) sodium_free(data_);  // sodium_free zeroes before unmapping
    data_ = nullptr;
    size_ = 0;
}

bool equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void wipe(void* data, std::size_t size) noexcept {
    if (data != nullptr && size != 0) sodium_memzero(data, size);
}

void wipe(std::string& s) noexcept {
    // capacity() bytes are allocated after data() (plus the terminator).
    if (s.capacity() != 0) sodium_memzero(s.data(), s.capacity());
    s.clear();
}

void wipe(std::vector<std::uint8_t>& b) noexcept {
    if (b.capacity() != 0) sodium_memzero(b.data(), b.capacity());
    b.clear();
}

}  // namespace afterglow::crypto
