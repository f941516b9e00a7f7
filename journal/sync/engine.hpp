// The sync engine (docs/sync.md): one journal across a patient's devices through a dumb Store.
// Stable API for the CLI, the app's Settings → Sync screen and the WebDAV store's helper.
//
// sync_once() reads the store's listing, applies every new authenticated segment of the other
// devices through the merge rules (§3), then writes one segment of this device's own changes.
// This device's id, counters, clocks and what it has read are kept encrypted inside the vault.
// Nothing in this API ever deletes a local entry because the store lacks it (docs/sync.md §4).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/result.hpp"
#include "journal/sync/store.hpp"
#include "journal/types.hpp"
#include "journal/vault.hpp"

namespace afterglow::sync {

// A file in the store that was not applied, and why, in words for the patient:
// "D/ABCD…/0000000005.seg: fails authentication (damaged or still uploading)",
// "notes (conflicted copy).seg: not made by Afterglow, left alone".
struct SkippedFile {
    std::string name;
    std::string reason;
};

struct SyncReport {
    int sent = 0;            // changes (records and deletions) this device wrote to the store
    int received = 0;        // changes from other devices applied to the vault
    int conflicts_kept = 0;  // texts edited on two devices found in this run (both kept)
    std::vector<SkippedFile> skipped_files;
    int devices = 0;         // devices writing to this store, this one included
    std::uint64_t bytes_written = 0;  // to the store in this run
    int listings = 0;                 // list() calls in this run
    int files_read = 0;               // get() calls in this run
    int snapshots_read = 0;           // other devices' snapshots applied (§6)
    bool snapshot_written = false;    // this device wrote a snapshot in this run
    int removed = 0;                  // this device's old segments and snapshots removed
    std::string message;     // one sentence: "Synced: 3 sent, 2 received." or why not
};

// A text edited on two devices at once: the journal keeps both. `kept` is the record that
// holds the later text (it keeps its id); `other` is the separate copy holding the other text
// (tagged "edited-on-two-devices" when it is an entry). Either may since have been deleted
// by the patient (then the conflict is resolved and no longer listed).
inline constexpr const char* kConflictTag = "edited-on-two-devices";  // on the copy of an entry
struct Conflict {
    journal::RecordId kept;
    journal::RecordId other;
};

struct SyncStatus {
    bool configured = false;              // this vault has synced at least once
    std::optional<journal::Timestamp> last_sync;  // last run that completed (UTC)
    std::string last_message;             // of the last run, success or not
    bool last_ok = true;
    int devices = 0;                      // devices seen in the store at the last run
    std::vector<Conflict> conflicts;      // open ones (both records still exist)
    std::vector<SkippedFile> skipped_files;  // at the last run
    std::string device_id;                // this device's id (base32), empty before first sync
    std::string target;                   // as given to remember_target (no credentials)
    std::vector<std::string> other_devices;  // known devices (§6): each holds removal until it reads
};

// Test and bench hooks; defaults are the real clock and random device ids.
struct SyncOptions {
    std::function<std::int64_t()> clock_ms;              // wall clock, ms since the epoch
    std::function<std::string()> new_device_id;         // 26 base32 characters
    // A snapshot after every this many of this device's segments (docs/sync.md §6); 0: never.
    int snapshot_every = 64;
};

// Needs an unlocked, writable vault. The first run on a store writes journal.key (§5); a store
// whose journal.key belongs to another journal is refused with Errc::invalid_argument and
// "This folder holds another journal". Store failures: the error names the store and says
// local work goes on (Errc::io, read_only, disk_full); nothing local is changed by a failure.
Result<SyncReport> sync_once(journal::Vault& vault, Store& store, const SyncOptions& options = {});

// What the last run left in the vault (needs an unlocked vault; cheap: no store access).
Result<SyncStatus> status(journal::Vault& vault);

// Stops waiting for a device that will not sync again (a lost or wiped phone): this device
// no longer reads it or waits for its ack before removing its old segments, and its next
// segment names it as replaced, so every other device stops waiting too. Nothing of its
// entries is lost: what it had synced is in the journal, and if it ever syncs again it finds
// itself replaced and writes its whole journal under a new id (docs/sync.md §6).
// Errc::invalid_argument for this device's own id or a malformed one.
Status forget_device(journal::Vault& vault, const std::string& device_id);

// Keeps where this vault syncs (a folder path or an https:// address without credentials),
// sealed in the vault with the rest of sync's state; status().target gives it back.
Status remember_target(journal::Vault& vault, const std::string& target);

// "Synced 2 min ago · 2 devices · 0 conflicts" (or "Not synced yet", or the last failure).
std::string status_line(const SyncStatus& s, journal::Timestamp now);

// Joins a journal that already syncs to `store`: reads its journal.key, unwraps the master key
// with the passphrase (`secret`) or, when `recovery` is true, the recovery key, and creates a
// new vault at `vault_path` (refusing an existing file) holding nothing yet; then runs
// sync_once to fetch the journal. The new vault's passphrase is `new_passphrase` (may equal
// `secret`). Errc::not_found when the store has no journal.key; Errc::wrong_passphrase when the
// secret does not open it.
struct JoinOptions {
    bool recovery = false;
    // For a new passphrase (a recovery-key join, or one other than the journal's); nullopt:
    // calibrate. Joined with the journal's own passphrase, the vault keeps the journal's
    // parameters and the wrap that passphrase opened: Argon2id runs once per join.
    std::optional<crypto::KdfParams> kdf;
    bool allow_weak_kdf = false;           // tests
    SyncOptions sync;
};
struct Joined {
    std::unique_ptr<journal::Vault> vault;  // unlocked
    SyncReport report;
};
Result<Joined> join(Store& store, const std::filesystem::path& vault_path, std::string_view secret,
                    std::string_view new_passphrase, const JoinOptions& options = {});

// The store for a target: a folder path, or (when built with WebDAV) an http(s) URL.
// Credentials for WebDAV come from `vault` (unlocked; may be null for a folder), never from the
// target string. Errc::invalid_argument for a target it cannot use, in words.
Result<std::unique_ptr<Store>> make_store(const std::string& target,
                                          const journal::Vault* vault = nullptr);

}  // namespace afterglow::sync
