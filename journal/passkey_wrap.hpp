// The passkey wrap: a third wrap of the master key, beside the passphrase and the recovery key
// (docs/vault.md, "Passkeys"). A passkey's WebAuthn PRF output for a random per-passkey salt
// goes through HKDF-SHA256 with its own context, and the result seals the master key
// (XChaCha20-Poly1305) with the wrap's metadata — name, date added, credential id, salt — as
// associated data. Each wrap is one key row, `passkey:<16 hex>` (a hash of the credential id),
// covered by the key-row checksums like every other row; the vault format is unchanged.
//
// Row value: 0x01 ‖ salt (32) ‖ u16 len ‖ credential id ‖ u16 len ‖ name (UTF-8) ‖ u8 len ‖
// added (ISO 8601 UTC) ‖ nonce (24) ‖ sealed master key (32) ‖ tag (16); integers little-endian.
// Associated data: "afterglow/v1/wrap/passkey" ‖ 0 ‖ row name ‖ 0 ‖ every byte before the nonce.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/result.hpp"
#include "crypto/secret.hpp"
#include "journal/keyring.hpp"

namespace afterglow::journal::passkey {

inline constexpr std::size_t kSaltSize = 32;
inline constexpr std::size_t kPrfSize = 32;             // the PRF extension's output
inline constexpr std::size_t kMaxCredentialId = 1023;   // WebAuthn's limit
inline constexpr std::size_t kMaxNameBytes = 200;
inline constexpr char kRowPrefix[] = "passkey:";
inline constexpr char kHkdfInfo[] = "afterglow/v1/passkey-wrap-key";

struct Meta {
    std::string name;             // the patient's name for it ("Phone")
    std::string added;            // ISO 8601 UTC, e.g. 2026-12-06T13:40:00Z
    crypto::Bytes credential_id;  // WebAuthn rawId
    crypto::Bytes salt;           // the PRF input (32 random bytes)
};

// The key row name for a credential id.
std::string row_name(std::span<const std::uint8_t> credential_id);
bool is_passkey_row(std::string_view row);

// Parses a row's plaintext metadata (nullopt: not a well-formed passkey row).
std::optional<Meta> read_meta(const crypto::Bytes& value);

// The key that wraps the master key: HKDF-SHA256(ikm = PRF output, salt = the salt, info).
crypto::SecretBuffer wrap_key(const crypto::SecretBuffer& prf_output, std::span<const std::uint8_t> salt);

// The row's value. `nonce`: tests only (known answers); empty = random.
Result<crypto::Bytes> wrap(const Meta& meta, const crypto::SecretBuffer& prf_output,
                           const crypto::SecretBuffer& master, std::span<const std::uint8_t> nonce = {});
// The master key, or nullopt when the PRF output, the metadata or the sealed bytes do not
// match (a wrong passkey, a tampered or swapped row).
std::optional<crypto::SecretBuffer> unwrap(std::string_view row, const crypto::Bytes& value,
                                           const crypto::SecretBuffer& prf_output);

// Every passkey row in the rows: its name, metadata and whether its checksum matches.
struct Listed {
    std::string row;
    Meta meta;
    bool intact = false;  // well formed and matching the checksums row
};
std::vector<Listed> list(const keyring::Rows& rows);

}  // namespace afterglow::journal::passkey
