#include "journal/sync/state.hpp"

#include <algorithm>

#include "journal/sync/wire.hpp"

namespace afterglow::sync {
namespace {

// 3: a record's stamps once each (its fields name them), hashes as 8 bytes; 2: each field's
// stamp in full, as segments carry them (read still); 1: before compaction (read still).
constexpr std::uint8_t kStateVersion = 3;

Stamp get_stamp(wire::Reader& r) {
    Stamp s;
    s.wall = r.varint();
    s.logical = static_cast<std::uint32_t>(r.varint());
    s.dev = static_cast<std::uint32_t>(r.varint());
    s.seq = r.varint();
    return s;
}

void put_chain(wire::Writer& w, const Chain& c) {
    w.varint(c.counter);
    w.bytes(c.mac);
}

Chain get_chain(wire::Reader& r) {
    Chain c;
    c.counter = r.varint();
    auto m = r.bytes();
    c.mac.assign(m.begin(), m.end());
    return c;
}

}  // namespace

namespace {
// The most bytes put_rec_state writes for `s` (varints of 64 and 32 bits: 10 and 5 bytes).
std::size_t rec_state_bound(const RecState& s) { return 2 + 10 + 10 + s.vv.size() * 15 + 10 + s.fields.size() * 40; }

// Both versions: kind, tombstone, version, version vector, the number of fields.
std::uint8_t* put_head(std::uint8_t* p, const RecState& s) {
    *p++ = s.kind;
    *p++ = s.tombstone ? 1 : 0;
    p = wire::put_varint(p, s.version);
    p = wire::put_varint(p, s.vv.size());
    for (const auto& [dev, seq] : s.vv) {
        p = wire::put_varint(p, dev);
        p = wire::put_varint(p, seq);
    }
    p = wire::put_varint(p, s.fields.size());
    return p;
}

std::uint8_t* put_rec_state(std::uint8_t* p, const RecState& s) {
    p = put_head(p, s);
    for (const auto& f : s.fields) {  // the hash, then the stamp (put_stamp's order)
        p = wire::put_varint(p, f.hash);
        p = wire::put_varint(p, f.stamp.wall);
        p = wire::put_varint(p, f.stamp.logical);
        p = wire::put_varint(p, f.stamp.dev);
        p = wire::put_varint(p, f.stamp.seq);
    }
    return p;
}
// Version 3 of the state: the same, but a record's distinct stamps listed once (a record's
// fields mostly share the stamp of the change that wrote them) and each field naming its stamp;
// a field hash is 8 bytes (a varint of a random 64-bit number takes 9 or 10).
std::size_t rec_state3_bound(const RecState& s) {
    return 2 + 10 + 10 + s.vv.size() * 15 + 10 + 10 + s.fields.size() * (30 + 8 + 10);
}

std::uint8_t* put_rec_state3(std::uint8_t* p, const RecState& s) {
    p = put_head(p, s);
    // Each distinct stamp once, in the order the fields first name them (a record written by
    // one change has one; past a few, each field's own: a search stays short).
    thread_local std::vector<std::size_t> first, index;  // the stamps' first fields; each field's stamp
    first.clear();
    index.clear();
    for (std::size_t i = 0; i < s.fields.size(); ++i) {
        std::size_t k = 0;
        const std::size_t look = std::min<std::size_t>(first.size(), 8);
        while (k < look && s.fields[first[k]].stamp != s.fields[i].stamp) ++k;
        if (k == look) {
            k = first.size();
            first.push_back(i);
        }
        index.push_back(k);
    }
    p = wire::put_varint(p, first.size());
    for (const std::size_t f : first) {
        const Stamp& st = s.fields[f].stamp;
        p = wire::put_varint(p, st.wall);
        p = wire::put_varint(p, st.logical);
        p = wire::put_varint(p, st.dev);
        p = wire::put_varint(p, st.seq);
    }
    for (std::size_t i = 0; i < s.fields.size(); ++i) {
        for (int b = 0; b < 8; ++b) *p++ = static_cast<std::uint8_t>(s.fields[i].hash >> (8 * b));
        p = wire::put_varint(p, index[i]);
    }
    return p;
}

// Both versions: kind, tombstone, version and version vector.
void get_head(wire::Reader& r, RecState& s) {
    s.kind = r.u8();
    s.tombstone = r.u8() != 0;
    s.version = r.varint();
    const auto nvv = r.count(2);
    s.vv.reserve(static_cast<std::size_t>(nvv));  // one allocation each, not one per doubling
    for (std::uint64_t i = 0; i < nvv && r.ok(); ++i) {
        const auto dev = static_cast<std::uint32_t>(r.varint());
        s.vv.emplace_back(dev, r.varint());
    }
}

RecState get_rec_state3(wire::Reader& r) {
    RecState s;
    get_head(r, s);
    const auto nf = r.count(9);
    const auto ns = r.count(4);
    thread_local std::vector<Stamp> stamps;
    stamps.clear();
    for (std::uint64_t k = 0; k < ns && r.ok(); ++k) stamps.push_back(get_stamp(r));
    s.fields.resize(static_cast<std::size_t>(nf));
    for (auto& f : s.fields) {
        const auto h = r.raw(8);
        const auto k = r.varint();
        if (!r.ok() || k >= stamps.size()) {
            r.fail();
            break;
        }
        for (std::size_t b = 0; b < 8; ++b) f.hash |= static_cast<std::uint64_t>(h[b]) << (8 * b);
        f.stamp = stamps[static_cast<std::size_t>(k)];
    }
    return s;
}

}  // namespace

void put_rec_state(wire::Writer& w, const RecState& s) {
    const std::size_t at = w.out.size();
    w.out.resize(at + rec_state_bound(s));
    const auto* end = put_rec_state(w.out.data() + at, s);
    w.out.resize(static_cast<std::size_t>(end - w.out.data()));
}

RecState get_rec_state(wire::Reader& r) {
    RecState s;
    get_head(r, s);
    const auto nf = r.count(5);
    s.fields.reserve(static_cast<std::size_t>(nf));
    for (std::uint64_t i = 0; i < nf && r.ok(); ++i) {
        FieldState f;
        f.hash = r.varint();
        f.stamp = get_stamp(r);
        s.fields.push_back(f);
    }
    return s;
}

std::uint32_t SyncState::device_index(const std::string& id) {
    auto it = std::find(devices.begin(), devices.end(), id);
    if (it != devices.end()) return static_cast<std::uint32_t>(it - devices.begin());
    devices.push_back(id);
    return static_cast<std::uint32_t>(devices.size() - 1);
}

crypto::Bytes encode_state(const SyncState& s, int version) {
    wire::Writer w;
    w.u8(static_cast<std::uint8_t>(version));
    w.varint(s.devices.size());
    for (const auto& d : s.devices) w.str(d);
    w.u8(s.me ? 1 : 0);
    w.varint(s.me.value_or(0));
    put_chain(w, s.own);
    w.varint(s.own_sizes.size());
    for (auto v : s.own_sizes) w.varint(v);
    w.varint(s.seq);
    w.varint(s.wall);
    w.varint(s.logical);
    w.varint(s.retired.size());
    for (auto v : s.retired) w.varint(v);
    w.varint(s.remote.size());
    for (const auto& [dev, c] : s.remote) {
        w.varint(dev);
        put_chain(w, c);
    }
    w.varint(s.superseded.size());
    for (auto v : s.superseded) w.varint(v);
    w.varint(s.records.size());
    {  // room for the most they can take, written through a pointer, then cut to what they took
        std::size_t bound = 0;
        const bool v3 = version >= 3;
        for (const auto& [id, rs] : s.records)
            bound += id.bytes.size() + (v3 ? rec_state3_bound(rs) : rec_state_bound(rs));
        const std::size_t at = w.out.size();
        w.out.resize(at + bound);
        std::uint8_t* p = w.out.data() + at;
        for (const auto& [id, rs] : s.records) {
            p = std::copy(id.bytes.begin(), id.bytes.end(), p);
            p = v3 ? put_rec_state3(p, rs) : put_rec_state(p, rs);
        }
        w.out.resize(static_cast<std::size_t>(p - w.out.data()));
    }
    w.varint(s.pending.size());
    for (const auto& id : s.pending) w.raw(id.bytes);
    w.varint(s.conflicts.size());
    for (const auto& c : s.conflicts) {
        w.raw(c.kept.bytes);
        w.raw(c.other.bytes);
    }
    w.varint(s.key_hash);
    w.varint(static_cast<std::uint64_t>(s.last_sync_ms));
    w.u8(s.last_ok ? 1 : 0);
    w.str(s.last_message);
    w.varint(static_cast<std::uint64_t>(s.devices_seen));
    w.varint(s.skipped.size());
    for (const auto& f : s.skipped) {
        w.str(f.name);
        w.str(f.reason);
    }
    w.str(s.target);
    auto put_map = [&](const std::map<std::uint32_t, std::uint64_t>& m) {
        w.varint(m.size());
        for (const auto& [k, v] : m) {
            w.varint(k);
            w.varint(v);
        }
    };
    w.varint(s.own_floor);
    w.varint(s.ack_seq);
    put_map(s.acked);
    w.varint(s.peer_acks.size());
    for (const auto& [dev, a] : s.peer_acks) {
        w.varint(dev);
        w.varint(a.seq);
        put_map(a.read);
    }
    w.varint(s.forget.size());
    for (const auto& d : s.forget) w.str(d);
    return std::move(w.out);
}

std::optional<SyncState> decode_state(std::span<const std::uint8_t> bytes) {
    wire::Reader r(bytes);
    const auto version = r.u8();
    if (version < 1 || version > kStateVersion) return std::nullopt;
    SyncState s;
    auto id = [&] {
        journal::RecordId out;
        auto b = r.raw(16);
        if (r.ok()) std::copy(b.begin(), b.end(), out.bytes.begin());
        return out;
    };
    const auto nd = r.count();
    for (std::uint64_t i = 0; i < nd && r.ok(); ++i) s.devices.push_back(r.str());
    const bool has_me = r.u8() != 0;
    const auto me = static_cast<std::uint32_t>(r.varint());
    if (has_me) s.me = me;
    s.own = get_chain(r);
    const auto ns = r.count();
    for (std::uint64_t i = 0; i < ns && r.ok(); ++i) s.own_sizes.push_back(r.varint());
    s.seq = r.varint();
    s.wall = r.varint();
    s.logical = static_cast<std::uint32_t>(r.varint());
    const auto nr = r.count();
    for (std::uint64_t i = 0; i < nr && r.ok(); ++i) s.retired.push_back(static_cast<std::uint32_t>(r.varint()));
    const auto nrem = r.count(2);
    for (std::uint64_t i = 0; i < nrem && r.ok(); ++i) {
        const auto dev = static_cast<std::uint32_t>(r.varint());
        s.remote[dev] = get_chain(r);
    }
    const auto nsup = r.count();
    for (std::uint64_t i = 0; i < nsup && r.ok(); ++i) s.superseded.insert(static_cast<std::uint32_t>(r.varint()));
    const auto nrec = r.count(19);
    for (std::uint64_t i = 0; i < nrec && r.ok(); ++i) {
        auto rid = id();
        s.records.emplace_hint(s.records.end(), rid, version >= 3 ? get_rec_state3(r) : get_rec_state(r));
    }
    const auto np = r.count(16);
    for (std::uint64_t i = 0; i < np && r.ok(); ++i) s.pending.insert(id());
    const auto nc = r.count(32);
    for (std::uint64_t i = 0; i < nc && r.ok(); ++i) {
        Conflict c;
        c.kept = id();
        c.other = id();
        s.conflicts.push_back(c);
    }
    s.key_hash = r.varint();
    s.last_sync_ms = static_cast<std::int64_t>(r.varint());
    s.last_ok = r.u8() != 0;
    s.last_message = r.str();
    s.devices_seen = static_cast<int>(r.varint());
    const auto nsk = r.count(2);
    for (std::uint64_t i = 0; i < nsk && r.ok(); ++i) {
        SkippedFile f;
        f.name = r.str();
        f.reason = r.str();
        s.skipped.push_back(std::move(f));
    }
    s.target = r.str();
    if (version >= 2) {
        auto get_map = [&](std::map<std::uint32_t, std::uint64_t>& m) {
            const auto n = r.count(2);
            for (std::uint64_t i = 0; i < n && r.ok(); ++i) {
                const auto k = static_cast<std::uint32_t>(r.varint());
                m[k] = r.varint();
            }
        };
        s.own_floor = r.varint();
        s.ack_seq = r.varint();
        get_map(s.acked);
        const auto na = r.count(3);
        for (std::uint64_t i = 0; i < na && r.ok(); ++i) {
            const auto dev = static_cast<std::uint32_t>(r.varint());
            auto& a = s.peer_acks[dev];
            a.seq = r.varint();
            get_map(a.read);
        }
        const auto nf = r.count();
        for (std::uint64_t i = 0; i < nf && r.ok(); ++i) s.forget.push_back(r.str());
    }
    if (!r.ok() || !r.done()) return std::nullopt;
    for (auto dev : s.retired)
        if (dev >= s.devices.size()) return std::nullopt;
    if (s.me && *s.me >= s.devices.size()) return std::nullopt;
    return s;
}

}  // namespace afterglow::sync
