// Vault lifecycle: create, open, unlock, lock, passphrase and recovery key, quick capture,
// health. Records are read and written in vault_records.cpp.
#include "journal/vault.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <cstring>

#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "crypto/recovery_key.hpp"
#include "journal/text.hpp"
#include "journal/time.hpp"
#include "journal/vault_impl.hpp"

namespace afterglow::journal {

Status check_kdf_strength(const crypto::KdfParams& p, bool allow_weak) {
    if (auto st = crypto::check_kdf_params(p); !st) return st;
    if (p.memlimit < crypto::KdfParams::kMinUserMemlimit && !allow_weak)
        return make_error(Errc::kdf_limits,
                          "Key-derivation memory of " + crypto::describe_memory(p.memlimit) +
                              " is weaker than Afterglow allows without an explicit "
                              "confirmation (at least " +
                              crypto::describe_memory(crypto::KdfParams::kMinUserMemlimit) + ").");
    return {};
}

namespace {

constexpr char kBoxAd[] = "afterglow/v1/box-secret";      // v1: AD = this ‖ public key
constexpr char kBoxAd2[] = "afterglow/v2/box-secret";     // since schema 3: the key is derived

crypto::Bytes box_ad(const crypto::Bytes& pub) {
    return crypto::concat({crypto::as_bytes(kBoxAd), pub});
}

Keys derive_keys(crypto::SecretBuffer master) {
    Keys k;
    k.records = crypto::derive_subkey(master, 1, keyring::kRecordsContext);
    k.manifest = crypto::derive_subkey(master, 2, keyring::kManifestContext);
    k.drafts = crypto::derive_subkey(master, 3, keyring::kDraftsContext);
    k.capture = crypto::derive_subkey(master, 4, keyring::kCaptureContext);
    k.capture_mac = crypto::derive_subkey(master, 5, keyring::kCaptureMacContext);
    k.master = std::move(master);
    return k;
}

crypto::Bytes capture_key_mac(const Keys& k, std::span<const std::uint8_t> pub) {
    return crypto::hash(pub, 32, k.capture_mac.span());
}

// The capture key rows for a key pair: public key, its MAC, the sealed secret half.
keyring::Rows capture_key_rows(const Keys& k, const crypto::BoxKeyPair& box) {
    keyring::Rows rows;
    rows["box_public"] = box.public_key;
    rows["box_public_mac"] = capture_key_mac(k, box.public_key);
    rows["box_secret"] = crypto::seal(k.capture.span(), box.secret_key.span(), crypto::as_bytes(kBoxAd2));
    return rows;
}

std::string compact_utc_now() { return format_utc(now().utc, "%Y%m%dT%H%M%SZ"); }

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

Error read_only_error(const Store& store) {
    if (store.read_only_cause() == Errc::disk_full)
        return make_error(Errc::disk_full,
                          "The disk is full, so the vault is open read-only: changes are disabled "
                          "until you free some space (nothing was changed).");
    return make_error(Errc::read_only,
                      "The vault is read-only (read-only media or a folder without write "
                      "permission): changes are disabled.");
}

Status Vault::Impl::require_unlocked() const {
    if (!unlocked())
        return make_error(Errc::locked, "The vault is locked. Unlock it first.");
    return {};
}

Status Vault::Impl::require_writable() const {
    if (auto st = require_unlocked(); !st) return st;
    if (store->read_only()) return read_only_error(*store);
    if (manifest_state != ManifestState::ok)
        return make_error(Errc::damaged,
                          "The journal's manifest is damaged, so changes are disabled: saving now "
                          "would hide older entries. Repair the vault first (Settings → Repair, "
                          "or afterglow-cli repair); nothing was saved.",
                          "manifest");
    if (!store->schema_problem().empty())  // a save would add a second copy of a record
        return make_error(Errc::damaged,
                          "The vault file's structure was changed outside Afterglow (" +
                              store->schema_problem() +
                              "), so changes are disabled until it is repaired (Settings → Repair, "
                              "or afterglow-cli repair); nothing was saved.",
                          "schema");
    return {};
}

Status Vault::Impl::write_key_rows(const keyring::Rows& changes, const std::string& doing) {
    if (store->read_only()) return read_only_error(*store);
    // Only the changed rows are ours to write: the others are re-read inside the transaction,
    // so a passphrase changed by another process meanwhile is not put back.
    keyring::Rows merged;
    auto st = guarded(doing, [&] {
        store->write([&] {
            merged = store->read_keys();
            for (const auto& [name, value] : changes) merged[name] = value;
            keyring::seal_checksums(merged);
            for (const auto& [name, value] : merged) store->put_key(name, value);
        });
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
    key_rows = std::move(rows);
    if (auto k = keyring::read_kdf(key_rows)) kdf = *k;
    return {};
}

Result<std::filesystem::path> Vault::Impl::keep_copy(const std::string& what) {
    if (store->read_only()) return read_only_error(*store);
    const std::string base = path.string() + "." + what + "-" + compact_utc_now();
    for (int n = 1; n <= 1000; ++n) {
        std::filesystem::path to = n == 1 ? base : base + "-" + std::to_string(n);
        bool made = false;
        if (auto st = guarded("keep a copy of the vault", [&] { made = store->copy_to(to); }); !st)
            return st.error();
        if (made) return to;
    }
    return make_error(Errc::io, "Could not find a free name for a copy of the vault beside " +
                                    path.string() + "; nothing was changed.");
}

void Vault::Impl::forget_keys_and_index() {
    keys.reset();  // SecretBuffers wipe themselves
    index.clear_and_wipe();
    manifest = {};
    manifest_state = ManifestState::ok;
    problems.clear();
}

Status Vault::Impl::become_unlocked(crypto::SecretBuffer master) {
    keys = derive_keys(std::move(master));
    // Damage to a row this unlock did not need (the other wrap, the capture key) is named now.
    const auto key_check = keyring::check_all(key_rows);
    if (!key_check) problems.push_back({key_check.error().subject, key_check.error().message});
    // Rewriting key rows re-seals every checksum: never over damage outside the capture rows.
    heal_capture_key(key_check || key_check.error().subject.rfind("key:box_", 0) == 0);
    Scan scan;
    auto st = guarded("read the journal", [&] { scan = scan_records(); });
    if (!st) {
        forget_keys_and_index();
        return st;
    }
    if (!store->schema_problem().empty()) problems.push_back({"schema", store->schema_problem()});
    manifest_state = scan.manifest_state;
    if (scan.manifest) manifest = std::move(*scan.manifest);
    index.load(std::move(scan.entries), std::move(scan.records));
    problems.insert(problems.end(), scan.problems.begin(), scan.problems.end());

    // Notes captured while locked become session-note entries, marked captured. Not on a
    // read-only file, and not while the manifest is damaged (they stay pending, unharmed).
    // The same commit finishes a migration from format 3: the manifest read as one list is
    // written in buckets (docs/vault.md).
    if (!store->read_only() && manifest_state == ManifestState::ok &&
        (keys->box || (manifest.legacy && store->schema() >= 4))) {
        Change merge;
        const bool captures = keys->box.has_value();
        merge.merge_captures = captures;
        merge.rewrite_manifest = manifest.legacy && store->schema() >= 4;
        if (auto cst = commit(std::move(merge)); !cst)
            problems.push_back({captures ? "captures" : "migration",
                                std::string(captures ? "could not be merged" : "the format upgrade could not finish") +
                                    " yet: " + cst.error().message});
    }
    return {};
}

void Vault::Impl::heal_capture_key(bool may_rewrite) {
    Keys& k = *keys;
    auto pub = key_rows.find("box_public");
    auto sec = key_rows.find("box_secret");
    if (sec == key_rows.end()) {
        problems.push_back({"key:box_secret", "quick-capture key is missing"});
        return;
    }
    std::optional<crypto::SecretBuffer> secret =
        crypto::open_secret(k.capture.span(), sec->second, crypto::as_bytes(kBoxAd2));
    bool current_format = secret.has_value();
    if (!secret && pub != key_rows.end())  // written before schema 3
        secret = crypto::open_secret(k.capture.span(), sec->second, box_ad(pub->second));
    if (!secret || secret->size() != crypto::kBoxSecretKeySize) {
        problems.push_back({"key:box_secret", "quick-capture key cannot be opened"});
        return;
    }
    crypto::BoxKeyPair box{crypto::box_public_key(*secret), std::move(*secret)};
    const bool pub_ok = pub != key_rows.end() && crypto::equal(pub->second, box.public_key);
    auto mac = key_rows.find("box_public_mac");
    const bool mac_ok = mac != key_rows.end() &&
                        crypto::equal(mac->second, capture_key_mac(k, box.public_key));
    if (!pub_ok)
        problems.push_back({"key:box_public",
                            "the quick-capture key had been replaced by another program; it was "
                            "restored (notes captured meanwhile cannot be read)"});
    if ((!pub_ok || !mac_ok || !current_format) && may_rewrite && !store->read_only())
        (void)write_key_rows(capture_key_rows(k, box), "restore the quick-capture key");
    k.box = std::move(box);
}

Vault::Vault(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Vault::~Vault() {
    if (impl_) lock();
}


Result<std::unique_ptr<Store>> Vault::Impl::new_store(const std::filesystem::path& path,
                                                      const CreateOptions& options) {
    const int schema = options.schema_for_tests ? options.schema_for_tests : Store::kCurrentSchema;
    return options.bulk_load ? Store::create_bulk(path) : Store::create(path, schema);
}

Result<std::unique_ptr<Vault>> Vault::Impl::create_around(const std::filesystem::path& path,
                                                          std::unique_ptr<Store> store, const crypto::KdfParams& kdf,
                                                          crypto::SecretBuffer master, keyring::Rows rows) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->store = std::move(store);
    impl->kdf = kdf;
    auto box = crypto::box_keypair();
    Keys k = derive_keys(crypto::SecretBuffer::copy_of(master.span()));
    rows.merge(capture_key_rows(k, box));
    keyring::seal_checksums(rows);

    manifest::Manifest empty;
    empty.generation = 1;
    auto st = guarded("create the vault", [&] {
        impl->store->write([&] {
            for (const auto& [name, value] : rows) impl->store->put_key(name, value);
            manifest::write(*impl->store, k.manifest.span(), empty);
        });
    });
    if (!st) {
        const bool bulk = impl->store->bulk_loading();
        impl->store.reset();  // a bulk load's temporary file goes with it
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"})
            if (!bulk) std::filesystem::remove(path.string() + suffix, ec);
        return st.error();
    }
    impl->key_rows = std::move(rows);
    impl->kdf_authentic = true;
    if (auto ust = impl->become_unlocked(std::move(master)); !ust) return ust.error();
    return std::unique_ptr<Vault>(new Vault(std::move(impl)));
}

Result<Vault::Created> Vault::create(const std::filesystem::path& path, std::string_view passphrase,
                                     const CreateOptions& options) {
    if (!crypto::init()) return make_error(Errc::io, "The system's random source is unavailable.");
    if (passphrase.empty())
        return make_error(Errc::invalid_argument, "The passphrase must not be empty.");
    crypto::KdfParams kdf = options.kdf ? *options.kdf : crypto::calibrate();
    if (options.kdf) kdf.salt = crypto::random_bytes(16);
    if (auto st = check_kdf_strength(kdf, options.allow_weak_kdf); !st) return st.error();

    auto store = Impl::new_store(path, options);
    if (!store) return store.error();
    auto kek = crypto::derive_key(passphrase, kdf);
    if (!kek) return kek.error();
    auto master = crypto::SecretBuffer::random(crypto::kKeySize);
    auto recovery = crypto::SecretBuffer::random(crypto::kRecoveryKeySize);
    keyring::Rows rows;
    keyring::write_kdf(rows, kdf);
    rows["wrap_passphrase"] = keyring::wrap_with_passphrase_key(*kek, kdf, master);
    rows["wrap_recovery"] = keyring::wrap_with_recovery_key(recovery, master);
    auto vault = Impl::create_around(path, std::move(*store), kdf, std::move(master), std::move(rows));
    if (!vault) return vault.error();

    Created out;
    out.recovery_key = crypto::format_recovery_key(recovery);
    out.vault = std::move(*vault);
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
    // Key rows are checked at unlock, each wrap on its own: a damaged passphrase wrap must
    // not stop the recovery key.
    if (auto kdf = keyring::read_kdf(impl->key_rows)) impl->kdf = *kdf;
    return std::unique_ptr<Vault>(new Vault(std::move(impl)));
}

Status Vault::unlock(std::string_view passphrase) {
    if (impl_->unlocked()) return {};
    // Another process may have changed the passphrase since this file was opened.
    if (auto st = impl_->reload_key_rows(); !st) return st;
    if (auto st = keyring::check(impl_->key_rows, keyring::Purpose::passphrase); !st) return st;
    auto kdf = keyring::read_kdf(impl_->key_rows);  // refuses absurd costs before any work
    if (!kdf) return kdf.error();
    auto kek = crypto::derive_key(passphrase, *kdf);
    if (!kek) return kek.error();
    auto master = keyring::unwrap_with_passphrase_key(*kek, impl_->key_rows);
    if (!master)
        return make_error(Errc::wrong_passphrase,
                          "That passphrase does not open this vault. Check it and try again, or "
                          "use your recovery key.");
    impl_->kdf = *kdf;
    impl_->kdf_authentic = true;
    return impl_->become_unlocked(std::move(*master));
}

Status Vault::unlock_with_recovery_key(std::string_view formatted_key) {
    if (impl_->unlocked()) return {};
    if (auto st = impl_->reload_key_rows(); !st) return st;
    if (auto st = keyring::check(impl_->key_rows, keyring::Purpose::recovery); !st) return st;
    auto key = crypto::parse_recovery_key(formatted_key);
    if (!key) return key.error();
    auto master = keyring::unwrap_with_recovery_key(*key, impl_->key_rows);
    if (!master)
        return make_error(Errc::wrong_passphrase,
                          "That recovery key is well-formed but does not belong to this vault.");
    impl_->kdf_authentic = false;  // nothing has checked the KDF rows
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
    // Without new parameters, keep the current ones only when the passphrase unlock
    // authenticated them. After a recovery-key unlock the KDF rows are unauthenticated: whoever
    // can write the file may have set them to 8 KiB × 1 pass (issue 17), so calibrate afresh.
    const bool keep = !kdf && impl_->kdf_authentic && crypto::check_kdf_params(impl_->kdf).ok();
    crypto::KdfParams p = kdf ? *kdf : keep ? impl_->kdf : crypto::calibrate();
    p.salt = crypto::random_bytes(16);
    // Keeping the owner's authenticated choice needs no new consent; anything else is checked.
    if (auto st = check_kdf_strength(p, allow_weak_kdf || keep); !st) return st;
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
    if (impl_->store->read_only()) return read_only_error(*impl_->store);
    QuickNote n = note;
    if (n.at.utc == 0) n.at = now();
    if (n.title.empty() && n.body.empty())
        return make_error(Errc::invalid_argument, "The note is empty; nothing was saved.");
    if (!valid_utf8(n.title) || !valid_utf8(n.body))
        return make_error(Errc::invalid_argument, "The note is not valid UTF-8; nothing was saved.");
    // Unlocked, the key pair derived from the master key is the authentic one. Locked, only
    // the stored public key is there: whoever can rewrite the file can swap it (docs/vault.md);
    // the next unlock finds and restores it.
    crypto::Bytes pub;
    if (impl_->unlocked() && impl_->keys->box) {
        pub = impl_->keys->box->public_key;
    } else {
        auto row = impl_->key_rows.find("box_public");
        if (row == impl_->key_rows.end() || row->second.size() != crypto::kBoxPublicKeySize)
            return make_error(Errc::damaged, "The vault's quick-capture key is missing.", "key:box_public");
        pub = row->second;
    }
    const RecordId id = RecordId::random();  // 128 random bits: never reused
    auto plain = codec::pad(codec::encode_note(n, id));
    auto sealed = crypto::box_seal(pub, plain);
    crypto::wipe(plain);
    crypto::wipe(n.body);
    crypto::wipe(n.title);
    return guarded("save the note", [&] { impl_->store->add_capture(id, sealed); });
}

std::size_t Vault::captures_pending() const {
    std::size_t n = 0;
    (void)guarded("count captured notes", [&] { n = impl_->store->count_captures(); });
    return n;
}

bool Vault::read_only() const { return impl_->store->read_only(); }
bool Vault::needs_repair() const { return impl_->manifest_state != ManifestState::ok; }

Result<RepairReport> Vault::repair() {
    if (auto st = impl_->require_unlocked(); !st) return st.error();
    if (impl_->store->read_only()) return read_only_error(*impl_->store);
    Impl::Scan scan;
    if (auto st = guarded("read the journal", [&] { scan = impl_->scan_records(); }); !st) return st.error();
    scan.wipe_records();
    RepairReport report;
    report.manifest_was_readable = scan.manifest.has_value();
    auto hexes = [](const std::vector<RecordId>& ids) {
        std::vector<std::string> out;
        for (const auto& id : ids) out.push_back(id.hex());
        return out;
    };
    if (scan.manifest) {
        report.relisted = hexes(scan.unlisted);
    } else {
        for (const auto& [id, version] : scan.authentic) report.relisted.push_back(id.hex());
    }
    report.rolled_back = hexes(scan.rolled_back);
    report.missing = hexes(scan.missing);
    report.damaged = hexes(scan.damaged);
    report.listed = scan.authentic.size();
    report.schema_rebuilt = !impl_->store->schema_problem().empty();
    if (scan.manifest && scan.unlisted.empty() && scan.rolled_back.empty() && scan.missing.empty() &&
        !report.schema_rebuilt)
        return report;  // nothing to rebuild

    auto backup = impl_->keep_copy("before-repair");
    if (!backup) return backup.error();
    report.backup = std::move(*backup);

    auto listed = scan.authentic;
    std::sort(listed.begin(), listed.end());
    auto rebuilt = manifest::Manifest::from_list(
        std::max(scan.manifest_generation, impl_->manifest.generation) + 1, std::move(listed));
    rebuilt.legacy = true;  // every bucket written afresh, whatever rows were there
    bool changed_meanwhile = false;
    auto st = guarded("repair the vault", [&] {
        impl_->store->write([&] {
            auto disk = impl_->store->read_manifest();
            if ((disk ? disk->generation : 0) != scan.manifest_generation) {
                changed_meanwhile = true;
                return;
            }
            if (report.schema_rebuilt) impl_->store->rebuild_records_table();
            manifest::write(*impl_->store, impl_->keys->manifest.span(), rebuilt);
        });
    });
    if (!st) return st.error();
    if (report.schema_rebuilt) impl_->store->recheck_schema();
    if (changed_meanwhile)
        return make_error(Errc::locked, "Another program changed the vault during the repair. "
                                        "Nothing was changed; try again.");
    // Start over from what is on disk now, as an unlock would.
    auto master = crypto::SecretBuffer::copy_of(impl_->keys->master.span());
    impl_->forget_keys_and_index();
    if (auto ust = impl_->become_unlocked(std::move(master)); !ust) return ust.error();
    return report;
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
        report.sqlite_check = impl_->store->integrity_check();
        auto scan = impl_->scan_records();
        report.records_ok = scan.ok;
        report.problems = std::move(scan.problems);
        if (!impl_->store->schema_problem().empty())
            report.problems.push_back({"schema", impl_->store->schema_problem()});
        scan.wipe_records();
        if (auto kst = keyring::check_all(impl_->key_rows); !kst)
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
