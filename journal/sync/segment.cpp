#include "journal/sync/segment.hpp"

#include <algorithm>
#include <cstdio>

#include "crypto/aead.hpp"
#include "journal/codec.hpp"
#include "journal/parallel.hpp"
#include "journal/sync/wire.hpp"

namespace afterglow::sync {
namespace {

// Magic (8 bytes, plaintext) and associated data per format; the associated data names the
// format too, so a file whose magic was changed to the other format fails authentication.
constexpr std::size_t kMagicSize = 8;
constexpr const char* kMagic[] = {"", "AGSYNC1\n", "AGSYNC2\n", "AGSYNC3\n"};
constexpr const char* kSnapMagic[] = {"", "AGSNAP1\n", "AGSNAP2\n", "AGSNAP3\n"};
constexpr const char* kSegmentAd[] = {"", "afterglow/v1/segment", "afterglow/v2/segment", "afterglow/v3/segment"};
constexpr const char* kSnapshotAd[] = {"", "afterglow/v1/snapshot", "afterglow/v2/snapshot", "afterglow/v3/snapshot"};
// Format 3 (docs/sync.md §2): magic ‖ sealed length of the metadata (48 bytes) ‖ sealed
// metadata ‖ the sealed records, which are not encrypted a second time.
constexpr std::size_t kLengthHeader = crypto::kXNonceSize + 8 + kMacSize;
constexpr char kLengthAd[] = "/length";
constexpr std::size_t kRecordMin = crypto::kXNonceSize + kMacSize;  // a sealed record's nonce and tag
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

std::optional<Segment> read_content(std::span<const std::uint8_t> content, bool snapshot, int format,
                                    std::span<const std::uint8_t> records = {}, Records how = Records::copied);

// Format 3: the metadata, padded so that the file's size is 96 mod 256 (its records' count
// does not show in it), sealed; its length sealed in front; then the records as they are.
crypto::Bytes seal_file3(std::string_view magic, crypto::Bytes meta, const std::vector<SegChange>& changes,
                         const crypto::SecretBuffer& key, const crypto::Bytes& ad, crypto::Bytes* mac) {
    std::size_t region = 0;
    for (const auto& c : changes) region += c.record.size();
    meta.push_back(0x80);  // ISO/IEC 7816-4
    while ((meta.size() + region) % kSegmentBlock) meta.push_back(0);
    const auto nonce = crypto::random_bytes(crypto::kXNonceSize);
    auto ct = crypto::xchacha_encrypt(key.span(), nonce, meta, ad);
    crypto::wipe(meta);
    if (mac) mac->assign(ct.end() - static_cast<std::ptrdiff_t>(kMacSize), ct.end());
    wire::Writer len;
    const std::uint64_t sealed_meta = crypto::kXNonceSize + ct.size();
    for (int i = 0; i < 8; ++i) len.u8(static_cast<std::uint8_t>(sealed_meta >> (8 * i)));
    const auto hnonce = crypto::random_bytes(crypto::kXNonceSize);
    const auto hct = crypto::xchacha_encrypt(key.span(), hnonce, len.out, crypto::concat({ad, crypto::as_bytes(kLengthAd)}));
    crypto::Bytes out;
    out.reserve(kMagicSize + kLengthHeader + sealed_meta + region);
    out.insert(out.end(), magic.begin(), magic.end());
    out.insert(out.end(), hnonce.begin(), hnonce.end());
    out.insert(out.end(), hct.begin(), hct.end());
    out.insert(out.end(), nonce.begin(), nonce.end());
    out.insert(out.end(), ct.begin(), ct.end());
    for (const auto& c : changes) out.insert(out.end(), c.record.begin(), c.record.end());
    return out;
}

// Format 3, inside `file`: the metadata opened in place (and wiped after reading), each record
// taken from the region after it at the place the metadata gives, with the nonce and tag it
// names. The records themselves are opened by the reader (sync's engine), all before any applies.
std::optional<Segment> open_file3(crypto::Bytes& file, const crypto::SecretBuffer& key, const crypto::Bytes& ad,
                                  bool snapshot, crypto::Bytes* mac, Records how) {
    if (file.size() < kMagicSize + kLengthHeader + crypto::kXNonceSize + kMacSize) return std::nullopt;
    auto len = crypto::open_in_place(key.span(), std::span(file).subspan(kMagicSize, kLengthHeader),
                                     crypto::concat({ad, crypto::as_bytes(kLengthAd)}));
    if (!len || len->size() != 8) return std::nullopt;
    std::uint64_t sealed_meta = 0;
    for (int i = 0; i < 8; ++i) sealed_meta |= static_cast<std::uint64_t>((*len)[i]) << (8 * i);
    const std::size_t at = kMagicSize + kLengthHeader;
    if (sealed_meta < crypto::kXNonceSize + kMacSize + 1 || sealed_meta > file.size() - at) return std::nullopt;
    const auto sealed = std::span(file).subspan(at, static_cast<std::size_t>(sealed_meta));
    crypto::Bytes tag(sealed.end() - static_cast<std::ptrdiff_t>(kMacSize), sealed.end());
    auto plain = crypto::open_in_place(key.span(), sealed, ad);
    if (!plain) return std::nullopt;
    std::size_t end = plain->size();  // the padding: zeros after one 0x80
    while (end > 0 && (*plain)[end - 1] == 0) --end;
    std::optional<Segment> s;
    if (end > 0 && (*plain)[end - 1] == 0x80)
        s = read_content(plain->first(end - 1), snapshot, 3, std::span(file).subspan(at + sealed.size()), how);
    crypto::wipe(plain->data(), plain->size());
    if (s && mac) *mac = std::move(tag);
    if (s && how == Records::in_file) s->file = std::move(file);  // the views stay valid
    return s;
}

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
    const int format = s.format >= 1 && s.format <= kSegmentFormat ? s.format : kSegmentFormat;
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
        if (format >= 3) {  // the record follows the metadata; here its length, nonce and tag
            w.varint(c.record.size());
            if (!c.record.empty()) {
                w.raw(std::span(c.record).first(crypto::kXNonceSize));
                w.raw(std::span(c.record).last(kMacSize));
            }
        } else {
            w.bytes(c.record);
        }
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
        if (format >= 3)
            return seal_file3(std::string_view(kSnapMagic[format], kMagicSize), std::move(w.out), s.changes, key,
                              named_ad(kSnapshotAd[format], s.device, s.counter), nullptr);
        return seal_file(std::string_view(kSnapMagic[format], kMagicSize), std::move(w.out), key,
                         named_ad(kSnapshotAd[format], s.device, s.counter), nullptr);
    }
    if (format >= 3)
        return seal_file3(std::string_view(kMagic[format], kMagicSize), std::move(w.out), s.changes, key,
                          segment_ad(format, s.device, s.counter, s.prev_mac), &mac);
    return seal_file(std::string_view(kMagic[format], kMagicSize), std::move(w.out), key,
                     segment_ad(format, s.device, s.counter, s.prev_mac), &mac);
}

std::optional<Segment> open_segment(std::span<const std::uint8_t> file, const crypto::SecretBuffer& key,
                                    const std::string& device, std::uint64_t counter,
                                    std::span<const std::uint8_t> prev_mac, crypto::Bytes& mac) {
    const int format = format_of(file, kMagic);
    if (!format) return std::nullopt;
    if (format >= 3) return open_segment(crypto::Bytes(file.begin(), file.end()), key, device, counter, prev_mac, mac);
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
                                    std::uint64_t counter, std::span<const std::uint8_t> prev_mac, crypto::Bytes& mac,
                                    Records records) {
    const int format = format_of(file, kMagic);
    if (!format) return std::nullopt;
    if (format >= 3) {  // only the metadata is plaintext to wipe: the records stay sealed
        crypto::Bytes tag;
        auto s = open_file3(file, key, segment_ad(format, device, counter, prev_mac), false, &tag, records);
        if (!s || s->device != device || s->counter != counter) return std::nullopt;
        mac = std::move(tag);
        return s;
    }
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
    if (format >= 3) return open_snapshot(crypto::Bytes(file.begin(), file.end()), key, device, counter);
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
                                     std::uint64_t counter, Records records) {
    const int format = format_of(file, kSnapMagic);
    if (!format) return std::nullopt;
    std::optional<Segment> s;
    if (format >= 3) {
        s = open_file3(file, key, named_ad(kSnapshotAd[format], device, counter), true, nullptr, records);
    } else {
        auto content = open_file_in_place(std::string_view(kSnapMagic[format], kMagicSize), file, key,
                                          named_ad(kSnapshotAd[format], device, counter));
        if (content) s = read_content(*content, true, format);
        crypto::wipe(file);
    }
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

std::optional<Segment> read_content(std::span<const std::uint8_t> content, bool snapshot, int format,
                                    std::span<const std::uint8_t> records, Records how) {
    std::size_t at = 0;  // format 3: the next record's place in `records`
    std::vector<std::pair<std::size_t, std::size_t>> places;  // format 3: each change's record
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
    s.changes.reserve(static_cast<std::size_t>(nc));
    for (std::uint64_t i = 0; i < nc && r.ok(); ++i) {
        SegChange c;
        auto id = r.raw(16);
        if (!r.ok()) break;
        std::copy(id.begin(), id.end(), c.id.bytes.begin());
        c.state = get_rec_state(r);
        if (format >= 2) c.version = r.varint();
        if (format >= 3) {
            const auto len = r.varint();
            if (len > 0) {
                const auto nonce = r.raw(crypto::kXNonceSize);
                const auto tag = r.raw(kMacSize);
                if (!r.ok() || len < kRecordMin || len > records.size() - at) return std::nullopt;
                const auto rec = records.subspan(at, static_cast<std::size_t>(len));
                if (how == Records::in_file) {  // matched as it is opened (ends_match)
                    std::copy(nonce.begin(), nonce.end(), c.ends.begin());
                    std::copy(tag.begin(), tag.end(), c.ends.begin() + crypto::kXNonceSize);
                } else if (!std::equal(nonce.begin(), nonce.end(), rec.begin()) ||
                           !std::equal(tag.begin(), tag.end(), rec.end() - static_cast<std::ptrdiff_t>(kMacSize))) {
                    return std::nullopt;
                }
                places.resize(s.changes.size() + 1);
                places.back() = {at, rec.size()};
                at += rec.size();
            }
        } else {
            auto rec = r.bytes();
            c.record.assign(rec.begin(), rec.end());
        }
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
    if (!r.ok() || !r.done() || at != records.size()) return std::nullopt;
    if (format >= 3 && how == Records::in_file) {
        for (std::size_t i = 0; i < places.size(); ++i)
            if (places[i].second) s.changes[i].in_file = records.subspan(places[i].first, places[i].second);
    } else if (format >= 3) {
        places.resize(s.changes.size());  // a tombstone's: none
        journal::parallel_for(places.size(), [&](std::size_t i) {  // 25 MB for a whole journal
            const auto [from, len] = places[i];
            if (len) s.changes[i].record.assign(records.begin() + static_cast<std::ptrdiff_t>(from),
                                                records.begin() + static_cast<std::ptrdiff_t>(from + len));
        });
    }
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
