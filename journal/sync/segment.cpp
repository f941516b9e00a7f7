#include "journal/sync/segment.hpp"

#include <cstdio>

#include "crypto/aead.hpp"
#include "journal/codec.hpp"
#include "journal/sync/wire.hpp"

namespace afterglow::sync {
namespace {

// Magic (8 bytes, plaintext) and associated data per format; the associated data names the
// format too, so a file whose magic was changed to the other format fails authentication.
constexpr std::size_t kMagicSize = 8;
constexpr const char* kMagic[] = {"", "AGSYNC1\n", "AGSYNC2\n"};
constexpr const char* kSnapMagic[] = {"", "AGSNAP1\n", "AGSNAP2\n"};
constexpr const char* kSegmentAd[] = {"", "afterglow/v1/segment", "afterglow/v2/segment"};
constexpr const char* kSnapshotAd[] = {"", "afterglow/v1/snapshot", "afterglow/v2/snapshot"};
constexpr char kAckMagic[] = "AGACK01\n";
constexpr char kAckAd[] = "afterglow/v1/ack";
constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

crypto::Bytes segment_ad(int format, const std::string& device, std::uint64_t counter,
                         std::span<const std::uint8_t> prev) {
    wire::Writer w;
    w.raw(crypto::as_bytes(kSegmentAd[format]));
    w.str(device);
    w.varint(counter);
    w.raw(prev);
    return std::move(w.out);
}

crypto::Bytes named_ad(const char* what, const std::string& device, std::uint64_t counter) {
    wire::Writer w;
    w.raw(crypto::as_bytes(what));
    w.str(device);
    w.varint(counter);
    return std::move(w.out);
}

crypto::Bytes seal_file(std::string_view magic, crypto::Bytes plain, const crypto::SecretBuffer& key,
                        const crypto::Bytes& ad, crypto::Bytes* mac) {
    plain = journal::codec::pad(std::move(plain), kSegmentBlock);
    const auto nonce = crypto::random_bytes(crypto::kXNonceSize);
    auto ct = crypto::xchacha_encrypt(key.span(), nonce, plain, ad);
    crypto::wipe(plain);
    if (mac) mac->assign(ct.end() - static_cast<std::ptrdiff_t>(kMacSize), ct.end());
    return crypto::concat({crypto::as_bytes(magic), nonce, ct});
}

std::optional<crypto::Bytes> open_file(std::string_view magic, std::span<const std::uint8_t> file,
                                       const crypto::SecretBuffer& key, const crypto::Bytes& ad) {
    if (file.size() < kMagicSize + crypto::kXNonceSize + kMacSize) return std::nullopt;
    if (crypto::as_text(file.first(kMagicSize)) != magic) return std::nullopt;
    const auto nonce = file.subspan(kMagicSize, crypto::kXNonceSize);
    const auto ct = file.subspan(kMagicSize + crypto::kXNonceSize);
    auto plain = crypto::xchacha_decrypt(key.span(), nonce, ct, ad);
    if (!plain) return std::nullopt;
    return journal::codec::unpad(std::move(*plain), kSegmentBlock);
}

// Same, decrypting inside `file` (no second buffer of the file's size): the content as a span
// of it. On failure the file's bytes are unspecified.
std::optional<std::span<const std::uint8_t>> open_file_in_place(std::string_view magic, std::span<std::uint8_t> file,
                                                                const crypto::SecretBuffer& key,
                                                                const crypto::Bytes& ad) {
    if (file.size() < kMagicSize + crypto::kXNonceSize + kMacSize) return std::nullopt;
    if (crypto::as_text(file.first(kMagicSize)) != magic) return std::nullopt;
    auto plain = crypto::open_in_place(key.span(), file.subspan(kMagicSize), ad);  // nonce ‖ ct ‖ tag
    if (!plain) return std::nullopt;
    const auto len = journal::codec::unpadded_size(*plain, kSegmentBlock);
    if (!len) return std::nullopt;
    return std::span<const std::uint8_t>(plain->data(), *len);
}

std::optional<Segment> read_content(std::span<const std::uint8_t> content, bool snapshot, int format);

// The format a segment or snapshot file says it is (its magic); 0 for none.
int format_of(std::span<const std::uint8_t> file, const char* const* magics) {
    if (file.size() < kMagicSize) return 0;
    const auto magic = crypto::as_text(file.first(kMagicSize));
    for (int f = 1; f <= kSegmentFormat; ++f)
        if (magic == std::string_view(magics[f], kMagicSize)) return f;
    return 0;
}

}  // namespace

crypto::Bytes seal_segment(const Segment& s, const crypto::SecretBuffer& key, crypto::Bytes& mac) {
    const int format = s.format == 1 ? 1 : kSegmentFormat;
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
        if (format >= 2) w.varint(c.version);
        w.bytes(c.record);
    }
    w.varint(s.conflicts.size());
    for (const auto& c : s.conflicts) {
        w.raw(c.kept.bytes);
        w.raw(c.other.bytes);
    }
    if (s.snapshot) {
        w.varint(s.positions.size());
        for (const auto& p : s.positions) {
            w.str(p.device);
            w.varint(p.counter);
            w.bytes(p.mac);
        }
        w.varint(s.superseded.size());
        for (const auto& d : s.superseded) w.str(d);
        return seal_file(std::string_view(kSnapMagic[format], kMagicSize), std::move(w.out), key,
                         named_ad(kSnapshotAd[format], s.device, s.counter), nullptr);
    }
    return seal_file(std::string_view(kMagic[format], kMagicSize), std::move(w.out), key,
                     segment_ad(format, s.device, s.counter, s.prev_mac), &mac);
}

std::optional<Segment> open_segment(std::span<const std::uint8_t> file, const crypto::SecretBuffer& key,
                                    const std::string& device, std::uint64_t counter,
                                    std::span<const std::uint8_t> prev_mac, crypto::Bytes& mac) {
    const int format = format_of(file, kMagic);
    if (!format) return std::nullopt;
    auto content = open_file(std::string_view(kMagic[format], kMagicSize), file, key,
                             segment_ad(format, device, counter, prev_mac));
    if (!content) return std::nullopt;
    auto s = read_content(*content, false, format);
    crypto::wipe(*content);
    if (!s || s->device != device || s->counter != counter) return std::nullopt;
    mac.assign(file.end() - static_cast<std::ptrdiff_t>(kMacSize), file.end());
    return s;
}

std::optional<Segment> open_segment(crypto::Bytes&& file, const crypto::SecretBuffer& key, const std::string& device,
                                    std::uint64_t counter, std::span<const std::uint8_t> prev_mac, crypto::Bytes& mac) {
    const int format = format_of(file, kMagic);
    if (!format) return std::nullopt;
    crypto::Bytes tag;
    if (file.size() >= kMacSize) tag.assign(file.end() - static_cast<std::ptrdiff_t>(kMacSize), file.end());
    auto content = open_file_in_place(std::string_view(kMagic[format], kMagicSize), file, key,
                                      segment_ad(format, device, counter, prev_mac));
    std::optional<Segment> s;
    if (content) s = read_content(*content, false, format);
    crypto::wipe(file);
    if (!s || s->device != device || s->counter != counter) return std::nullopt;
    mac = std::move(tag);
    return s;
}

std::optional<Segment> open_snapshot(std::span<const std::uint8_t> file, const crypto::SecretBuffer& key,
                                     const std::string& device, std::uint64_t counter) {
    const int format = format_of(file, kSnapMagic);
    if (!format) return std::nullopt;
    auto content = open_file(std::string_view(kSnapMagic[format], kMagicSize), file, key,
                             named_ad(kSnapshotAd[format], device, counter));
    if (!content) return std::nullopt;
    auto s = read_content(*content, true, format);
    crypto::wipe(*content);
    if (!s || s->device != device || s->counter != counter || s->prev_mac.size() != kMacSize) return std::nullopt;
    for (const auto& p : s->positions)
        if (p.mac.size() != kMacSize || !valid_device_id(p.device)) return std::nullopt;
    return s;
}

std::optional<Segment> open_snapshot(crypto::Bytes&& file, const crypto::SecretBuffer& key, const std::string& device,
                                     std::uint64_t counter) {
    const int format = format_of(file, kSnapMagic);
    if (!format) return std::nullopt;
    auto content = open_file_in_place(std::string_view(kSnapMagic[format], kMagicSize), file, key,
                                      named_ad(kSnapshotAd[format], device, counter));
    std::optional<Segment> s;
    if (content) s = read_content(*content, true, format);
    crypto::wipe(file);
    if (!s || s->device != device || s->counter != counter || s->prev_mac.size() != kMacSize) return std::nullopt;
    for (const auto& p : s->positions)
        if (p.mac.size() != kMacSize || !valid_device_id(p.device)) return std::nullopt;
    return s;
}

crypto::Bytes seal_ack(const std::string& device, std::uint64_t seq, const AckMap& read,
                       const crypto::SecretBuffer& key) {
    wire::Writer w;
    w.str(device);
    w.varint(seq);
    w.varint(read.size());
    for (const auto& [dev, n] : read) {
        w.str(dev);
        w.varint(n);
    }
    return seal_file(std::string_view(kAckMagic, kMagicSize), std::move(w.out), key, named_ad(kAckAd, device, seq),
                     nullptr);
}

std::optional<AckMap> open_ack(std::span<const std::uint8_t> file, const crypto::SecretBuffer& key,
                               const std::string& device, std::uint64_t seq) {
    auto content = open_file(std::string_view(kAckMagic, kMagicSize), file, key, named_ad(kAckAd, device, seq));
    if (!content) return std::nullopt;
    wire::Reader r(*content);
    const bool same = r.str() == device && r.varint() == seq;
    AckMap out;
    const auto n = r.count(2);
    for (std::uint64_t i = 0; i < n && r.ok(); ++i) {
        auto dev = r.str();
        out[dev] = r.varint();
    }
    if (!same || !r.ok() || !r.done()) return std::nullopt;
    return out;
}

namespace {

std::optional<Segment> read_content(std::span<const std::uint8_t> content, bool snapshot, int format) {
    wire::Reader r(content);
    Segment s;
    s.format = format;
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
        if (format >= 2) c.version = r.varint();
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
    if (snapshot) {
        s.snapshot = true;
        const auto np = r.count(3);
        for (std::uint64_t i = 0; i < np && r.ok(); ++i) {
            Position p;
            p.device = r.str();
            p.counter = r.varint();
            auto m = r.bytes();
            p.mac.assign(m.begin(), m.end());
            s.positions.push_back(std::move(p));
        }
        const auto ns = r.count();
        for (std::uint64_t i = 0; i < ns && r.ok(); ++i) s.superseded.push_back(r.str());
    }
    if (!r.ok() || !r.done()) return std::nullopt;
    for (const auto& c : s.changes) {  // every index must name a device of the table
        for (const auto& [dev, seq] : c.state.vv)
            if (dev >= s.devices.size()) return std::nullopt;
        for (const auto& f : c.state.fields)
            if (f.stamp.dev >= s.devices.size()) return std::nullopt;
    }
    return s;
}

}  // namespace

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

std::string segment_name(const std::string& device, std::uint64_t counter, FileKind kind) {
    char n[32];
    std::snprintf(n, sizeof n, "%010llu", static_cast<unsigned long long>(counter));
    const char* ext = kind == FileKind::snapshot ? ".snap" : kind == FileKind::ack ? ".ack" : ".seg";
    return "D/" + device + "/" + n + ext;
}

std::optional<SegmentName> parse_segment_name(std::string_view name) {
    // D/ + 26 + / + 10 digits + .seg | .snap | .ack
    if (name.size() < 2 + 26 + 1 + 10 + 4) return std::nullopt;
    if (name.substr(0, 2) != "D/" || name[28] != '/') return std::nullopt;
    SegmentName out;
    const auto ext = name.substr(39);
    if (ext == ".seg") out.kind = FileKind::segment;
    else if (ext == ".snap") out.kind = FileKind::snapshot;
    else if (ext == ".ack") out.kind = FileKind::ack;
    else return std::nullopt;
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
