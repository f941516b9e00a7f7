#include "journal/sync/segment.hpp"

#include <cstdio>

#include "crypto/aead.hpp"
#include "journal/codec.hpp"
#include "journal/sync/wire.hpp"

namespace afterglow::sync {
namespace {

constexpr char kMagic[] = "AGSYNC1\n";  // 8 bytes, plaintext
constexpr std::size_t kMagicSize = 8;
constexpr char kSegmentAd[] = "afterglow/v1/segment";
constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

crypto::Bytes segment_ad(const std::string& device, std::uint64_t counter, std::span<const std::uint8_t> prev) {
    wire::Writer w;
    w.raw(crypto::as_bytes(kSegmentAd));
    w.str(device);
    w.varint(counter);
    w.raw(prev);
    return std::move(w.out);
}

}  // namespace

crypto::Bytes seal_segment(const Segment& s, const crypto::SecretBuffer& key, crypto::Bytes& mac) {
    wire::Writer w;
    w.str(s.device);
    w.varint(s.counter);
    w.bytes(s.prev_mac);
    w.varint(s.replaces.size());
    for (const auto& [dev, n] : s.replaces) {
        w.str(dev);
        w.varint(n);
    }
    w.varint(s.wall);
    w.varint(s.logical);
    w.varint(s.devices.size());
    for (const auto& d : s.devices) w.str(d);
    w.varint(s.changes.size());
    for (const auto& c : s.changes) {
        w.raw(c.id.bytes);
        put_rec_state(w, c.state);
        w.bytes(c.record);
    }
    w.varint(s.conflicts.size());
    for (const auto& c : s.conflicts) {
        w.raw(c.kept.bytes);
        w.raw(c.other.bytes);
    }
    auto plain = journal::codec::pad(std::move(w.out), kSegmentBlock);
    const auto nonce = crypto::random_bytes(crypto::kXNonceSize);
    auto ct = crypto::xchacha_encrypt(key.span(), nonce, plain, segment_ad(s.device, s.counter, s.prev_mac));
    crypto::wipe(plain);
    mac.assign(ct.end() - static_cast<std::ptrdiff_t>(kMacSize), ct.end());
    return crypto::concat({crypto::as_bytes(std::string_view(kMagic, kMagicSize)), nonce, ct});
}

std::optional<Segment> open_segment(std::span<const std::uint8_t> file, const crypto::SecretBuffer& key,
                                    const std::string& device, std::uint64_t counter,
                                    std::span<const std::uint8_t> prev_mac, crypto::Bytes& mac) {
    if (file.size() < kMagicSize + crypto::kXNonceSize + kMacSize) return std::nullopt;
    if (crypto::as_text(file.first(kMagicSize)) != std::string_view(kMagic, kMagicSize)) return std::nullopt;
    const auto nonce = file.subspan(kMagicSize, crypto::kXNonceSize);
    const auto ct = file.subspan(kMagicSize + crypto::kXNonceSize);
    auto plain = crypto::xchacha_decrypt(key.span(), nonce, ct, segment_ad(device, counter, prev_mac));
    if (!plain) return std::nullopt;
    auto content = journal::codec::unpad(std::move(*plain), kSegmentBlock);
    if (!content) return std::nullopt;
    wire::Reader r(*content);
    Segment s;
    s.device = r.str();
    s.counter = r.varint();
    auto prev = r.bytes();
    s.prev_mac.assign(prev.begin(), prev.end());
    const auto nrep = r.count(2);
    for (std::uint64_t i = 0; i < nrep && r.ok(); ++i) {
        auto dev = r.str();
        s.replaces.emplace_back(std::move(dev), r.varint());
    }
    s.wall = r.varint();
    s.logical = static_cast<std::uint32_t>(r.varint());
    const auto nd = r.count();
    for (std::uint64_t i = 0; i < nd && r.ok(); ++i) s.devices.push_back(r.str());
    const auto nc = r.count(20);
    for (std::uint64_t i = 0; i < nc && r.ok(); ++i) {
        SegChange c;
        auto id = r.raw(16);
        if (!r.ok()) break;
        std::copy(id.begin(), id.end(), c.id.bytes.begin());
        c.state = get_rec_state(r);
        auto rec = r.bytes();
        c.record.assign(rec.begin(), rec.end());
        s.changes.push_back(std::move(c));
    }
    const auto nconf = r.count(32);
    for (std::uint64_t i = 0; i < nconf && r.ok(); ++i) {
        Conflict c;
        auto k = r.raw(16);
        if (r.ok()) std::copy(k.begin(), k.end(), c.kept.bytes.begin());
        auto o = r.raw(16);
        if (r.ok()) std::copy(o.begin(), o.end(), c.other.bytes.begin());
        s.conflicts.push_back(c);
    }
    const bool ok = r.ok() && r.done() && s.device == device && s.counter == counter;
    crypto::wipe(*content);
    if (!ok) return std::nullopt;
    for (const auto& c : s.changes) {  // every index must name a device of the table
        for (const auto& [dev, seq] : c.state.vv)
            if (dev >= s.devices.size()) return std::nullopt;
        for (const auto& f : c.state.fields)
            if (f.stamp.dev >= s.devices.size()) return std::nullopt;
    }
    mac.assign(ct.end() - static_cast<std::ptrdiff_t>(kMacSize), ct.end());
    return s;
}

std::string new_device_id() {
    const auto raw = crypto::random_bytes(16);
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (auto b : raw) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 31]);
    return out;  // 26 characters
}

bool valid_device_id(std::string_view id) {
    if (id.size() != 26) return false;
    for (char c : id)
        if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) return false;
    return true;
}

std::string segment_name(const std::string& device, std::uint64_t counter) {
    char n[32];
    std::snprintf(n, sizeof n, "%010llu", static_cast<unsigned long long>(counter));
    return "D/" + device + "/" + n + ".seg";
}

std::optional<SegmentName> parse_segment_name(std::string_view name) {
    // D/ + 26 + / + 10 digits + .seg
    if (name.size() != 2 + 26 + 1 + 10 + 4) return std::nullopt;
    if (name.substr(0, 2) != "D/" || name[28] != '/' || name.substr(39) != ".seg") return std::nullopt;
    SegmentName out;
    out.device = std::string(name.substr(2, 26));
    if (!valid_device_id(out.device)) return std::nullopt;
    for (char c : name.substr(29, 10)) {
        if (c < '0' || c > '9') return std::nullopt;
        out.counter = out.counter * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (out.counter == 0) return std::nullopt;
    return out;
}

}  // namespace afterglow::sync
