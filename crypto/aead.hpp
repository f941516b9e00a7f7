// Authenticated encryption with associated data.
//  - XChaCha20-Poly1305-IETF (vault records, key wrapping): random 24-byte nonce,
//    stored in front of the ciphertext: nonce ‖ ciphertext ‖ 16-byte tag.
//  - ChaCha20-Poly1305-IETF (RFC 8439; used by the age format) with an explicit nonce.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "crypto/bytes.hpp"
#include "crypto/secret.hpp"

namespace afterglow::crypto {

inline constexpr std::size_t kKeySize = 32;
inline constexpr std::size_t kXNonceSize = 24;
inline constexpr std::size_t kNonceSize = 12;
inline constexpr std::size_t kTagSize = 16;
inline constexpr std::size_t kSealOverhead = kXNonceSize + kTagSize;

// XChaCha20-Poly1305 with a fresh random nonce. Returns nonce ‖ ciphertext ‖ tag.
Bytes seal(std::span<const std::uint8_t> key, std::span<const std::uint8_t> plaintext,
           std::span<const std::uint8_t> ad);
// Opens what seal() produced. nullopt if the key, nonce, ciphertext or AD do not match.
std::optional<Bytes> open(std::span<const std::uint8_t> key, std::span<const std::uint8_t> sealed,
                          std::span<const std::uint8_t> ad);
// Opens what seal() produced inside its own buffer (no allocation): on success returns the
// plaintext as a span of `sealed`; on failure nullopt (the buffer is then unspecified).
std::optional<std::span<std::uint8_t>> open_in_place(std::span<const std::uint8_t> key,
                                                     std::span<std::uint8_t> sealed,
                                                     std::span<const std::uint8_t> ad);
// Opens what seal() produced into `out` (at least sealed.size() - kSealOverhead bytes), leaving
// `sealed` as it is: the plaintext as a span of `out`, or nullopt (nothing written to `out`).
std::optional<std::span<std::uint8_t>> open_into(std::span<const std::uint8_t> key,
                                                 std::span<const std::uint8_t> sealed, std::span<std::uint8_t> out,
                                                 std::span<const std::uint8_t> ad);
// Same as open() but into secret memory (for wrapped keys).
std::optional<SecretBuffer> open_secret(std::span<const std::uint8_t> key,
                                        std::span<const std::uint8_t> sealed,
                                        std::span<const std::uint8_t> ad);

// With an explicit nonce, ciphertext ‖ tag: XChaCha20-Poly1305 (24-byte nonce, for known-answer
// tests) and ChaCha20-Poly1305-IETF (RFC 8439, 12-byte nonce).
Bytes xchacha_encrypt(std::span<const std::uint8_t> key, std::span<const std::uint8_t> nonce24,
                      std::span<const std::uint8_t> plaintext, std::span<const std::uint8_t> ad);
Bytes chacha_encrypt(std::span<const std::uint8_t> key, std::span<const std::uint8_t> nonce12,
                     std::span<const std::uint8_t> plaintext, std::span<const std::uint8_t> ad);
std::optional<Bytes> xchacha_decrypt(std::span<const std::uint8_t> key,
                                     std::span<const std::uint8_t> nonce24,
                                     std::span<const std::uint8_t> ciphertext_and_tag,
                                     std::span<const std::uint8_t> ad);
std::optional<Bytes> chacha_decrypt(std::span<const std::uint8_t> key,
                                    std::span<const std::uint8_t> nonce12,
                                    std::span<const std::uint8_t> ciphertext_and_tag,
                                    std::span<const std::uint8_t> ad);

}  // namespace afterglow::crypto
