// Binary encoding of records inside their encrypted envelope. Compact and fast to decode:
// opening a vault decodes every record, so this sits on the unlock path.
//
//   record   = u8 codec_version(=2; 1 still decodes) ‖ u8 type ‖ meta ‖ fields in a fixed order
//   string   = varint length ‖ UTF-8 bytes
//   time     = zigzag varint UTC seconds ‖ string zone
//   optional = u8 present ‖ value
//   vector   = varint count ‖ items
//
// The decoder treats its input as untrusted (it is fuzzed): every length is bounded by what
// remains, enum values are range-checked, and failure is a clean nullopt.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "crypto/bytes.hpp"
#include "journal/types.hpp"

namespace afterglow::journal::codec {

using crypto::Bytes;

Bytes encode(const Record& r);
std::optional<Record> decode(std::span<const std::uint8_t> bytes);
// The same into `out` (no move of the decoded record: unlock decodes every record in place).
// False when the bytes are not a record; `out` then holds nothing of them (wiped).
bool decode_into(std::span<const std::uint8_t> bytes, Record& out);

// Whether the bytes say they are an entry (its type byte; nothing else is checked), and the
// same decoding as decode_into straight into an Entry (default-constructed): false when the
// bytes are not an entry or malformed (`out` then wiped). Unlock decodes most records so.
bool is_entry(std::span<const std::uint8_t> bytes);
bool decode_entry_into(std::span<const std::uint8_t> bytes, Entry& out);

// A quick note sealed for the captures row `capture_id`; the id is inside the sealed box (a
// sealed box has no associated data), so a note copied to another row fails to decode.
// Notes captured before schema 3 (no id inside) still decode.
Bytes encode_note(const QuickNote& n, const RecordId& capture_id);
std::optional<QuickNote> decode_note(std::span<const std::uint8_t> bytes, const RecordId& capture_id);

struct Manifest {
    std::uint64_t generation = 0;
    std::vector<std::pair<RecordId, std::uint64_t>> records;  // sorted by id
};
Bytes encode_manifest(const Manifest& m);
std::optional<Manifest> decode_manifest(std::span<const std::uint8_t> bytes);

// Pads to a multiple of `block` bytes (ISO/IEC 7816-4, via sodium_pad) so ciphertext lengths
// reveal only a coarse size.
Bytes pad(Bytes plain, std::size_t block = 256);
std::optional<Bytes> unpad(Bytes padded, std::size_t block = 256);
// Length of the content of a padded buffer, or nullopt if the padding is malformed.
std::optional<std::size_t> unpadded_size(std::span<const std::uint8_t> padded, std::size_t block = 256);

}  // namespace afterglow::journal::codec
