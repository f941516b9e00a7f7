// One sync run's working state, shared by engine.cpp (listing, keys, local changes, the run)
// and engine_merge.cpp (reading other devices' segments, writing this device's).
#pragma once

#include <map>
#include <set>
#include <string>

#include "journal/sync/engine.hpp"
#include "journal/sync/local.hpp"
#include "journal/sync/segment.hpp"
#include "journal/sync/state.hpp"

namespace afterglow::sync {

// A store failure in words: the store, what failed, and that local work goes on.
Error store_error(const Store& store, const Error& e, const std::string& doing);

struct Run {
    Run(journal::Vault& v, Store& s, const SyncOptions& o) : vault(v), store(s), opt(o) {}
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
    std::vector<journal::Record> copies;        // conflict copies to add
    // Records new here, as their writer's vault sealed them (format 2): stored as they came.
    std::map<journal::RecordId, crypto::Bytes> sealed_in;

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
    // Takes the changes' states and the sealed records it keeps.
    void apply_segment(Segment& seg, Opened decoded, const LocalRecords& locals);
    Status commit_merge();
    Status send(const LocalRecords& locals);
    bool sent_segment = false;  // send() wrote a segment in this run
    // compact.cpp (docs/sync.md §6)
    // false: not there, or it fails authentication (named); an error: the store failed.
    Result<bool> read_snapshot(const std::string& dev, std::uint64_t n, Chain& chain, const LocalRecords& locals);
    Status start_from_snapshot(const LocalRecords& locals);  // a device that has read nothing yet
    Status compact(const LocalRecords& locals);
    void write_ack();
    bool known_other(std::uint32_t idx) const;
    void add_change(Segment& seg, const journal::RecordId& id, const RecState& rs, const LocalRecords& locals);
    // Fills each change's record, sealed by the vault as it holds it now (format 2).
    Status seal_records(Segment& seg);
    Segment whole_state(const LocalRecords& locals, const std::string& device, std::uint64_t counter);
};

}  // namespace afterglow::sync
