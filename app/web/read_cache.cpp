// The read cache VFS of app/web/read_cache.hpp: SQLite's default VFS ("unix", emscripten's
// file system) wrapped so that the database and its WAL are read in blocks. The invariant: a
// cached block k of a file holds exactly bytes [k*B, min((k+1)*B, size)) of it as the file
// is now. Real I/O is never done under the cache's lock (the page's thread, which answers the
// worker's proxied calls, may need that lock itself); a block read while a write ran is
// dropped (the file's generation changed) instead of being kept.
#include "app/web/read_cache.hpp"

#include <emscripten.h>
#include <emscripten/threading.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace afterglow::app::web {
namespace {

constexpr sqlite3_int64 kBlock = 1 << 20;
constexpr std::size_t kCacheBytes = 64u << 20;  // a 10,000-entry vault (28 MiB) fits whole

struct Inode;

struct Block {
    Inode* owner;  // it drops its blocks before it goes (x_close)
    sqlite3_int64 index;
    std::vector<unsigned char> data;
};

struct Inode {  // one file's blocks, shared by every handle open on it
    sqlite3_int64 size = 0;
    unsigned long generation = 0;  // +1 on every write and truncate
    std::map<sqlite3_int64, std::list<Block>::iterator> blocks;
};

struct Cache {
    std::mutex m;
    std::map<std::pair<dev_t, ino_t>, std::weak_ptr<Inode>> inodes;
    std::list<Block> lru;  // most recently used first, over every file
    std::size_t bytes = 0;
    bool enabled = true;
};
Cache& cache() {
    static Cache c;
    return c;
}

sqlite3_vfs* g_real = nullptr;
std::atomic<long> g_calls{0}, g_block_reads{0};
std::atomic<long long> g_micros{0};
std::atomic<long long> g_first_micros{-1};  // when the first call since take_fs_calls began
std::atomic<int> g_in_call{0};               // worker calls under way
std::atomic<long long> g_last_end_micros{0};  // when the last one ended

struct File {
    sqlite3_file base;  // our methods
    std::shared_ptr<Inode>* inode;  // null: not cached (journals, temp files, a disabled cache)
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }  // the real file follows
};
static_assert(sizeof(File) % 8 == 0, "the real file that follows must stay 8-byte aligned");

// Counts and times a real call made off the page's thread (each one is proxied to it).
template <class F>
int timed(F&& f) {
    if (emscripten_is_main_runtime_thread()) return f();
    const double t0 = emscripten_get_now();
    long long none = -1;
    g_first_micros.compare_exchange_strong(none, static_cast<long long>(t0 * 1000), std::memory_order_relaxed);
    g_in_call.fetch_add(1);
    const int rc = f();
    const double t1 = emscripten_get_now();
    g_last_end_micros.store(static_cast<long long>(t1 * 1000));
    g_in_call.fetch_sub(1);
    g_calls.fetch_add(1, std::memory_order_relaxed);
    g_micros.fetch_add(static_cast<long long>((t1 - t0) * 1000), std::memory_order_relaxed);
    return rc;
}

void drop_locked(Cache& c, Inode& n, sqlite3_int64 index) {
    auto it = n.blocks.find(index);
    if (it == n.blocks.end()) return;
    c.bytes -= it->second->data.size();
    c.lru.erase(it->second);
    n.blocks.erase(it);
}

// Drops the blocks of [from, to) and, when the size changes, the block holding the old end.
void changed(Inode& n, sqlite3_int64 from, sqlite3_int64 to, sqlite3_int64 new_size) {
    Cache& c = cache();
    std::lock_guard lock(c.m);
    ++n.generation;
    for (sqlite3_int64 k = from / kBlock; k <= (to - 1) / kBlock && to > from; ++k) drop_locked(c, n, k);
    if (new_size != n.size) {
        for (sqlite3_int64 k = std::min(n.size, new_size) / kBlock; k <= std::max(n.size, new_size) / kBlock; ++k)
            drop_locked(c, n, k);
        n.size = new_size;
    }
}

// Copies block k's part of [off, off+amt) into out; reads the block first if it is not cached.
int read_block(File* f, sqlite3_int64 k, unsigned char* out, sqlite3_int64 off, int amt) {
    Inode& n = **f->inode;
    Cache& c = cache();
    unsigned long gen;
    sqlite3_int64 len;
    {
        std::lock_guard lock(c.m);
        auto it = n.blocks.find(k);
        if (it != n.blocks.end()) {
            c.lru.splice(c.lru.begin(), c.lru, it->second);
            std::memcpy(out, it->second->data.data() + (off - k * kBlock), static_cast<std::size_t>(amt));
            return SQLITE_OK;
        }
        gen = n.generation;
        len = std::min(kBlock, n.size - k * kBlock);
    }
    sqlite3_file* real = f->real();
    if (k * kBlock + len < off + amt)  // another handle shrank the file meanwhile: read it as it is
        return timed([&] { return real->pMethods->xRead(real, out, amt, off); });
    std::vector<unsigned char> data(static_cast<std::size_t>(len));
    const int rc = timed([&] { return real->pMethods->xRead(real, data.data(), static_cast<int>(len), k * kBlock); });
    g_block_reads.fetch_add(1, std::memory_order_relaxed);
    if (rc != SQLITE_OK) return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_IOERR_READ : rc;  // shorter than it said
    std::memcpy(out, data.data() + (off - k * kBlock), static_cast<std::size_t>(amt));
    std::lock_guard lock(c.m);
    if (n.generation != gen || n.blocks.count(k)) return SQLITE_OK;  // written meanwhile: not kept
    c.lru.push_front(Block{&n, k, std::move(data)});
    n.blocks[k] = c.lru.begin();
    c.bytes += c.lru.front().data.size();
    while (c.bytes > kCacheBytes && c.lru.size() > 1) drop_locked(c, *c.lru.back().owner, c.lru.back().index);
    return SQLITE_OK;
}

int x_read(sqlite3_file* p, void* buf, int amt, sqlite3_int64 off) {
    auto* f = reinterpret_cast<File*>(p);
    sqlite3_file* real = f->real();
    if (!f->inode) return timed([&] { return real->pMethods->xRead(real, buf, amt, off); });
    sqlite3_int64 size;
    {
        std::lock_guard lock(cache().m);
        size = (*f->inode)->size;
    }
    auto* out = static_cast<unsigned char*>(buf);
    const sqlite3_int64 end = std::min(off + amt, std::max(size, off));
    for (sqlite3_int64 at = off; at < end;) {
        const sqlite3_int64 k = at / kBlock;
        const int n = static_cast<int>(std::min(end, (k + 1) * kBlock) - at);
        if (int rc = read_block(f, k, out + (at - off), at, n); rc != SQLITE_OK) return rc;
        at += n;
    }
    if (end - off < amt) {  // past the end: zeros, as SQLite asks of a short read
        std::memset(out + (end - off), 0, static_cast<std::size_t>(amt - (end - off)));
        return SQLITE_IOERR_SHORT_READ;
    }
    return SQLITE_OK;
}

int x_write(sqlite3_file* p, const void* buf, int amt, sqlite3_int64 off) {
    auto* f = reinterpret_cast<File*>(p);
    sqlite3_file* real = f->real();
    const int rc = timed([&] { return real->pMethods->xWrite(real, buf, amt, off); });
    if (f->inode) {
        Inode& n = **f->inode;
        sqlite3_int64 size;
        {
            std::lock_guard lock(cache().m);
            size = n.size;
        }
        changed(n, off, off + amt, rc == SQLITE_OK ? std::max(size, off + amt) : size);
        if (rc != SQLITE_OK) {  // what reached the file is unknown: ask it
            sqlite3_int64 real_size = 0;
            if (timed([&] { return real->pMethods->xFileSize(real, &real_size); }) == SQLITE_OK)
                changed(n, 0, 0, real_size);
        }
    }
    return rc;
}

int x_truncate(sqlite3_file* p, sqlite3_int64 size) {
    auto* f = reinterpret_cast<File*>(p);
    sqlite3_file* real = f->real();
    const int rc = timed([&] { return real->pMethods->xTruncate(real, size); });
    if (f->inode) {
        sqlite3_int64 real_size = size;
        if (rc != SQLITE_OK && timed([&] { return real->pMethods->xFileSize(real, &real_size); }) != SQLITE_OK) {
            std::lock_guard lock(cache().m);
            real_size = (*f->inode)->size;
        }
        changed(**f->inode, 0, 0, real_size);
    }
    return rc;
}

int x_file_size(sqlite3_file* p, sqlite3_int64* size) {
    auto* f = reinterpret_cast<File*>(p);
    sqlite3_file* real = f->real();
    if (!f->inode) return timed([&] { return real->pMethods->xFileSize(real, size); });
    std::lock_guard lock(cache().m);
    *size = (*f->inode)->size;
    return SQLITE_OK;
}

int x_close(sqlite3_file* p) {
    auto* f = reinterpret_cast<File*>(p);
    sqlite3_file* real = f->real();
    const int rc = real->pMethods ? timed([&] { return real->pMethods->xClose(real); }) : SQLITE_OK;
    if (f->inode) {
        Cache& c = cache();
        std::lock_guard lock(c.m);
        if (f->inode->use_count() == 1)  // the last handle: its blocks go
            while (!(*f->inode)->blocks.empty()) drop_locked(c, **f->inode, (*f->inode)->blocks.begin()->first);
        delete f->inode;
        f->inode = nullptr;
    }
    return rc;
}

// The rest are the real file's, called through.
#define AG_REAL(call) \
    auto* f = reinterpret_cast<File*>(p); \
    sqlite3_file* real = f->real(); \
    return timed([&] { return real->pMethods->call; })
int x_sync(sqlite3_file* p, int flags) { AG_REAL(xSync(real, flags)); }
int x_lock(sqlite3_file* p, int l) { AG_REAL(xLock(real, l)); }
int x_unlock(sqlite3_file* p, int l) { AG_REAL(xUnlock(real, l)); }
int x_check_reserved(sqlite3_file* p, int* out) { AG_REAL(xCheckReservedLock(real, out)); }
int x_shm_map(sqlite3_file* p, int pg, int sz, int ext, void volatile** pp) { AG_REAL(xShmMap(real, pg, sz, ext, pp)); }
int x_shm_lock(sqlite3_file* p, int off, int n, int flags) { AG_REAL(xShmLock(real, off, n, flags)); }
int x_shm_unmap(sqlite3_file* p, int del) { AG_REAL(xShmUnmap(real, del)); }
#undef AG_REAL
int x_file_control(sqlite3_file* p, int op, void* arg) {
    // A size hint may grow the file behind the cache's back (it is only a hint).
    if (op == SQLITE_FCNTL_SIZE_HINT) return SQLITE_OK;
    auto* f = reinterpret_cast<File*>(p);
    sqlite3_file* real = f->real();
    return timed([&] { return real->pMethods->xFileControl(real, op, arg); });
}
int x_sector_size(sqlite3_file* p) {
    sqlite3_file* real = reinterpret_cast<File*>(p)->real();
    return real->pMethods->xSectorSize(real);
}
int x_device(sqlite3_file* p) {
    sqlite3_file* real = reinterpret_cast<File*>(p)->real();
    return real->pMethods->xDeviceCharacteristics(real);
}
void x_shm_barrier(sqlite3_file* p) {
    sqlite3_file* real = reinterpret_cast<File*>(p)->real();
    real->pMethods->xShmBarrier(real);
}
// No memory mapping (SQLITE_MAX_MMAP_SIZE=0 on the web): SQLite then reads.
int x_fetch(sqlite3_file*, sqlite3_int64, int, void** pp) {
    *pp = nullptr;
    return SQLITE_OK;
}
int x_unfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

const sqlite3_io_methods kMethods = {3, x_close, x_read, x_write, x_truncate, x_sync, x_file_size, x_lock, x_unlock,
                                     x_check_reserved, x_file_control, x_sector_size, x_device, x_shm_map,
                                     x_shm_lock, x_shm_barrier, x_shm_unmap, x_fetch, x_unfetch};

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* p, int flags, int* out_flags) {
    auto* f = reinterpret_cast<File*>(p);
    f->base.pMethods = nullptr;
    f->inode = nullptr;
    sqlite3_file* real = f->real();
    const int rc = timed([&] { return g_real->xOpen(g_real, name, real, flags, out_flags); });
    if (rc != SQLITE_OK) {  // SQLite calls xClose when pMethods is set, even after a failed open
        if (real->pMethods) f->base.pMethods = &kMethods;
        return rc;
    }
    f->base.pMethods = &kMethods;
    struct stat st {};
    sqlite3_int64 size = 0;
    const bool cacheable = name && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL));
    if (!cacheable || !cache().enabled || timed([&] { return ::stat(name, &st); }) != 0 ||
        timed([&] { return real->pMethods->xFileSize(real, &size); }) != SQLITE_OK)
        return SQLITE_OK;
    Cache& c = cache();
    std::lock_guard lock(c.m);
    auto& weak = c.inodes[{st.st_dev, st.st_ino}];
    auto inode = weak.lock();
    if (!inode) {
        inode = std::make_shared<Inode>();
        inode->size = size;
        weak = inode;
    }
    f->inode = new std::shared_ptr<Inode>(std::move(inode));
    for (auto it = c.inodes.begin(); it != c.inodes.end();) it = it->second.expired() ? c.inodes.erase(it) : std::next(it);
    return SQLITE_OK;
}

int x_delete(sqlite3_vfs*, const char* name, int sync_dir) { return timed([&] { return g_real->xDelete(g_real, name, sync_dir); }); }
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) { return timed([&] { return g_real->xAccess(g_real, name, flags, out); }); }
int x_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return timed([&] { return g_real->xFullPathname(g_real, name, n, out); });
}

}  // namespace

void use_read_cache(bool enabled) {
    static sqlite3_vfs vfs;
    if (g_real) return;
    sqlite3_initialize();
    g_real = sqlite3_vfs_find(nullptr);
    if (!g_real) return;
    cache().enabled = enabled;
    vfs = *g_real;  // its randomness, sleep, time and dlopen are the real ones
    vfs.zName = "afterglow-read-cache";
    vfs.szOsFile = static_cast<int>(sizeof(File)) + g_real->szOsFile;
    vfs.pNext = nullptr;
    vfs.xOpen = x_open;
    vfs.xDelete = x_delete;
    vfs.xAccess = x_access;
    vfs.xFullPathname = x_full_pathname;
    sqlite3_vfs_register(&vfs, 1);
}

FsCalls take_fs_calls() {
    FsCalls c;
    c.calls = g_calls.exchange(0);
    c.ms = static_cast<double>(g_micros.exchange(0)) / 1000.0;
    c.block_reads = g_block_reads.exchange(0);
    const long long first = g_first_micros.exchange(-1);
    c.first_ms = first < 0 ? -1 : static_cast<double>(first) / 1000.0;
    return c;
}

bool worker_calls_active(double within_ms) {
    if (g_in_call.load() > 0) return true;
    return emscripten_get_now() * 1000 - static_cast<double>(g_last_end_micros.load()) < within_ms * 1000;
}

void trim_read_cache() {
    Cache& c = cache();
    std::lock_guard lock(c.m);
    for (auto& [id, weak] : c.inodes)
        if (auto n = weak.lock())
            while (!n->blocks.empty()) drop_locked(c, *n, n->blocks.begin()->first);
}

}  // namespace afterglow::app::web
