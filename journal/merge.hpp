// The one rule for a record that arrives from outside this vault (a backup import now; sync,
// DESIGN §6, later) and meets the vault's own copy of the same id. Nothing that arrives ever
// overwrites a local text: an older or identical copy is dropped, a different one is kept
// beside the local record under a new id, for the patient to choose.
#pragma once

#include <cstdint>

#include "journal/types.hpp"

namespace afterglow::journal {

// No journal reaches this many saves of one record (one per millisecond for 35 years); a file
// claiming more is refused, so a version can never wrap to 0 on the next edit.
inline constexpr std::uint64_t kMaxRecordVersion = 1ull << 40;

enum class Merge {
    add,        // the vault has no record with this id
    keep_local, // same content, or the incoming copy is not newer: nothing to write
    keep_both,  // newer and different: add it under a fresh id, the local record untouched
};

// `local` is the vault's record with the incoming id, or nullptr. Kinds must match (the
// caller refuses an id that names another kind of record).
Merge merge_rule(const Record* local, const Record& incoming);

// The same record apart from its version and last-saved time.
bool same_content(const Record& a, const Record& b);

// `incoming` as a new record beside the local one, version 1, under an id derived from its
// id, version and content: the same file imported twice yields the same copy, not two.
Record as_separate_copy(Record incoming);

}  // namespace afterglow::journal
