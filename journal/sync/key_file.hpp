// journal.key (docs/sync.md §5): the master key wrapped exactly as the vault wraps it (the KDF
// parameters and salt, the passphrase wrap, the recovery wrap), so a second device joins with
// the store and a passphrase or the recovery key. Authenticated with the sync key.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "crypto/bytes.hpp"
#include "crypto/secret.hpp"

namespace afterglow::sync {

using KeyRows = std::map<std::string, crypto::Bytes>;
inline constexpr const char* kKeyFileName = "journal.key";

crypto::Bytes encode_key_file(const KeyRows& rows, const crypto::SecretBuffer& sync_key);
// The rows, without checking the MAC (joining: the key comes from unwrapping them).
std::optional<KeyRows> parse_key_file(std::span<const std::uint8_t> file);
// True when the file's MAC is this journal's.
bool key_file_authentic(std::span<const std::uint8_t> file, const crypto::SecretBuffer& sync_key);
std::uint64_t key_rows_hash(const KeyRows& rows);

}  // namespace afterglow::sync
