// Bech32 (BIP-173), as age uses it for "age1..." recipients and "AGE-SECRET-KEY-1..."
// identities. Strict: mixed case, a bad checksum, characters outside the alphabet and
// non-zero padding bits are rejected. BIP-173's 90-character limit is optional here because
// age keys are longer (post-quantum recipients run to ~2000 characters).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/result.hpp"

namespace afterglow::crypto::bech32 {

// The raw form: a human-readable part and 5-bit values (checksum removed).
struct Raw {
    std::string hrp;                  // lower case
    std::vector<std::uint8_t> values; // each 0..31
    bool upper = false;               // the string was written in upper case
};

// Encodes 5-bit values (each < 32). `upper` writes the whole string in upper case (the
// checksum is always computed over the lower-case form).
std::string encode_values(std::string_view hrp, std::span<const std::uint8_t> values,
                          bool upper = false);
// Decodes and checks the checksum. max_length 0 = no limit (BIP-173 itself says 90).
Result<Raw> decode_values(std::string_view text, std::size_t max_length = 0);

// 8-bit <-> 5-bit regrouping (BIP-173 convertbits). from_5bit rejects incomplete groups of
// more than 4 bits and non-zero padding bits.
std::vector<std::uint8_t> to_5bit(std::span<const std::uint8_t> bytes);
Result<Bytes> from_5bit(std::span<const std::uint8_t> values);

// Byte-level helpers: bytes <-> bech32 string.
std::string encode(std::string_view hrp, std::span<const std::uint8_t> data, bool upper = false);
struct Decoded {
    std::string hrp;  // lower case
    Bytes data;
    bool upper = false;
};
Result<Decoded> decode(std::string_view text, std::size_t max_length = 0);

}  // namespace afterglow::crypto::bech32
