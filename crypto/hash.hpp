// BLAKE2b (crypto_generichash) and libsodium's ISO/IEC 7816-4 padding, so that journal/ reaches
// libsodium only through crypto/.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "crypto/bytes.hpp"

namespace afterglow::crypto {

// BLAKE2b of `data` with an optional key (empty: unkeyed), `out_len` 16..64 bytes.
Bytes hash(std::span<const std::uint8_t> data, std::size_t out_len,
           std::span<const std::uint8_t> key = {});
// Same over a sequence of parts (each hashed as-is, in order).
Bytes hash_parts(std::initializer_list<std::span<const std::uint8_t>> parts, std::size_t out_len,
                 std::span<const std::uint8_t> key = {});

// SipHash-2-4 (crypto_shorthash) of `data` under a key drawn at random once per process: for
// hash tables keyed by ids that a file may choose (a backup), so no one can pick ids that
// collide. Not stable across runs; never store it.
std::uint64_t process_keyed_hash(std::span<const std::uint8_t> data) noexcept;

// Pads `plain` in place to a multiple of `block` (at least one byte of padding).
// Reserves once, so no unwiped copy of the plaintext is left behind by a reallocation.
void pad_in_place(Bytes& plain, std::size_t block);
// Length of the text inside a padded buffer, or nullopt if the padding is malformed.
std::optional<std::size_t> unpadded_size(std::span<const std::uint8_t> padded, std::size_t block);

}  // namespace afterglow::crypto
