// Writing a file so that it is either complete or absent: the bytes go to a temp file
// created with mode 0600 (O_EXCL, random name) in the destination folder, are fsync'd, and
// the temp file is renamed over the destination. On any failure the temp file is removed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>

#include "crypto/result.hpp"

namespace afterglow::journal::exports {

// `progress` gets the fraction written (0..1). Errors: Errc::not_found (no such folder),
// Errc::read_only (folder or file not writable), Errc::disk_full, Errc::io.
Status write_file_atomic(const std::filesystem::path& destination,
                         std::span<const std::uint8_t> bytes,
                         const std::function<void(double)>& progress = {});

// Prefix of the temp files write_file_atomic() creates (tests look for leftovers).
inline constexpr const char* kTempPrefix = ".afterglow-tmp-";

}  // namespace afterglow::journal::exports
