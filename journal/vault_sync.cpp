// What sync (journal/sync, docs/sync.md) needs from the vault: its subkeys, the key wraps a
// store's journal.key carries, a sealed slot for sync's own state, applying merged records in
// one transaction, and creating a vault around a joined journal's master key.
#include <algorithm>
#include <tuple>

#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "crypto/recovery_key.hpp"
#include "crypto/sealed_box.hpp"
#include "journal/merge.hpp"
#include "journal/parallel.hpp"
#include "journal/vault_impl.hpp"

namespace afterglow::journal {
namespace {

constexpr char kSyncContext[9] = "AGsync01";       // id 1: segments; id 2: the state slot
constexpr char kStateAd[] = "afterglow/v1/sync-state";

crypto::Bytes state_slot(const crypto::SecretBuffer& state_key) {
    return crypto::hash(crypto::as_bytes("afterglow/sync-state"), 16, state_key.span());
}

}  // namespace

Result<crypto::SecretBuffer> Vault::sync_key(int purpose) const {
    if (auto st = impl_->require_unlocked(); !st) return st.error();
    if (purpose != 1 && purpose != 2)
        return make_error(Errc::invalid_argument, "Unknown sync key purpose.");
    return crypto::derive_subkey(impl_->keys->master, static_cast<std::uint64_t>(purpose), kSyncContext);
}

Result<std::map<std::string, crypto::Bytes>> Vault::key_wraps() const {
    if (auto st = impl_->require_unlocked(); !st) return st.error();
    std::map<std::string, crypto::Bytes> out;
    for (const char* name : {"kdf_opslimit", "kdf_memlimit", "kdf_salt", "wrap_passphrase", "wrap_recovery"}) {
        auto it = impl_->key_rows.find(name);
        if (it == impl_->key_rows.end())
            return make_error(Errc::damaged, std::string("The vault's key row ") + name + " is missing.",
                              std::string("key:") + name);
        out[name] = it->second;
    }
    return out;
}

Result<std::optional<crypto::Bytes>> Vault::load_sync_state() const {
    auto key = sync_key(2);
    if (!key) return key.error();
    const auto slot = state_slot(*key);
    std::optional<crypto::Bytes> blob;
    if (auto st = guarded("read the sync state", [&] { blob = impl_->store->read_draft(slot); }); !st)
        return st.error();
    if (!blob) return std::optional<crypto::Bytes>{};
    auto plain = crypto::open(key->span(), *blob, crypto::concat({crypto::as_bytes(kStateAd), slot}));
    if (!plain)
        return make_error(Errc::damaged,
                          "This device's sync state fails authentication; sync starts over as a "
                          "new device (nothing in the journal is lost).",
                          "sync-state");
    return std::optional<crypto::Bytes>{std::move(*plain)};
}

Status Vault::save_sync_state(const crypto::Bytes& plain) {
    if (auto st = impl_->require_writable(); !st) return st;
    auto key = sync_key(2);
    if (!key) return key.error();
    const auto slot = state_slot(*key);
    auto blob = crypto::seal(key->span(), plain, crypto::concat({crypto::as_bytes(kStateAd), slot}));
    return guarded("save the sync state", [&] { impl_->store->put_draft(slot, blob); });
}

Status Vault::apply_synced(std::vector<Record> upserts, std::vector<RecordId> deletes,
                           std::vector<std::span<const std::uint8_t>> sealed) {
    if (auto st = impl_->require_writable(); !st) return st;
    sealed.resize(upserts.size());
    for (std::size_t i = 0; i < upserts.size(); ++i) {
        RecordMeta& m = meta_of(upserts[i]);
        const RecordMeta* existing = impl_->index.meta(m.id);
        // A record sealed elsewhere keeps the version it is sealed under, unless this vault
        // holds that version or a later one (its manifest only ever moves a record forward).
        if (!sealed[i].empty() && m.version > 0 && m.version < kMaxRecordVersion &&
            (!existing || existing->version < m.version))
            continue;
        sealed[i] = {};
        m.version = (existing ? existing->version : 0) + 1;
        if (m.version >= kMaxRecordVersion)
            return make_error(Errc::invalid_argument,
                              "A record's version counter is at its limit; nothing was merged.", m.id.hex());
    }
    std::erase_if(deletes, [&](const RecordId& id) { return !impl_->index.meta(id) && !impl_->preloaded_row(id); });
    Impl::Change change;
    change.upserts = std::move(upserts);
    change.deletes = std::move(deletes);
    change.sealed = std::move(sealed);
    auto st = impl_->commit(std::move(change));
    if (st && impl_->store->bulk_loading()) impl_->store->flush_bulk_early();  // a join's records
    return st;
}

Result<std::vector<Vault::SealedRecord>> Vault::seal_for_sync(const std::vector<RecordId>& ids) const {
    if (auto st = impl_->require_unlocked(); !st) return st.error();
    const Index& index = impl_->index;
    const Keys& k = *impl_->keys;
    std::vector<SealedRecord> out(ids.size());
    parallel_for(ids.size(), [&](std::size_t i) {
        std::optional<Record> r;
        if (const auto* p = index.entry(ids[i])) r = *p;
        else if (const auto* p = index.session(ids[i])) r = *p;
        else if (const auto* p = index.checkin(ids[i])) r = *p;
        else if (const auto* p = index.goal(ids[i])) r = *p;
        else if (const auto* p = index.response(ids[i])) r = *p;
        else if (const auto* p = index.document(ids[i])) r = *p;
        if (!r) return;
        out[i].version = meta_of(*r).version;
        out[i].blob = seal_record(k, *r);
        wipe_record(*r);
    });
    return out;
}

std::optional<Record> Vault::open_synced(const RecordId& id, std::uint64_t version,
                                         std::span<const std::uint8_t> blob) const {
    if (!impl_->unlocked() || blob.size() > kMaxRecordBytes + 4096) return std::nullopt;
    // Decrypted into a buffer of its own (the blob itself is kept, to be stored): one per
    // thread, reused (a join opens every record of the journal here), wiped after each.
    thread_local crypto::Bytes scratch;
    if (scratch.size() < blob.size()) scratch.resize(blob.size());
    return open_record_copy(*impl_->keys, id, version, blob, scratch);
}

Result<bool> Vault::preload_synced(std::vector<SyncedRow> rows) {
    Impl& d = *impl_;
    if (!d.store->bulk_loading() || d.index.size() != 0 || !d.preloaded.empty()) return false;
    if (auto st = d.require_writable(); !st) return st.error();
    std::sort(rows.begin(), rows.end(), [](const SyncedRow& a, const SyncedRow& b) { return a.id < b.id; });
    auto st = guarded("store the journal", [&] {
        d.store->preload_records(rows.size(), [&](std::size_t i) {
            return std::tuple<const RecordId&, std::uint64_t, std::span<const std::uint8_t>>(rows[i].id, rows[i].version,
                                                                                           rows[i].blob);
        });
    });
    if (!st) {
        d.store->drop_preload();
        return st.error();
    }
    d.preloaded = std::move(rows);
    return true;
}

void Vault::drop_preloaded() {
    impl_->store->drop_preload();
    impl_->preloaded.clear();
}

const Vault::SyncedRow* Vault::Impl::preloaded_row(const RecordId& id) const {
    auto it = std::lower_bound(preloaded.begin(), preloaded.end(), id,
                               [](const SyncedRow& r, const RecordId& k) { return r.id < k; });
    return it != preloaded.end() && it->id == id ? &*it : nullptr;
}

Status Vault::finish_bulk_load(const std::function<void()>& before_named) {
    return impl_->store->finish_bulk(before_named);
}

Result<std::unique_ptr<Vault>> Vault::create_joined(const std::filesystem::path& path,
                                                    const std::map<std::string, crypto::Bytes>& wraps,
                                                    std::string_view secret, bool recovery,
                                                    std::string_view new_passphrase,
                                                    const CreateOptions& options) {
    if (!crypto::init()) return make_error(Errc::io, "The system's random source is unavailable.");
    if (new_passphrase.empty())
        return make_error(Errc::invalid_argument, "The passphrase must not be empty.");
    keyring::Rows rows(wraps.begin(), wraps.end());
    std::optional<crypto::SecretBuffer> master;
    std::optional<crypto::KdfParams> journal_kdf;  // the store's, when the passphrase opened it
    if (recovery) {
        if (auto st = keyring::check(rows, keyring::Purpose::recovery); !st) return st.error();
        auto key = crypto::parse_recovery_key(secret);
        if (!key) return key.error();
        master = keyring::unwrap_with_recovery_key(*key, rows);
    } else {
        auto kdf = keyring::read_kdf(rows);  // capped as the vault caps them
        if (!kdf) return kdf.error();
        auto kek = crypto::derive_key(secret, *kdf);  // the join's one Argon2id derivation
        if (!kek) return kek.error();
        master = keyring::unwrap_with_passphrase_key(*kek, rows);
        journal_kdf = *kdf;
    }
    if (!master)
        return make_error(Errc::wrong_passphrase,
                          recovery ? "That recovery key does not open the journal in this store."
                                   : "That passphrase does not open the journal in this store.");

    CreateOptions opts = options;
    opts.bulk_load = true;
    auto store = Impl::new_store(path, opts);
    if (!store) return store.error();
    // This vault's passphrase wrap. Joined with the journal's own passphrase, it is the wrap
    // that passphrase just opened (the journal's KDF parameters and salt): no second
    // derivation. A new passphrase (a recovery-key join, or another one) is derived once,
    // with this device's parameters.
    keyring::Rows fresh;
    crypto::KdfParams kdf;
    if (journal_kdf && new_passphrase == secret) {
        kdf = *journal_kdf;
        for (const char* name : {"kdf_opslimit", "kdf_memlimit", "kdf_salt", "wrap_passphrase"})
            fresh[name] = rows.at(name);
    } else {
        kdf = opts.kdf ? *opts.kdf : crypto::calibrate();
        if (opts.kdf) kdf.salt = crypto::random_bytes(16);
        if (auto st = check_kdf_strength(kdf, opts.allow_weak_kdf); !st) return st.error();
        auto kek = crypto::derive_key(new_passphrase, kdf);
        if (!kek) return kek.error();
        keyring::write_kdf(fresh, kdf);
        fresh["wrap_passphrase"] = keyring::wrap_with_passphrase_key(*kek, kdf, *master);
    }
    // The recovery key stays the journal's.
    if (auto it = rows.find("wrap_recovery"); it != rows.end()) fresh["wrap_recovery"] = it->second;
    return Impl::create_around(path, std::move(*store), kdf, std::move(*master), std::move(fresh));
}

}  // namespace afterglow::journal
