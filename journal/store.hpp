// The SQLite file under the vault: schema, migrations, pragmas, error mapping, and every SQL
// statement behind typed methods. Internal to afterglow_journal. Handles ciphertext only.
//
// Schema (user_version 4):
//   keys(name TEXT PRIMARY KEY, value BLOB)  -- KDF parameters, salt, wrapped keys, checksum
//   records(id BLOB UNIQUE, version INTEGER, blob BLOB)  -- sealed, padded records
//   manifest(slot INTEGER PRIMARY KEY CHECK(slot = 1), generation INTEGER, blob BLOB)
//                                               -- since v4 the root (journal/manifest.hpp)
//   manifest_buckets(bucket INTEGER PRIMARY KEY, generation INTEGER, blob BLOB)  -- since v4
//   captures(id BLOB PRIMARY KEY, blob BLOB)  -- since v3: random 16-byte ids, never reused;
//                                                quick notes sealed to the public key
//   drafts(slot BLOB PRIMARY KEY, blob BLOB)  -- since v2: encrypted editor autosave
//
// Transactions: every multi-statement change runs in write() (BEGIN IMMEDIATE: the write lock
// is taken first, so two writers never deadlock and what is read inside is what is changed);
// reads that must agree with each other (the manifest and the records) run in read(), one
// snapshot. Both roll back when the function throws.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/result.hpp"
#include "journal/types.hpp"

namespace afterglow::journal {

struct RecordRow {
    RecordId id;
    std::uint64_t version = 0;
    crypto::Bytes blob;
};

// Record rows with their blobs in one buffer (unlock reads them all, a piece at a time): one
// allocation reused and given back whole, instead of one per row left as holes between the
// decrypted records.
struct PackedRecords {
    struct Row {
        RecordId id;
        std::uint64_t version = 0;
        std::size_t offset = 0, size = 0;  // the blob in `arena`
    };
    std::vector<Row> rows;
    crypto::Bytes arena;  // may be longer than its rows' blobs (fn may swap it for another)
    std::size_t total_rows = 0;  // in the whole table (read_records_packed in pieces)
};

struct SealedManifest {
    std::uint64_t generation = 0;
    crypto::Bytes blob;
};

struct SealedBucket {  // one part of the manifest (journal/manifest.hpp)
    std::size_t bucket = 0;
    std::uint64_t generation = 0;
    crypto::Bytes blob;
};

struct CaptureRow {
    RecordId id;  // random, never reused; also sealed inside the note
    crypto::Bytes blob;
};

// How Store opens a file: read-write, read-only (mode=ro), or immutable=1 (read-only media
// without a -shm file: SQLite then reads no WAL).
enum class OpenMode { read_write, read_only, immutable };

class Store {
public:
    static constexpr int kCurrentSchema = 4;
    static constexpr std::uint32_t kApplicationId = 0x41666752;  // "AfgR"

    // Creates a new file (mode 0600; a parent folder it has to create gets 0700, an existing
    // one is left as it is), refusing an existing file, and migrates it to `schema` (tests may
    // stop at an older one to build fixtures).
    static Result<std::unique_ptr<Store>> create(const std::filesystem::path& path,
                                                 int schema = kCurrentSchema);
    // Opens an existing file: refuses anything but a regular file (a FIFO would block), checks
    // it is an Afterglow vault with every table, refuses a newer schema, runs quick_check,
    // migrates an older schema forward. A file that cannot be opened for writing (read-only
    // media, no permission, a full disk) is opened read-only; when SQLite could read it there
    // only by ignoring a crash-left -wal, a private copy of both files is read instead.
    static Result<std::unique_ptr<Store>> open(const std::filesystem::path& path);
    // A bulk load (journal/store_bulk.cpp; a join fills a new vault): a new file for `path`,
    // refusing an existing one, built under a temporary name beside it (path.joining-RANDOM)
    // with the rollback journal in memory and no fsync. finish_bulk() makes it the vault: WAL
    // mode, one fsync of the whole file, renamed into place, the folder fsynced, reopened as
    // open() leaves a file. A store destroyed before that removes the temporary file, so a
    // load that fails leaves nothing; one killed leaves only the temporary file, which the next
    // create_bulk() for that path removes.
    static Result<std::unique_ptr<Store>> create_bulk(const std::filesystem::path& path);
    // `before_named`, when given, runs once the file is durable and before it takes its name
    // (a join puts its ack to the store meanwhile, and waits for it there).
    Status finish_bulk(const std::function<void()>& before_named = {});
    void flush_bulk_early() noexcept;  // the loaded pages start for the disk (finish_bulk waits)
    // A bulk load: what SQLite wrote of the file so far starts for the disk, on this thread
    // (preload_records, every kWritebackBytes: finish_bulk's fsync then waits for the tail only).
    void start_writeback() noexcept;
    // A bulk load: room for `bytes` of records taken on the disk at once (preload_records).
    void reserve_bulk(std::size_t bytes) noexcept;
    static constexpr std::size_t kWritebackBytes = 4u << 20;
    bool bulk_loading() const { return bulk_ != nullptr; }
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // A constraint the schema should have and lacks (e.g. records.id no longer UNIQUE, so a
    // copied row shows an entry twice); empty when the schema is as this build made it.
    const std::string& schema_problem() const { return schema_problem_; }

    bool read_only() const { return read_only_; }
    // Why it is read-only: Errc::read_only (media, permissions) or Errc::disk_full.
    Errc read_only_cause() const { return read_only_cause_; }
    int schema() const { return schema_; }

    template <class F>
    void write(F&& fn) {
        drop_preload();  // a write that does not list them: the preloaded rows go first
        SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        fn();
        tx.commit();
    }
    template <class F>
    void read(F&& fn) {
        if (preload_open_) {  // inside the open transaction (it sees the preloaded rows)
            fn();
            return;
        }
        SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::DEFERRED);
        fn();
        tx.commit();
    }

    // A bulk load's records stored ahead of the write that lists them (a join stores its first
    // file's records while it opens them, docs/sync.md §9): preload_records() opens a write
    // transaction and puts them; write_preloaded(fn) runs fn inside it and commits both when
    // fn returns true, else rolls both back. Any other write, finish_bulk() and drop_preload()
    // roll the preloaded rows back first. Nothing is committed before write_preloaded.
    template <class Row>
    void preload_records(std::size_t n, Row&& row) {
        drop_preload();
        db_->exec("BEGIN IMMEDIATE");
        preload_open_ = true;
        std::size_t total = 0;
        for (std::size_t i = 0; i < n; ++i) total += std::get<2>(row(i)).size();
        reserve_bulk(total);
        auto q = begin_put_records();
        std::size_t since = 0;  // bytes stored since the disk was last handed what SQLite wrote
        for (std::size_t i = 0; i < n; ++i) {
            const auto& [id, version, blob] = row(i);
            put_record_with(*q, id, version, blob);
            if ((since += blob.size()) >= kWritebackBytes) {
                since = 0;
                start_writeback();
            }
        }
    }
    bool preload_open() const { return preload_open_; }
    template <class F>
    void write_preloaded(F&& fn) {
        if (!preload_open_) {
            write([&] { (void)fn(); });
            return;
        }
        bool keep = false;
        try {
            keep = fn();
        } catch (...) {
            drop_preload();
            throw;
        }
        if (!keep) {
            drop_preload();
            return;
        }
        try {
            db_->exec("COMMIT");
        } catch (...) {
            drop_preload();
            throw;
        }
        preload_open_ = false;
    }
    void drop_preload() noexcept;

    // keys
    std::map<std::string, crypto::Bytes> read_keys();
    void put_key(const std::string& name, const crypto::Bytes& value);
    void delete_key(const std::string& name);  // a passkey wrap that is removed

    // manifest (one row)
    std::optional<SealedManifest> read_manifest();
    void put_manifest(const SealedManifest& m);
    // manifest buckets (schema 4)
    std::vector<SealedBucket> read_manifest_buckets();
    std::optional<SealedBucket> read_manifest_bucket(std::size_t bucket);
    void put_manifest_bucket(const SealedBucket& b);
    void delete_manifest_buckets();

    // records
    std::vector<RecordRow> read_records();
    // Every record, in pieces of about `piece_bytes` of blobs (a larger blob is a piece of its own),
    // each handed to `fn` and then dropped, its buffer reused for the next: unlock touches a
    // piece's worth of fresh memory instead of the whole file's.
    void read_records_packed(std::size_t piece_bytes, const std::function<void(PackedRecords&)>& fn);
    void put_record(const RecordId& id, std::uint64_t version, std::span<const std::uint8_t> blob);
    // A batch (inside one write()): record i is (id_of(i).first, id_of(i).second, blob(i)): id,
    // version and blob; one prepared statement for all of them.
    template <class IdOf, class BlobOf>
    void put_records(std::size_t n, IdOf&& id_of, BlobOf&& blob) {
        auto q = begin_put_records();
        for (std::size_t i = 0; i < n; ++i) {
            const auto& [id, version] = id_of(i);
            put_record_with(*q, id, version, blob(i));
        }
    }
    void delete_record(const RecordId& id);

    struct PutRecords;
    struct PutRecordsDeleter {
        void operator()(PutRecords* p) const;
    };
    std::unique_ptr<PutRecords, PutRecordsDeleter> begin_put_records();
    void put_record_with(PutRecords& q, const RecordId& id, std::uint64_t version, std::span<const std::uint8_t> blob);

    // captures
    void add_capture(const RecordId& id, std::span<const std::uint8_t> blob);  // autocommit
    std::vector<CaptureRow> read_captures();
    bool delete_capture(const RecordId& id);  // false if it was not there
    std::size_t count_captures();

    // drafts
    void put_draft(std::span<const std::uint8_t> slot, std::span<const std::uint8_t> blob);
    std::optional<crypto::Bytes> read_draft(std::span<const std::uint8_t> slot);
    void delete_draft(std::span<const std::uint8_t> slot);

    // Remakes `records` with its UNIQUE(id), keeping one row per id (the highest version; of
    // equal ones the first stored). Call inside write(); then recheck_schema() once committed.
    void rebuild_records_table();
    void recheck_schema();  // sets schema_problem() from the file as it is now

    std::string integrity_check();
    // A consistent copy of the whole file at `to` (mode 0600). False, writing nothing, when
    // `to` exists; a copy that fails part way is removed before the error is thrown.
    bool copy_to(const std::filesystem::path& to);
    // Flushes the WAL into the main file and truncates it (on lock).
    void checkpoint() noexcept;

private:
    Store(std::unique_ptr<SQLite::Database> db, bool read_only);
    static Result<std::unique_ptr<Store>> open_as(const std::filesystem::path& file, OpenMode mode,
                                                  const std::filesystem::path& shown);
    static Result<std::unique_ptr<Store>> open_private_copy(const std::filesystem::path& path);
    void apply_pragmas();
    void migrate_to(int target);
    // Empty when every table is there; else the first missing one. Sets schema_problem_.
    std::string check_tables();

    std::unique_ptr<SQLite::Database> db_;
    bool read_only_ = false;
    Errc read_only_cause_ = Errc::read_only;
    int schema_ = 0;
    std::string schema_problem_;
    std::filesystem::path private_dir_;  // a private copy read instead of the file (removed)
    struct Bulk;  // store_bulk.cpp: the temporary file until finish_bulk() (removed)
    struct BulkDeleter {
        void operator()(Bulk* b) const;
    };
    std::unique_ptr<Bulk, BulkDeleter> bulk_;
    bool preload_open_ = false;  // preload_records' transaction, until committed or dropped
};

// Turns a SQLite exception into our typed error with a message for people.
Error sqlite_error(const SQLite::Exception& e, const std::string& doing);

// Runs fn, converting SQLite and allocation exceptions into Errors.
Status guarded(const std::string& doing, const std::function<void()>& fn);

}  // namespace afterglow::journal
