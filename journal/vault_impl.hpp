// Internals of Vault shared by its implementation files (vault.cpp: lifecycle and keys;
// vault_records.cpp: reading and writing records; index.cpp: the decrypted index).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "crypto/sealed_box.hpp"
#include "crypto/secret.hpp"
#include "journal/codec.hpp"
#include "journal/index.hpp"
#include "journal/keyring.hpp"
#include "journal/manifest.hpp"
#include "journal/store.hpp"
#include "journal/vault.hpp"

namespace afterglow::journal {

struct Keys {
    crypto::SecretBuffer master, records, manifest, drafts, capture, capture_mac;
    std::optional<crypto::BoxKeyPair> box;
};

// What the vault knows of its manifest. Anything but `ok` blocks writes until repair(): a
// commit over a manifest it could not read would list only the new record and hide the rest.
enum class ManifestState { ok, damaged, missing };

struct Vault::Impl {
    std::filesystem::path path;
    std::unique_ptr<Store> store;
    keyring::Rows key_rows;  // as read at open or last written
    crypto::KdfParams kdf;
    // True when the passphrase opened the vault (its wrap binds `kdf` as associated data, so
    // these are the parameters its owner chose); false after a recovery-key unlock, when the
    // KDF rows are whatever the file says.
    bool kdf_authentic = false;
    std::optional<Keys> keys;  // set while unlocked
    manifest::Manifest manifest;  // what we last read or wrote
    ManifestState manifest_state = ManifestState::ok;
    Index index;
    std::vector<Problem> problems;
    std::function<void()> on_change;

    bool unlocked() const { return keys.has_value(); }
    Status require_unlocked() const;
    Status require_writable() const;  // unlocked, not read-only, manifest readable

    // Derives subkeys, loads every record, checks the manifest, merges captures.
    Status become_unlocked(crypto::SecretBuffer master);
    void forget_keys_and_index();
    // Opens the capture key pair, checks the stored public key and its MAC against it, and
    // (if allowed) restores them when they were swapped or are missing.
    void heal_capture_key(bool may_rewrite);

    // One write transaction: re-reads the manifest (another process may have written),
    // upserts and deletes records, optionally turns every pending capture into an entry and
    // deletes it (read and deleted inside the same transaction), writes the manifest.
    // All or nothing. Moves the records into the index.
    struct Change {
        std::vector<Record> upserts;
        std::vector<RecordId> deletes;
        bool merge_captures = false;
        bool rewrite_manifest = false;  // write it even when nothing else changes (migration)
        std::string drop_draft;         // a draft slot deleted in the same transaction (saved)
        // Sync: sealed[i], when not empty, is upserts[i] as another vault of this journal
        // sealed it (Vault::apply_synced checked its version): stored as it is. A view of
        // the caller's bytes (a join's: the segment file as read), alive until commit returns.
        std::vector<std::span<const std::uint8_t>> sealed;
    };
    Status commit(Change change);
    // Vault::preload_synced's rows (sorted by id) until the next commit; the row of `id`, or null.
    std::vector<Vault::SyncedRow> preloaded;
    const Vault::SyncedRow* preloaded_row(const RecordId& id) const;
    // The same for ids asked in id order (a merge's upserts): `preloaded` walked alongside, a
    // search only for an id out of order.
    struct PreloadedWalk {
        const Impl& d;
        std::size_t at = 0;
        const Vault::SyncedRow* operator()(const RecordId& id) {
            const auto& rows = d.preloaded;
            if (at > 0 && id < rows[at - 1].id) return d.preloaded_row(id);
            while (at < rows.size() && rows[at].id < id) ++at;
            return at < rows.size() && rows[at].id == id ? &rows[at] : nullptr;
        }
    };
    // A pending capture as the entry it becomes, or nullopt if it does not open.
    std::optional<Entry> open_capture(const CaptureRow& row) const;
    // Writes the changed key rows (and fresh checksums) atomically over what is on disk now.
    Status write_key_rows(const keyring::Rows& changes, const std::string& doing);
    // Re-reads the key rows (before an unlock: the passphrase may have changed).
    Status reload_key_rows();
    // Keeps a consistent copy of the file beside it, NAME.<what>-TIME; when that name is taken
    // (a retry within the same second) NAME.<what>-TIME-2, -3, … A failed copy is removed.
    Result<std::filesystem::path> keep_copy(const std::string& what);

    struct Scan {
        std::vector<Entry> entries;   // the entries that reach the index, newest first in a
                                      // healthy journal written in order (Index::load sorts)
        std::vector<Record> records;  // the other records that reach it
        void wipe_records();          // for a scan that does not reach the index
        std::vector<Problem> problems;
        std::size_t ok = 0;
        std::optional<manifest::Manifest> manifest;  // as read (nullopt: missing or damaged)
        ManifestState manifest_state = ManifestState::ok;
        std::uint64_t manifest_generation = 0;  // the row's (plaintext) generation
        // For repair: what the manifest and the records disagree on.
        std::vector<RecordId> unlisted, rolled_back, missing, damaged;
        std::vector<std::pair<RecordId, std::uint64_t>> authentic;  // every record that opens
    };
    // Decrypts and checks everything on disk in one read snapshot (unlock, verify, repair).
    Scan scan_records();

    // The file of a new vault (create, create_joined): a bulk load's temporary file when
    // options.bulk_load. Made before any key derivation, so a name taken fails at once.
    static Result<std::unique_ptr<Store>> new_store(const std::filesystem::path& path, const CreateOptions& options);
    // A new vault in `store` around `master`: `wraps` (the KDF rows and the key's wraps), the
    // capture key rows, their checksums and an empty manifest in one transaction; returned
    // unlocked. Derives no key from a passphrase (the caller did, once).
    static Result<std::unique_ptr<Vault>> create_around(const std::filesystem::path& path, std::unique_ptr<Store> store,
                                                        const crypto::KdfParams& kdf, crypto::SecretBuffer master,
                                                        keyring::Rows wraps);
};

Error read_only_error(const Store& store);
// New KDF parameters (a new vault, a passphrase change, a join's new passphrase): valid, and
// not below the floor unless the user chose it (allow_weak).
Status check_kdf_strength(const crypto::KdfParams& p, bool allow_weak);
crypto::Bytes record_ad(const RecordId& id, std::uint64_t version);
// The associated data of a format-3 manifest (one sealed codec::Manifest list in the `manifest`
// row). Still read, and migrated to buckets at the next unlock (journal/manifest.hpp).
crypto::Bytes manifest_ad(std::uint64_t generation);
crypto::Bytes seal_record(const Keys& k, const Record& r);
// Opens a sealed record left as it is (a join stores the same bytes), decrypted into `scratch`
// (at least the blob's size), which is wiped afterwards: nullopt when it does not
// authenticate, decode, or hold that id and version.
std::optional<Record> open_record_copy(const Keys& k, const RecordId& id, std::uint64_t version,
                                       std::span<const std::uint8_t> blob, std::span<std::uint8_t> scratch);

}  // namespace afterglow::journal
