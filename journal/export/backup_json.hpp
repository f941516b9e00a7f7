// The JSON backup: every record of the vault with every field (docs/backup-format.md).
// Written only inside age encryption (writer.hpp); parse_backup() is strict and bounded so a
// damaged or crafted file gives a clear error naming the field, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/result.hpp"
#include "journal/types.hpp"

namespace afterglow::journal::exports {

inline constexpr const char* kBackupFormatName = "afterglow-backup";
inline constexpr int kBackupFormatVersion = 1;

// Bounds applied when reading (a backup over these is refused as damaged).
inline constexpr std::size_t kMaxBackupBytes = 512u << 20;   // the whole JSON text
inline constexpr std::size_t kMaxBackupRecords = 1'000'000;
inline constexpr std::size_t kMaxStringBytes = kMaxRecordBytes;  // any one text field
inline constexpr std::size_t kMaxListItems = 10'000;         // prompts, tags, scores, …
inline constexpr int kMaxNesting = 8;

// Serialises the records (all kinds, in the order given). Fails only on text that is not
// valid UTF-8 (the vault never stores such text).
Result<std::string> to_backup_json(const std::vector<Record>& records);

// Validates and decodes a backup. Errors are Errc::damaged (malformed, truncated, a bad
// field: the message names it) or Errc::unsupported (a newer format version).
Result<std::vector<Record>> parse_backup(std::string_view json);

// Where the first invalid UTF-8 sequence starts, or npos when `text` is valid UTF-8.
std::size_t find_invalid_utf8(std::string_view text);

}  // namespace afterglow::journal::exports
