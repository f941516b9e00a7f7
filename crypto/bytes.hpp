// Byte-string helpers: random bytes, hex and base64 (via libsodium, constant time).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace afterglow::crypto {

using Bytes = std::vector<std::uint8_t>;

Bytes random_bytes(std::size_t n);

std::string to_hex(std::span<const std::uint8_t> bytes);
std::optional<Bytes> from_hex(std::string_view hex);

// Standard base64 (RFC 4648 §4). `padded=false` writes/reads the unpadded form.
std::string to_base64(std::span<const std::uint8_t> bytes, bool padded = true);
std::optional<Bytes> from_base64(std::string_view text, bool padded = true);

// Concatenates byte ranges (associated data, key schedules).
Bytes concat(std::initializer_list<std::span<const std::uint8_t>> parts);

inline std::span<const std::uint8_t> as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_text(std::span<const std::uint8_t> b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace afterglow::crypto
