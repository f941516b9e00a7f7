// One sync run's working state, shared by engine.cpp (listing, keys, local changes, the run)
// and engine_merge.cpp (reading other devices' segments, writing this device's).
#pragma once

#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "journal/sync/engine.hpp"
#include "journal/sync/local.hpp"
#include "journal/sync/segment.hpp"
#include "journal/sync/state.hpp"

namespace afterglow::sync {

// A store failure in words: the store, what failed, and that local work goes on.
Error store_error(const Store& store, const Error& e, const std::string& doing);

// This device's ack (docs/sync.md §6), sealed and named, and its older acks it replaces.
struct PendingAck {
    std::string name;
    crypto::Bytes bytes;
    std::vector<std::string> older;
};
// Puts the ack, then removes the older ones; false when the put failed. The state already
// names it as written: the next run finds it missing from the store and writes a new one.
bool put_ack(Store& store, const PendingAck& ack);

// What a join reads before its vault exists (read_ahead, join.cpp): the store's listing, and
// the file its run will read first (the whole journal) on another thread, while the passphrase
// is derived and the vault created. The run takes both instead of listing and getting again.
struct ReadAhead {
    std::optional<std::vector<StoreEntry>> listing;
    std::string name;  // the file being read; empty: none
    std::future<Result<Bytes>> bytes;
};
ReadAhead read_ahead(Store& store);

// What a join leaves to the time its vault is made durable (join.cpp): the ack to put, and
// the run's state to free (10,000 records' stamps and version vectors: ~10 ms).
struct Deferred {
    ReadAhead ahead;  // given to the run
    std::optional<PendingAck> ack;
    // Native builds: the ack's put, started on its own thread once the run is done with the
    // store (while the state is encoded and saved); the bytes it wrote (0: it failed).
    std::future<std::size_t> putting;
    SyncState state;
    std::vector<crypto::Bytes> files;  // the files as read (25 MB for a whole journal)
    std::map<journal::RecordId, std::span<const std::uint8_t>> sealed_in;
    std::map<journal::RecordId, Version> spent;  // the merge's work, committed
};

// Wipes the records a merge's work map still holds (copies of local records, merged results).
void wipe_work(std::map<journal::RecordId, Version>& work);

struct Run {
    Run(journal::Vault& v, Store& s, const SyncOptions& o) : vault(v), store(s), opt(o) {}
    ~Run();  // wipes the records it still holds (merged copies, conflict copies)
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;
    journal::Vault& vault;
    Store& store;
    SyncOptions opt;
    SyncState st;
    crypto::SecretBuffer key;  // segments and journal.key
    SyncReport rep;
    std::map<std::string, std::map<std::uint64_t, std::uint64_t>> segs;  // device → counter → size
    std::map<std::string, std::map<std::uint64_t, std::uint64_t>> snaps;  // device → counter → size
    std::map<std::string, std::map<std::uint64_t, std::uint64_t>> acks;   // device → seq → size
    bool has_key_file = false;
    bool rebase = false;  // this device writes its whole state under a new id (§4 rule 2)
    std::map<journal::RecordId, Version> work;  // records the merge touched
    std::map<journal::RecordId, Version> spent;  // `work` once committed (its records moved out)
    std::vector<journal::Record> copies;        // conflict copies to add
    // Records new here, as their writer's vault sealed them (formats 2, 3): stored as they
    // came. Views of `kept` (the files as read, or the records of format 2), used by
    // commit_merge and freed with the run (a join: while its vault is fsynced).
    std::map<journal::RecordId, std::span<const std::uint8_t>> sealed_in;
    std::vector<crypto::Bytes> kept;
    ReadAhead ahead;  // a join's: what was read before its vault existed
    Result<Bytes> get(const std::string& name);  // from `ahead` when it is that file, else the store

    std::int64_t now();
    Stamp tick();
    void observe(std::uint64_t wall, std::uint32_t logical);
    void skip(std::string name, std::string reason);

    Status list_store();
    Status check_key_file();
    bool proven_ours();
    void stamp_local(const LocalRecords& locals);
    void check_own_chain();
    // engine_merge.cpp
    Status receive(const LocalRecords& locals);
    // Every record of the segment opened (on every core), before any of it applies: nullopt
    // when the file must count as failing authentication (format 3: a record that does not
    // open or is not what the metadata names). Format 1 and 2: a record that does not read is
    // an empty slot (named and skipped by apply_segment).
    using Opened = std::vector<std::optional<journal::Record>>;
    std::optional<Opened> open_records(const Segment& seg);
    // A join's first file: opens it (open_one(i) for each change) while the vault stores its
    // records (`preloaded`: they are stored); false when it opened nothing (not such a file,
    // or the browser).
    bool open_while_preloading(const Segment& seg, const std::function<void(std::size_t)>& open_one, bool& preloaded);
    // Takes the changes' states and the sealed records it keeps.
    void apply_segment(Segment& seg, Opened decoded, const LocalRecords& locals);
    Status commit_merge();
    std::optional<LocalRecords> committed;  // the vault's records as commit_merge left them
    Status send(const LocalRecords& locals);
    bool sent_segment = false;  // send() wrote a segment in this run
    // compact.cpp (docs/sync.md §6)
    // false: not there, or it fails authentication (named); an error: the store failed.
    Result<bool> read_snapshot(const std::string& dev, std::uint64_t n, Chain& chain, const LocalRecords& locals);
    Status start_from_snapshot(const LocalRecords& locals);  // a device that has read nothing yet
    Status compact(const LocalRecords& locals);
    // This device's ack when its read positions changed since the last one, or when the last
    // one is not in the store (its put failed, or never ran: a crash after the state was
    // saved). Recorded in the state as written; put_ack writes it.
    std::optional<PendingAck> prepare_ack();
    bool known_other(std::uint32_t idx) const;
    void add_change(Segment& seg, const journal::RecordId& id, const RecState& rs, const LocalRecords& locals);
    // Fills each change's record, sealed by the vault as it holds it now (format 2).
    Status seal_records(Segment& seg);
    Segment whole_state(const LocalRecords& locals, const std::string& device, std::uint64_t counter);
};

// One run (sync_once). With `later` (a join), the ack is not put and the state is not freed:
// both are handed over there.
Result<SyncReport> run_sync(journal::Vault& vault, Store& store, const SyncOptions& options, Deferred* later);

}  // namespace afterglow::sync
