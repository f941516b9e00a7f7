// sync_once: list → check journal.key → stamp local changes → read and merge other devices'
// segments → write one segment of this device's changes (or a rebase) → save the state.
#include "journal/sync/engine.hpp"

#include <algorithm>
#include <chrono>

#include "journal/index.hpp"
#include "journal/sync/key_file.hpp"
#include "journal/sync/run.hpp"

namespace afterglow::sync {

using journal::Record;
using journal::RecordId;

namespace {

std::int64_t system_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Result<SyncState> load_state(journal::Vault& vault, std::vector<SkippedFile>* notes) {
    auto blob = vault.load_sync_state();
    if (!blob) {
        if (blob.error().code != Errc::damaged) return blob.error();
        if (notes) notes->push_back({"sync state", blob.error().message});
        return SyncState{};
    }
    if (!*blob) return SyncState{};
    auto st = decode_state(**blob);
    crypto::wipe(**blob);
    if (!st) {
        if (notes)
            notes->push_back({"sync state", "could not be read; this device syncs as a new device "
                                             "(nothing in the journal is lost)"});
        return SyncState{};
    }
    return std::move(*st);
}

}  // namespace

Error store_error(const Store& store, const Error& e, const std::string& doing) {
    std::string msg;
    switch (e.code) {
        case Errc::disk_full:
            msg = "The sync folder is full (" + store.describe() +
                  "): your journal is safe here; sync resumes when there is room.";
            break;
        case Errc::read_only:
            msg = "The sync folder cannot be written (" + store.describe() +
                  " is read-only): your journal is safe here; sync resumes when it can be written.";
            break;
        default:
            msg = "Could not " + doing + " " + store.describe() + " (" + e.message +
                  "). Your journal is safe on this device; sync will try again.";
    }
    return make_error(e.code, msg, e.subject);
}

std::int64_t Run::now() { return opt.clock_ms ? opt.clock_ms() : system_ms(); }

Stamp Run::tick() {
    const auto wall = static_cast<std::uint64_t>(std::max<std::int64_t>(now(), 0));
    if (wall > st.wall) {
        st.wall = wall;
        st.logical = 0;
    } else {
        st.logical += 1;
    }
    return Stamp{st.wall, st.logical, *st.me, 0};
}

void Run::observe(std::uint64_t wall, std::uint32_t logical) {
    if (wall > st.wall || (wall == st.wall && logical > st.logical)) {
        st.wall = wall;
        st.logical = logical;
    }
}

void Run::skip(std::string name, std::string reason) {
    rep.skipped_files.push_back({std::move(name), std::move(reason)});
}

namespace {
// A name with a part that begins with '.': the store's own housekeeping, never a journal's file
// nor a copy of one (Afterglow writes no such name; a conflict copy keeps the copied name's
// start): a WebDAV server's upload in progress or cut short (Apache's .davfs.tmp*), a sync
// client's (Syncthing's .stfolder, .stversions/, .syncthing.*.tmp), the desktop's .DS_Store.
// Neither read nor reported: a patient would only see noise (docs/sync.md §1).
bool hidden(std::string_view name) {
    for (std::size_t at = 0; at < name.size();) {
        if (name[at] == '.') return true;
        const auto slash = name.find('/', at);
        if (slash == std::string_view::npos) break;
        at = slash + 1;
    }
    return false;
}
}  // namespace

Result<Bytes> Run::get(const std::string& name) {
    if (ahead.bytes.valid() && ahead.name == name) return ahead.bytes.get();
    return store.get(name);
}

ReadAhead read_ahead(Store& store) {
    ReadAhead out;
    auto listing = store.list();
    if (!listing) return out;  // the run lists again, and says what failed
    // The file the run reads first and the largest: as start_from_snapshot picks, the largest of
    // each device's newest snapshot; without snapshots, the largest segment.
    std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> newest;  // device → counter, size
    std::string segment;
    std::uint64_t segment_size = 0;
    for (const auto& e : *listing) {
        const auto n = parse_segment_name(e.name);
        if (!n) continue;
        if (n->kind == FileKind::snapshot) {
            auto& s = newest[n->device];
            if (n->counter >= s.first) s = {n->counter, e.size};
        } else if (n->kind == FileKind::segment && e.size > segment_size) {
            segment = e.name;
            segment_size = e.size;
        }
    }
    std::uint64_t best = 0;
    for (const auto& [dev, s] : newest)
        if (s.second > best) {
            best = s.second;
            out.name = segment_name(dev, s.first, FileKind::snapshot);
        }
    if (out.name.empty()) out.name = segment;
    out.listing = std::move(*listing);
#if defined(__EMSCRIPTEN__)
    out.name.clear();  // the browser's threads are few: the run reads it
#else
    if (!out.name.empty())
        out.bytes = std::async(std::launch::async, [&store, name = out.name] { return store.get(name); });
#endif
    return out;
}

Status Run::list_store() {
    auto listing = ahead.listing ? Result<std::vector<StoreEntry>>(std::move(*ahead.listing)) : store.list();
    ahead.listing.reset();
    rep.listings += 1;
    if (!listing) return store_error(store, listing.error(), "read");
    for (const auto& e : *listing) {
        if (e.name == kKeyFileName) {
            has_key_file = true;
        } else if (auto n = parse_segment_name(e.name)) {
            auto& into = n->kind == FileKind::segment ? segs : n->kind == FileKind::snapshot ? snaps : acks;
            into[n->device][n->counter] = e.size;
        } else if (e.name.find(".tmp-") == std::string::npos && !hidden(e.name)) {
            skip(e.name, "not made by Afterglow (a conflict copy or another program's file): left alone");
        }
    }
    return {};
}

Status Run::check_key_file() {
    auto wraps = vault.key_wraps();
    if (!wraps) return wraps.error();
    const auto h = key_rows_hash(*wraps);
    bool write = !has_key_file;
    // Our own last segment still in the store proves it is this journal's: journal.key was
    // checked when it was written or first read, and needs no read on every run.
    const auto mine = st.me ? segs.find(st.devices[*st.me]) : segs.end();
    // So does our own last ack (a device that only reads writes acks, not segments).
    const auto my_acks = st.me ? acks.find(st.devices[*st.me]) : acks.end();
    const bool ours = st.key_hash == h && !rebase &&
                      ((st.own.counter > 0 && mine != segs.end() && mine->second.count(st.own.counter)) ||
                       (st.ack_seq > 0 && my_acks != acks.end() && my_acks->second.count(st.ack_seq)));
    if (has_key_file && ours) return {};
    if (has_key_file) {
        auto file = store.get(kKeyFileName);
        rep.files_read += 1;
        if (!file) return store_error(store, file.error(), "read");
        if (!key_file_authentic(*file, key) && !proven_ours())
            return make_error(Errc::invalid_argument,
                              "This folder holds another journal: " + store.describe() +
                                  " has a journal.key that does not belong to this one. Nothing was "
                                  "changed; choose the folder this journal syncs to, or an empty one.",
                              kKeyFileName);
        // The passphrase changed here, or the file is damaged (cut short, a flipped bit) in a
        // store whose other files authenticate as this journal's: written again.
        write = (st.key_hash != 0 && st.key_hash != h) || !key_file_authentic(*file, key);
        if (!key_file_authentic(*file, key))
            skip(kKeyFileName, "is damaged (this journal's other files are here): written again");
    }
    if (write) {
        auto bytes = encode_key_file(*wraps, key);
        if (auto p = store.put(kKeyFileName, bytes); !p) return store_error(store, p.error(), "write to");
        rep.bytes_written += bytes.size();
    }
    st.key_hash = h;
    return {};
}

// A journal.key that fails authentication is another journal's, unless a file in the store
// that can be checked on its own (an ack, a snapshot, a first segment) is this journal's.
bool Run::proven_ours() {
    int tries = 0;
    auto check = [&](const std::string& name, auto&& open) {
        if (++tries > 6) return false;
        auto bytes = store.get(name);
        rep.files_read += 1;
        return bytes && open(*bytes);
    };
    for (const auto& [dev, files] : acks)
        if (!files.empty()) {
            const auto seq = files.rbegin()->first;
            if (check(segment_name(dev, seq, FileKind::ack),
                      [&, d = dev](const Bytes& b) { return open_ack(b, key, d, seq).has_value(); }))
                return true;
        }
    for (const auto& [dev, files] : segs)
        if (files.count(1)) {
            crypto::Bytes mac;
            const crypto::Bytes zero(kMacSize, 0);
            if (check(segment_name(dev, 1),
                      [&, d = dev](const Bytes& b) { return open_segment(b, key, d, 1, zero, mac).has_value(); }))
                return true;
        }
    return false;
}

void Run::stamp_local(const LocalRecords& locals) {
    // Both in id order, walked side by side: one pass, not a tree search per record (a join's
    // and every unchanged sync's 10,000 records).
    auto it = st.records.begin();
    for (const auto& [id, ref] : locals) {
        while (it != st.records.end() && it->first < id) ++it;
        const bool known = it != st.records.end() && it->first == id;
        if (known && !it->second.tombstone && it->second.version == ref.version) continue;
        Record rec = ref.record();
        const auto hashes = field_hashes(rec);
        const auto kind = kind_code(rec);
        journal::wipe_record(rec);  // a copy of the record: only its hashes and kind are kept
        const bool fresh = !known || it->second.tombstone || it->second.fields.size() != hashes.size() ||
                           it->second.kind != kind;
        if (!known) it = st.records.emplace_hint(it, id, RecState{});
        RecState& rs = it->second;
        bool changed = fresh;
        for (std::size_t i = 0; !changed && i < hashes.size(); ++i) changed = rs.fields[i].hash != hashes[i];
        rs.version = ref.version;
        if (!changed) continue;
        Stamp s = tick();
        s.seq = ++st.seq;
        if (fresh) rs.fields.assign(hashes.size(), FieldState{});
        rs.kind = kind;
        rs.tombstone = false;
        for (std::size_t i = 0; i < hashes.size(); ++i)
            if (fresh || rs.fields[i].hash != hashes[i]) rs.fields[i] = {hashes[i], s};
        set(rs.vv, s.dev, s.seq);
        st.pending.insert(id);
    }
    auto local = locals.begin();
    for (auto& [id, rs] : st.records) {
        while (local != locals.end() && local->first < id) ++local;
        if (rs.tombstone || (local != locals.end() && local->first == id)) continue;
        Stamp s = tick();
        s.seq = ++st.seq;
        rs.tombstone = true;
        rs.version = 0;
        set(rs.vv, s.dev, s.seq);
        st.pending.insert(id);
    }
}

// Every segment this device wrote must still be in the store, whole; a store that lost them
// (swapped, emptied, restored from an old copy) gets this device's whole state again under a
// new id. Segments of ours beyond what the state knows mean this vault is older than what it
// synced (a restored vault file): they are read like another device's, then the same rebase.
void Run::check_own_chain() {
    const std::string& me = st.devices[*st.me];
    const auto& mine = segs[me];
    // Segments up to own_floor were removed by this device (compaction, §6).
    for (std::uint64_t n = st.own_floor + 1; n <= st.own.counter; ++n) {
        auto it = mine.find(n);
        if (it == mine.end() || n > st.own_sizes.size() || it->second != st.own_sizes[n - 1]) {
            skip(segment_name(me, n), it == mine.end()
                                          ? "this device's segment is missing from the store (an emptied, "
                                            "swapped or older copy?): this device writes its journal again"
                                          : "this device's segment was changed or cut short in the store: "
                                            "this device writes its journal again");
            rebase = true;
            break;
        }
    }
    const auto& my_snaps = snaps[me];
    if ((!mine.empty() && mine.rbegin()->first > st.own.counter) ||
        (!my_snaps.empty() && my_snaps.rbegin()->first > st.own.counter)) {
        skip("D/" + me, "holds segments this device wrote after the state its vault has (the vault file "
                        "is older than what it synced): read them, then write the journal again");
        rebase = true;
    }
}

Result<SyncReport> sync_once(journal::Vault& vault, Store& store, const SyncOptions& options) {
    return run_sync(vault, store, options, nullptr);
}

Result<SyncReport> run_sync(journal::Vault& vault, Store& store, const SyncOptions& options, Deferred* later) {
    if (!vault.unlocked()) return make_error(Errc::locked, "The vault is locked. Unlock it first.");
    if (vault.read_only())
        return make_error(Errc::read_only, "This device's journal is read-only, so it cannot sync now.");
    Run run(vault, store, options);
    if (later) run.ahead = std::move(later->ahead);
    std::vector<SkippedFile> notes;
    auto st = load_state(vault, &notes);
    if (!st) return st.error();
    run.st = std::move(*st);
    run.rep.skipped_files = std::move(notes);
    auto key = vault.sync_key(1);
    if (!key) return key.error();
    run.key = std::move(*key);
    if (!run.st.me)
        run.st.me = run.st.device_index(options.new_device_id ? options.new_device_id() : new_device_id());

    auto fail = [&](const Error& e) -> Result<SyncReport> {
        // Local changes stay pending in the state; the vault is untouched by a store failure.
        run.st.last_ok = false;
        run.st.last_message = e.message;
        (void)vault.save_sync_state(encode_state(run.st));
        return e;
    };
    if (auto s = run.list_store(); !s) return fail(s.error());
    run.check_own_chain();
    if (auto s = run.check_key_file(); !s) {
        if (s.error().code == Errc::invalid_argument) return s.error();  // another journal: touch nothing
        return fail(s.error());
    }
    auto locals = local_records(vault);
    run.stamp_local(locals);
    // A failure while reading or merging must not mark segments read that were not applied.
    bool unread = false;  // anything to read at all (copying the state is not free)
    for (const auto* files : {&run.segs, &run.snaps})
        for (const auto& [dev, counters] : *files) {
            const auto idx = std::find(run.st.devices.begin(), run.st.devices.end(), dev);
            const std::uint32_t i = static_cast<std::uint32_t>(idx - run.st.devices.begin());
            const std::uint64_t have = idx == run.st.devices.end() ? 0
                                       : i == *run.st.me          ? run.st.own.counter
                                       : run.st.remote.count(i)   ? run.st.remote[i].counter
                                                                  : 0;
            unread = unread || (!counters.empty() && counters.rbegin()->first > have);
        }
    SyncState before_receive = unread ? run.st : SyncState{};
    auto fail_merge = [&](const Error& e) {
        if (unread) run.st = std::move(before_receive);
        return fail(e);
    };
    if (auto s = run.receive(locals); !s) return fail_merge(s.error());
    if (auto s = run.commit_merge(); !s) return fail_merge(s.error());
    locals = run.committed ? std::move(*run.committed) : local_records(vault);
    run.committed.reset();
    run.stamp_local(locals);  // conflict copies made by the merge
    if (auto s = run.send(locals); !s) return fail(s.error());
    if (auto s = run.compact(locals); !s) return fail(s.error());
    auto ack = run.prepare_ack();
    if (ack && !later) {
        if (put_ack(store, *ack)) run.rep.bytes_written += ack->bytes.size();
        ack.reset();
    }
#if !defined(__EMSCRIPTEN__)
    if (ack && later)  // the store is not used again in this run
        later->putting = std::async(std::launch::async, [&store, a = *ack] {
            return put_ack(store, a) ? a.bytes.size() : std::size_t{0};
        });
#endif

    std::set<std::string> devices{run.st.devices[*run.st.me]};
    for (const auto* files : {&run.segs, &run.snaps, &run.acks})
        for (const auto& [dev, counters] : *files) {
            const auto idx = run.st.device_index(dev);
            if (counters.empty() || run.st.superseded.count(idx)) continue;
            if (std::find(run.st.retired.begin(), run.st.retired.end(), idx) != run.st.retired.end()) continue;
            devices.insert(dev);
        }
    run.rep.devices = static_cast<int>(devices.size());
    run.rep.message = "Synced: " + std::to_string(run.rep.sent) + " sent, " + std::to_string(run.rep.received) +
                      " received" +
                      (run.rep.conflicts_kept ? ", " + std::to_string(run.rep.conflicts_kept) +
                                                    " edited on two devices (both kept)"
                                              : std::string()) +
                      ".";
    run.st.last_sync_ms = run.now();
    run.st.last_ok = true;
    run.st.last_message = run.rep.message;
    run.st.devices_seen = run.rep.devices;
    run.st.skipped = run.rep.skipped_files;
    if (auto s = vault.save_sync_state(encode_state(run.st)); !s) return s.error();
    if (later) {
        later->ack = std::move(ack);
        later->state = std::move(run.st);
        later->files = std::move(run.kept);
        later->sealed_in = std::move(run.sealed_in);
        later->spent = std::move(run.spent);
    }
    return std::move(run.rep);
}

Result<SyncStatus> status(journal::Vault& vault) {
    if (!vault.unlocked()) return make_error(Errc::locked, "The vault is locked. Unlock it first.");
    auto st = load_state(vault, nullptr);
    if (!st) return st.error();
    SyncStatus out;
    out.configured = st->me.has_value() && st->last_sync_ms > 0;
    if (st->last_sync_ms > 0) out.last_sync = journal::Timestamp{st->last_sync_ms / 1000, {}};
    out.last_message = st->last_message;
    out.last_ok = st->last_ok;
    out.devices = st->devices_seen;
    out.skipped_files = st->skipped;
    if (st->me) out.device_id = st->devices[*st->me];
    out.target = st->target;
    for (std::uint32_t i = 0; st->me && i < st->devices.size(); ++i) {
        if (i == *st->me || st->superseded.count(i)) continue;
        if (std::find(st->retired.begin(), st->retired.end(), i) != st->retired.end()) continue;
        out.other_devices.push_back(st->devices[i]);
    }
    const auto locals = local_records(vault);
    for (const auto& c : st->conflicts)
        if (locals.count(c.kept) && locals.count(c.other)) out.conflicts.push_back(c);
    return out;
}

Status forget_device(journal::Vault& vault, const std::string& device_id) {
    if (!valid_device_id(device_id))
        return make_error(Errc::invalid_argument, "\"" + device_id + "\" is not a device id (26 letters A-Z and digits 2-7).");
    auto st = load_state(vault, nullptr);
    if (!st) return st.error();
    if (st->me && st->devices[*st->me] == device_id)
        return make_error(Errc::invalid_argument, "That is this device's own id.");
    const auto idx = st->device_index(device_id);
    if (std::find(st->retired.begin(), st->retired.end(), idx) != st->retired.end()) return {};
    st->superseded.insert(idx);
    if (std::find(st->forget.begin(), st->forget.end(), device_id) == st->forget.end())
        st->forget.push_back(device_id);
    return vault.save_sync_state(encode_state(*st));
}

Status remember_target(journal::Vault& vault, const std::string& target) {
    if (target.find('@') != std::string::npos && target.find("://") != std::string::npos)
        return make_error(Errc::invalid_argument, "A sync address must not hold a user or password.");
    auto st = load_state(vault, nullptr);
    if (!st) return st.error();
    if (st->target == target) return {};
    st->target = target;
    return vault.save_sync_state(encode_state(*st));
}

std::string status_line(const SyncStatus& s, journal::Timestamp now) {
    if (!s.last_ok && !s.last_message.empty()) return s.last_message;
    if (!s.last_sync) return "Not synced yet";
    const auto ago = std::max<std::int64_t>(0, now.utc - s.last_sync->utc);
    std::string when = ago < 60      ? "just now"
                       : ago < 3600  ? std::to_string(ago / 60) + " min ago"
                       : ago < 86400 ? std::to_string(ago / 3600) + " h ago"
                                     : std::to_string(ago / 86400) + (ago < 2 * 86400 ? " day ago" : " days ago");
    const auto n = s.conflicts.size();
    return "Synced " + when + " · " + std::to_string(s.devices) + (s.devices == 1 ? " device" : " devices") +
           " · " + std::to_string(n) + (n == 1 ? " conflict" : " conflicts");
}

}  // namespace afterglow::sync
