// Byte writer and bounded reader for sync's own encodings (segment contents, the sync state,
// journal.key): varints, length-prefixed bytes and strings. The reader treats its input as
// untrusted: every length is checked against what remains, and failure is sticky (ok()).
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "crypto/bytes.hpp"
#include "journal/byte_writer.hpp"

namespace afterglow::sync::wire {

using crypto::Bytes;

// The shared byte writer (journal/byte_writer.hpp); a class of its own so that headers can
// declare it ahead (journal/sync/state.hpp).
class Writer : public journal::ByteWriter<Bytes> {};

// The same varint through a plain pointer, into room the caller made (at most 10 bytes): the
// records of a sync state (~1.7 MB for 10,000) are written this way, one resize for all.
inline std::uint8_t* put_varint(std::uint8_t* p, std::uint64_t v) {
    while (v >= 0x80) {
        *p++ = static_cast<std::uint8_t>(v | 0x80);
        v >>= 7;
    }
    *p++ = static_cast<std::uint8_t>(v);
    return p;
}

class Reader {
public:
    explicit Reader(std::span<const std::uint8_t> in) : in_(in) {}
    bool ok() const { return ok_; }
    void fail() { ok_ = false; }  // what was read does not hold together
    bool done() const { return pos_ == in_.size(); }
    std::uint8_t u8() {
        if (!need(1)) return 0;
        return in_[pos_++];
    }
    std::uint64_t varint() {
        if (ok_ && in_.size() - pos_ >= 10) {  // room for the longest: no check per byte
            const std::uint8_t* p = in_.data() + pos_;
            std::uint64_t v = 0;
            for (int i = 0; i < 10; ++i) {
                v |= static_cast<std::uint64_t>(p[i] & 0x7f) << (7 * i);
                if (!(p[i] & 0x80)) {
                    pos_ += static_cast<std::size_t>(i) + 1;
                    return v;
                }
            }
            ok_ = false;
            return 0;
        }
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!need(1)) return 0;
            const std::uint8_t b = in_[pos_++];
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80)) return v;
        }
        ok_ = false;
        return 0;
    }
    // A count of items each at least `min_item` bytes: refused when more than could remain.
    std::uint64_t count(std::size_t min_item = 1) {
        const auto n = varint();
        if (ok_ && n > (in_.size() - pos_) / (min_item ? min_item : 1)) ok_ = false;
        return ok_ ? n : 0;
    }
    std::span<const std::uint8_t> raw(std::size_t n) {
        if (!need(n)) return {};
        auto s = in_.subspan(pos_, n);
        pos_ += n;
        return s;
    }
    std::span<const std::uint8_t> bytes() { return raw(static_cast<std::size_t>(count())); }
    std::string str() {
        auto b = bytes();
        return std::string(b.begin(), b.end());
    }

private:
    bool need(std::size_t n) {
        if (!ok_ || in_.size() - pos_ < n) ok_ = false;
        return ok_;
    }
    std::span<const std::uint8_t> in_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

}  // namespace afterglow::sync::wire
