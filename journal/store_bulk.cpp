// Store's bulk load (store.hpp): a join writes a whole journal (25 MB for 10,000 entries) into a
// new vault. In the vault's WAL mode every page goes to the WAL, is fsynced, and is copied into
// the file again by the checkpoint; here the new file is built under a temporary name with the
// rollback journal in memory (a failed transaction still rolls back) and no fsync, and made
// durable once, whole, before it takes the vault's name (docs/sync.md §9).
#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "crypto/bytes.hpp"
#include "journal/store.hpp"

namespace afterglow::journal {

struct Store::Bulk {
    std::filesystem::path temp, final_path;
    int fd = -1;  // the temporary file, open from its creation to its fsync (which then reports
                  // any write-back error since); closed only while SQLite has it closed
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
    std::thread flushing;  // flush_bulk_early's; joined before fd is fsynced or closed
#endif
    bool reserved = false;  // reserve_bulk took blocks ahead
    void flushed() {
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
        if (flushing.joinable()) flushing.join();
#endif
    }
};

namespace {

constexpr const char* kSuffixes[] = {"", "-journal", "-wal", "-shm"};
constexpr std::string_view kJoining = ".joining-";

void remove_with_companions(const std::filesystem::path& p) {
    std::error_code ec;
    for (const char* s : kSuffixes) std::filesystem::remove(p.string() + s, ec);
}

Error bulk_io_error(const std::filesystem::path& path, const char* doing, int err) {
    Errc code = Errc::io;
    if (err == EACCES || err == EROFS || err == EPERM) code = Errc::read_only;
    if (err == ENOSPC || err == EDQUOT) code = Errc::disk_full;
    return make_error(code, std::string("Could not ") + doing + " " + path.string() + ": " + std::strerror(err) + ".",
                      path.string());
}

// The words of Store::create for a name already taken.
Error name_taken(const std::filesystem::path& path) {
    return make_error(Errc::invalid_argument,
                      "A file already exists at " + path.string() + "; Afterglow will not overwrite it.", path.string());
}

// fsync of a folder (a rename in it). EINVAL: a file system that cannot sync a folder.
int sync_folder(const std::filesystem::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_DIRECTORY);
    if (fd < 0) return errno;
    const int rc = ::fsync(fd) == 0 || errno == EINVAL ? 0 : errno;
    ::close(fd);
    return rc;
}

// Temporary files of an earlier load for the same vault that was killed before it finished.
void remove_leftovers(const std::filesystem::path& final_path) {
    std::error_code ec;
    const auto dir = final_path.has_parent_path() ? final_path.parent_path() : std::filesystem::path(".");
    const std::string prefix = final_path.filename().string() + std::string(kJoining);
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0)
            std::filesystem::remove(it->path(), ec);
    }
}

}  // namespace

void Store::BulkDeleter::operator()(Bulk* b) const {
    if (b) b->flushed();
    if (b && b->fd >= 0) ::close(b->fd);
    if (b && !b->temp.empty()) remove_with_companions(b->temp);
    delete b;
}

void Store::reserve_bulk([[maybe_unused]] std::size_t bytes) noexcept {
#if defined(__linux__) && defined(FALLOC_FL_KEEP_SIZE)
    // The file's blocks allocated at once, not page by page as SQLite writes (ext4's delayed
    // allocation per page was a tenth of the load's CPU). No more than the records' own bytes:
    // the file (pages, index) ends up larger; finish_bulk gives back any left past its end.
    if (bulk_ && bulk_->fd >= 0 && ::fallocate(bulk_->fd, FALLOC_FL_KEEP_SIZE, 0, static_cast<off_t>(bytes)) == 0)
        bulk_->reserved = true;
#endif
}

void Store::start_writeback() noexcept {
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
    if (bulk_ && bulk_->fd >= 0) (void)::sync_file_range(bulk_->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

void Store::flush_bulk_early() noexcept {
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
    // Starts writing the loaded pages to the disk now, while the join goes on with its state;
    // finish_bulk()'s fsync then waits for what is left. Only a head start: errors are fsync's.
    // On a thread of its own: handing 25 MB of pages to the disk is ~3 ms of the kernel's CPU.
    if (!bulk_ || bulk_->fd < 0 || bulk_->flushing.joinable()) return;
    try {
        bulk_->flushing = std::thread([fd = bulk_->fd] { (void)::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE); });
    } catch (...) {  // no thread: no head start
    }
#endif
}

void Store::drop_preload() noexcept {
    if (!preload_open_) return;
    preload_open_ = false;
    try {
        db_->exec("ROLLBACK");
    } catch (...) {  // the connection rolls back when it closes (a load that failed goes whole)
    }
}

Result<std::unique_ptr<Store>> Store::create_bulk(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::symlink_status(path, ec))) return name_taken(path);
    auto parent = path.parent_path();
    if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
        std::filesystem::create_directories(parent, ec);
        if (ec) return bulk_io_error(parent, "create the folder", ec.value());
        ::chmod(parent.c_str(), 0700);
    }
    remove_leftovers(path);
    std::unique_ptr<Bulk, BulkDeleter> bulk(new Bulk);
    bulk->final_path = path;
    const std::filesystem::path temp = path.string() + std::string(kJoining) + crypto::to_hex(crypto::random_bytes(6));
    const int fd = ::open(temp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return bulk_io_error(temp, "create", errno);
    ::fchmod(fd, 0600);
    bulk->fd = fd;
    bulk->temp = temp;  // from here the deleter closes and removes it
    std::unique_ptr<Store> store;
    auto st = guarded("create the vault", [&] {
        // No mutex: while loading, one thread at a time uses the connection, handed over by a
        // thread's join (Run::open_while_preloading); finish_bulk() opens the vault's own.
        auto db = std::make_unique<SQLite::Database>(temp.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
        store.reset(new Store(std::move(db), false));
        store->bulk_ = std::move(bulk);
        auto& d = *store->db_;
        d.setBusyTimeout(5000);
        d.exec("PRAGMA page_size=16384");  // as create()
        d.exec("PRAGMA secure_delete=ON");
        d.exec("PRAGMA temp_store=MEMORY");
        d.exec("PRAGMA mmap_size=268435456");
        // The load: a failed transaction rolls back (the journal is in memory), nothing is
        // synced; a crash loses only this temporary file.
        d.exec("PRAGMA journal_mode=MEMORY");
        d.exec("PRAGMA synchronous=OFF");
        d.exec("PRAGMA foreign_keys=ON");
        store->migrate_to(kCurrentSchema);
    });
    if (!st) return st.error();  // store (or bulk) removes the temporary file
    return store;
}

Status Store::finish_bulk(const std::function<void()>& before_named) {
    if (!bulk_) return {};
    drop_preload();
    const std::filesystem::path temp = bulk_->temp, final_path = bulk_->final_path;
    // The vault's own mode, written into the file's header; closing the only connection
    // checkpoints and removes the (empty) WAL.
    if (auto st = guarded("finish the vault", [&] {
            db_->exec("PRAGMA journal_mode=WAL");
            db_->exec("PRAGMA synchronous=FULL");
            db_.reset();
        });
        !st)
        return st;
    std::filesystem::path at = temp;  // where the file is
    const Status placed = [&]() -> Status {
        // Durable before it has the vault's name: one fsync of the whole file. The descriptor
        // is closed before SQLite opens the file again (closing any descriptor of a file drops
        // the process's POSIX locks on it, SQLite's included).
        bulk_->flushed();
        // Blocks reserve_bulk took past the file's end (a load rolled back) are given back: a
        // truncation to the file's own size drops them.
        struct stat sb {};
        if (bulk_->reserved && ::fstat(bulk_->fd, &sb) == 0) (void)::ftruncate(bulk_->fd, sb.st_size);
        const int err = ::fsync(bulk_->fd) == 0 ? 0 : errno;
        ::close(bulk_->fd);
        bulk_->fd = -1;
        if (err) return bulk_io_error(temp, "save", err);
        if (before_named) before_named();
        // Into place without replacing anything: a hard link fails when the name is taken.
        if (::link(temp.c_str(), final_path.c_str()) == 0) {
            ::unlink(temp.c_str());
        } else if (errno == EEXIST) {
            return name_taken(final_path);
        } else {  // a file system without hard links (the browser's): check, then rename
            std::error_code ec;
            if (std::filesystem::exists(std::filesystem::symlink_status(final_path, ec))) return name_taken(final_path);
            if (::rename(temp.c_str(), final_path.c_str()) != 0) return bulk_io_error(final_path, "save", errno);
        }
        at = final_path;
        bulk_->temp.clear();  // the vault's now: not removed with the store
        remove_with_companions(temp);
        const auto dir = final_path.has_parent_path() ? final_path.parent_path() : std::filesystem::path(".");
        if (int err = sync_folder(dir)) return bulk_io_error(dir, "save", err);
        return {};
    }();
    // Open again where the file is (after a failure above, still the temporary file: the
    // store removes it when it is destroyed).
    const Status reopened = guarded("open the vault", [&] {
        db_ = std::make_unique<SQLite::Database>(at.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_FULLMUTEX);
        apply_pragmas();
    });
    if (!db_) read_only_ = true;  // nothing may touch a connection that is not there
    if (!placed) return placed;
    if (!reopened) return reopened;
    bulk_.reset();
    return {};
}

}  // namespace afterglow::journal
