// Anonymous sealed boxes (crypto_box_seal: X25519 + XSalsa20-Poly1305) for quick capture:
// anyone holding the vault's public key can add a note; only the master key can read it.
#pragma once

#include <optional>
#include <span>

#include "crypto/bytes.hpp"
#include "crypto/secret.hpp"

namespace afterglow::crypto {

inline constexpr std::size_t kBoxPublicKeySize = 32;
inline constexpr std::size_t kBoxSecretKeySize = 32;

struct BoxKeyPair {
    Bytes public_key;
    SecretBuffer secret_key;
};

BoxKeyPair box_keypair();
// The public half of a secret key (X25519 base-point multiplication).
Bytes box_public_key(const SecretBuffer& secret_key);
// Empty result if the public key is not 32 bytes.
Bytes box_seal(std::span<const std::uint8_t> public_key, std::span<const std::uint8_t> message);
std::optional<Bytes> box_open(const BoxKeyPair& keys, std::span<const std::uint8_t> sealed);

}  // namespace afterglow::crypto
