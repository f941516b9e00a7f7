// The merge rules of docs/sync.md §3, on one record at a time: field stamps (a hybrid logical
// clock plus the change's origin), version vectors, the keep-both rule for texts edited on
// two devices, and delete-versus-edit. Pure functions: no vault, no store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "journal/types.hpp"

namespace afterglow::sync {

// Devices are named by index into one table (the sync state's); ties break on the device's id.
using Devices = std::vector<std::string>;

// When and where a field was last set: HLC (wall ms, logical) and the origin (device, seq).
struct Stamp {
    std::uint64_t wall = 0;
    std::uint32_t logical = 0;
    std::uint32_t dev = 0;
    std::uint64_t seq = 0;
    friend bool operator==(const Stamp&, const Stamp&) = default;
};
// <0, 0, >0: by (wall, logical, device id, seq).
int compare(const Stamp& a, const Stamp& b, const Devices& devices);

// Version vector: (device, highest seq of that device folded into this record), sorted.
using VersionVector = std::vector<std::pair<std::uint32_t, std::uint64_t>>;
std::uint64_t get(const VersionVector& vv, std::uint32_t dev);
void set(VersionVector& vv, std::uint32_t dev, std::uint64_t seq);
bool dominated_by(const VersionVector& a, const VersionVector& b);  // a ≤ b everywhere
VersionVector join(const VersionVector& a, const VersionVector& b);

struct FieldState {
    std::uint64_t hash = 0;  // of the field's value, to find what a local save changed
    Stamp stamp;
    friend bool operator==(const FieldState&, const FieldState&) = default;
};

// What sync knows of one record id.
struct RecState {
    std::uint8_t kind = 0;          // fields::Schema<R>::code
    bool tombstone = false;
    std::uint64_t version = 0;      // the vault's version when sync last saw or wrote it
    VersionVector vv;
    std::vector<FieldState> fields;  // one per field of the kind, in visit order (not id/version)
};

// ---- fields of a record, generically (journal/record_fields.hpp) -------------------------
std::uint8_t kind_code(const journal::Record& r);
std::vector<std::uint64_t> field_hashes(const journal::Record& r);
bool is_text_field(const journal::Record& r, std::size_t i);  // body, notes, answers …
void copy_field(journal::Record& dst, const journal::Record& src, std::size_t i);

// One side of a merge: the record (nullopt: deleted, or unknown when state.kind == 0).
struct Version {
    std::optional<journal::Record> record;
    RecState state;
};

struct MergeOutcome {
    bool record_changed = false;  // the vault must write (or delete) the merged record
    bool state_changed = false;
    // Two concurrent live versions were merged into one that neither side held: this device
    // sends it on (docs/sync.md §3, "Delete vs edit": a device that brought the record back
    // from one edit gets the changes its delete had seen through it).
    bool send_on = false;
    // Texts edited on two devices: each losing side's record, as a separate copy to add (id
    // derived from the record's id and the losing change; tagged when an entry).
    std::vector<journal::Record> conflict_copies;
};

// Folds `incoming` into `local`. The result depends only on the two sides, never on which
// device runs it: every device that has seen the same changes holds the same record.
MergeOutcome merge_into(Version& local, const Version& incoming, const Devices& devices);

}  // namespace afterglow::sync
