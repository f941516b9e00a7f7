// The vault: every record encrypted in one SQLite file (DESIGN §3).
//
// Lifecycle: create() or open() gives a *locked* Vault bound to a file. unlock() derives the
// key (slow: Argon2id, ~1 s), decrypts every record into an in-memory index, and merges
// notes captured while locked. lock() wipes keys and the index. Reads and writes need an
// unlocked vault; capture() works locked.
//
// Not thread-safe: use one Vault from one thread at a time (the app runs unlock on a worker
// thread and does not touch the vault until it finishes).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/kdf.hpp"
#include "crypto/secret.hpp"
#include "crypto/result.hpp"
#include "journal/types.hpp"

namespace afterglow::journal {

// Default vault path: $XDG_DATA_HOME/afterglow/journal.afterglow
// (falls back to ~/.local/share/afterglow/journal.afterglow).
std::filesystem::path default_vault_path();

struct Problem {  // a damaged or inconsistent record found at unlock or by verify()
    std::string record_id;  // hex id, or "manifest" / "key:<name>"
    std::string what;       // e.g. "fails authentication", "missing (deleted?)"
};

struct VerifyReport {
    std::size_t records_ok = 0;
    std::size_t captures_pending = 0;
    std::vector<Problem> problems;
    std::string sqlite_check;  // "ok" or SQLite's integrity_check message
    bool ok() const { return problems.empty() && sqlite_check == "ok"; }
};

struct Stats {
    std::size_t sessions = 0, entries = 0, checkins = 0, goals = 0, captures_pending = 0;
    std::uintmax_t file_bytes = 0;
    int schema_version = 0;
    crypto::KdfParams kdf;
};

// What repair() found and did. Ids are hex.
struct RepairReport {
    bool manifest_was_readable = false;
    std::size_t listed = 0;                // records in the rebuilt manifest
    std::vector<std::string> relisted;     // authentic records the manifest did not list (all
                                           // of them when it could not be read)
    std::vector<std::string> rolled_back;  // at another version than listed: kept as found
    std::vector<std::string> missing;      // listed but not in the file: dropped from the list
    std::vector<std::string> damaged;      // fail authentication: left in the file, not listed
    bool schema_rebuilt = false;           // records had lost UNIQUE(id): remade, one row per id
    std::filesystem::path backup;          // copy of the file before the repair (empty: none needed)
    bool changed() const { return !backup.empty(); }
};

// A passkey that can unlock the vault (journal/passkey_wrap.hpp): its plaintext metadata.
struct Passkey {
    std::string row;    // its key row, "passkey:<hex>"
    std::string name;   // the patient's name for it
    std::string added;  // ISO 8601 UTC
    crypto::Bytes credential_id, salt;  // what the browser needs to ask for it
    bool intact = false;  // well formed and matching the key-row checksums
};

struct CreateOptions {
    // Key-derivation parameters. nullopt: calibrate on this machine (≥ 256 MiB, ~1 s).
    std::optional<crypto::KdfParams> kdf;
    // Must be true to accept memory below KdfParams::kMinUserMemlimit (a user who chose to
    // weaken it after a warning, or tests).
    bool allow_weak_kdf = false;
    // Tests only: write an older schema version (to build migration fixtures). 0 = current.
    int schema_for_tests = 0;
    // A bulk load (a join): the file is built under a temporary name with no fsync and only
    // becomes the vault at `path` with Vault::finish_bulk_load() (Store::create_bulk).
    bool bulk_load = false;
};

class Vault {
public:
    struct Created;
    // Creates a new vault file (refuses to overwrite an existing one). Returns it unlocked,
    // together with the recovery key formatted for display (show once, then wipe).
    static Result<Created> create(const std::filesystem::path& path, std::string_view passphrase,
                                  const CreateOptions& options = {});
    // Opens an existing file, checks it is an Afterglow vault this build can read. Locked.
    static Result<std::unique_ptr<Vault>> open(const std::filesystem::path& path);

    ~Vault();
    Vault(const Vault&) = delete;
    Vault& operator=(const Vault&) = delete;

    // ---- keys ---------------------------------------------------------------------------
    Status unlock(std::string_view passphrase);          // Errc::wrong_passphrase on mismatch
    Status unlock_with_recovery_key(std::string_view formatted_key);
    void lock();  // wipes keys and the index; checkpoints the WAL
    bool unlocked() const;
    // Re-wraps the master key; no record is re-encrypted. Needs an unlocked vault.
    // New parameters: nullopt keeps the current ones (with a new salt).
    Status change_passphrase(std::string_view new_passphrase,
                             std::optional<crypto::KdfParams> kdf = std::nullopt,
                             bool allow_weak_kdf = false);
    // Makes a new recovery key (the old one stops working). Returns it formatted.
    Result<std::string> rotate_recovery_key();

    // ---- passkeys (vault_passkeys.cpp) ----------------------------------------------------
    // Every passkey wrap, read from the file (works locked: the metadata is plaintext).
    std::vector<Passkey> passkeys();
    // Wraps the master key for a passkey's PRF output (unlocked). Refused, nothing written,
    // when another key row is damaged (re-sealing the checksums would hide it).
    Status add_passkey(std::string_view name, std::string_view added_iso, crypto::Bytes credential_id,
                       crypto::Bytes salt, const crypto::SecretBuffer& prf_output);
    // Deletes the wrap's row (a damaged one too); returns once it is gone from the file.
    Status remove_passkey(std::string_view row);
    // A tampered or swapped wrap is Errc::damaged, named by the passkey's name; never unlocks.
    Status unlock_with_passkey(std::span<const std::uint8_t> credential_id,
                               const crypto::SecretBuffer& prf_output);

    // ---- quick capture (works locked) -----------------------------------------------------
    Status capture(const QuickNote& note);
    std::size_t captures_pending() const;

    // ---- records (need an unlocked vault) --------------------------------------------------
    // save(): a new record (empty id) gets an id and created time; every save bumps the
    // version and the updated time. Returns the id. Atomic: all or nothing reaches the disk.
    Result<RecordId> save(Record record);
    // The same, deleting the draft slot `saved_draft` in the same transaction (the editor's
    // Save: the entry and the end of its draft reach the disk together, or neither does).
    Result<RecordId> save(Record record, std::string_view saved_draft);
    Result<RecordId> save(Entry e) { return save(Record{std::move(e)}); }
    Result<RecordId> save(Session s) { return save(Record{std::move(s)}); }
    Result<RecordId> save(CheckIn c) { return save(Record{std::move(c)}); }
    Result<RecordId> save(Goal g) { return save(Record{std::move(g)}); }
    Result<RecordId> save(MeasureResponse m) { return save(Record{std::move(m)}); }
    Result<RecordId> save(Document d) { return save(Record{std::move(d)}); }
    // Saves many records in one transaction (import).
    Status save_all(std::vector<Record> records);
    Status remove(const RecordId& id);
    // A record that no longer authenticates (verify names it) can be neither read nor edited:
    // this deletes its row after keeping a copy of the whole file beside it
    // (NAME.before-removing-damaged-TIME), and returns that copy's path. Errc::not_found when
    // `id` is not a record that fails authentication.
    Result<std::filesystem::path> remove_damaged(const RecordId& id);

    // The decrypted index. Entries newest first (by created); sessions by scheduled/start
    // time, oldest first; check-ins by time, oldest first; goals by created.
    const std::vector<Entry>& entries() const;
    const std::vector<Session>& sessions() const;
    const std::vector<CheckIn>& checkins() const;
    const std::vector<Goal>& goals() const;
    // Questionnaire responses and clinic scores, by authored time, oldest first.
    const std::vector<MeasureResponse>& responses() const;
    // Private settings (imported clinic pack, care team), oldest first.
    const std::vector<Document>& documents() const;
    const Entry* find_entry(const RecordId& id) const;
    const Session* find_session(const RecordId& id) const;
    const CheckIn* find_checkin(const RecordId& id) const;
    const Goal* find_goal(const RecordId& id) const;
    // Resolves a full hex id or a unique prefix of at least 4 hex digits.
    std::optional<RecordId> resolve(std::string_view id_or_prefix) const;

    // Case- and accent-insensitive search over title, body, prompts, emotions, tags and
    // actions; every word must match. Returns entry ids, newest first.
    std::vector<RecordId> search(std::string_view query) const;

    // ---- drafts: encrypted autosave, not part of the journal until saved -------------------
    Status save_draft(std::string_view slot, const Entry& draft);
    std::optional<Entry> load_draft(std::string_view slot) const;
    Status discard_draft(std::string_view slot);

    // ---- health ---------------------------------------------------------------------------
    // Problems found at the last unlock (damaged records stay out of the index; the rest of
    // the vault works).
    const std::vector<Problem>& problems() const;
    Result<VerifyReport> verify();
    // True when the manifest could not be read at unlock: writes are refused until repair().
    bool needs_repair() const;
    // Rebuilds the manifest from every record that authenticates, after keeping a copy of the
    // file beside it; reports exactly what it relisted, dropped or found damaged. Then reloads.
    Result<RepairReport> repair();
    // Opened read-only (read-only media, no write permission, a full disk): reads work,
    // every change is refused with Errc::read_only.
    bool read_only() const;
    Stats stats() const;
    const std::filesystem::path& path() const;
    const crypto::KdfParams& kdf_params() const;

    // Called after every successful change (the app refreshes its view state).
    void on_change(std::function<void()> callback);

    // ---- sync (journal/vault_sync.cpp; used only by journal/sync, docs/sync.md) -------------
    // Subkeys of the master key: 1 seals segments in the store, 2 the sync state in the vault.
    Result<crypto::SecretBuffer> sync_key(int purpose) const;
    // The key rows a store's journal.key carries: KDF parameters and both wraps of the master
    // key, exactly as this vault holds them (already encrypted).
    Result<std::map<std::string, crypto::Bytes>> key_wraps() const;
    // Sync's own state (device id, counters, clocks), sealed in the vault. nullopt: none yet.
    Result<std::optional<crypto::Bytes>> load_sync_state() const;
    Status save_sync_state(const crypto::Bytes& plain);
    // Records merged from other devices: upserts keep their id and times as given (versions
    // continue this vault's), deletes remove; one transaction, all or nothing. `sealed[i]`,
    // when given and not empty, is the blob open_synced opened to upserts[i], unchanged: it is
    // stored as it came, under its own version (when this vault holds no newer one), not
    // sealed again (docs/sync.md §5, joining). Views of the caller's bytes, not copied.
    Status apply_synced(std::vector<Record> upserts, std::vector<RecordId> deletes,
                        std::vector<std::span<const std::uint8_t>> sealed = {});
    // Records as another device's vault would seal them: each id this vault holds, sealed
    // under the record key with its id and current version (on every core); an id it does
    // not hold gets version 0 and no blob.
    struct SealedRecord {
        std::uint64_t version = 0;
        crypto::Bytes blob;
    };
    Result<std::vector<SealedRecord>> seal_for_sync(const std::vector<RecordId>& ids) const;
    // Opens a record sealed by a vault of this journal (seal_for_sync): nullopt unless it
    // authenticates as (id, version) and decodes to that id and version. Safe to call from
    // several threads at once.
    std::optional<Record> open_synced(const RecordId& id, std::uint64_t version,
                                      std::span<const std::uint8_t> blob) const;
    // A join's first file while this vault is still empty and loading (create_joined): its
    // records stored as they came, while the caller opens them on other threads (nothing but
    // open_synced may run meanwhile), in a transaction the next apply_synced commits with the
    // merge: a record it stores with the same bytes (the same view) is not stored again, one
    // it deletes or does not list goes. drop_preloaded(), or any other write, rolls them
    // back. false: not such a vault, nothing stored. The views must outlive apply_synced.
    struct SyncedRow {
        RecordId id;
        std::uint64_t version = 0;
        std::span<const std::uint8_t> blob;
    };
    Result<bool> preload_synced(std::vector<SyncedRow> rows);
    void drop_preloaded();
    // A new vault file around the master key that `wraps` (a journal.key's rows) holds,
    // opened with the passphrase or, when `recovery`, the recovery key; its own passphrase is
    // `new_passphrase` (the journal's own: its KDF parameters and wrap as they are, so
    // Argon2id runs once; another: derived with options.kdf); the recovery key stays the
    // journal's. Returned unlocked, empty, as a bulk load: nothing is at `path` until
    // finish_bulk_load(); destroyed before, it leaves nothing.
    static Result<std::unique_ptr<Vault>> create_joined(const std::filesystem::path& path,
                                                        const std::map<std::string, crypto::Bytes>& wraps,
                                                        std::string_view secret, bool recovery,
                                                        std::string_view new_passphrase,
                                                        const CreateOptions& options = {});
    // Makes a bulk-loaded vault durable and puts it at its path (a no-op for any other);
    // `before_named` runs between the two (Store::finish_bulk).
    Status finish_bulk_load(const std::function<void()>& before_named = {});

    struct Impl;

private:
    explicit Vault(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

struct Vault::Created {
    std::unique_ptr<Vault> vault;
    std::string recovery_key;  // formatted; the caller wipes it after showing it
};

}  // namespace afterglow::journal
