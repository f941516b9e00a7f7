#include "journal/store.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

#include "journal/vault.hpp"

namespace afterglow::journal {
namespace {

const char* const kMigrations[] = {
    // 0 -> 1
    "CREATE TABLE keys(name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;"
    // A rowid table: blobs of a few KiB stay on their page instead of spilling into
    // overflow pages as they would in a WITHOUT ROWID (index) b-tree.
    "CREATE TABLE records(id BLOB NOT NULL UNIQUE CHECK(length(id) = 16),"
    "                     version INTEGER NOT NULL, blob BLOB NOT NULL);"
    "CREATE TABLE manifest(slot INTEGER PRIMARY KEY CHECK(slot = 1),"
    "                      generation INTEGER NOT NULL, blob BLOB NOT NULL);"
    "CREATE TABLE captures(id INTEGER PRIMARY KEY, blob BLOB NOT NULL);",
    // 1 -> 2
    "CREATE TABLE drafts(slot BLOB PRIMARY KEY, blob BLOB NOT NULL) WITHOUT ROWID;",
};
static_assert(std::size(kMigrations) == Store::kCurrentSchema);

Error io_error(const std::filesystem::path& path, const char* doing, int err) {
    Errc code = Errc::io;
    if (err == EACCES || err == EROFS || err == EPERM) code = Errc::read_only;
    if (err == ENOSPC || err == EDQUOT) code = Errc::disk_full;
    return make_error(code, std::string("Could not ") + doing + " " + path.string() + ": " +
                                std::strerror(err) + ".",
                      path.string());
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
    db_->exec("PRAGMA mmap_size=268435456");  // unlock reads every page once: map, don't copy
    if (!read_only_) {
        db_->exec("PRAGMA journal_mode=WAL");
    }
    db_->exec("PRAGMA synchronous=FULL");
    db_->exec("PRAGMA foreign_keys=ON");
}

void Store::migrate_to(int target) {
    SQLite::Transaction tx(*db_);  // BEGIN ... all steps atomically
    for (int v = schema_; v < target; ++v) db_->exec(kMigrations[v]);
    db_->exec("PRAGMA application_id=" + std::to_string(static_cast<std::int32_t>(Vault::kApplicationId)));
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

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return make_error(Errc::io, "No vault at " + path.string() + ".", path.string());
    if (std::filesystem::is_directory(path, ec))
        return make_error(Errc::not_afterglow, path.string() + " is a folder, not a vault.",
                          path.string());
    bool read_only = ::access(path.c_str(), W_OK) != 0;
    if (!read_only && !parent_writable(path)) read_only = true;
    std::unique_ptr<Store> store;
    std::optional<Error> problem;
    auto st = guarded("open the vault", [&] {
        int flags = read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
        auto db = std::make_unique<SQLite::Database>(path.string(), flags | SQLite::OPEN_FULLMUTEX);
        store.reset(new Store(std::move(db), read_only));
        auto& d = *store->db_;
        d.setBusyTimeout(5000);
        // Reading the header proves it is SQLite at all (SQLITE_NOTADB otherwise).
        const auto app_id = static_cast<std::uint32_t>(d.execAndGet("PRAGMA application_id").getInt());
        const int version = d.execAndGet("PRAGMA user_version").getInt();
        if (app_id != Vault::kApplicationId) {
            problem = make_error(Errc::not_afterglow,
                                 path.string() + " is not an Afterglow vault (it is a different "
                                                 "kind of file).",
                                 path.string());
            return;
        }
        if (version > kCurrentSchema) {
            problem = make_error(Errc::newer_schema,
                                 "This vault was written by a newer version of Afterglow (format " +
                                     std::to_string(version) + "; this build reads up to " +
                                     std::to_string(kCurrentSchema) +
                                     "). Update Afterglow to open it; nothing was changed.",
                                 path.string());
            return;
        }
        std::string check = d.execAndGet("PRAGMA quick_check").getString();
        if (check != "ok") {
            problem = make_error(Errc::damaged,
                                 "The vault file is damaged (SQLite quick_check: " + check + ").",
                                 path.string());
            return;
        }
        store->schema_ = version;
        store->apply_pragmas();
        if (version < kCurrentSchema) {
            if (read_only) {
                problem = make_error(Errc::read_only,
                                     "This vault needs a format upgrade but the file is "
                                     "read-only.",
                                     path.string());
                return;
            }
            store->migrate_to(kCurrentSchema);
        }
    });
    if (!st) return st.error();
    if (problem) return *problem;
    return store;
}

std::map<std::string, crypto::Bytes> Store::read_keys() {
    std::map<std::string, crypto::Bytes> out;
    SQLite::Statement q(*db_, "SELECT name, value FROM keys");
    while (q.executeStep()) {
        auto col = q.getColumn(1);
        const auto* p = static_cast<const std::uint8_t*>(col.getBlob());
        out[q.getColumn(0).getString()] = crypto::Bytes(p, p + col.getBytes());
    }
    return out;
}

void Store::write_key(const std::string& name, const crypto::Bytes& value) {
    SQLite::Statement q(*db_, "INSERT OR REPLACE INTO keys(name, value) VALUES(?, ?)");
    q.bind(1, name);
    q.bind(2, value.data(), static_cast<int>(value.size()));
    q.exec();
}

void Store::checkpoint() noexcept {
    if (read_only_) return;
    try {
        db_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (...) {
    }
}

}  // namespace afterglow::journal
