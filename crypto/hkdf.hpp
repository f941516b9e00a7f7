// HKDF-SHA256 (RFC 5869) and HMAC-SHA256, built on libsodium's crypto_auth_hmacsha256
// multi-part API. Used by the age format (key schedule and header MAC).
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "crypto/result.hpp"
#include "crypto/secret.hpp"

namespace afterglow::crypto {

inline constexpr std::size_t kSha256Size = 32;
inline constexpr std::size_t kHkdfMaxOutput = 255 * kSha256Size;  // RFC 5869 §2.3

using Mac256 = std::array<std::uint8_t, kSha256Size>;

// HMAC-SHA256(key, message). Any key length (keys over 64 bytes are hashed first, RFC 2104).
Mac256 hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> message);

// HKDF-Extract: PRK = HMAC(salt, ikm). An empty salt means 32 zero bytes (RFC 5869 §2.2).
SecretBuffer hkdf_extract(std::span<const std::uint8_t> salt, std::span<const std::uint8_t> ikm);

// HKDF-Expand: `length` bytes of OKM. Fails if length > 255*32 or prk is shorter than 32 bytes.
Result<SecretBuffer> hkdf_expand(std::span<const std::uint8_t> prk,
                                 std::span<const std::uint8_t> info, std::size_t length);

// Extract then expand.
Result<SecretBuffer> hkdf_sha256(std::span<const std::uint8_t> ikm,
                                 std::span<const std::uint8_t> salt,
                                 std::span<const std::uint8_t> info, std::size_t length);

}  // namespace afterglow::crypto
