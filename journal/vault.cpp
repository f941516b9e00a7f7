// Vault lifecycle: create, open, unlock, lock, passphrase and recovery key, quick capture,
// health. Records are read and written in vault_records.cpp.
#include "journal/vault.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <cstring>

#include "crypto/aead.hpp"
#include "crypto/recovery_key.hpp"
#include "journal/text.hpp"
#include "journal/vault_impl.hpp"

namespace afterglow::journal {
namespace {

constexpr char kBoxAd[] = "afterglow/v1/box-secret";

Status check_strength(const crypto::KdfParams& p, bool allow_weak) {
    if (auto st = crypto::check_kdf_params(p); !st) return st;
    if (p.memlimit < crypto::KdfParams::kMinUserMemlimit && !allow_weak)
        return make_error(Errc::kdf_limits,
                          "Key-derivation memory of " + std::to_string(p.memlimit >> 20) +
                              " MiB is weaker than Afterglow allows without an explicit "
                              "confirmation (at least " +
                              std::to_string(crypto::KdfParams::kMinUserMemlimit >> 20) + " MiB).");
    return {};
}

crypto::Bytes box_ad(const crypto::Bytes& pub) {
    return crypto::concat({crypto::as_bytes(kBoxAd), pub});
}

Keys derive_keys(crypto::SecretBuffer master) {
    Keys k;
    k.records = crypto::derive_subkey(master, 1, keyring::kRecordsContext);
    k.manifest = crypto::derive_subkey(master, 2, keyring::kManifestContext);
    k.drafts = crypto::derive_subkey(master, 3, keyring::kDraftsContext);
    k.capture = crypto::derive_subkey(master, 4, keyring::kCaptureContext);
    k.master = std::move(master);
    return k;
}

}  // namespace

std::filesystem::path default_vault_path() {
    std::filesystem::path base;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x == '/') {
        base = x;
    } else if (const char* h = std::getenv("HOME"); h && *h) {
        base = std::filesystem::path(h) / ".local" / "share";
    } else {
        base = ".";
    }
    return base / "afterglow" / "journal.afterglow";
}

Status Vault::Impl::require_unlocked() const {
    if (!unlocked())
        return make_error(Errc::locked, "The vault is locked. Unlock it first.");
    return {};
}

Status Vault::Impl::write_key_rows(const keyring::Rows& changes, const std::string& doing) {
    // Only the changed rows are ours to write: the others are re-read inside the transaction,
    // so a passphrase changed by another process meanwhile is not put back.
    keyring::Rows merged;
    auto st = guarded(doing, [&] {
        store->db().exec("BEGIN IMMEDIATE");
        try {
            merged = store->read_keys();
            for (const auto& [name, value] : changes) merged[name] = value;
            keyring::seal_checksums(merged);
            for (const auto& [name, value] : merged) store->write_key(name, value);
            store->db().exec("COMMIT");
        } catch (...) {
            try { store->db().exec("ROLLBACK"); } catch (...) {}
            throw;
        }
    });
    if (!st) return st;
    key_rows = std::move(merged);
    if (auto k = keyring::read_kdf(key_rows)) kdf = *k;
    return {};
}

Status Vault::Impl::reload_key_rows() {
    keyring::Rows rows;
    auto st = guarded("read the vault's keys", [&] { rows = store->read_keys(); });
    if (!st) return st;
    if (auto kst = keyring::check(rows); !kst) return kst;
    auto k = keyring::read_kdf(rows);
    if (!k) return k.error();
    key_rows = std::move(rows);
    kdf = *k;
    return {};
}

void Vault::Impl::forget_keys_and_index() {
    keys.reset();  // SecretBuffers wipe themselves
    index.clear_and_wipe();
    manifest = {};
    problems.clear();
}

Status Vault::Impl::become_unlocked(crypto::SecretBuffer master) {
    Keys k = derive_keys(std::move(master));
    auto pub = key_rows.find("box_public");
    auto sec = key_rows.find("box_secret");
    if (pub != key_rows.end() && sec != key_rows.end()) {
        if (auto s = crypto::open_secret(k.capture.span(), sec->second, box_ad(pub->second));
            s && s->size() == crypto::kBoxSecretKeySize)
            k.box = crypto::BoxKeyPair{pub->second, std::move(*s)};
    }
    keys = std::move(k);
    Scan scan;
    auto st = guarded("read the journal", [&] { scan = scan_records(); });
    if (!st) {
        forget_keys_and_index();
        return st;
    }
    if (!keys->box) problems.push_back({"key:box_secret", "quick-capture key cannot be opened"});
    index.load(std::move(scan.records), std::move(scan.search_texts));
    problems.insert(problems.end(), scan.problems.begin(), scan.problems.end());

    // Merge notes captured while locked: each becomes a session-note entry, marked captured.
    // Another process unlocking at the same moment may merge them first: then re-read.
    if (keys->box && !store->read_only()) {
        for (int attempt = 0; attempt < 3; ++attempt) {
            if (merge_captures()) break;
        }
    }
    return {};
}

bool Vault::Impl::merge_captures() {
    std::vector<Record> notes;
    std::vector<std::int64_t> done;
    std::vector<Problem> found;
    (void)guarded("read captured notes", [&] {
        SQLite::Statement q(store->db(), "SELECT id, blob FROM captures ORDER BY id");
        while (q.executeStep()) {
            auto col = q.getColumn(1);
            const auto* p = static_cast<const std::uint8_t*>(col.getBlob());
            auto plain = crypto::box_open(*keys->box, std::span(p, static_cast<std::size_t>(col.getBytes())));
            std::optional<QuickNote> note;
            if (plain) {
                if (auto u = codec::unpad(std::move(*plain))) note = codec::decode_note(*u);
            }
            if (!note) {
                found.push_back({"capture:" + std::to_string(q.getColumn(0).getInt64()),
                                 "captured note cannot be opened (damaged)"});
                continue;
            }
            Entry e;
            e.meta.id = RecordId::random();
            e.meta.version = 1;
            e.meta.created = note->at;
            e.meta.updated = note->at;
            e.kind = EntryKind::session_note;
            e.title = std::move(note->title);
            e.body = std::move(note->body);
            e.captured = true;
            notes.push_back(std::move(e));
            done.push_back(q.getColumn(0).getInt64());
        }
    });
    if (!notes.empty()) {
        auto cst = commit(notes, {}, done);
        for (auto& r : notes) wipe_record(r);
        if (!cst) {
            if (cst.error().subject == "captures-stale") return false;
            problems.push_back({"captures", "could not be merged: " + cst.error().message});
        }
    }
    problems.insert(problems.end(), found.begin(), found.end());
    return true;
}

Vault::Vault(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Vault::~Vault() {
    if (impl_) lock();
}

Result<Vault::Created> Vault::create(const std::filesystem::path& path, std::string_view passphrase,
                                     const CreateOptions& options) {
    if (!crypto::init()) return make_error(Errc::io, "The system's random source is unavailable.");
    if (passphrase.empty())
        return make_error(Errc::invalid_argument, "The passphrase must not be empty.");
    crypto::KdfParams kdf = options.kdf ? *options.kdf : crypto::calibrate();
    if (options.kdf) kdf.salt = crypto::random_bytes(16);
    if (auto st = check_strength(kdf, options.allow_weak_kdf); !st) return st.error();

    const int schema = options.schema_for_tests ? options.schema_for_tests : Store::kCurrentSchema;
    auto store = Store::create(path, schema);
    if (!store) return store.error();

    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->store = std::move(store.value());
    impl->kdf = kdf;

    auto kek = crypto::derive_key(passphrase, kdf);
    if (!kek) return kek.error();
    auto master = crypto::SecretBuffer::random(crypto::kKeySize);
    auto recovery = crypto::SecretBuffer::random(crypto::kRecoveryKeySize);
    auto box = crypto::box_keypair();
    Keys k = derive_keys(crypto::SecretBuffer::copy_of(master.span()));

    keyring::Rows rows;
    keyring::write_kdf(rows, kdf);
    rows["wrap_passphrase"] = keyring::wrap_with_passphrase_key(*kek, kdf, master);
    rows["wrap_recovery"] = keyring::wrap_with_recovery_key(recovery, master);
    rows["box_public"] = box.public_key;
    rows["box_secret"] = crypto::seal(k.capture.span(), box.secret_key.span(), box_ad(box.public_key));
    keyring::seal_checksums(rows);

    codec::Manifest empty;
    empty.generation = 1;
    auto manifest_blob = crypto::seal(k.manifest.span(), codec::encode_manifest(empty), manifest_ad(1));
    auto st = guarded("create the vault", [&] {
        SQLite::Transaction tx(impl->store->db());
        for (const auto& [name, value] : rows) impl->store->write_key(name, value);
        SQLite::Statement q(impl->store->db(),
                            "INSERT INTO manifest(slot, generation, blob) VALUES(1, 1, ?)");
        q.bind(1, manifest_blob.data(), static_cast<int>(manifest_blob.size()));
        q.exec();
        tx.commit();
    });
    if (!st) {
        impl->store.reset();
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path.string() + suffix, ec);
        return st.error();
    }
    impl->key_rows = std::move(rows);
    if (auto ust = impl->become_unlocked(std::move(master)); !ust) return ust.error();

    Created out;
    out.recovery_key = crypto::format_recovery_key(recovery);
    out.vault.reset(new Vault(std::move(impl)));
    return out;
}

Result<std::unique_ptr<Vault>> Vault::open(const std::filesystem::path& path) {
    if (!crypto::init()) return make_error(Errc::io, "The system's random source is unavailable.");
    auto store = Store::open(path);
    if (!store) return store.error();
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->store = std::move(store.value());
    auto st = guarded("read the vault's keys", [&] { impl->key_rows = impl->store->read_keys(); });
    if (!st) return st.error();
    if (impl->key_rows.empty())
        return make_error(Errc::not_afterglow,
                          path.string() + " has no Afterglow keys; it is not a usable vault.",
                          path.string());
    if (auto kst = keyring::check(impl->key_rows); !kst) return kst.error();
    auto kdf = keyring::read_kdf(impl->key_rows);
    if (!kdf) return kdf.error();
    impl->kdf = *kdf;
    return std::unique_ptr<Vault>(new Vault(std::move(impl)));
}

Status Vault::unlock(std::string_view passphrase) {
    if (impl_->unlocked()) return {};
    // Another process may have changed the passphrase since this file was opened.
    if (auto st = impl_->reload_key_rows(); !st) return st;
    auto kek = crypto::derive_key(passphrase, impl_->kdf);
    if (!kek) return kek.error();
    auto master = keyring::unwrap_with_passphrase_key(*kek, impl_->key_rows);
    if (!master)
        return make_error(Errc::wrong_passphrase,
                          "That passphrase does not open this vault. Check it and try again, or "
                          "use your recovery key.");
    return impl_->become_unlocked(std::move(*master));
}

Status Vault::unlock_with_recovery_key(std::string_view formatted_key) {
    if (impl_->unlocked()) return {};
    if (auto st = impl_->reload_key_rows(); !st) return st;
    auto key = crypto::parse_recovery_key(formatted_key);
    if (!key) return key.error();
    auto master = keyring::unwrap_with_recovery_key(*key, impl_->key_rows);
    if (!master)
        return make_error(Errc::wrong_passphrase,
                          "That recovery key is well-formed but does not belong to this vault.");
    return impl_->become_unlocked(std::move(*master));
}

void Vault::lock() {
    impl_->forget_keys_and_index();
    if (impl_->store) impl_->store->checkpoint();
}

bool Vault::unlocked() const { return impl_->unlocked(); }

Status Vault::change_passphrase(std::string_view new_passphrase,
                                std::optional<crypto::KdfParams> kdf, bool allow_weak_kdf) {
    if (auto st = impl_->require_unlocked(); !st) return st;
    if (new_passphrase.empty())
        return make_error(Errc::invalid_argument, "The passphrase must not be empty.");
    crypto::KdfParams p = kdf ? *kdf : impl_->kdf;
    p.salt = crypto::random_bytes(16);
    // Keeping the current strength needs no new consent; choosing a new one is checked.
    if (auto st = check_strength(p, allow_weak_kdf || !kdf); !st) return st;
    auto kek = crypto::derive_key(new_passphrase, p);
    if (!kek) return kek.error();
    keyring::Rows rows;
    keyring::write_kdf(rows, p);
    rows["wrap_passphrase"] = keyring::wrap_with_passphrase_key(*kek, p, impl_->keys->master);
    if (auto st = impl_->write_key_rows(rows, "change the passphrase"); !st) return st;
    impl_->kdf = p;
    return {};
}

Result<std::string> Vault::rotate_recovery_key() {
    if (auto st = impl_->require_unlocked(); !st) return st.error();
    auto recovery = crypto::SecretBuffer::random(crypto::kRecoveryKeySize);
    keyring::Rows rows;
    rows["wrap_recovery"] = keyring::wrap_with_recovery_key(recovery, impl_->keys->master);
    if (auto st = impl_->write_key_rows(rows, "replace the recovery key"); !st) return st.error();
    return crypto::format_recovery_key(recovery);
}

Status Vault::capture(const QuickNote& note) {
    QuickNote n = note;
    if (n.at.utc == 0) n.at = now();
    if (n.title.empty() && n.body.empty())
        return make_error(Errc::invalid_argument, "The note is empty; nothing was saved.");
    if (!valid_utf8(n.title) || !valid_utf8(n.body))
        return make_error(Errc::invalid_argument, "The note is not valid UTF-8; nothing was saved.");
    auto pub = impl_->key_rows.find("box_public");
    if (pub == impl_->key_rows.end() || pub->second.size() != crypto::kBoxPublicKeySize)
        return make_error(Errc::damaged, "The vault's quick-capture key is missing.", "key:box_public");
    auto plain = codec::pad(codec::encode_note(n));
    auto sealed = crypto::box_seal(pub->second, plain);
    crypto::wipe(plain.data(), plain.size());
    crypto::wipe(n.body.data(), n.body.size());
    crypto::wipe(n.title.data(), n.title.size());
    return guarded("save the note", [&] {
        SQLite::Statement q(impl_->store->db(), "INSERT INTO captures(blob) VALUES(?)");
        q.bind(1, sealed.data(), static_cast<int>(sealed.size()));
        q.exec();
    });
}

std::size_t Vault::captures_pending() const {
    std::size_t n = 0;
    (void)guarded("count captured notes", [&] {
        n = static_cast<std::size_t>(
            impl_->store->db().execAndGet("SELECT count(*) FROM captures").getInt64());
    });
    return n;
}

const std::vector<Entry>& Vault::entries() const { return impl_->index.entries(); }
const std::vector<Session>& Vault::sessions() const { return impl_->index.sessions(); }
const std::vector<CheckIn>& Vault::checkins() const { return impl_->index.checkins(); }
const std::vector<Goal>& Vault::goals() const { return impl_->index.goals(); }
const std::vector<MeasureResponse>& Vault::responses() const { return impl_->index.responses(); }
const std::vector<Document>& Vault::documents() const { return impl_->index.documents(); }
const Entry* Vault::find_entry(const RecordId& id) const { return impl_->index.entry(id); }
const Session* Vault::find_session(const RecordId& id) const { return impl_->index.session(id); }
const CheckIn* Vault::find_checkin(const RecordId& id) const { return impl_->index.checkin(id); }
const Goal* Vault::find_goal(const RecordId& id) const { return impl_->index.goal(id); }

std::optional<RecordId> Vault::resolve(std::string_view text) const {
    if (text.size() == 32) {
        auto id = RecordId::parse(text);
        if (id && impl_->index.meta(*id)) return id;
        return std::nullopt;
    }
    if (text.size() < 4) return std::nullopt;
    std::string prefix(text);
    for (auto& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::optional<RecordId> found;
    for (const auto& id : impl_->index.all_ids()) {
        if (id.hex().compare(0, prefix.size(), prefix) == 0) {
            if (found) return std::nullopt;  // ambiguous
            found = id;
        }
    }
    return found;
}

std::vector<RecordId> Vault::search(std::string_view query) const {
    if (!impl_->unlocked()) return {};
    return impl_->index.search(query);
}

const std::vector<Problem>& Vault::problems() const { return impl_->problems; }

Result<VerifyReport> Vault::verify() {
    if (auto st = impl_->require_unlocked(); !st) return st.error();
    VerifyReport report;
    auto st = guarded("verify the vault", [&] {
        report.sqlite_check = impl_->store->db().execAndGet("PRAGMA integrity_check").getString();
        auto saved_manifest = impl_->manifest;
        auto scan = impl_->scan_records();
        impl_->manifest = saved_manifest;
        report.records_ok = scan.ok;
        report.problems = std::move(scan.problems);
        for (auto& r : scan.records) wipe_record(r);
        if (auto kst = keyring::check(impl_->key_rows); !kst)
            report.problems.push_back({kst.error().subject, kst.error().message});
    });
    if (!st) return st.error();
    report.captures_pending = captures_pending();
    for (const auto& p : impl_->problems)
        if (p.record_id.rfind("capture:", 0) == 0 || p.record_id.rfind("key:", 0) == 0)
            report.problems.push_back(p);
    return report;
}

Stats Vault::stats() const {
    Stats s;
    s.sessions = impl_->index.sessions().size();
    s.entries = impl_->index.entries().size();
    s.checkins = impl_->index.checkins().size();
    s.goals = impl_->index.goals().size();
    s.captures_pending = captures_pending();
    std::error_code ec;
    for (const char* suffix : {"", "-wal"}) {
        auto sz = std::filesystem::file_size(impl_->path.string() + suffix, ec);
        if (!ec) s.file_bytes += sz;
    }
    s.schema_version = impl_->store->schema();
    s.kdf = impl_->kdf;
    return s;
}

const std::filesystem::path& Vault::path() const { return impl_->path; }
const crypto::KdfParams& Vault::kdf_params() const { return impl_->kdf; }
void Vault::on_change(std::function<void()> callback) { impl_->on_change = std::move(callback); }

}  // namespace afterglow::journal
