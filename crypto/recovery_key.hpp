// Recovery key: 32 random bytes shown once to the user as 14 groups of 4 Crockford base32
// characters. The last 3 bytes encoded are a BLAKE2b checksum of the key, so a mistyped
// character reads as a typo rather than as a wrong key.
//   e.g. 7K3M-Q0ZD-...-R2WX
#pragma once

#include <string>
#include <string_view>

#include "crypto/result.hpp"
#include "crypto/secret.hpp"

namespace afterglow::crypto {

inline constexpr std::size_t kRecoveryKeySize = 32;
inline constexpr std::size_t kRecoveryGroups = 14;

// Formats 32 key bytes for display. The result is secret: callers wipe it.
std::string format_recovery_key(const SecretBuffer& key);

// Parses what the user typed: case-insensitive, ignores spaces and dashes, reads I/L as 1
// and O as 0. Errors say whether the length is wrong, a character is not allowed, or the
// checksum does not match (a typo).
Result<SecretBuffer> parse_recovery_key(std::string_view text);

// The n-th group (0-based) of a formatted key, for the "retype group k" confirmation.
std::string recovery_key_group(std::string_view formatted, std::size_t n);

}  // namespace afterglow::crypto
