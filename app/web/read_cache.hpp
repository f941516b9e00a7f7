// The vault read in blocks on the web (issue 19, "phone unlock at wasm speed"). Emscripten's
// file system lives on the page's thread: every read SQLite makes on the app's worker thread
// (an unlock reads each 16 KiB page twice: quick_check, then the records) is a call proxied
// to the page's thread and waits until that thread answers, which it does between frames.
// A SQLite VFS over the default one ("unix") reads the database and its WAL in 1 MiB blocks
// kept in memory (at most kCacheBytes; given back when the worker's job ends), so an unlock
// makes tens of proxied calls instead of thousands. Writes go straight through to the file (and
// from it to browser storage, flushed as before: "Saved" still waits for the flush); the
// blocks they touch are dropped. Blocks are shared by every handle open on one file (its inode:
// a file renamed over the vault is another file), so two connections never disagree.
#pragma once

namespace afterglow::app::web {

// Registers the VFS as SQLite's default, before any database is opened. `enabled` false:
// the same VFS passes every call through (counting them), the behaviour of before.
void use_read_cache(bool enabled);

// What the worker thread's file-system calls cost since the last call: how many it made (each
// one proxied to the page's thread) and the milliseconds it spent in them.
struct FsCalls {
    long calls = 0;
    double ms = 0;
    long block_reads = 0;  // of them, reads of a whole block into the cache
    double first_ms = -1;  // emscripten_get_now() when the first of them began (-1: none)
};
FsCalls take_fs_calls();

// Whether the worker thread is in a file-system call now or left one under `within_ms` ago:
// the page's thread answers them at once while they come in a run (creation and re-keying
// write page after page) and leaves the CPU to the worker between runs (app/platform_web.cpp).
bool worker_calls_active(double within_ms);

// Frees the cached blocks (the worker's job is over: what it read is in SQLite's page cache
// or the index now); they are read again when needed.
void trim_read_cache();

}  // namespace afterglow::app::web
