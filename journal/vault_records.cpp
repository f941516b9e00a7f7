// Reading and writing sealed records, the manifest, drafts and captures.
#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <bitset>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>

#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "journal/merge.hpp"
#include "journal/parallel.hpp"
#include "journal/record_fields.hpp"
#include "journal/text.hpp"
#include "journal/vault_impl.hpp"

namespace afterglow::journal {
namespace {

constexpr char kRecordAd[] = "afterglow/v1/record";
constexpr char kDraftAd[] = "afterglow/v1/draft";

Status check_text(const Record& r) {
    bool ok = true;
    std::visit([&](const auto& x) { fields::for_each_text(x, [&](const std::string& s) { ok = ok && valid_utf8(s); }); },
               r);
    if (!ok)
        return make_error(Errc::invalid_argument,
                          "The text is not valid UTF-8 (it may come from a file in another "
                          "encoding). Nothing was saved; convert it to UTF-8 and try again.");
    return {};
}

crypto::Bytes draft_slot(const Keys& k, std::string_view slot) {
    return crypto::hash(crypto::as_bytes(slot), 16, k.drafts.span());
}

crypto::Bytes draft_ad(std::span<const std::uint8_t> slot) {
    return crypto::concat({crypto::as_bytes(kDraftAd), slot});
}

}  // namespace

namespace {
// A record's associated data: kRecordAd ‖ id ‖ version (8 bytes, little-endian, as
// keyring::encode_u64 writes it), built without allocating (unlock builds one per record).
using RecordAd = std::array<std::uint8_t, sizeof kRecordAd - 1 + 16 + 8>;
RecordAd record_ad_array(const RecordId& id, std::uint64_t version) {
    RecordAd ad;
    std::memcpy(ad.data(), kRecordAd, sizeof kRecordAd - 1);
    std::memcpy(ad.data() + sizeof kRecordAd - 1, id.bytes.data(), 16);
    for (std::size_t i = 0; i < 8; ++i) ad[sizeof kRecordAd - 1 + 16 + i] = static_cast<std::uint8_t>(version >> (8 * i));
    return ad;
}
}  // namespace

crypto::Bytes record_ad(const RecordId& id, std::uint64_t version) {
    const auto ad = record_ad_array(id, version);
    return crypto::Bytes(ad.begin(), ad.end());
}

crypto::Bytes seal_record(const Keys& k, const Record& r) {
    const auto& m = meta_of(r);
    auto plain = codec::pad(codec::encode(r));
    auto sealed = crypto::seal(k.records.span(), plain, record_ad(m.id, m.version));
    crypto::wipe(plain);
    return sealed;
}

namespace {
// Blobs read per piece at unlock: a few thousand records, so the threads that open them are
// started a few times per unlock, and the buffers stay small (two: one read while the other's
// records are opened).
constexpr std::size_t kRecordPieceBytes = 2u << 20;

// Decrypts a blob in place and hands its plaintext to `decode`: true when it authenticates and
// decodes. The blob is wiped either way.
template <class Decode>
bool open_blob(const Keys& k, const RecordId& id, std::uint64_t version, std::span<std::uint8_t> blob,
               Decode&& decode) {
    bool ok = false;
    if (auto plain = crypto::open_in_place(k.records.span(), blob, record_ad_array(id, version)))
        if (auto len = codec::unpadded_size(*plain)) ok = decode(plain->first(*len));
    crypto::wipe(blob.data(), blob.size());
    return ok;
}

// Opens a blob for unlock: an entry is decoded into `entry` (default-constructed, where the index
// will keep it), any other record into `other` (allocated then; null when nothing opened).
bool open_entry_or_record(const Keys& k, const RecordId& id, std::uint64_t version, std::span<std::uint8_t> blob,
                          Entry& entry, std::unique_ptr<Record>& other) {
    const RecordMeta* meta = nullptr;
    bool ok = open_blob(k, id, version, blob, [&](std::span<const std::uint8_t> p) {
        if (codec::is_entry(p)) {
            meta = &entry.meta;
            return codec::decode_entry_into(p, entry);
        }
        other = std::make_unique<Record>();
        meta = &meta_of(*other);
        return codec::decode_into(p, *other);
    });
    if (ok && (meta->id != id || meta->version != version)) {
        if (other) wipe_record(*other);
        else wipe_entry(entry);
        ok = false;
    }
    if (!ok) other.reset();
    return ok;
}

}  // namespace

std::optional<Record> open_record_copy(const Keys& k, const RecordId& id, std::uint64_t version,
                                       std::span<const std::uint8_t> blob, std::span<std::uint8_t> scratch) {
    std::optional<Record> r(std::in_place);
    bool ok = false;
    if (auto plain = crypto::open_into(k.records.span(), blob, scratch, record_ad_array(id, version))) {
        if (auto len = codec::unpadded_size(*plain)) ok = codec::decode_into(plain->first(*len), *r);
        crypto::wipe(plain->data(), plain->size());
    }
    if (ok && (meta_of(*r).id != id || meta_of(*r).version != version)) ok = false;
    if (!ok) {
        wipe_record(*r);
        r.reset();
    }
    return r;
}

namespace {

// Opens the records of one piece: on worker threads (started once per scan) while the calling
// thread reads the next piece, then on the calling thread too (finish), a few records at a
// time from one counter, so no thread idles while another has work left (a busy machine may
// pause any of them; finish waits for the records, never for a thread to be scheduled). In
// the browser the pool's threads are few: parallel_for, before the next piece is read.
class PieceOpener {
public:
    ~PieceOpener() {
        {
            std::lock_guard l(m_);
            stop_ = true;
            if (batch_) batch_->next.store(kStop);  // leaving on an error: the rest stay sealed
        }
        work_cv_.notify_all();
        for (auto& t : threads_) t.join();
    }
    void start(std::size_t n, std::function<void(std::size_t)> fn) {
        finish();
#ifdef __EMSCRIPTEN__
        parallel_for(n, fn);
#else
        auto b = std::make_shared<Batch>();
        b->fn = std::move(fn);
        b->n = n;
        if (threads_.empty()) {
            const std::size_t hw = std::max(1u, std::thread::hardware_concurrency());
            for (std::size_t w = 0; w < std::min<std::size_t>(hw, 4); ++w) threads_.emplace_back([this] { work(); });
        }
        {
            std::lock_guard l(m_);
            batch_ = std::move(b);
            ++generation_;
        }
        work_cv_.notify_all();
#endif
    }
    void finish() {  // helps until every record is taken, then waits until all are opened
        if (!batch_) return;
        run(*batch_);
        std::unique_lock l(m_);
        done_cv_.wait(l, [&] { return batch_->done == batch_->n; });
        batch_.reset();
    }

private:
    static constexpr std::size_t kChunk = 16, kStop = std::numeric_limits<std::size_t>::max() / 2;
    struct Batch {
        std::function<void(std::size_t)> fn;
        std::size_t n = 0;
        std::atomic<std::size_t> next{0};
        std::size_t done = 0;  // under m_
    };
    void run(Batch& b) {
        std::size_t mine = 0;
        for (;;) {
            const std::size_t lo = b.next.fetch_add(kChunk);
            if (lo >= b.n) break;
            const std::size_t hi = std::min(b.n, lo + kChunk);
            for (std::size_t j = lo; j < hi; ++j) b.fn(j);
            mine += hi - lo;
        }
        if (!mine) return;  // a late thread: nothing taken, nothing touched
        std::lock_guard l(m_);
        b.done += mine;
        if (b.done == b.n) done_cv_.notify_all();
    }
    void work() {
        std::uint64_t seen = 0;
        for (;;) {
            std::shared_ptr<Batch> b;
            {
                std::unique_lock l(m_);
                work_cv_.wait(l, [&] { return stop_ || generation_ != seen; });
                if (stop_) return;
                seen = generation_;
                b = batch_;
            }
            if (b) run(*b);
        }
    }
    std::mutex m_;
    std::condition_variable work_cv_, done_cv_;
    std::shared_ptr<Batch> batch_;  // set and reset by the reading thread only
    std::uint64_t generation_ = 0;
    bool stop_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace

void Vault::Impl::Scan::wipe_records() {
    for (auto& e : entries) wipe_entry(e);
    for (auto& r : records) wipe_record(r);
}

Vault::Impl::Scan Vault::Impl::scan_records() {
    Scan scan;
    const Keys& k = *keys;
    std::optional<SealedManifest> sealed;
    std::vector<SealedBucket> buckets;
    // Row i of the table: its id and version, opened[i] whether it authenticated and decoded.
    // An entry is decoded where the index keeps it, in scan.entries at place slot(i), counted
    // from the end: rows come mostly oldest first, and the index lists entries newest first, so
    // in a healthy journal no entry is moved or re-sorted. Another record goes to others[i].
    std::vector<PackedRecords::Row> rows;
    std::vector<Entry>& entries = scan.entries;
    std::vector<std::unique_ptr<Record>> others;
    std::vector<char> opened;
    std::size_t counted = 0;  // the rows counted before reading (rows past it are placed after)
    auto slot = [&](std::size_t i) { return i < counted ? counted - 1 - i : i; };  // its own inverse
    // The manifest and the records from one snapshot: a commit by another process between
    // the two reads would make a healthy record look inserted or rolled back. Records are read
    // a few MiB at a time into one buffer while the previous piece, in the other, is decrypted
    // in place (in parallel) and decoded; each blob is wiped once opened, the others were
    // never decrypted.
    {
        crypto::Bytes spare;
        std::vector<PackedRecords::Row> spare_rows;
        PieceOpener opener;
        store->read([&] {
            sealed = store->read_manifest();
            buckets = store->read_manifest_buckets();
            store->read_records_packed(kRecordPieceBytes, [&](PackedRecords& piece) {
                opener.finish();  // the previous piece is done: its buffer can be refilled
                const std::size_t first = rows.size(), n = piece.rows.size();
                if (first + n > opened.size()) {
                    if (opened.empty()) counted = piece.total_rows;  // the count read first
                    const std::size_t size = std::max(first + n, counted);
                    entries.resize(size);
                    others.resize(size);
                    opened.resize(size);
                }
                rows.insert(rows.end(), piece.rows.begin(), piece.rows.end());
                if (spare.capacity() < piece.arena.capacity()) spare.reserve(piece.arena.capacity());
                std::swap(spare, piece.arena);
                std::swap(spare_rows, piece.rows);
                opener.start(n, [&, first](std::size_t j) {
                    const auto& r = spare_rows[j];
                    if (r.id.empty()) return;
                    const std::size_t i = first + j;
                    opened[i] = open_entry_or_record(k, r.id, r.version,
                                                     std::span<std::uint8_t>(spare).subspan(r.offset, r.size),
                                                     entries[slot(i)], others[i]);
                });
            });
            opener.finish();
        });
    }
    others.resize(rows.size());  // nothing past the rows read (a count that was too high)
    opened.resize(rows.size());
    if (sealed) {
        scan.manifest_generation = sealed->generation;
        auto opened_manifest = manifest::open(k.manifest.span(), *sealed, buckets);
        scan.manifest = std::move(opened_manifest.manifest);
        if (!scan.manifest) {
            scan.manifest_state = ManifestState::damaged;
            scan.problems.push_back({"manifest", opened_manifest.problem});
        }
    } else {
        scan.manifest_state = ManifestState::missing;
        scan.problems.push_back({"manifest", "missing; changes are disabled until the vault is repaired"});
    }
    const manifest::Manifest* m = scan.manifest ? &*scan.manifest : nullptr;
    // A row stored twice (a table rebuilt without its UNIQUE constraint and a row copied) is
    // named, and one copy (the first that opens) reaches the index: never shown twice. The
    // rows sorted by id (then position) put the copies side by side, and give the ids on disk
    // in order for the manifest's check below.
    // Sorted as (id as two words, row) values: no indirection, no memcmp per comparison.
    struct ById {
        std::uint64_t hi, lo;
        std::uint32_t row;
        bool same_id(const ById& o) const { return hi == o.hi && lo == o.lo; }
    };
    std::vector<ById> by_id;
    by_id.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (!rows[i].id.empty())
            by_id.push_back({rows[i].id.word(0), rows[i].id.word(1), static_cast<std::uint32_t>(i)});
    // By first byte in one counting pass (random ids spread evenly), then each group sorted.
    {
        std::array<std::uint32_t, 257> start{};
        for (const ById& b : by_id) ++start[(b.hi >> 56) + 1];
        for (std::size_t g = 1; g < start.size(); ++g) start[g] += start[g - 1];
        std::vector<ById> grouped(by_id.size());
        std::array<std::uint32_t, 256> fill{};
        std::copy(start.begin(), start.end() - 1, fill.begin());
        for (const ById& b : by_id) grouped[fill[b.hi >> 56]++] = b;
        by_id.swap(grouped);
        for (std::size_t g = 0; g < 256; ++g)
            std::sort(by_id.begin() + start[g], by_id.begin() + start[g + 1], [](const ById& a, const ById& b) {
                if (a.hi != b.hi) return a.hi < b.hi;
                return a.lo != b.lo ? a.lo < b.lo : a.row < b.row;
            });
    }
    constexpr std::uint32_t kCopy = 0;  // copies_of[i] of a row that is not the one kept
    std::vector<std::uint32_t> copies_of(rows.size(), kCopy);
    // The manifest's listing is in id order too (its buckets by first byte, each sorted): walked
    // beside the ids on disk, it gives each kept row's listed version and the listed ids that
    // are on disk nowhere, without a search per record.
    std::vector<std::uint64_t> listed(m ? rows.size() : 0);
    std::vector<char> is_listed(listed.size());
    std::vector<RecordId> missing;
    std::size_t bucket = 0, at = 0;  // the walk's place in the manifest
    auto next_listed = [&]() -> const std::pair<RecordId, std::uint64_t>* {
        while (bucket < manifest::kBuckets && at == m->buckets[bucket].size()) ++bucket, at = 0;
        return bucket < manifest::kBuckets ? &m->buckets[bucket][at] : nullptr;
    };
    for (std::size_t g = 0; g < by_id.size();) {
        std::size_t e = g + 1;
        while (e < by_id.size() && by_id[e].same_id(by_id[g])) ++e;
        std::uint32_t kept = by_id[g].row;
        for (std::size_t j = g; j < e; ++j)
            if (opened[by_id[j].row]) {
                kept = by_id[j].row;
                break;
            }
        copies_of[kept] = static_cast<std::uint32_t>(e - g);
        if (m) {
            const RecordId& id = rows[kept].id;
            const std::pair<RecordId, std::uint64_t>* l = nullptr;
            while ((l = next_listed()) && l->first < id) {
                missing.push_back(l->first);
                ++at;
            }
            if (l && l->first == id) {
                listed[kept] = l->second;
                is_listed[kept] = 1;
                while ((l = next_listed()) && l->first == id) ++at;  // (an old list's repeat)
            }
        }
        g = e;
    }
    if (m)
        while (const auto* l = next_listed()) {
            missing.push_back(l->first);
            ++at;
        }
    // Row by row (the problems in the table's order); what does not reach the index is wiped.
    std::vector<char> keep_entry(rows.size());
    scan.authentic.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const RecordId& id = rows[i].id;
        const std::uint64_t version = rows[i].version;
        bool keep = false;
        if (id.empty()) {
            scan.problems.push_back({"(malformed id)", "record row with an invalid id"});
        } else if (copies_of[i] != kCopy) {
            if (copies_of[i] > 1)
                scan.problems.push_back({id.hex(), "is stored " + std::to_string(copies_of[i]) +
                                                       " times (a copied row); one copy is shown"});
            if (!opened[i]) {
                scan.damaged.push_back(id);
                scan.problems.push_back({id.hex(), "fails authentication (damaged, tampered or swapped)"});
            } else {
                scan.authentic.emplace_back(id, version);
                keep = true;
                if (m) {
                    if (!is_listed[i]) {
                        scan.unlisted.push_back(id);
                        scan.problems.push_back(
                            {id.hex(), "is not in the manifest (restored or inserted from elsewhere)"});
                        keep = false;
                    } else if (listed[i] != version) {
                        scan.rolled_back.push_back(id);
                        scan.problems.push_back({id.hex(), "is version " + std::to_string(version) +
                                                              " but the manifest expects version " +
                                                              std::to_string(listed[i]) + " (rolled back or replayed)"});
                        keep = false;
                    }
                }
            }
        }
        if (!keep) {
            if (others[i]) wipe_record(*others[i]);
            else if (opened[i]) wipe_entry(entries[slot(i)]);
            continue;
        }
        ++scan.ok;
        if (others[i]) scan.records.push_back(std::move(*others[i]));
        else keep_entry[i] = 1;
    }
    others.clear();
    // The entries kept are moved down over the gaps (none in a healthy journal of entries).
    std::size_t kept = 0;
    for (std::size_t at = 0; at < entries.size(); ++at) {
        const std::size_t i = slot(at);
        if (i >= rows.size() || !keep_entry[i]) continue;
        if (kept != at) entries[kept] = std::move(entries[at]);
        ++kept;
    }
    entries.resize(kept);
    if (entries.capacity() - kept > kept / 4 + 64) entries.shrink_to_fit();  // many other records
    for (const RecordId& id : missing) {
        scan.missing.push_back(id);
        scan.problems.push_back({id.hex(), "is missing (deleted outside Afterglow)"});
    }
    return scan;
}

std::optional<Entry> Vault::Impl::open_capture(const CaptureRow& row) const {
    auto plain = crypto::box_open(*keys->box, row.blob);
    if (!plain) return std::nullopt;
    std::optional<QuickNote> note;
    if (auto len = codec::unpadded_size(*plain))
        note = codec::decode_note(std::span<const std::uint8_t>(*plain).first(*len), row.id);
    crypto::wipe(*plain);
    if (!note) return std::nullopt;
    Entry e;
    e.meta.id = row.id;  // the entry keeps the capture's id: merging twice cannot duplicate it
    e.meta.version = 1;
    e.meta.created = note->at;
    e.meta.updated = note->at;
    e.kind = EntryKind::session_note;
    e.title = std::move(note->title);
    e.body = std::move(note->body);
    e.captured = true;
    return e;
}

namespace {
// Sync (Vault::apply_synced): a record another vault of this journal sealed, stored as it
// came instead of sealed again; empty when there is none for upsert i.
std::span<const std::uint8_t> synced_blob(const Vault::Impl::Change& change, std::size_t i) {
    if (i >= change.sealed.size()) return {};
    return change.sealed[i];
}
}  // namespace

Status Vault::Impl::commit(Change change) {
    if (auto st = require_writable(); !st) return st;
    const Keys& k = *keys;
    std::vector<crypto::Bytes> blobs;
    blobs.reserve(change.upserts.size());
    auto seal_checked = [&](const Record& r) -> Status {
        if (auto st = check_text(r); !st) return st;
        auto blob = seal_record(k, r);
        if (blob.size() > kMaxRecordBytes + 4096)
            return make_error(Errc::invalid_argument,
                              "This entry is too large to save (" + std::to_string(blob.size() >> 20) +
                                  " MiB; the limit is " + std::to_string(kMaxRecordBytes >> 20) +
                                  " MiB). Nothing was saved; split it into "
                                  "several entries.");
        blobs.push_back(std::move(blob));
        return {};
    };
    auto wipe_upserts = [&] {
        for (auto& r : change.upserts) wipe_record(r);
    };
    if (change.upserts.size() > 16) {  // a batch (an import, a sync): sealed on every core
        std::vector<Status> checked(change.upserts.size());
        blobs.resize(change.upserts.size());
        parallel_for(change.upserts.size(), [&](std::size_t i) {
            const Record& r = change.upserts[i];
            // A record stored as another vault of this journal sealed it is taken as an unlock
            // takes a record (its text was checked where it was saved): not checked again.
            if (const auto synced = synced_blob(change, i); !synced.empty()) {
                if (synced.size() > kMaxRecordBytes + 4096) checked[i] = make_error(Errc::invalid_argument, "too large");
                return;
            }
            if (auto st = check_text(r); !st) {
                checked[i] = st;
                return;
            }
            blobs[i] = seal_record(k, r);
            if (blobs[i].size() > kMaxRecordBytes + 4096)
                checked[i] = make_error(Errc::invalid_argument, "too large");
        });
        for (std::size_t i = 0; i < checked.size(); ++i)
            if (!checked[i]) {  // the same message as one at a time
                blobs.clear();
                if (auto st = seal_checked(change.upserts[i]); !st) {
                    wipe_upserts();
                    return st;
                }
            }
    } else {
        for (const auto& r : change.upserts)
            if (auto st = seal_checked(r); !st) {
                wipe_upserts();
                return st;
            }
    }
    // The manifest is changed in place; what a failed transaction touched is put back.
    struct Undo {
        std::uint64_t generation;
        std::array<std::uint64_t, manifest::kBuckets> written;
        std::bitset<manifest::kBuckets> dirty;
        bool legacy;
        std::vector<std::pair<std::size_t, manifest::Listing>> buckets;
        std::optional<manifest::Manifest> whole;
    } undo{manifest.generation, manifest.written, manifest.dirty, manifest.legacy, {}, {}};
    std::bitset<manifest::kBuckets> saved;
    auto touch = [&](std::size_t b) {
        if (!undo.whole && !saved.test(b)) {
            saved.set(b);
            undo.buckets.emplace_back(b, manifest.buckets[b]);
        }
    };
    auto restore = [&] {
        if (undo.whole) {
            manifest = std::move(*undo.whole);
            return;
        }
        for (auto& [b, l] : undo.buckets) manifest.buckets[b] = std::move(l);
        manifest.generation = undo.generation;
        manifest.written = undo.written;
        manifest.dirty = undo.dirty;
        manifest.legacy = undo.legacy;
    };
    std::vector<Problem> capture_problems;
    bool manifest_unreadable = false;
    bool wrote = false;
    // Rows a join preloaded (Vault::preload_synced) that this change does not list again are
    // removed in it: the table holds what the manifest lists.
    std::vector<char> preload_listed(preloaded.size());
    // What the transaction writes of each upsert: its id and version (the records themselves
    // may be on their way into the index meanwhile, below).
    std::vector<std::pair<RecordId, std::uint64_t>> listed;
    listed.reserve(change.upserts.size());
    for (const auto& r : change.upserts) listed.emplace_back(meta_of(r).id, meta_of(r).version);
    // A whole journal into an empty index (a join): the index is built on another thread while
    // SQLite writes, and replaces the empty one once the transaction is committed.
    std::optional<Index> aside;
#if !defined(__EMSCRIPTEN__)
    std::jthread building;
    if (index.size() == 0 && change.upserts.size() > 16 && !change.merge_captures) {
        aside.emplace();
        building = std::jthread([&aside, records = std::move(change.upserts)]() mutable { aside->load(std::move(records)); });
        change.upserts.clear();
    }
#endif
    auto body = [&] {
        // Another process (the CLI, a quick capture) may have written since we last looked:
        // read the buckets its root says changed (all of them after a format-3 list).
        auto disk = store->read_manifest();
        if (!disk) {
            manifest_unreadable = true;
            return;  // nothing written; the transaction rolls back empty
        }
        if (disk->generation != manifest.generation) {
            auto root = store->schema() >= 4 ? manifest::open_root(k.manifest.span(), *disk) : std::nullopt;
            if (root) {
                for (std::size_t b = 0; b < manifest::kBuckets; ++b) {
                    if (!manifest.legacy && root->written[b] == manifest.written[b]) continue;
                    touch(b);
                    manifest.buckets[b].clear();
                    if (root->written[b] == 0) continue;
                    auto row = store->read_manifest_bucket(b);
                    std::optional<manifest::Listing> list;
                    if (row && row->generation == root->written[b])
                        list = manifest::open_bucket(k.manifest.span(), b, row->generation, row->blob);
                    if (!list) {
                        manifest_unreadable = true;
                        return;
                    }
                    manifest.buckets[b] = std::move(*list);
                }
                manifest.generation = root->generation;
                manifest.written = root->written;
                manifest.legacy = false;
                manifest.dirty.reset();
            } else {
                auto opened = manifest::open(k.manifest.span(), *disk, store->read_manifest_buckets());
                if (!opened.manifest) {
                    manifest_unreadable = true;
                    return;
                }
                undo.whole = std::move(manifest);
                manifest = std::move(*opened.manifest);
            }
        }
        // Captured notes: read, merged and deleted inside this one transaction, so a note
        // that lands meanwhile waits for the next merge and none is merged twice.
        std::vector<RecordId> merged;
        if (change.merge_captures && keys->box) {
            for (const auto& row : store->read_captures()) {
                auto e = open_capture(row);
                if (!e) {
                    capture_problems.push_back({"capture:" + row.id.hex().substr(0, 8),
                                                "captured note cannot be opened (damaged)"});
                    continue;
                }
                Record r{std::move(*e)};
                if (auto s = seal_checked(r); !s) {
                    wipe_record(r);
                    capture_problems.push_back({"capture:" + row.id.hex().substr(0, 8), s.error().message});
                    continue;
                }
                listed.emplace_back(meta_of(r).id, meta_of(r).version);
                change.upserts.push_back(std::move(r));
                merged.push_back(row.id);
            }
        }
        if (listed.empty() && change.deletes.empty() && !(change.rewrite_manifest && manifest.legacy)) return;
        PreloadedWalk in_todo{*this}, in_listed{*this};
        if (listed.size() > 16) {
            std::vector<std::size_t> todo;  // a record preloaded with these very bytes is there
            todo.reserve(listed.size());
            for (std::size_t i = 0; i < listed.size(); ++i) {
                const auto& [id, version] = listed[i];
                const auto synced = synced_blob(change, i);
                const auto* row = in_todo(id);
                if (!row || row->version != version || synced.data() != row->blob.data() ||
                    synced.size() != row->blob.size())
                    todo.push_back(i);
            }
            store->put_records(
                todo.size(), [&](std::size_t k) -> const std::pair<RecordId, std::uint64_t>& { return listed[todo[k]]; },
                [&](std::size_t k) {
                    const auto synced = synced_blob(change, todo[k]);
                    return synced.empty() ? std::span<const std::uint8_t>(blobs[todo[k]]) : synced;
                });
        }
        for (std::size_t i = 0; i < listed.size(); ++i) {
            const auto& [id, version] = listed[i];
            if (listed.size() <= 16) store->put_record(id, version, blobs[i]);
            if (const auto* row = in_listed(id)) preload_listed[static_cast<std::size_t>(row - preloaded.data())] = 1;
            touch(manifest::bucket_of(id));
            manifest.put(id, version);
        }
        for (const auto& id : change.deletes) {
            store->delete_record(id);
            if (const auto* row = in_listed(id)) preload_listed[static_cast<std::size_t>(row - preloaded.data())] = 1;
            touch(manifest::bucket_of(id));
            manifest.erase(id);
        }
        for (std::size_t p = 0; p < preloaded.size(); ++p)
            if (!preload_listed[p]) store->delete_record(preloaded[p].id);
        for (const auto& id : merged) store->delete_capture(id);
        if (!change.drop_draft.empty()) store->delete_draft(draft_slot(k, change.drop_draft));
        manifest.generation += 1;
        manifest::write(*store, k.manifest.span(), manifest);
        wrote = true;
    };
    auto st = guarded("save your changes", [&] {
        if (store->preload_open())
            store->write_preloaded([&] {
                body();
                return wrote;
            });
        else
            store->write(body);
    });
    preloaded.clear();  // committed with this change, or rolled back
    problems.insert(problems.end(), capture_problems.begin(), capture_problems.end());
#if !defined(__EMSCRIPTEN__)
    if (building.joinable()) building.join();
#endif
    if (aside && (!st || manifest_unreadable || !wrote)) aside->clear_and_wipe();  // the records go with it
    if (!st) {
        restore();
        wipe_upserts();
        return st;
    }
    if (manifest_unreadable) {
        restore();
        manifest_state = ManifestState::damaged;
        wipe_upserts();
        return make_error(Errc::damaged,
                          "The journal's manifest was changed by another program and cannot be "
                          "read. Nothing was saved; changes are disabled until you repair the "
                          "vault (Settings → Repair, or afterglow-cli repair).",
                          "manifest");
    }
    if (!wrote) {
        wipe_upserts();
        return {};
    }
    if (aside) index = std::move(*aside);
    else if (!change.upserts.empty()) index.put_all(std::move(change.upserts));
    for (const auto& id : change.deletes) index.erase(id);
    if (on_change) on_change();
    return {};
}

// ---- public record API ---------------------------------------------------------------------

Result<RecordId> Vault::save(Record record) { return save(std::move(record), {}); }

Result<RecordId> Vault::save(Record record, std::string_view saved_draft) {
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
    if (m.version >= kMaxRecordVersion)  // never wraps to 0 (a replayed older copy would win)
        return make_error(Errc::invalid_argument,
                          "This record's version counter is at its limit; nothing was saved.",
                          m.id.hex());
    m.version += 1;
    if (m.created.utc == 0) m.created = t;
    m.updated = t;
    RecordId id = m.id;
    Impl::Change change;
    change.upserts.push_back(std::move(record));
    change.drop_draft = std::string(saved_draft);
    if (auto st = impl_->commit(std::move(change)); !st) return st.error();
    return id;
}

Status Vault::save_all(std::vector<Record> records) {
    if (auto st = impl_->require_unlocked(); !st) return st;
    for (auto& r : records) {
        RecordMeta& m = meta_of(r);
        if (m.id.empty()) m.id = RecordId::random();
        if (m.version == 0) m.version = 1;
        if (m.version > kMaxRecordVersion)
            return make_error(Errc::invalid_argument,
                              "A record claims version " + std::to_string(m.version) +
                                  ", beyond what any journal reaches; nothing was saved.",
                              m.id.hex());
        if (m.created.utc == 0) m.created = now();
        if (m.updated.utc == 0) m.updated = m.created;
    }
    Impl::Change change;
    change.upserts = std::move(records);
    return impl_->commit(std::move(change));
}

Status Vault::remove(const RecordId& id) {
    if (auto st = impl_->require_unlocked(); !st) return st;
    if (!impl_->index.meta(id))
        return make_error(Errc::not_found, "No record with id " + id.hex() + ".", id.hex());
    Impl::Change change;
    change.deletes.push_back(id);
    return impl_->commit(std::move(change));
}

Result<std::filesystem::path> Vault::remove_damaged(const RecordId& id) {
    if (auto st = impl_->require_writable(); !st) return st.error();
    Impl::Scan scan;
    if (auto st = guarded("read the journal", [&] { scan = impl_->scan_records(); }); !st)
        return st.error();
    scan.wipe_records();
    if (std::find(scan.damaged.begin(), scan.damaged.end(), id) == scan.damaged.end())
        return make_error(Errc::not_found,
                          "Record " + id.hex() + " is not a damaged record; nothing was removed.",
                          id.hex());
    auto copy = impl_->keep_copy("before-removing-damaged");
    if (!copy) return copy.error();
    Impl::Change change;
    change.deletes.push_back(id);
    if (auto st = impl_->commit(std::move(change)); !st) return st.error();
    auto& ps = impl_->problems;
    ps.erase(std::remove_if(ps.begin(), ps.end(), [&](const Problem& p) { return p.record_id == id.hex(); }),
             ps.end());
    return copy;
}

Status Vault::save_draft(std::string_view slot, const Entry& draft) {
    if (auto st = impl_->require_unlocked(); !st) return st;
    if (impl_->store->read_only()) return read_only_error(*impl_->store);
    Record r{draft};
    if (auto st = check_text(r); !st) return st;
    const Keys& k = *impl_->keys;
    auto sid = draft_slot(k, slot);
    auto plain = codec::pad(codec::encode(r));
    auto blob = crypto::seal(k.drafts.span(), plain, draft_ad(sid));
    crypto::wipe(plain);
    wipe_record(r);
    return guarded("save the draft", [&] { impl_->store->put_draft(sid, blob); });
}

std::optional<Entry> Vault::load_draft(std::string_view slot) const {
    if (!impl_->unlocked()) return std::nullopt;
    const Keys& k = *impl_->keys;
    auto sid = draft_slot(k, slot);
    std::optional<Entry> out;
    (void)guarded("read the draft", [&] {
        auto blob = impl_->store->read_draft(sid);
        if (!blob) return;
        auto plain = crypto::open(k.drafts.span(), *blob, draft_ad(sid));
        if (!plain) return;
        std::optional<Record> r;
        if (auto len = codec::unpadded_size(*plain))
            r = codec::decode(std::span<const std::uint8_t>(*plain).first(*len));
        crypto::wipe(*plain);
        if (r && std::holds_alternative<Entry>(*r)) out = std::get<Entry>(std::move(*r));
        else if (r) wipe_record(*r);
    });
    return out;
}

Status Vault::discard_draft(std::string_view slot) {
    if (auto st = impl_->require_unlocked(); !st) return st;
    if (impl_->store->read_only()) return read_only_error(*impl_->store);
    auto sid = draft_slot(*impl_->keys, slot);
    return guarded("discard the draft", [&] { impl_->store->delete_draft(sid); });
}

}  // namespace afterglow::journal
