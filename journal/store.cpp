#include "journal/store.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>


namespace afterglow::journal {
namespace {

// SQLite counts every allocation under one process-wide mutex unless told not to, before its
// first use (this build never asks it for the counts): a join's load allocates on two threads.
[[maybe_unused]] const int kMemStatusOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

// The records table's columns: made by migration 0, remade by repair when a copy of the
// file lost its UNIQUE(id). A rowid table: blobs of a few KiB stay on their page instead of
// spilling into overflow pages as they would in a WITHOUT ROWID (index) b-tree.
const std::string kRecordsColumns =
    "(id BLOB NOT NULL UNIQUE CHECK(length(id) = 16), version INTEGER NOT NULL, blob BLOB NOT NULL)";

const std::string kMigrations[] = {
    // 0 -> 1
    "CREATE TABLE keys(name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE records" + kRecordsColumns + ";"
    "CREATE TABLE manifest(slot INTEGER PRIMARY KEY CHECK(slot = 1),"
    "                      generation INTEGER NOT NULL, blob BLOB NOT NULL);"
    "CREATE TABLE captures(id INTEGER PRIMARY KEY, blob BLOB NOT NULL);",
    // 1 -> 2
    "CREATE TABLE drafts(slot BLOB PRIMARY KEY, blob BLOB NOT NULL) WITHOUT ROWID;",
    // 2 -> 3: captures get random ids that are never reused (an INTEGER PRIMARY KEY reuses
    // the largest id once it is deleted, so a merge could delete a newer note unmerged).
    // Notes captured before v3 keep no id inside their sealed box; docs/vault.md.
    "CREATE TABLE captures_v3(id BLOB PRIMARY KEY CHECK(length(id) = 16),"
    "                         blob BLOB NOT NULL) WITHOUT ROWID;"
    "INSERT INTO captures_v3(id, blob) SELECT randomblob(16), blob FROM captures;"
    "DROP TABLE captures;"
    "ALTER TABLE captures_v3 RENAME TO captures;",
    // 3 -> 4: the manifest in buckets (journal/manifest.hpp). The sealed format-3 list stays in
    // `manifest` until the first unlock, which has the key to split it (docs/vault.md).
    "CREATE TABLE manifest_buckets(bucket INTEGER PRIMARY KEY CHECK(bucket BETWEEN 0 AND 255),"
    "                              generation INTEGER NOT NULL, blob BLOB NOT NULL);",
};
static_assert(std::size(kMigrations) == Store::kCurrentSchema);

// Opening checks every page (quick_check) and unlock reads every record: map the file, don't
// copy it page by page (pread), from before the check on (open_as).
const char kMapPragma[] = "PRAGMA mmap_size=268435456";

Error io_error(const std::filesystem::path& path, const char* doing, int err) {
    Errc code = Errc::io;
    if (err == EACCES || err == EROFS || err == EPERM) code = Errc::read_only;
    if (err == ENOSPC || err == EDQUOT) code = Errc::disk_full;
    return make_error(code, std::string("Could not ") + doing + " " + path.string() + ": " +
                                std::strerror(err) + ".",
                      path.string());
}

crypto::Bytes blob_of(const SQLite::Column& c) {
    const auto* p = static_cast<const std::uint8_t*>(c.getBlob());
    return crypto::Bytes(p, p + c.getBytes());
}

void bind_bytes(SQLite::Statement& q, int i, std::span<const std::uint8_t> b) {
    q.bind(i, b.data(), static_cast<int>(b.size()));
}

bool disk_is_full(const std::filesystem::path& path) {
    auto parent = path.parent_path();
    if (parent.empty()) parent = ".";
    struct statvfs fs {};
    if (::statvfs(parent.c_str(), &fs) != 0) return false;
    return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize < (64u << 10);
}

bool parent_writable(const std::filesystem::path& path) {
    auto parent = path.parent_path();
    if (parent.empty()) parent = ".";
    return ::access(parent.c_str(), W_OK) == 0;
}

}  // namespace

Error sqlite_error(const SQLite::Exception& e, const std::string& doing) {
    const int primary = e.getErrorCode() & 0xff;
    std::string detail = e.what();
    switch (primary) {
        case SQLITE_FULL:
            return make_error(Errc::disk_full, "The disk is full: could not " + doing +
                                                   ". Nothing was changed; free some space and "
                                                   "try again.");
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return make_error(Errc::read_only, "The vault file is read-only: could not " + doing +
                                                   ". Nothing was changed.");
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return make_error(Errc::locked, "The vault is busy in another program: could not " +
                                                doing + ". Try again in a moment.");
        case SQLITE_NOTADB:
            return make_error(Errc::not_afterglow, "This file is not an Afterglow vault.");
        case SQLITE_CORRUPT:
            return make_error(Errc::damaged, "The vault file is damaged (" + detail +
                                                 "): could not " + doing + ".");
        case SQLITE_CANTOPEN:
            return make_error(Errc::io, "Could not open the vault file to " + doing + ".");
        case SQLITE_IOERR:
            return make_error(Errc::io, "The disk reported an error while trying to " + doing +
                                            " (" + detail + "). Nothing was changed.");
        default:
            return make_error(Errc::io, "Could not " + doing + ": " + detail + ".");
    }
}

Status guarded(const std::string& doing, const std::function<void()>& fn) {
    try {
        fn();
        return {};
    } catch (const SQLite::Exception& e) {
        return sqlite_error(e, doing);
    } catch (const std::bad_alloc&) {
        return make_error(Errc::io, "Not enough memory to " + doing + ".");
    } catch (const std::exception& e) {
        return make_error(Errc::io, "Could not " + doing + ": " + e.what() + ".");
    }
}

Store::Store(std::unique_ptr<SQLite::Database> db, bool read_only)
    : db_(std::move(db)), read_only_(read_only) {}

void Store::apply_pragmas() {
    db_->setBusyTimeout(5000);
    db_->exec("PRAGMA secure_delete=ON");
    db_->exec("PRAGMA temp_store=MEMORY");
    db_->exec(kMapPragma);
    if (!read_only_) {
        db_->exec("PRAGMA journal_mode=WAL");
    }
    db_->exec("PRAGMA synchronous=FULL");
    db_->exec("PRAGMA foreign_keys=ON");
}

void Store::migrate_to(int target) {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);  // all steps or none
    for (int v = schema_; v < target; ++v) db_->exec(kMigrations[v]);
    db_->exec("PRAGMA application_id=" + std::to_string(static_cast<std::int32_t>(kApplicationId)));
    db_->exec("PRAGMA user_version=" + std::to_string(target));
    tx.commit();
    schema_ = target;
}

Result<std::unique_ptr<Store>> Store::create(const std::filesystem::path& path, int schema) {
    std::error_code ec;
    auto parent = path.parent_path();
    if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
        std::filesystem::create_directories(parent, ec);
        if (ec) return io_error(parent, "create the folder", ec.value());
        ::chmod(parent.c_str(), 0700);
    }
    // Create the file ourselves so it is 0600 from the first byte; SQLite gives the -wal
    // and -shm files the same mode as the database.
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return make_error(Errc::invalid_argument,
                              "A file already exists at " + path.string() +
                                  "; Afterglow will not overwrite it.",
                              path.string());
        return io_error(path, "create", errno);
    }
    ::fchmod(fd, 0600);
    ::close(fd);
    std::unique_ptr<Store> store;
    auto st = guarded("create the vault", [&] {
        auto db = std::make_unique<SQLite::Database>(
            path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_FULLMUTEX);
        store.reset(new Store(std::move(db), false));
        // 16 KiB pages pack several ~2 KiB records per page (file ≈ 1.2× the text).
        store->db_->exec("PRAGMA page_size=16384");
        store->apply_pragmas();
        store->migrate_to(schema);
    });
    if (!st) {
        store.reset();
        std::filesystem::remove(path, ec);
        std::filesystem::remove(path.string() + "-wal", ec);
        std::filesystem::remove(path.string() + "-shm", ec);
        return st.error();
    }
    return store;
}

namespace {

// file: URI for read-only and immutable opens (percent-encodes what a URI reserves).
std::string file_uri(const std::filesystem::path& path, OpenMode mode) {
    std::string out = "file:";
    for (unsigned char c : path.string()) {
        if (c == '%' || c == '?' || c == '#' || c < 0x21 || c == 0x7f) {
            static const char* hex = "0123456789ABCDEF";
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + (mode == OpenMode::immutable ? "?immutable=1" : "?mode=ro");
}

// Errors after which a read-only open may still work.
bool worth_read_only_retry(const Error& e) {
    return e.code == Errc::read_only || e.code == Errc::disk_full || e.code == Errc::io;
}

}  // namespace

// The tables each schema version has, and the constraint a copied row would slip past.
std::string Store::check_tables() {
    static const struct {
        const char* name;
        int since;  // schema version
    } kTables[] = {{"keys", 1}, {"records", 1}, {"manifest", 1}, {"captures", 1}, {"drafts", 2},
                   {"manifest_buckets", 4}};
    for (const auto& [name, since] : kTables) {
        if (schema_ < since) continue;
        SQLite::Statement q(*db_, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
        q.bind(1, name);
        if (q.executeStep() && q.getColumn(0).getInt() == 0) return name;
    }
    const bool unique_id = db_->execAndGet(
        "SELECT count(*) FROM pragma_index_list('records') AS l, pragma_index_info(l.name) AS i "
        "WHERE l.\"unique\" = 1 AND i.name = 'id'").getInt() > 0;
    if (!unique_id)
        schema_problem_ = "the records table no longer keeps each id once (its UNIQUE constraint "
                          "is gone): a copied row would show an entry twice";
    return {};
}

Store::~Store() {
    db_.reset();
    if (!private_dir_.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(private_dir_, ec);
    }
}

Result<std::unique_ptr<Store>> Store::open_as(const std::filesystem::path& file, OpenMode mode,
                                              const std::filesystem::path& shown) {
    const bool ro = mode != OpenMode::read_write;
    std::unique_ptr<Store> store;
    std::optional<Error> problem;
    auto st = guarded("open the vault", [&] {
        std::unique_ptr<SQLite::Database> db;
        if (ro)
            db = std::make_unique<SQLite::Database>(
                file_uri(file, mode), SQLite::OPEN_READONLY | SQLite::OPEN_URI | SQLite::OPEN_FULLMUTEX);
        else
            db = std::make_unique<SQLite::Database>(file.string(),
                                                    SQLite::OPEN_READWRITE | SQLite::OPEN_FULLMUTEX);
        store.reset(new Store(std::move(db), ro));
        auto& d = *store->db_;
        d.setBusyTimeout(5000);
        // Reading the header proves it is SQLite at all (SQLITE_NOTADB otherwise).
        const auto app_id = static_cast<std::uint32_t>(d.execAndGet("PRAGMA application_id").getInt());
        const int version = d.execAndGet("PRAGMA user_version").getInt();
        if (app_id != kApplicationId) {
            problem = make_error(Errc::not_afterglow,
                                 shown.string() + " is not an Afterglow vault (it is a different "
                                                  "kind of file).",
                                 shown.string());
            return;
        }
        if (version > kCurrentSchema) {
            problem = make_error(Errc::newer_schema,
                                 "This vault was written by a newer version of Afterglow (format " +
                                     std::to_string(version) + "; this build reads up to " +
                                     std::to_string(kCurrentSchema) +
                                     "). Update Afterglow to open it; nothing was changed.",
                                 shown.string());
            return;
        }
        d.exec(kMapPragma);
        std::string check = d.execAndGet("PRAGMA quick_check").getString();
        if (check != "ok") {
            problem = make_error(Errc::damaged,
                                 "The vault file is damaged (SQLite quick_check: " + check + ").",
                                 shown.string());
            return;
        }
        store->schema_ = version;
        if (auto missing = store->check_tables(); !missing.empty()) {
            problem = make_error(Errc::damaged,
                                 "The vault file is damaged: its '" + missing +
                                     "' table is missing. Restore it from a backup; nothing was "
                                     "changed.",
                                 shown.string());
            return;
        }
        store->apply_pragmas();
        if (version < kCurrentSchema) {
            if (ro) {
                problem = make_error(Errc::read_only,
                                     "This vault needs a format upgrade but the file is "
                                     "read-only.",
                                     shown.string());
                return;
            }
            store->migrate_to(kCurrentSchema);
        }
    });
    if (!st) return st.error();
    if (problem) return *problem;
    return store;
}

namespace {

// A -wal holding frames: transactions committed before a crash that are not yet in the main
// file. An immutable open would ignore them (issue 17: 7 of 9 entries, "intact").
bool wal_has_frames(const std::filesystem::path& path) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path.string() + "-wal", ec);
    return !ec && size > 32;  // the WAL header is 32 bytes; frames follow it
}

Error wal_unreadable(const std::filesystem::path& path, const std::string& why) {
    const std::string wal = path.string() + "-wal";
    return make_error(Errc::read_only,
                      wal + " holds changes not yet written into the vault file, and the folder "
                            "is read-only, so they cannot be read here (" + why +
                          "). Copy " + path.filename().string() + " and " +
                          path.filename().string() +
                          "-wal together to a writable folder and open the copy; nothing was "
                          "changed.",
                      wal);
}

}  // namespace

Result<std::unique_ptr<Store>> Store::open_private_copy(const std::filesystem::path& path) {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/afterglow-wal-XXXXXX";
    if (!::mkdtemp(templ.data())) return wal_unreadable(path, std::strerror(errno));  // 0700
    const std::filesystem::path dir = templ;
    const auto copy = dir / "vault.afterglow";
    std::error_code ec;
    for (const char* suffix : {"", "-wal"}) {
        std::filesystem::copy_file(path.string() + suffix, copy.string() + suffix, ec);
        if (ec) break;
    }
    if (ec) {
        std::filesystem::remove_all(dir, ec);
        return wal_unreadable(path, "no room for a private copy: " + ec.message());
    }
    // Read-write on the copy, so SQLite replays its WAL; the store stays read-only to us.
    auto store = open_as(copy, OpenMode::read_write, path);
    if (!store) {
        std::filesystem::remove_all(dir, ec);
        return store.error();
    }
    (*store)->read_only_ = true;
    (*store)->private_dir_ = dir;
    return store;
}

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& path) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status))
        return make_error(Errc::io, "No vault at " + path.string() + ".", path.string());
    if (std::filesystem::is_directory(status))
        return make_error(Errc::not_afterglow, path.string() + " is a folder, not a vault.",
                          path.string());
    if (!std::filesystem::is_regular_file(status))  // a FIFO would block the open forever
        return make_error(Errc::not_afterglow,
                          path.string() + " is not a regular file (a pipe, device or socket); "
                                          "a vault is always a plain file.",
                          path.string());

    const bool writable = ::access(path.c_str(), W_OK) == 0 && parent_writable(path);
    std::optional<Error> first;
    if (writable) {
        auto rw = open_as(path, OpenMode::read_write, path);
        if (rw || !worth_read_only_retry(rw.error())) return rw;
        first = rw.error();
    }
    const Errc cause = writable && disk_is_full(path) ? Errc::disk_full : Errc::read_only;
    auto ro = open_as(path, OpenMode::read_only, path);
    if (!ro && worth_read_only_retry(ro.error())) {  // read-only media without a -shm file
        ro = wal_has_frames(path) ? open_private_copy(path)
                                  : open_as(path, OpenMode::immutable, path);
    }
    if (!ro) return first ? *first : ro.error();
    (*ro)->read_only_cause_ = cause;
    return ro;
}

std::map<std::string, crypto::Bytes> Store::read_keys() {
    std::map<std::string, crypto::Bytes> out;
    SQLite::Statement q(*db_, "SELECT name, value FROM keys");
    while (q.executeStep()) out[q.getColumn(0).getString()] = blob_of(q.getColumn(1));
    return out;
}

void Store::put_key(const std::string& name, const crypto::Bytes& value) {
    SQLite::Statement q(*db_, "INSERT OR REPLACE INTO keys(name, value) VALUES(?, ?)");
    q.bind(1, name);
    bind_bytes(q, 2, value);
    q.exec();
}

void Store::delete_key(const std::string& name) {
    SQLite::Statement q(*db_, "DELETE FROM keys WHERE name = ?");
    q.bind(1, name);
    q.exec();
}

std::optional<SealedManifest> Store::read_manifest() {
    SQLite::Statement q(*db_, "SELECT generation, blob FROM manifest WHERE slot = 1");
    if (!q.executeStep()) return std::nullopt;
    return SealedManifest{static_cast<std::uint64_t>(q.getColumn(0).getInt64()), blob_of(q.getColumn(1))};
}

namespace {
// The manifest holds only ids and versions that are plaintext columns anyway: zeroing its
// freed pages would double the bytes every save writes and syncs.
struct SecureDeleteOff {
    SQLite::Database& db;
    explicit SecureDeleteOff(SQLite::Database& d) : db(d) { db.exec("PRAGMA secure_delete=OFF"); }
    ~SecureDeleteOff() {
        try { db.exec("PRAGMA secure_delete=ON"); } catch (...) {}
    }
};
}  // namespace

void Store::put_manifest(const SealedManifest& m) {
    SecureDeleteOff plain_free(*db_);
    SQLite::Statement q(*db_, "INSERT OR REPLACE INTO manifest(slot, generation, blob) VALUES(1, ?, ?)");
    q.bind(1, static_cast<std::int64_t>(m.generation));
    bind_bytes(q, 2, m.blob);
    q.exec();
}

std::vector<SealedBucket> Store::read_manifest_buckets() {
    std::vector<SealedBucket> out;
    if (schema_ < 4) return out;
    SQLite::Statement q(*db_, "SELECT bucket, generation, blob FROM manifest_buckets");
    while (q.executeStep())
        out.push_back({static_cast<std::size_t>(q.getColumn(0).getInt64()),
                       static_cast<std::uint64_t>(q.getColumn(1).getInt64()), blob_of(q.getColumn(2))});
    return out;
}

std::optional<SealedBucket> Store::read_manifest_bucket(std::size_t bucket) {
    SQLite::Statement q(*db_, "SELECT generation, blob FROM manifest_buckets WHERE bucket = ?");
    q.bind(1, static_cast<std::int64_t>(bucket));
    if (!q.executeStep()) return std::nullopt;
    return SealedBucket{bucket, static_cast<std::uint64_t>(q.getColumn(0).getInt64()), blob_of(q.getColumn(1))};
}

void Store::put_manifest_bucket(const SealedBucket& b) {
    SecureDeleteOff plain_free(*db_);
    SQLite::Statement q(*db_, "INSERT OR REPLACE INTO manifest_buckets(bucket, generation, blob) VALUES(?, ?, ?)");
    q.bind(1, static_cast<std::int64_t>(b.bucket));
    q.bind(2, static_cast<std::int64_t>(b.generation));
    bind_bytes(q, 3, b.blob);
    q.exec();
}

void Store::delete_manifest_buckets() {
    SecureDeleteOff plain_free(*db_);
    db_->exec("DELETE FROM manifest_buckets");
}

std::vector<RecordRow> Store::read_records() {
    std::vector<RecordRow> rows;
    SQLite::Statement q(*db_, "SELECT id, version, blob FROM records");
    while (q.executeStep()) {
        auto idcol = q.getColumn(0);
        RecordRow row;
        if (idcol.getBytes() == 16) std::memcpy(row.id.bytes.data(), idcol.getBlob(), 16);
        row.version = static_cast<std::uint64_t>(q.getColumn(1).getInt64());
        row.blob = blob_of(q.getColumn(2));
        rows.push_back(std::move(row));
    }
    return rows;
}

namespace {
// A statement through the C API: a SQLiteCpp Column holds a shared_ptr to its statement (two
// atomic operations per column read, 30,000 per unlock of 10,000 entries).
class RawStatement {
public:
    RawStatement(sqlite3* h, const char* sql) : h_(h) {
        if (const int rc = sqlite3_prepare_v2(h, sql, -1, &s_, nullptr); rc != SQLITE_OK) {
            sqlite3_finalize(s_);
            throw SQLite::Exception(h, rc);
        }
    }
    ~RawStatement() { sqlite3_finalize(s_); }
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;
    bool step() {
        const int rc = sqlite3_step(s_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw SQLite::Exception(h_, rc);
    }
    sqlite3_stmt* get() const { return s_; }

private:
    sqlite3* h_;
    sqlite3_stmt* s_ = nullptr;
};

// The records' blobs read straight from their pages into the piece: an incremental-blob
// handle moved from row to row. A SELECT of the blob column would copy each blob into a
// register first (OP_Column keeps a private copy), then into the piece: two copies per record.
class BlobReader {
public:
    explicit BlobReader(sqlite3* h) : h_(h) {}
    ~BlobReader() { close(); }
    BlobReader(const BlobReader&) = delete;
    BlobReader& operator=(const BlobReader&) = delete;
    // Moves to row `rowid`: the size of its blob.
    std::size_t seek(std::int64_t rowid) {
        const int rc = blob_ ? sqlite3_blob_reopen(blob_, rowid)
                             : sqlite3_blob_open(h_, "main", "records", "blob", rowid, 0, &blob_);
        if (rc == SQLITE_OK) {
            odd_ = false;
            return static_cast<std::size_t>(sqlite3_blob_bytes(blob_));
        }
        // Not a blob or text value (a tampered row) or an error: the row read as the column
        // reads it (an integer as its text, NULL as nothing: it then fails to open and is named
        // as before; an error throws from here). The aborted handle is opened anew next time.
        close();
        RawStatement q(h_, "SELECT blob FROM records WHERE rowid = ?");
        sqlite3_bind_int64(q.get(), 1, rowid);
        if (!q.step()) throw SQLite::Exception("a record row vanished while it was read", SQLITE_CORRUPT);
        return column(q.get(), 0);
    }
    // The blob of column `i` of the statement's row (its next step invalidates the pointer).
    std::size_t column(sqlite3_stmt* stmt, int i) {
        odd_ = true;
        const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, i));
        odd_bytes_.assign(p, p + sqlite3_column_bytes(stmt, i));
        return odd_bytes_.size();
    }
    // Copies the blob moved to into `out` (its size bytes).
    void read(std::uint8_t* out, std::size_t size) {
        if (odd_) {
            if (size) std::memcpy(out, odd_bytes_.data(), size);
            return;
        }
        if (const int rc = size ? sqlite3_blob_read(blob_, out, static_cast<int>(size), 0) : SQLITE_OK; rc != SQLITE_OK)
            throw SQLite::Exception(h_, rc);
    }

private:
    void close() {
        if (blob_) sqlite3_blob_close(blob_);
        blob_ = nullptr;
    }
    sqlite3* h_;
    sqlite3_blob* blob_ = nullptr;
    bool odd_ = false;
    crypto::Bytes odd_bytes_;
};

std::unique_ptr<RawStatement> records_query(sqlite3* h, bool& by_rowid) {
    by_rowid = true;
    try {
        return std::make_unique<RawStatement>(h, "SELECT rowid, id, version FROM records");
    } catch (const SQLite::Exception&) {  // no rowid (a tampered schema): the blobs by column
        by_rowid = false;
        return std::make_unique<RawStatement>(h, "SELECT 0, id, version, blob FROM records");
    }
}
}  // namespace

void Store::read_records_packed(std::size_t piece_bytes, const std::function<void(PackedRecords&)>& fn) {
    PackedRecords piece;
    SQLite::Statement size(*db_, "SELECT count(*) FROM records");
    if (size.executeStep()) piece.total_rows = static_cast<std::size_t>(size.getColumn(0).getInt64());
    piece.arena.reserve(piece_bytes);
    // The connection's mutex held once for the whole read: each of the ~8 calls per row would
    // otherwise lock and unlock it (a recursive mutex: the owner's re-entry only counts).
    struct Held {
        sqlite3_mutex* m;
        explicit Held(sqlite3_mutex* x) : m(x) { sqlite3_mutex_enter(m); }
        ~Held() { sqlite3_mutex_leave(m); }
    } held(sqlite3_db_mutex(db_->getHandle()));
    bool by_rowid = true;
    const auto q = records_query(db_->getHandle(), by_rowid);
    auto* stmt = q->get();
    BlobReader blobs(db_->getHandle());
    std::size_t used = 0;  // bytes of the arena the piece's rows take; it may be longer
    while (q->step()) {
        PackedRecords::Row row;
        if (sqlite3_column_bytes(stmt, 1) == 16) std::memcpy(row.id.bytes.data(), sqlite3_column_blob(stmt, 1), 16);
        row.version = static_cast<std::uint64_t>(sqlite3_column_int64(stmt, 2));
        row.size = by_rowid ? blobs.seek(sqlite3_column_int64(stmt, 0)) : blobs.column(stmt, 3);
        if (!piece.rows.empty() && used + row.size > piece_bytes) {
            fn(piece);  // may hand back another buffer (scan_records swaps them)
            piece.rows.clear();
            used = 0;
        }
        if (piece.arena.size() < used + row.size)  // zeroed once per buffer, then reused
            piece.arena.resize(std::max(used + row.size, std::max(piece_bytes, piece.arena.capacity())));
        row.offset = used;
        blobs.read(piece.arena.data() + used, row.size);
        used += row.size;
        piece.rows.push_back(row);
    }
    if (!piece.rows.empty()) fn(piece);
}

void Store::put_record(const RecordId& id, std::uint64_t version, std::span<const std::uint8_t> blob) {
    SQLite::Statement q(*db_, "INSERT OR REPLACE INTO records(id, version, blob) VALUES(?, ?, ?)");
    bind_bytes(q, 1, id.bytes);
    q.bind(2, static_cast<std::int64_t>(version));
    bind_bytes(q, 3, blob);
    q.exec();
}

struct Store::PutRecords {
    SQLite::Statement q;
};

void Store::PutRecordsDeleter::operator()(PutRecords* p) const { delete p; }

std::unique_ptr<Store::PutRecords, Store::PutRecordsDeleter> Store::begin_put_records() {
    return std::unique_ptr<PutRecords, PutRecordsDeleter>(
        new PutRecords{SQLite::Statement(*db_, "INSERT OR REPLACE INTO records(id, version, blob) VALUES(?, ?, ?)")});
}

void Store::put_record_with(PutRecords& p, const RecordId& id, std::uint64_t version, std::span<const std::uint8_t> blob) {
    p.q.reset();
    bind_bytes(p.q, 1, id.bytes);
    p.q.bind(2, static_cast<std::int64_t>(version));
    // Not copied by SQLite (a join stores 25 MB this way): bound only for this one step.
    p.q.bindNoCopy(3, blob.data(), static_cast<int>(blob.size()));
    p.q.exec();
    p.q.clearBindings();
}

void Store::delete_record(const RecordId& id) {
    SQLite::Statement q(*db_, "DELETE FROM records WHERE id = ?");
    bind_bytes(q, 1, id.bytes);
    q.exec();
}

void Store::add_capture(const RecordId& id, std::span<const std::uint8_t> blob) {
    SQLite::Statement q(*db_, "INSERT INTO captures(id, blob) VALUES(?, ?)");
    bind_bytes(q, 1, id.bytes);
    bind_bytes(q, 2, blob);
    q.exec();
}

std::vector<CaptureRow> Store::read_captures() {
    std::vector<CaptureRow> rows;
    SQLite::Statement q(*db_, "SELECT id, blob FROM captures ORDER BY id");
    while (q.executeStep()) {
        CaptureRow row;
        auto idcol = q.getColumn(0);
        if (idcol.getBytes() == 16) std::memcpy(row.id.bytes.data(), idcol.getBlob(), 16);
        row.blob = blob_of(q.getColumn(1));
        rows.push_back(std::move(row));
    }
    return rows;
}

bool Store::delete_capture(const RecordId& id) {
    SQLite::Statement q(*db_, "DELETE FROM captures WHERE id = ?");
    bind_bytes(q, 1, id.bytes);
    return q.exec() == 1;
}

std::size_t Store::count_captures() {
    return static_cast<std::size_t>(db_->execAndGet("SELECT count(*) FROM captures").getInt64());
}

void Store::put_draft(std::span<const std::uint8_t> slot, std::span<const std::uint8_t> blob) {
    SQLite::Statement q(*db_, "INSERT OR REPLACE INTO drafts(slot, blob) VALUES(?, ?)");
    bind_bytes(q, 1, slot);
    bind_bytes(q, 2, blob);
    q.exec();
}

std::optional<crypto::Bytes> Store::read_draft(std::span<const std::uint8_t> slot) {
    SQLite::Statement q(*db_, "SELECT blob FROM drafts WHERE slot = ?");
    bind_bytes(q, 1, slot);
    if (!q.executeStep()) return std::nullopt;
    return blob_of(q.getColumn(0));
}

void Store::delete_draft(std::span<const std::uint8_t> slot) {
    SQLite::Statement q(*db_, "DELETE FROM drafts WHERE slot = ?");
    bind_bytes(q, 1, slot);
    q.exec();
}

void Store::rebuild_records_table() {
    db_->exec("CREATE TABLE records_rebuilt" + kRecordsColumns);
    db_->exec("INSERT INTO records_rebuilt(id, version, blob) SELECT id, version, blob FROM "
              "(SELECT id, version, blob, row_number() OVER (PARTITION BY id ORDER BY version DESC, "
              "rowid) AS n FROM records WHERE length(id) = 16) WHERE n = 1");
    db_->exec("DROP TABLE records");
    db_->exec("ALTER TABLE records_rebuilt RENAME TO records");
}

void Store::recheck_schema() {
    schema_problem_.clear();
    (void)check_tables();
}

std::string Store::integrity_check() { return db_->execAndGet("PRAGMA integrity_check").getString(); }

bool Store::copy_to(const std::filesystem::path& to) {
    // VACUUM INTO writes into an empty file: create it 0600 first so the copy is never
    // readable by others, even for a moment.
    int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST) return false;
    if (fd < 0) throw std::runtime_error("cannot create " + to.string() + ": " + std::strerror(errno));
    ::close(fd);
    try {
        SQLite::Statement q(*db_, "VACUUM INTO ?");
        q.bind(1, to.string());
        q.exec();
    } catch (...) {
        std::error_code ec;
        std::filesystem::remove(to, ec);  // never leave a 0-byte or partial "copy" behind
        throw;
    }
    return true;
}

void Store::checkpoint() noexcept {
    if (read_only_) return;
    try {
        db_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (...) {
    }
}

}  // namespace afterglow::journal
