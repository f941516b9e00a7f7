// How the app syncs without the network ever touching the UI thread, nor the vault ever
// leaving it (journal::Vault is single-threaded):
//   1. fetch (sync worker thread): upload what an earlier run could not, list the store, and
//      download every listed file not already held (segments never change once written, so a
//      held one is not read again; this device's own are not read at all);
//   2. merge (UI thread, inside poll()): sync::sync_once runs against a StagedStore that serves
//      that listing and those files from memory and keeps what the engine writes in an outbox.
//      A file the engine wanted but that was not fetched sends the run back to 1 (at most 3
//      times); a vault with a few new segments merges in milliseconds;
//   3. push (sync worker thread): the outbox is uploaded, in order. A push that fails stays in
//      the outbox and is tried first next time; if the app quits first, the engine finds its
//      segment missing and writes its journal again (docs/sync.md §4 rule 2): nothing is lost.
// It has its own worker thread so a slow server never holds up unlocking, exports or imports.
// Lock and quit wait for a push in flight at most a few seconds, then cancel it (stop()); a
// request that still does not end (a browser's synchronous request cannot be interrupted) is
// left to finish on its own thread, its result forgotten: the run touched only its staged
// files, never the vault, and the engine writes the segment again next time.
#pragma once

#include <atomic>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/core/worker.hpp"
#include "journal/sync/engine.hpp"

namespace afterglow::app {

// What one run ended with (handed to the controller on the UI thread).
struct SyncOutcome {
    bool test = false;  // a "Test connection", not a sync
    bool ok = false;
    std::string message;                      // the engine's or the store's sentence
    std::optional<sync::SyncReport> report;   // a sync that merged
};

// When the controller syncs next (monotonic seconds; infinity: not planned).
struct SyncTimers {
    double next = std::numeric_limits<double>::infinity();
    double status_at = std::numeric_limits<double>::infinity();  // refresh "2 min ago"
    std::uint64_t seen_generation = 0;  // the view's generation the last change check saw
};

// What the runs since unlock ended with: the status line says what happened last (a failed
// upload must not read "Synced just now", which the merge before it recorded in the vault).
struct SyncLast {
    bool failed = false;                       // the last run did not finish
    std::int64_t failed_at = 0;                // wall seconds
    std::optional<std::int64_t> succeeded_at;  // the last run that finished (wall seconds)
};

class SyncRunner {
public:
    // The merge step: sync::sync_once(vault, store) on the UI thread (the controller checks
    // the vault is still unlocked).
    using Merge = std::function<Result<sync::SyncReport>(sync::Store&)>;

    explicit SyncRunner(std::function<void()> wake = {}, bool inline_for_tests = false);
    ~SyncRunner();
    SyncRunner(const SyncRunner&) = delete;
    SyncRunner& operator=(const SyncRunner&) = delete;

    bool busy() const { return worker_->busy() || running_; }
    // A sync run through `store` (made on the UI thread; used only by the worker from now on).
    // `own_prefix` ("D/<device>/") names this device's files, which are not downloaded.
    // `cancel`: the flag the store's transfers watch (WebDavOptions::cancel), or null.
    bool start(std::unique_ptr<sync::Store> store, std::string own_prefix, Merge merge,
               std::shared_ptr<std::atomic<bool>> cancel = {});
    // "Test connection": WebDavStore::check() for an address, a listing for a folder.
    bool start_test(std::unique_ptr<sync::Store> store, std::shared_ptr<std::atomic<bool>> cancel = {});
    // Each frame: the finished phase's continuation; a whole run's outcome once it is done.
    std::optional<SyncOutcome> poll();
    // Lock and quit: waits up to `seconds` for the work in flight, then cancels it and waits
    // at most kCancelGrace more; a request still in flight is left unfinished (abandoned, see
    // above). Forgets every downloaded file and the outbox's reference to this journal's store.
    void stop(double seconds);
    static constexpr double kCancelGrace = 0.3;
    std::size_t abandoned() const { return abandoned_.size(); }  // jobs left to end on their own

    struct Staged;  // the files, the listing and the outbox (sync_runner.cpp)

private:
    void fetch();
    void push();
    void reap();  // forgets the abandoned jobs that have ended
    std::function<void()> wake_;
    bool inline_ = false;
    std::unique_ptr<Worker> worker_;
    std::vector<std::unique_ptr<Worker>> abandoned_;
    std::shared_ptr<Staged> staged_;
    Merge merge_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    std::optional<SyncOutcome> done_;
    bool running_ = false;
    int rounds_ = 0;
};

}  // namespace afterglow::app
