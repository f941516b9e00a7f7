// Compaction (docs/sync.md §6): reading another device's snapshot instead of segments that
// are gone, writing this device's snapshot, its ack, and removing its own old files once every
// known device has acknowledged them.
#include <algorithm>

#include "journal/codec.hpp"
#include "journal/sync/run.hpp"

namespace afterglow::sync {

bool Run::known_other(std::uint32_t idx) const {
    if (idx == *st.me || st.superseded.count(idx)) return false;
    return std::find(st.retired.begin(), st.retired.end(), idx) == st.retired.end();
}

Result<bool> Run::read_snapshot(const std::string& dev, std::uint64_t n, Chain& chain, const LocalRecords& locals) {
    const auto name = segment_name(dev, n, FileKind::snapshot);
    auto bytes = get(name);
    rep.files_read += 1;
    if (!bytes) {
        if (bytes.error().code == Errc::not_found) return false;  // gone since the listing
        return store_error(store, bytes.error(), "read");
    }
    auto seg = open_snapshot(std::move(*bytes), key, dev, n, Records::in_file);
    std::optional<Opened> opened;
    if (seg) opened = open_records(*seg);
    if (!opened) {
        skip(name, "snapshot fails authentication (damaged, cut short, still uploading, or not this "
                   "journal's): skipped, read again next time");
        return false;
    }
    apply_segment(*seg, std::move(*opened), locals);
    // Its records hold every change the writer had read of the others: catch up with it.
    for (auto& p : seg->positions) {
        if (p.device == dev) continue;
        const auto idx = st.device_index(p.device);
        if (!known_other(idx)) continue;
        Chain& c = st.remote[idx];
        if (p.counter > c.counter) c = Chain{p.counter, std::move(p.mac)};
    }
    for (const auto& d : seg->superseded) {
        if (d == dev || !valid_device_id(d)) continue;
        const auto idx = st.device_index(d);
        if (known_other(idx)) st.superseded.insert(idx);
        else if (idx == *st.me) rebase = true;  // this device was forgotten there (§6)
    }
    chain.counter = n;
    chain.mac = seg->prev_mac;
    rep.snapshots_read += 1;
    return true;
}

Status Run::start_from_snapshot(const LocalRecords& locals) {
    // Only a device that has read nothing yet.
    if (st.own.counter > 0 || std::any_of(st.remote.begin(), st.remote.end(), [](const auto& r) { return r.second.counter > 0; }))
        return {};
    // The largest newest snapshot: one file instead of every device's history.
    const std::string me = st.devices[*st.me];
    std::string best;
    std::uint64_t best_n = 0, best_size = 0;
    for (const auto& [dev, files] : snaps) {
        if (dev == me || files.empty()) continue;
        const auto& [n, size] = *files.rbegin();
        if (size > best_size) {
            best = dev;
            best_n = n;
            best_size = size;
        }
    }
    if (best.empty()) return {};
    if (auto r = read_snapshot(best, best_n, st.remote[st.device_index(best)], locals); !r) return r.error();
    return {};
}

Status Run::compact(const LocalRecords& locals) {
    for (const auto& [dev, files] : acks)  // a device that only reads is known by its ack
        if (!files.empty()) (void)st.device_index(dev);
    if (!st.me || st.own.counter == 0 || !st.pending.empty()) return {};
    const std::string me = st.devices[*st.me];
    auto& my_snaps = snaps[me];
    auto& my_segs = segs[me];
    std::uint64_t s = 0;  // this device's newest snapshot in the store
    for (const auto& [n, size] : my_snaps)
        if (n <= st.own.counter) s = n;
    const bool lost = st.own_floor > 0 && s < st.own_floor;  // removed segments, and no snapshot
    const auto every = static_cast<std::uint64_t>(std::max(opt.snapshot_every, 0));
    if (every > 0 && ((sent_segment && st.own.counter >= s + every) || lost)) {
        Segment snap = whole_state(locals, me, st.own.counter);
        snap.snapshot = true;
        snap.prev_mac = st.own.mac;
        for (const auto& [idx, c] : st.remote)
            if (c.counter > 0 && known_other(idx)) snap.positions.push_back({st.devices[idx], c.counter, c.mac});
        for (auto idx : st.superseded) snap.superseded.push_back(st.devices[idx]);
        for (auto idx : st.retired) snap.superseded.push_back(st.devices[idx]);
        if (auto sr = seal_records(snap); !sr) return sr;
        crypto::Bytes unused;
        auto bytes = seal_segment(snap, key, unused);
        for (auto& c : snap.changes) crypto::wipe(c.record);
        const auto name = segment_name(me, st.own.counter, FileKind::snapshot);
        if (auto p = store.put(name, bytes); !p) {
            skip(name, "this device's snapshot could not be written (" + p.error().message +
                           "): written again next time");
            return {};
        }
        rep.bytes_written += bytes.size();
        rep.snapshot_written = true;
        s = st.own.counter;
        my_snaps[s] = bytes.size();
    }
    if (s == 0) return {};
    const bool candidates = (!my_segs.empty() && my_segs.begin()->first <= s) ||
                            (!my_snaps.empty() && my_snaps.begin()->first < s);
    if (!candidates) return {};
    // Every known device's newest ack: how far it has read this device.
    std::uint64_t floor = s;
    for (std::uint32_t idx = 0; idx < st.devices.size() && floor > 0; ++idx) {
        if (!known_other(idx)) continue;
        const std::string dev = st.devices[idx];
        auto& pa = st.peer_acks[idx];
        auto listed = acks.find(dev);
        if (listed != acks.end() && !listed->second.empty() && listed->second.rbegin()->first > pa.seq) {
            const auto seq = listed->second.rbegin()->first;
            const auto name = segment_name(dev, seq, FileKind::ack);
            auto bytes = store.get(name);
            rep.files_read += 1;
            std::optional<AckMap> ack;
            if (bytes) ack = open_ack(*bytes, key, dev, seq);
            if (ack) {
                pa.seq = seq;  // never lower: an old copy of an ack is ignored
                pa.read.clear();
                for (const auto& [d, n] : *ack)
                    if (valid_device_id(d)) pa.read[st.device_index(d)] = n;
            } else if (bytes) {
                skip(name, "ack fails authentication (damaged, or not written by that device): it counts as "
                           "no ack");
            }
        }
        auto it = pa.read.find(*st.me);
        floor = std::min(floor, it == pa.read.end() ? 0 : it->second);
    }
    auto gone = [&](const std::string& name) {
        auto r = store.remove(name);
        if (r || r.error().code == Errc::not_found) {
            rep.removed += 1;
            return true;
        }
        return false;  // tried again next run
    };
    for (auto it = my_snaps.begin(); it != my_snaps.end() && it->first < s;)
        it = gone(segment_name(me, it->first, FileKind::snapshot)) ? my_snaps.erase(it) : std::next(it);
    for (auto it = my_segs.begin(); it != my_segs.end() && it->first <= floor;)
        it = gone(segment_name(me, it->first)) ? my_segs.erase(it) : std::next(it);
    st.own_floor = std::max(st.own_floor, floor);
    return {};
}

std::optional<PendingAck> Run::prepare_ack() {
    std::map<std::uint32_t, std::uint64_t> now;
    for (const auto& [idx, c] : st.remote)
        if (c.counter > 0 && known_other(idx)) now[idx] = c.counter;
    const std::string me = st.devices[*st.me];
    auto& mine = acks[me];
    const bool in_store = st.ack_seq == 0 || mine.count(st.ack_seq);
    if (now == st.acked && in_store) return std::nullopt;
    const std::uint64_t seq = std::max(st.ack_seq, mine.empty() ? 0 : mine.rbegin()->first) + 1;
    AckMap m;
    for (const auto& [idx, n] : now) m[st.devices[idx]] = n;
    PendingAck out{segment_name(me, seq, FileKind::ack), seal_ack(me, seq, m, key), {}};
    for (const auto& [n, size] : mine) out.older.push_back(segment_name(me, n, FileKind::ack));
    mine.clear();
    mine[seq] = out.bytes.size();
    st.ack_seq = seq;
    st.acked = std::move(now);
    return out;
}

bool put_ack(Store& store, const PendingAck& ack) {
    if (!store.put(ack.name, ack.bytes)) return false;  // written again next run
    for (const auto& name : ack.older) (void)store.remove(name);
    return true;
}

}  // namespace afterglow::sync
