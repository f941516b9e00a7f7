// Reading and writing sealed records, the manifest, drafts and captures.
#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "crypto/aead.hpp"
#include "journal/parallel.hpp"
#include "journal/text.hpp"
#include "journal/vault_impl.hpp"

namespace afterglow::journal {
namespace {

constexpr char kRecordAd[] = "afterglow/v1/record";
constexpr char kManifestAd[] = "afterglow/v1/manifest";
constexpr char kDraftAd[] = "afterglow/v1/draft";
constexpr std::size_t kMaxRecordBytes = 16u << 20;  // 16 MiB of text in one record

crypto::Bytes blob_of(const SQLite::Column& c) {
    const auto* p = static_cast<const std::uint8_t*>(c.getBlob());
    return crypto::Bytes(p, p + c.getBytes());
}

void bind_bytes(SQLite::Statement& q, int i, std::span<const std::uint8_t> b) {
    q.bind(i, b.data(), static_cast<int>(b.size()));
}

Status check_text(const Record& r) {
    bool ok = true;
    auto check = [&](const std::string& s) { ok = ok && valid_utf8(s); };
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, Entry>) {
                check(x.title);
                check(x.body);
                for (const auto& p : x.prompts) { check(p.prompt); check(p.answer); }
                for (const auto& s : x.emotions) check(s);
                for (const auto& s : x.tags) check(s);
                for (const auto& a : x.actions) check(a.text);
                for (const auto& c : x.checklist) check(c.label);
            } else if constexpr (std::is_same_v<T, Session>) {
                check(x.provider);
                check(x.notes);
            } else if constexpr (std::is_same_v<T, CheckIn>) {
                check(x.note);
                for (const auto& s : x.scores) check(s.measure);
            } else if constexpr (std::is_same_v<T, MeasureResponse>) {
                check(x.instrument);
                check(x.title);
                check(x.note);
                for (const auto& a : x.answers) { check(a.link_id); check(a.display); }
            } else if constexpr (std::is_same_v<T, Document>) {
                check(x.name);
                check(x.body);
            } else {
                check(x.title);
                check(x.description);
                for (const auto& s : x.reviews) check(s);
            }
        },
        r);
    if (!ok)
        return make_error(Errc::invalid_argument,
                          "The text is not valid UTF-8 (it may come from a file in another "
                          "encoding). Nothing was saved; convert it to UTF-8 and try again.");
    return {};
}

std::optional<codec::Manifest> open_manifest(const Keys& k, std::uint64_t generation,
                                             std::span<const std::uint8_t> blob) {
    auto plain = crypto::open(k.manifest.span(), blob, manifest_ad(generation));
    if (!plain) return std::nullopt;
    auto m = codec::decode_manifest(*plain);
    if (!m || m->generation != generation) return std::nullopt;
    return m;
}

void write_manifest(SQLite::Database& db, const Keys& k, const codec::Manifest& m) {
    auto blob = crypto::seal(k.manifest.span(), codec::encode_manifest(m), manifest_ad(m.generation));
    SQLite::Statement q(db, "INSERT OR REPLACE INTO manifest(slot, generation, blob) VALUES(1, ?, ?)");
    q.bind(1, static_cast<std::int64_t>(m.generation));
    bind_bytes(q, 2, blob);
    q.exec();
}

void manifest_put(codec::Manifest& m, const RecordId& id, std::uint64_t version) {
    auto it = std::lower_bound(m.records.begin(), m.records.end(), id,
                               [](const auto& p, const RecordId& x) { return p.first < x; });
    if (it != m.records.end() && it->first == id) it->second = version;
    else m.records.insert(it, {id, version});
}

void manifest_erase(codec::Manifest& m, const RecordId& id) {
    auto it = std::lower_bound(m.records.begin(), m.records.end(), id,
                               [](const auto& p, const RecordId& x) { return p.first < x; });
    if (it != m.records.end() && it->first == id) m.records.erase(it);
}

// BEGIN IMMEDIATE ... COMMIT, rolled back unless committed (writers never deadlock).
class WriteTx {
public:
    explicit WriteTx(SQLite::Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
    ~WriteTx() {
        if (!done_) try { db_.exec("ROLLBACK"); } catch (...) {}
    }
    void commit() {
        db_.exec("COMMIT");
        done_ = true;
    }
private:
    SQLite::Database& db_;
    bool done_ = false;
};

std::array<std::uint8_t, 16> draft_slot(const Keys& k, std::string_view slot) {
    std::array<std::uint8_t, 16> out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(slot.data()),
                       slot.size(), k.drafts.data(), k.drafts.size());
    return out;
}

crypto::Bytes draft_ad(std::span<const std::uint8_t> slot) {
    return crypto::concat({crypto::as_bytes(kDraftAd), slot});
}

}  // namespace

crypto::Bytes record_ad(const RecordId& id, std::uint64_t version) {
    return crypto::concat({crypto::as_bytes(kRecordAd), id.bytes, keyring::encode_u64(version)});
}

crypto::Bytes manifest_ad(std::uint64_t generation) {
    return crypto::concat({crypto::as_bytes(kManifestAd), keyring::encode_u64(generation)});
}

crypto::Bytes seal_record(const Keys& k, const Record& r) {
    const auto& m = meta_of(r);
    auto plain = codec::pad(codec::encode(r));
    auto sealed = crypto::seal(k.records.span(), plain, record_ad(m.id, m.version));
    crypto::wipe(plain.data(), plain.size());
    return sealed;
}

std::optional<Record> open_record(const Keys& k, const RecordId& id, std::uint64_t version,
                                  std::span<const std::uint8_t> blob) {
    auto plain = crypto::open(k.records.span(), blob, record_ad(id, version));
    if (!plain) return std::nullopt;
    auto unpadded = codec::unpad(std::move(*plain));
    if (!unpadded) return std::nullopt;
    auto r = codec::decode(*unpadded);
    crypto::wipe(unpadded->data(), unpadded->size());
    if (!r || meta_of(*r).id != id || meta_of(*r).version != version) return std::nullopt;
    return r;
}

std::optional<Record> open_record_in_place(const Keys& k, const RecordId& id,
                                           std::uint64_t version, crypto::Bytes& blob) {
    std::optional<Record> r;
    if (auto plain = crypto::open_in_place(k.records.span(), blob, record_ad(id, version))) {
        if (auto len = codec::unpadded_size(*plain)) r = codec::decode(plain->first(*len));
    }
    crypto::wipe(blob.data(), blob.size());
    if (r && (meta_of(*r).id != id || meta_of(*r).version != version)) r.reset();
    return r;
}

Vault::Impl::Scan Vault::Impl::scan_records() {
    Scan scan;
    const Keys& k = *keys;
    std::optional<codec::Manifest> m;
    {
        SQLite::Statement q(store->db(), "SELECT generation, blob FROM manifest WHERE slot = 1");
        if (q.executeStep()) {
            auto gen = static_cast<std::uint64_t>(q.getColumn(0).getInt64());
            m = open_manifest(k, gen, blob_of(q.getColumn(1)));
            if (!m) scan.problems.push_back({"manifest", "fails authentication (damaged or tampered)"});
        } else {
            scan.problems.push_back({"manifest", "missing"});
        }
    }
    // Read every row first (SQLite, one thread), then decrypt and decode in parallel.
    struct RowData {
        RecordId id;
        std::uint64_t version = 0;
        crypto::Bytes blob;
        std::optional<Record> record;
        std::string search_text;
    };
    std::vector<RowData> rows;
    {
        SQLite::Statement q(store->db(), "SELECT id, version, blob FROM records");
        while (q.executeStep()) {
            auto idcol = q.getColumn(0);
            if (idcol.getBytes() != 16) {
                scan.problems.push_back({"(malformed id)", "record row with an invalid id"});
                continue;
            }
            RowData row;
            std::memcpy(row.id.bytes.data(), idcol.getBlob(), 16);
            row.version = static_cast<std::uint64_t>(q.getColumn(1).getInt64());
            row.blob = blob_of(q.getColumn(2));
            rows.push_back(std::move(row));
        }
    }
    // Decrypt, decode and fold for search while each record is hot in cache.
    parallel_for(rows.size(), [&](std::size_t i) {
        auto& row = rows[i];
        row.record = open_record_in_place(k, row.id, row.version, row.blob);
        row.blob = {};
        if (row.record)
            if (const auto* e = std::get_if<Entry>(&*row.record)) row.search_text = search_text(*e);
    });
    std::vector<RecordId> on_disk;
    on_disk.reserve(rows.size());
    scan.records.reserve(rows.size());
    for (auto& row : rows) {
        const RecordId& id = row.id;
        on_disk.push_back(id);
        if (!row.record) {
            scan.problems.push_back({id.hex(), "fails authentication (damaged, tampered or swapped)"});
            continue;
        }
        if (m) {
            auto it = std::lower_bound(m->records.begin(), m->records.end(), id,
                                       [](const auto& p, const RecordId& x) { return p.first < x; });
            if (it == m->records.end() || it->first != id) {
                scan.problems.push_back({id.hex(), "is not in the manifest (restored or inserted from elsewhere)"});
                wipe_record(*row.record);
                continue;
            }
            if (it->second != row.version) {
                scan.problems.push_back({id.hex(), "is version " + std::to_string(row.version) +
                                                      " but the manifest expects version " +
                                                      std::to_string(it->second) + " (rolled back or replayed)"});
                wipe_record(*row.record);
                continue;
            }
        }
        ++scan.ok;
        scan.records.push_back(std::move(*row.record));
        scan.search_texts.push_back(std::move(row.search_text));
    }
    std::sort(on_disk.begin(), on_disk.end());
    if (m) {
        for (const auto& [id, version] : m->records)
            if (!std::binary_search(on_disk.begin(), on_disk.end(), id))
                scan.problems.push_back({id.hex(), "is missing (deleted outside Afterglow)"});
        manifest = *m;
    }
    return scan;
}

Status Vault::Impl::commit(const std::vector<Record>& upserts, const std::vector<RecordId>& deletes,
                           const std::vector<std::int64_t>& captures_done) {
    if (auto st = require_unlocked(); !st) return st;
    const Keys& k = *keys;
    std::vector<crypto::Bytes> blobs;
    blobs.reserve(upserts.size());
    for (const auto& r : upserts) {
        if (auto st = check_text(r); !st) return st;
        blobs.push_back(seal_record(k, r));
        if (blobs.back().size() > kMaxRecordBytes + 4096)
            return make_error(Errc::invalid_argument,
                              "This entry is too large to save (" +
                                  std::to_string(blobs.back().size() >> 20) +
                                  " MiB; the limit is 16 MiB). Nothing was saved; split it into "
                                  "several entries.");
    }
    codec::Manifest next;
    bool captures_stale = false;
    auto st = guarded("save your changes", [&] {
        auto& db = store->db();
        WriteTx tx(db);
        // Another process (the CLI, a quick capture) may have written since we last looked.
        {
            SQLite::Statement q(db, "SELECT generation, blob FROM manifest WHERE slot = 1");
            next = manifest;
            if (q.executeStep()) {
                auto gen = static_cast<std::uint64_t>(q.getColumn(0).getInt64());
                if (gen != manifest.generation) {
                    if (auto disk = open_manifest(k, gen, blob_of(q.getColumn(1)))) next = *disk;
                }
                next.generation = std::max(next.generation, gen);
            }
        }
        SQLite::Statement up(db, "INSERT OR REPLACE INTO records(id, version, blob) VALUES(?, ?, ?)");
        for (std::size_t i = 0; i < upserts.size(); ++i) {
            const auto& m = meta_of(upserts[i]);
            up.reset();
            bind_bytes(up, 1, m.id.bytes);
            up.bind(2, static_cast<std::int64_t>(m.version));
            bind_bytes(up, 3, blobs[i]);
            up.exec();
            manifest_put(next, m.id, m.version);
        }
        SQLite::Statement del(db, "DELETE FROM records WHERE id = ?");
        for (const auto& id : deletes) {
            del.reset();
            bind_bytes(del, 1, id.bytes);
            del.exec();
            manifest_erase(next, id);
        }
        SQLite::Statement cap(db, "DELETE FROM captures WHERE id = ?");
        for (auto cid : captures_done) {
            cap.reset();
            cap.bind(1, cid);
            if (cap.exec() != 1) {  // another process merged it first: roll back, re-read
                captures_stale = true;
                return;
            }
        }
        next.generation += 1;
        // The old manifest holds only ids and versions that are plaintext columns anyway:
        // zeroing its freed pages would double the bytes every save writes and syncs.
        {
            struct SecureDeleteOff {
                SQLite::Database& db;
                explicit SecureDeleteOff(SQLite::Database& d) : db(d) { db.exec("PRAGMA secure_delete=OFF"); }
                ~SecureDeleteOff() { try { db.exec("PRAGMA secure_delete=ON"); } catch (...) {} }
            } plain_free(db);
            write_manifest(db, k, next);
        }
        tx.commit();
    });
    if (!st) return st;
    if (captures_stale)
        return make_error(Errc::locked, "Captured notes were merged by another window meanwhile.",
                          "captures-stale");
    manifest = std::move(next);
    if (!upserts.empty()) index.put_all(upserts);
    for (const auto& id : deletes) index.erase(id);
    if (on_change) on_change();
    return {};
}

// ---- public record API ---------------------------------------------------------------------

Result<RecordId> Vault::save(Record record) {
    if (auto st = impl_->require_unlocked(); !st) return st.error();
    RecordMeta& m = meta_of(record);
    const Timestamp t = now();
    if (m.id.empty()) {
        m.id = RecordId::random();
        m.version = 0;
    }
    if (const RecordMeta* existing = impl_->index.meta(m.id)) {
        m.version = std::max(m.version, existing->version);
        if (m.created.utc == 0) m.created = existing->created;
    }
    m.version += 1;
    if (m.created.utc == 0) m.created = t;
    m.updated = t;
    RecordId id = m.id;
    std::vector<Record> one;
    one.push_back(std::move(record));
    if (auto st = impl_->commit(one, {}); !st) return st.error();
    return id;
}

Status Vault::save_all(std::vector<Record> records) {
    if (auto st = impl_->require_unlocked(); !st) return st;
    for (auto& r : records) {
        RecordMeta& m = meta_of(r);
        if (m.id.empty()) m.id = RecordId::random();
        if (m.version == 0) m.version = 1;
        if (m.created.utc == 0) m.created = now();
        if (m.updated.utc == 0) m.updated = m.created;
    }
    return impl_->commit(records, {});
}

Status Vault::remove(const RecordId& id) {
    if (auto st = impl_->require_unlocked(); !st) return st;
    if (!impl_->index.meta(id))
        return make_error(Errc::not_found, "No record with id " + id.hex() + ".", id.hex());
    return impl_->commit({}, {id});
}

Status Vault::save_draft(std::string_view slot, const Entry& draft) {
    if (auto st = impl_->require_unlocked(); !st) return st;
    Record r{draft};
    if (auto st = check_text(r); !st) return st;
    const Keys& k = *impl_->keys;
    auto sid = draft_slot(k, slot);
    auto plain = codec::pad(codec::encode(r));
    auto blob = crypto::seal(k.drafts.span(), plain, draft_ad(sid));
    crypto::wipe(plain.data(), plain.size());
    wipe_record(r);
    return guarded("save the draft", [&] {
        SQLite::Statement q(impl_->store->db(), "INSERT OR REPLACE INTO drafts(slot, blob) VALUES(?, ?)");
        bind_bytes(q, 1, sid);
        bind_bytes(q, 2, blob);
        q.exec();
    });
}

std::optional<Entry> Vault::load_draft(std::string_view slot) const {
    if (!impl_->unlocked()) return std::nullopt;
    const Keys& k = *impl_->keys;
    auto sid = draft_slot(k, slot);
    std::optional<Entry> out;
    (void)guarded("read the draft", [&] {
        SQLite::Statement q(impl_->store->db(), "SELECT blob FROM drafts WHERE slot = ?");
        bind_bytes(q, 1, sid);
        if (!q.executeStep()) return;
        auto plain = crypto::open(k.drafts.span(), blob_of(q.getColumn(0)), draft_ad(sid));
        if (!plain) return;
        auto unpadded = codec::unpad(std::move(*plain));
        if (!unpadded) return;
        auto r = codec::decode(*unpadded);
        crypto::wipe(unpadded->data(), unpadded->size());
        if (r && std::holds_alternative<Entry>(*r)) out = std::get<Entry>(std::move(*r));
    });
    return out;
}

Status Vault::discard_draft(std::string_view slot) {
    if (auto st = impl_->require_unlocked(); !st) return st;
    auto sid = draft_slot(*impl_->keys, slot);
    return guarded("discard the draft", [&] {
        SQLite::Statement q(impl_->store->db(), "DELETE FROM drafts WHERE slot = ?");
        bind_bytes(q, 1, sid);
        q.exec();
    });
}

}  // namespace afterglow::journal
