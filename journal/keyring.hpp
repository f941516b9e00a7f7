// The vault's key rows (DESIGN §3 key hierarchy), internal to afterglow_journal:
//   kdf_opslimit, kdf_memlimit, kdf_salt   Argon2id parameters (capped when read)
//   wrap_passphrase   master key sealed by KEK = Argon2id(passphrase)
//   wrap_recovery     master key sealed by the recovery key
//   box_public        X25519 public key for quick capture
//   box_secret        its secret half, sealed by a subkey of the master key
//   box_public_mac    keyed BLAKE2b of box_public under another subkey: binds the public key
//                     to the master key (a swapped key is found and restored at unlock)
//   passkey:<hex>     master key sealed by a passkey's PRF output (journal/passkey_wrap.hpp)
//   checksums         BLAKE2b of every other row, so bit rot or tampering in a key row is
//                     reported as damage to that row rather than as a wrong passphrase
#pragma once

#include <map>
#include <optional>
#include <string>

#include "crypto/bytes.hpp"
#include "crypto/kdf.hpp"
#include "crypto/result.hpp"
#include "crypto/secret.hpp"

namespace afterglow::journal::keyring {

using Rows = std::map<std::string, crypto::Bytes>;

// Subkey purposes (crypto_kdf contexts are 8 characters).
inline constexpr char kRecordsContext[9] = "AGrecord";
inline constexpr char kManifestContext[9] = "AGmanife";
inline constexpr char kDraftsContext[9] = "AGdrafts";
inline constexpr char kCaptureContext[9] = "AGcaptur";
inline constexpr char kCaptureMacContext[9] = "AGcapmac";

crypto::Bytes encode_u64(std::uint64_t v);

// Each wrap is checked on its own, so damage to one never locks out the other:
// `passphrase` checks the KDF rows and the passphrase wrap, `recovery` only the recovery wrap
// (which authenticates itself, so a damaged checksums row does not block it).
enum class Purpose { passphrase, recovery };
Status check(const Rows& rows, Purpose purpose);
// Every row against the checksums (verify); names the first damaged or missing row.
Status check_all(const Rows& rows);
// One row against the checksums: present, listed and matching (a passkey wrap, journal/passkey_wrap).
bool row_intact(const Rows& rows, const std::string& name);
// Adds/refreshes the checksums row.
void seal_checksums(Rows& rows);

Result<crypto::KdfParams> read_kdf(const Rows& rows);
void write_kdf(Rows& rows, const crypto::KdfParams& p);

// Wraps/unwraps the master key. The passphrase wrap binds the KDF parameters as AD.
crypto::Bytes wrap_with_passphrase_key(const crypto::SecretBuffer& kek, const crypto::KdfParams& p,
                                       const crypto::SecretBuffer& master);
std::optional<crypto::SecretBuffer> unwrap_with_passphrase_key(const crypto::SecretBuffer& kek,
                                                               const Rows& rows);
crypto::Bytes wrap_with_recovery_key(const crypto::SecretBuffer& recovery,
                                     const crypto::SecretBuffer& master);
std::optional<crypto::SecretBuffer> unwrap_with_recovery_key(const crypto::SecretBuffer& recovery,
                                                             const Rows& rows);

}  // namespace afterglow::journal::keyring
