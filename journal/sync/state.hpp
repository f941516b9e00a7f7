// What this device keeps about sync, sealed inside its vault (Vault::save_sync_state): its
// device id and counters, the chain position it accepted from every other device, the field
// stamps and version vector of every record, and the last run's outcome for Sync's status.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "crypto/bytes.hpp"
#include "journal/sync/engine.hpp"
#include "journal/sync/record_merge.hpp"

namespace afterglow::sync {

inline constexpr std::size_t kMacSize = 16;

struct Chain {  // how far a device's segments were accepted
    std::uint64_t counter = 0;
    crypto::Bytes mac = crypto::Bytes(kMacSize, 0);
};

struct SyncState {
    Devices devices;  // index → device id (base32); every index below points here
    std::optional<std::uint32_t> me;
    Chain own;                             // this device's last written segment
    std::vector<std::uint64_t> own_sizes;  // size of own segment n at [n-1], to find loss
    std::uint64_t seq = 0;                 // this device's change counter
    std::uint64_t wall = 0;                // hybrid logical clock: last wall ms and logical
    std::uint32_t logical = 0;
    std::vector<std::uint32_t> retired;    // this device's earlier ids (before a rebase)
    std::map<std::uint32_t, Chain> remote;  // accepted chains of other devices
    std::set<std::uint32_t> superseded;     // devices another device's rebase replaced
    std::map<journal::RecordId, RecState> records;
    std::set<journal::RecordId> pending;    // local changes not yet in the store
    std::vector<Conflict> conflicts;
    // Hash of the key wraps last matched with the store's journal.key (0: never): when the
    // vault's differ (a passphrase changed here), this device rewrites journal.key.
    std::uint64_t key_hash = 0;
    // The last run, for status().
    std::int64_t last_sync_ms = 0;  // last run that completed
    bool last_ok = true;
    std::string last_message;
    int devices_seen = 0;
    std::vector<SkippedFile> skipped;
    std::string target;  // where this vault syncs (a folder or an address; no credentials)
    // Compaction (docs/sync.md §6).
    std::uint64_t own_floor = 0;  // this device's segments up to here were removed from the store
    std::uint64_t ack_seq = 0;    // this device's last ack
    std::map<std::uint32_t, std::uint64_t> acked;  // what that ack said (device → counter)
    struct PeerAck {
        std::uint64_t seq = 0;
        std::map<std::uint32_t, std::uint64_t> read;  // device → counter read
    };
    std::map<std::uint32_t, PeerAck> peer_acks;  // the newest ack accepted from each device
    std::vector<std::string> forget;  // devices forgotten here, named in the next segment

    std::uint32_t device_index(const std::string& id);  // adds unknown ids
};

namespace wire {
class Writer;
class Reader;
}  // namespace wire
void put_rec_state(wire::Writer& w, const RecState& s);  // also inside segments
RecState get_rec_state(wire::Reader& r);

// The state as this build writes it (version 3); version 2 as the build before wrote it, for
// the tests that read it back.
crypto::Bytes encode_state(const SyncState& s, int version = 3);
std::optional<SyncState> decode_state(std::span<const std::uint8_t> bytes);

}  // namespace afterglow::sync
