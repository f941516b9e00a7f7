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
#include "journal/store.hpp"
#include "journal/vault.hpp"

namespace afterglow::journal {

struct Keys {
    crypto::SecretBuffer master, records, manifest, drafts, capture;
    std::optional<crypto::BoxKeyPair> box;
};

struct Vault::Impl {
    std::filesystem::path path;
    std::unique_ptr<Store> store;
    keyring::Rows key_rows;  // as read at open or last written
    crypto::KdfParams kdf;
    std::optional<Keys> keys;  // set while unlocked
    codec::Manifest manifest;  // what we last read or wrote
    Index index;
    std::vector<Problem> problems;
    std::function<void()> on_change;

    bool unlocked() const { return keys.has_value(); }
    Status require_unlocked() const;

    // Derives subkeys, loads every record, checks the manifest, merges captures.
    Status become_unlocked(crypto::SecretBuffer master);
    void forget_keys_and_index();
    // Turns notes captured while locked into entries; false if another process merged some
    // of them meanwhile (nothing was written: call again).
    bool merge_captures();

    // One write transaction: upserts and deletes records, updates the manifest (reloading it
    // first if another process changed it), optionally deletes captures. All or nothing.
    Status commit(const std::vector<Record>& upserts, const std::vector<RecordId>& deletes,
                  const std::vector<std::int64_t>& captures_done = {});
    // Writes the changed key rows (and fresh checksums) atomically over what is on disk now.
    Status write_key_rows(const keyring::Rows& changes, const std::string& doing);
    // Re-reads and checks the key rows (before an unlock: the passphrase may have changed).
    Status reload_key_rows();

    struct Scan {
        std::vector<Record> records;
        std::vector<std::string> search_texts;  // aligned with records (entries only)
        std::vector<Problem> problems;
        std::size_t ok = 0;
    };
    Scan scan_records();  // decrypts and checks everything on disk (unlock and verify)
};

crypto::Bytes record_ad(const RecordId& id, std::uint64_t version);
crypto::Bytes manifest_ad(std::uint64_t generation);
crypto::Bytes seal_record(const Keys& k, const Record& r);
std::optional<Record> open_record(const Keys& k, const RecordId& id, std::uint64_t version,
                                  std::span<const std::uint8_t> blob);
// Same, decrypting inside `blob` (no copy); the blob is wiped afterwards.
std::optional<Record> open_record_in_place(const Keys& k, const RecordId& id,
                                           std::uint64_t version, crypto::Bytes& blob);

}  // namespace afterglow::journal
