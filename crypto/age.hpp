// The age v1 file format (C2SP age spec, age-encryption.org/v1) on libsodium alone:
// X25519 and scrypt recipients, HKDF-SHA256 key schedule, header MAC, ChaCha20-Poly1305
// STREAM payload in 64 KiB chunks, optional ASCII armor. Files interoperate with the
// reference `age` tool both ways. See docs/age.md for the limits enforced on read.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/result.hpp"
#include "crypto/secret.hpp"

namespace afterglow::crypto::age {

inline constexpr int kDefaultScryptLog2N = 18;  // what we write (as age does)
inline constexpr int kMaxScryptLog2N = 22;      // the default refusal limit on read

struct Identity {                     // an X25519 identity
    SecretBuffer secret;              // 32 bytes
    static Identity generate();
    static Result<Identity> parse(std::string_view age_secret_key_1);   // "AGE-SECRET-KEY-1..."
    std::string encode() const;       // "AGE-SECRET-KEY-1..." (caller wipes)
    std::string recipient() const;    // "age1..."
};

// Reads an identity file like age-keygen writes (comments '#', blank lines, one or more keys).
Result<std::vector<Identity>> parse_identity_file(std::string_view text);
// Writes an identity file exactly like age-keygen:
// "# created: <RFC3339>\n# public key: age1...\nAGE-SECRET-KEY-1...\n" (caller wipes)
std::string identity_file(const Identity& id);
Status check_recipient(std::string_view age1);   // clear message for a bad "age1..." string

struct EncryptOptions {
    std::vector<std::string> recipients;          // "age1..." strings
    std::optional<std::string> passphrase;        // scrypt recipient (must be the only one)
    int scrypt_log2n = kDefaultScryptLog2N;
    bool armor = false;                           // ASCII armor (-----BEGIN AGE ENCRYPTED FILE-----)
};
struct DecryptOptions {
    const std::vector<Identity>* identities = nullptr;
    std::optional<std::string> passphrase;
    int max_scrypt_log2n = kMaxScryptLog2N;
};

Result<Bytes> encrypt(std::span<const std::uint8_t> plaintext, const EncryptOptions& opt);
Result<Bytes> decrypt(std::span<const std::uint8_t> file, const DecryptOptions& opt);
// Streaming versions for big files (64 KiB chunks, constant memory). decrypt_stream writes a
// chunk only after it authenticated; on error the caller must discard what was written.
Status encrypt_stream(std::istream& in, std::ostream& out, const EncryptOptions& opt);
Status decrypt_stream(std::istream& in, std::ostream& out, const DecryptOptions& opt);
bool is_age_file(std::span<const std::uint8_t> prefix);   // binary or armored header line

// Additions beyond the original API.
// What a file's header says about how to open it (reads the header only, armored or not).
struct HeaderInfo {
    bool armored = false;
    bool passphrase = false;          // a single scrypt stanza: needs a passphrase
    int scrypt_log2n = 0;             // its work factor, when `passphrase`
    std::size_t x25519_stanzas = 0;   // stanzas for X25519 identities
    std::size_t other_stanzas = 0;    // stanzas of types we do not implement (ignored)
};
Result<HeaderInfo> inspect(std::istream& in);
Result<HeaderInfo> inspect(std::span<const std::uint8_t> file);

}  // namespace afterglow::crypto::age
