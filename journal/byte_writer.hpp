// The byte writer shared by the record codec (journal/codec.cpp) and sync's own encodings
// (journal/sync/wire.hpp): single bytes, LEB128 varints (7 bits a byte, lowest first, high
// bit = more), zigzag signed varints, raw bytes, and length-prefixed bytes and strings. The
// bytes it writes are frozen in tests/fixtures: change none of them.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace afterglow::journal {

// Buffer: a std::vector of bytes (crypto::WipedBytes where plaintext passes through).
template <class Buffer>
class ByteWriter {
public:
    Buffer out;
    void u8(std::uint8_t v) { out.push_back(v); }
    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            out.push_back(static_cast<std::uint8_t>(v | 0x80));
            v >>= 7;
        }
        out.push_back(static_cast<std::uint8_t>(v));
    }
    void svarint(std::int64_t v) {
        varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
    }
    void raw(std::span<const std::uint8_t> b) { out.insert(out.end(), b.begin(), b.end()); }
    void bytes(std::span<const std::uint8_t> b) {
        varint(b.size());
        raw(b);
    }
    void str(std::string_view s) {
        varint(s.size());
        out.insert(out.end(), s.begin(), s.end());
    }
};

}  // namespace afterglow::journal
