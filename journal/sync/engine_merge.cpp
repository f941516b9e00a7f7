// Reading other devices' segments through their chains, merging them into the vault, and
// writing this device's segment (docs/sync.md §2-§4).
#include <algorithm>
#include <atomic>
#include <functional>
#include <set>
#include <thread>

#include "journal/codec.hpp"
#include "journal/index.hpp"
#include "journal/parallel.hpp"
#include "journal/sync/run.hpp"

namespace afterglow::sync {

using journal::Record;
using journal::RecordId;

void wipe_work(std::map<RecordId, Version>& work) {
    for (auto& [id, v] : work)
        if (v.record) journal::wipe_record(*v.record);
    work.clear();
}

Run::~Run() {
    wipe_work(work);
    wipe_work(spent);
    for (auto& r : copies) journal::wipe_record(r);
}

Status Run::receive(const LocalRecords& locals) {
    if (auto st_ = start_from_snapshot(locals); !st_) return st_;
    const std::string me = st.devices[*st.me];
    std::set<std::string> devs;
    for (const auto& [dev, c] : segs) devs.insert(dev);
    for (const auto& [dev, c] : snaps) devs.insert(dev);
    for (const auto& dev : devs) {
        const auto& counters = segs[dev];
        const auto& snapshots = snaps[dev];
        const std::uint64_t top = std::max(counters.empty() ? 0 : counters.rbegin()->first,
                                           snapshots.empty() ? 0 : snapshots.rbegin()->first);
        if (top == 0) continue;
        const auto idx = st.device_index(dev);
        if (std::find(st.retired.begin(), st.retired.end(), idx) != st.retired.end()) continue;
        if (st.superseded.count(idx)) continue;
        const bool own = dev == me;
        if (own && top <= st.own.counter) continue;
        Chain& chain = own ? st.own : st.remote[idx];
        if (top < chain.counter)
            skip("D/" + dev, "holds fewer segments than were already read from it (an older copy of the "
                             "store?): nothing was rewound");
        bool snapshot_failed = false;
        std::uint64_t bad = 0;  // a segment that failed authentication in this run
        for (;;) {
            const std::uint64_t n = chain.counter + 1;
            // The next segment is not there (removed, lost, not arrived), fails authentication
            // (damaged for good, §4 rule 3), or nothing of this device was read yet: its newest
            // snapshot ahead of the position stands in (§6).
            const auto newest = snapshots.empty() ? 0 : snapshots.rbegin()->first;
            if (!snapshot_failed && newest > chain.counter && (!counters.count(n) || chain.counter == 0 || bad == n)) {
                auto r = read_snapshot(dev, newest, chain, locals);
                if (!r) return r.error();
                if (*r) continue;
                snapshot_failed = true;
                if (bad == n) break;
            }
            if (!counters.count(n)) break;
            const auto name = segment_name(dev, n);
            auto bytes = get(name);
            rep.files_read += 1;
            if (!bytes) {
                if (bytes.error().code == Errc::not_found) break;  // gone since the listing
                return store_error(store, bytes.error(), "read");
            }
            crypto::Bytes mac;
            auto seg = open_segment(std::move(*bytes), key, dev, n, chain.mac, mac, Records::in_file);
            std::optional<Opened> opened;
            if (seg) opened = open_records(*seg);
            if (!opened) {
                skip(name, "fails authentication (damaged, cut short, still uploading, or out of "
                           "order): skipped, read again next time");
                bad = n;
                if (!snapshot_failed && newest > chain.counter) continue;  // a newer snapshot stands in
                break;
            }
            apply_segment(*seg, std::move(*opened), locals);
            chain.counter = n;
            chain.mac = std::move(mac);
            if (own) {  // segments of ours this vault had not recorded: keep their sizes
                st.own_sizes.resize(n, 0);
                st.own_sizes[n - 1] = counters.at(n);
            }
        }
        const std::uint64_t n = chain.counter + 1;
        if (!st.superseded.count(idx) && counters.upper_bound(n) != counters.end() && !counters.count(n))
            skip(segment_name(dev, n), "missing from the store: this device's later segments wait for it");
    }
    return {};
}

std::optional<Run::Opened> Run::open_records(const Segment& seg) {
    // A snapshot or a first segment holds every record: opened once, on every core. Formats 2
    // and 3 carry them sealed as a vault seals them, format 1 as codec bytes.
    const std::size_t n = seg.changes.size();
    Opened decoded(n);
    auto open_one = [&](std::size_t i) {
        const auto& c = seg.changes[i];
        if (c.state.tombstone || !ends_match(c)) return;
        decoded[i] = seg.format >= 2 ? vault.open_synced(c.id, c.version, sealed_of(c)) : journal::codec::decode(c.record);
        if (decoded[i] && (journal::meta_of(*decoded[i]).id != c.id || kind_code(*decoded[i]) != c.state.kind))
            decoded[i].reset();
    };
    bool preloading = false;
    if (!open_while_preloading(seg, open_one, preloading)) journal::parallel_for(n, open_one);
    if (seg.format >= 3)
        for (std::size_t i = 0; i < n; ++i)
            if (!seg.changes[i].state.tombstone && !decoded[i]) {
                if (preloading) vault.drop_preloaded();  // nothing of the file stays
                for (auto& r : decoded)
                    if (r) journal::wipe_record(*r);
                return std::nullopt;
            }
    return decoded;
}

bool Run::open_while_preloading(const Segment& seg, const std::function<void(std::size_t)>& open_one,
                               bool& preloaded) {
#if defined(__EMSCRIPTEN__)
    (void)seg;
    (void)open_one;
    (void)preloaded;
    return false;  // the browser's threads are few: parallel_for alone
#else
    // A join's first file into its empty vault (nothing read or held yet): SQLite stores the
    // records as they came on one thread while the others open them, then it opens too; the
    // merge's commit takes the rows as stored (Vault::preload_synced). Two busy threads on two
    // cores, instead of the opening on both and then the inserts on one.
    const std::size_t n = seg.changes.size();
    if (seg.format < 2 || n < 256 || !work.empty() || !st.records.empty() || !sealed_in.empty()) return false;
    std::vector<journal::Vault::SyncedRow> rows;
    rows.reserve(n);
    for (const auto& c : seg.changes)
        if (!c.state.tombstone && !sealed_of(c).empty()) rows.push_back({c.id, c.version, sealed_of(c)});
    std::atomic<std::size_t> next{0};
    auto open_some = [&] {
        for (;;) {
            const std::size_t lo = next.fetch_add(32);
            if (lo >= n) return;
            for (std::size_t i = lo; i < std::min(n, lo + 32); ++i) open_one(i);
        }
    };
    Result<bool> stored = false;
    {
        std::vector<std::jthread> helpers;
        helpers.emplace_back([&] {
            stored = vault.preload_synced(std::move(rows));
            open_some();
        });
        for (unsigned t = 2; t < std::min(std::thread::hardware_concurrency(), 4u); ++t) helpers.emplace_back(open_some);
        open_some();
    }
    preloaded = stored && *stored;  // an error: nothing stored, the commit stores them all
    return true;
#endif
}

void Run::apply_segment(Segment& seg, Opened decoded, const LocalRecords& locals) {
    if (!seg.file.empty()) kept.push_back(std::move(seg.file));  // the records' bytes stay where they are
    std::vector<std::uint32_t> remap;
    remap.reserve(seg.devices.size());
    for (const auto& d : seg.devices) remap.push_back(st.device_index(d));
    for (const auto& [dev, upto] : seg.replaces) {
        if (!valid_device_id(dev) || dev == seg.device) continue;
        const auto idx = st.device_index(dev);
        if (idx != *st.me) st.superseded.insert(idx);
        // Another device forgot this one (sync forget-device: a phone thought lost): nobody
        // reads this id any more, so this device writes its journal again under a new one.
        else if (seg.device != st.devices[*st.me]) rebase = true;
    }
    observe(seg.wall, seg.logical);
    st.conflicts.insert(st.conflicts.end(), seg.conflicts.begin(), seg.conflicts.end());
    for (std::size_t ci = 0; ci < seg.changes.size(); ++ci) {
        auto& c = seg.changes[ci];
        Version in;
        in.state = std::move(c.state);
        for (auto& [dev, seq] : in.state.vv) dev = remap[dev];
        std::sort(in.state.vv.begin(), in.state.vv.end());
        for (auto& f : in.state.fields) f.stamp.dev = remap[f.stamp.dev];
        std::optional<Record>* rec = nullptr;  // the record as opened: moved once, to where it goes
        if (!in.state.tombstone) {
            rec = &decoded[ci];
            if (!*rec) {  // formats 1 and 2 (format 3: the whole file failed in open_records)
                skip(segment_name(seg.device, seg.counter, seg.snapshot ? FileKind::snapshot : FileKind::segment),
                     "holds a record that cannot be read: that record was skipped");
                continue;
            }
        }
        // A snapshot's or a segment's changes come sorted by id: each insertion at its hint.
        auto it = work.lower_bound(c.id);
        if (it == work.end() || it->first != c.id) {
            const auto known = st.records.find(c.id);
            const auto local = locals.find(c.id);
            if ((known == st.records.end() || known->second.kind == 0) && local == locals.end()) {
                // New here: taken whole, not copied.
                it = work.emplace_hint(it, std::piecewise_construct, std::forward_as_tuple(c.id), std::forward_as_tuple());
                Version& v = it->second;
                if (rec) v.record = std::move(**rec);
                v.state = std::move(in.state);
                v.state.version = v.record ? ~0ull : 0;  // ~0: "write it"
                // Stored in the vault as it came (sealed by the writer's vault), unless a later
                // change in this run alters it.
                if (seg.format >= 2 && v.record) {
                    sealed_in.emplace_hint(sealed_in.end(), c.id, sealed_of(c));
                    if (!c.record.empty()) kept.push_back(std::move(c.record));  // its bytes stay where they are
                }
                rep.received += 1;
                continue;
            }
            Version here;
            if (known != st.records.end()) here.state = known->second;
            if (local != locals.end()) here.record = local->second.record();
            it = work.emplace_hint(it, c.id, std::move(here));
        }
        if (rec) in.record = std::move(**rec);
        auto outcome = merge_into(it->second, in, st.devices);
        if (in.record) journal::wipe_record(*in.record);  // what the merge did not take
        if (outcome.state_changed || outcome.record_changed) rep.received += 1;
        if (outcome.send_on) st.pending.insert(c.id);
        for (auto& copy : outcome.conflict_copies) {
            const RecordId cid = journal::meta_of(copy).id;
            st.conflicts.push_back({c.id, cid});
            rep.conflicts_kept += 1;
            if (locals.count(cid) || st.records.count(cid) || work.count(cid)) continue;
            if (std::any_of(copies.begin(), copies.end(),
                            [&](const Record& r) { return journal::meta_of(r).id == cid; }))
                continue;
            copies.push_back(std::move(copy));
        }
        if (outcome.record_changed) {
            it->second.state.version = ~0ull;  // marks "write it"
            sealed_in.erase(c.id);             // no longer the record the writer sealed
        }
    }
}

Status Run::commit_merge() {
    std::vector<Record> upserts;
    std::vector<RecordId> deletes;
    std::vector<std::span<const std::uint8_t>> sealed;  // sealed[i]: upserts[i] as its writer sealed it, or empty
    upserts.reserve(work.size());
    sealed.reserve(work.size());
    auto s = sealed_in.begin();  // both in id order
    for (auto& [id, v] : work) {
        const bool write = v.state.version == ~0ull;
        if (write) {
            if (v.record) {
                upserts.push_back(std::move(*v.record));  // the vault holds it from here
                while (s != sealed_in.end() && s->first < id) ++s;
                sealed.push_back(s != sealed_in.end() && s->first == id ? s->second : std::span<const std::uint8_t>{});
            } else {
                deletes.push_back(id);
            }
        }
    }
    for (auto& c : copies)  // unless a later segment brought the same copy from its maker
        if (!work.count(journal::meta_of(c).id)) upserts.push_back(c);
    // Deduplicate the conflict list.
    std::sort(st.conflicts.begin(), st.conflicts.end(), [](const Conflict& a, const Conflict& b) {
        return std::tie(a.kept, a.other) < std::tie(b.kept, b.other);
    });
    st.conflicts.erase(std::unique(st.conflicts.begin(), st.conflicts.end(),
                                   [](const Conflict& a, const Conflict& b) { return a.kept == b.kept && a.other == b.other; }),
                       st.conflicts.end());
    const auto applied = upserts.empty() && deletes.empty()
                             ? Status{}
                             : vault.apply_synced(std::move(upserts), std::move(deletes), std::move(sealed));
    if (!applied) return applied;
    for (auto& r : copies) journal::wipe_record(r);  // the vault holds its own
    copies.clear();
    committed = local_records(vault);
    const LocalRecords& after = *committed;
    auto hint = st.records.begin();  // all three in id order
    auto l = after.begin();
    for (auto& [id, v] : work) {
        while (l != after.end() && l->first < id) ++l;
        v.state.version = l != after.end() && l->first == id ? l->second.version : 0;
        // A local edit not yet sent that the merge folded in stays pending (it is in the vv).
        hint = std::next(st.records.insert_or_assign(hint, id, std::move(v.state)));
    }
    spent = std::move(work);  // freed with the run (a join's: while its vault is fsynced)
    work.clear();
    return {};
}

Segment Run::whole_state(const LocalRecords& locals, const std::string& device, std::uint64_t counter) {
    Segment seg;
    seg.device = device;
    seg.counter = counter;
    seg.wall = st.wall;
    seg.logical = st.logical;
    seg.devices = st.devices;
    for (const auto& c : st.conflicts)
        if (locals.count(c.kept) && locals.count(c.other)) seg.conflicts.push_back(c);
    for (const auto& [id, rs] : st.records) add_change(seg, id, rs, locals);
    return seg;
}

void Run::add_change(Segment& seg, const RecordId& id, const RecState& rs, const LocalRecords& locals) {
    if (!rs.tombstone && !locals.count(id)) return;
    SegChange c;
    c.id = id;
    c.state = rs;
    c.state.version = 0;
    seg.changes.push_back(std::move(c));  // the record itself: seal_records
}

Status Run::seal_records(Segment& seg) {
    std::vector<RecordId> ids;
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < seg.changes.size(); ++i)
        if (!seg.changes[i].state.tombstone) {
            ids.push_back(seg.changes[i].id);
            at.push_back(i);
        }
    auto sealed = vault.seal_for_sync(ids);
    if (!sealed) return sealed.error();
    for (std::size_t k = 0; k < at.size(); ++k) {
        seg.changes[at[k]].version = (*sealed)[k].version;
        seg.changes[at[k]].record = std::move((*sealed)[k].blob);
    }
    std::erase_if(seg.changes, [](const SegChange& c) { return !c.state.tombstone && c.record.empty(); });
    return {};
}

Status Run::send(const LocalRecords& locals) {
    if (st.pending.empty() && !rebase && st.forget.empty()) return {};
    Segment seg;
    std::string me = st.devices[*st.me];
    std::uint32_t me_idx = *st.me;
    Chain chain = st.own;
    if (rebase) {  // a new id, its first segment holding everything this device knows
        me = opt.new_device_id ? opt.new_device_id() : new_device_id();
        me_idx = st.device_index(me);
        chain = Chain{};
        seg = whole_state(locals, me, 1);
        seg.replaces.emplace_back(st.devices[*st.me], st.own.counter);
        for (auto r : st.retired) seg.replaces.emplace_back(st.devices[r], 0);
    } else {
        seg.device = me;
        seg.counter = chain.counter + 1;
        seg.wall = st.wall;
        seg.logical = st.logical;
        seg.devices = st.devices;
        for (const auto& c : st.conflicts)
            if (locals.count(c.kept) && locals.count(c.other)) seg.conflicts.push_back(c);
        for (const auto& id : st.pending)
            if (auto it = st.records.find(id); it != st.records.end()) add_change(seg, id, it->second, locals);
    }
    seg.prev_mac = chain.mac;
    for (const auto& id : st.forget) seg.replaces.emplace_back(id, 0);  // forget-device
    if (auto s = seal_records(seg); !s) return s;
    crypto::Bytes mac;
    auto bytes = seal_segment(seg, key, mac);
    for (auto& c : seg.changes) crypto::wipe(c.record);
    const auto name = segment_name(me, seg.counter);
    if (auto p = store.put(name, bytes); !p) return store_error(store, p.error(), "write to");
    rep.bytes_written += bytes.size();
    rep.sent += static_cast<int>(rebase ? st.pending.size() : seg.changes.size());
    if (rebase) {
        const std::string old = st.devices[*st.me];
        st.retired.push_back(*st.me);
        st.me = me_idx;
        st.seq = std::max<std::uint64_t>(st.seq, 0);
        st.own_sizes.clear();
        // This device's old segments are replaced by the new id's first: remove them (best
        // effort; readers that find them skip them once they have read the replacement).
        for (const auto& [n, size] : segs[old]) (void)store.remove(segment_name(old, n));
        for (const auto& [n, size] : snaps[old]) (void)store.remove(segment_name(old, n, FileKind::snapshot));
        for (const auto& [n, size] : acks[old]) (void)store.remove(segment_name(old, n, FileKind::ack));
        st.own_floor = 0;
        st.ack_seq = 0;
        st.acked.clear();
    }
    st.own.counter = seg.counter;
    st.own.mac = mac;
    st.own_sizes.resize(seg.counter, 0);
    st.own_sizes[seg.counter - 1] = bytes.size();
    st.pending.clear();
    st.forget.clear();
    rebase = false;
    sent_segment = true;
    return {};
}

}  // namespace afterglow::sync
