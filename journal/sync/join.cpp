// join: a new vault from a store's journal (docs/sync.md §5): journal.key unwrapped once, the
// whole journal bulk-loaded into the new vault by one sync run, then made durable. What the
// run leaves (its ack for the store, its state to free) is done while the vault is made
// durable: that is mostly waiting for the disk (docs/sync.md §9).
#include <system_error>
#include <thread>

#include "journal/sync/engine.hpp"
#include "journal/sync/key_file.hpp"
#include "journal/sync/run.hpp"

namespace afterglow::sync {

Result<Joined> join(Store& store, const std::filesystem::path& vault_path, std::string_view secret,
                    std::string_view new_passphrase, const JoinOptions& options) {
    auto file = store.get(kKeyFileName);
    if (!file) {
        if (file.error().code == Errc::not_found)
            return make_error(Errc::not_found, store.describe() + " holds no journal to join (no journal.key).");
        return store_error(store, file.error(), "read");
    }
    auto rows = parse_key_file(*file);
    if (!rows) return make_error(Errc::damaged, "The journal.key in " + store.describe() + " is damaged.", kKeyFileName);
    // The journal's file is read while the passphrase is derived and the vault created.
    Deferred later;
#if !defined(__EMSCRIPTEN__)
    if (store.concurrent_gets()) later.ahead = read_ahead(store);
#endif
    journal::CreateOptions co;
    co.kdf = options.kdf;
    co.allow_weak_kdf = options.allow_weak_kdf;
    auto vault = journal::Vault::create_joined(vault_path, *rows, secret, options.recovery, new_passphrase, co);
    if (!vault) return vault.error();
    Joined out;
    out.vault = std::move(*vault);
    // The whole journal goes into the new vault as a bulk load: on failure the vault is
    // destroyed with its temporary file; on success it is made durable and put in place.
    auto report = run_sync(*out.vault, store, options.sync, &later);
    if (!report) return report.error();
    out.report = std::move(*report);
    // The ack (two fsyncs in a folder store, a request for WebDAV) is put on its own thread
    // from the end of the run (run_sync), while the state is encoded and saved and the vault's
    // file fsynced; the file takes the vault's name only once the ack is put, as when the ack
    // came first. The run's state and the files it read are freed on a thread of their own.
    // The state saved in the vault already names the ack as written: a put that fails only
    // means the next run writes it (Run::prepare_ack). On the web the store's requests stay on
    // the thread that runs the join, and the ack is put here.
    std::size_t acked = 0;  // bytes
    auto put = [&] {
        if (later.putting.valid()) acked = later.putting.get();
        else if (later.ack && put_ack(store, *later.ack)) acked = later.ack->bytes.size();
    };
#if defined(__EMSCRIPTEN__)
    auto st = out.vault->finish_bulk_load(put);
    later = Deferred{};
#else
    Status st;
    {
        // Not waited for: it shares nothing (the records that stayed in the merge's work are
        // wiped there, the files are sealed); freeing 10,000 records' states and maps takes
        // ~5 ms of a core.
        try {
            std::thread([state = std::move(later.state), files = std::move(later.files),
                         sealed = std::move(later.sealed_in), work = std::move(later.spent)]() mutable {
                state = SyncState{};
                wipe_work(work);
                sealed.clear();
                files.clear();
            }).detach();
        } catch (const std::system_error&) {  // no thread: freed here
        }
        st = out.vault->finish_bulk_load(put);
    }
#endif
    out.report.bytes_written += acked;
    if (!st) return st.error();
    return out;
}

}  // namespace afterglow::sync
