// bench_sync: the sync figures of issue 20 (docs/sync.md §9), as ratios in one run.
//   1. joining an N-entry journal from a folder store / opening that journal locally (both
//      with the test KDF, so the one Argon2id derivation is excluded from both);
//   2. one new entry: bytes written to the store / its sealed size in the vault; and what the
//      other device's next sync reads (listings, files);
//   3. syncing an unchanged N-entry journal: CPU ms and listings.
//   bench_sync [--entries N] [--rounds R] [--dir DIR]
#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench/corpus.hpp"
#include "crypto/aead.hpp"
#include "crypto/kdf.hpp"
#include "journal/codec.hpp"
#include "journal/sync/engine.hpp"
#include "journal/sync/folder_store.hpp"
#include "journal/vault.hpp"

using namespace afterglow;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPass = "a long passphrase for the benchmark";

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double cpu_now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

int fail(const std::string& what) {
    std::fprintf(stderr, "bench_sync: %s\n", what.c_str());
    return 1;
}

const char* verdict(bool ok) { return ok ? "ok" : "MISSED"; }

// Argon2id derivations, counted through crypto's runner seam (declined: crypto_pwhash runs).
std::atomic<int> g_derivations{0};
int count_derivation(std::span<std::uint8_t>, std::string_view, const crypto::KdfParams&) {
    g_derivations += 1;
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t n = 10000;
    int rounds = 7;  // the medians of 7: one slow round (the machine is shared) does not move them
    fs::path dir = fs::temp_directory_path() / "afterglow-bench-sync";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--entries") n = std::stoul(argv[i + 1]);
        else if (a == "--dir") dir = argv[i + 1];
        else if (a == "--rounds") rounds = std::max(1, std::stoi(argv[i + 1]));
        else return fail("usage: bench_sync [--entries N] [--rounds R] [--dir DIR]");
    }
    fs::remove_all(dir);
    fs::create_directories(dir);
    journal::CreateOptions co;
    co.kdf = crypto::KdfParams::insecure_for_tests();
    co.allow_weak_kdf = true;

    // The journal: N entries of ~2 KB.
    auto created = journal::Vault::create(dir / "laptop.afterglow", kPass, co);
    if (!created) return fail(created.error().message);
    auto laptop = std::move(created->vault);
    std::mt19937 rng(7);
    std::vector<journal::Record> records;
    for (std::size_t i = 0; i < n; ++i) records.push_back(bench::entry(rng, i));
    if (auto st = laptop->save_all(std::move(records)); !st) return fail(st.error().message);
    sync::FolderStore store(dir / "store");
    auto t0 = Clock::now();
    auto first = sync::sync_once(*laptop, store);
    if (!first) return fail(first.error().message);
    const double first_s = since(t0);

    // 1. Opening locally vs joining from the store: `rounds` of each, alternating, the medians.
    std::vector<double> opens, joins, open_cpu, join_cpu;
    std::unique_ptr<journal::Vault> phone;
    for (int r = 0; r < rounds; ++r) {
        laptop->lock();
        laptop.reset();
        t0 = Clock::now();
        double c0 = cpu_now();
        auto opened = journal::Vault::open(dir / "laptop.afterglow");
        if (!opened || !(*opened)->unlock(kPass)) return fail("cannot open the journal");
        opens.push_back(since(t0));
        open_cpu.push_back(cpu_now() - c0);
        laptop = std::move(*opened);
        phone.reset();
        const fs::path phone_path = dir / "phone.afterglow";
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(phone_path.string() + suffix);
        sync::JoinOptions jo;
        jo.kdf = co.kdf;
        jo.allow_weak_kdf = true;
        crypto::set_pwhash_runner(&count_derivation);
        g_derivations = 0;
        t0 = Clock::now();
        c0 = cpu_now();
        auto joined = sync::join(store, phone_path, kPass, kPass, jo);
        joins.push_back(since(t0));
        join_cpu.push_back(cpu_now() - c0);
        crypto::set_pwhash_runner(nullptr);
        if (!joined) return fail(joined.error().message);
        phone = std::move(joined->vault);
        if (phone->entries().size() != n) return fail("the joined journal lacks entries");
    }
    std::sort(open_cpu.begin(), open_cpu.end());
    std::sort(join_cpu.begin(), join_cpu.end());
    std::sort(opens.begin(), opens.end());
    std::sort(joins.begin(), joins.end());
    const double open_s = opens[opens.size() / 2], join_s = joins[joins.size() / 2];
    const double join_ratio = join_s / open_s;

    // 2. One new entry.
    auto e = bench::entry(rng, n);
    auto id = laptop->save(e);
    if (!id) return fail(id.error().message);
    journal::Record saved{*laptop->find_entry(*id)};
    const auto sealed = journal::codec::pad(journal::codec::encode(saved)).size() + crypto::kSealOverhead;
    auto one = sync::sync_once(*laptop, store);
    if (!one) return fail(one.error().message);
    const double bytes_ratio = static_cast<double>(one->bytes_written) / static_cast<double>(sealed);
    auto read_one = sync::sync_once(*phone, store);
    if (!read_one) return fail(read_one.error().message);
    if (!phone->find_entry(*id)) return fail("the new entry did not arrive");

    // 3. An unchanged journal (the median of 5 syncs).
    std::vector<double> cpu;
    int listings = 0, files = 0;
    for (int k = 0; k < 5; ++k) {
        const double c0 = cpu_now();
        auto r = sync::sync_once(*laptop, store);
        cpu.push_back((cpu_now() - c0) * 1000);
        if (!r) return fail(r.error().message);
        listings = r->listings;
        files = r->files_read;
        if (r->bytes_written) return fail("an unchanged journal wrote to the store");
    }
    std::sort(cpu.begin(), cpu.end());
    const double unchanged_ms = cpu[cpu.size() / 2];

    std::printf("entries:                        %zu (first sync wrote them in %.2f s)\n", n, first_s);
    std::printf("open locally (no KDF):          %.1f ms (median of %d; %.1f-%.1f)\n", open_s * 1000, rounds,
                opens.front() * 1000, opens.back() * 1000);
    std::printf("join from the folder (no KDF):  %.1f ms (median of %d; %.1f-%.1f)\n", join_s * 1000, rounds,
                joins.front() * 1000, joins.back() * 1000);
    std::printf("CPU (all threads, medians):     open %.1f ms, join %.1f ms (%.2fx)\n", open_cpu[rounds / 2] * 1000,
                join_cpu[rounds / 2] * 1000, join_cpu[rounds / 2] / open_cpu[rounds / 2]);
    std::printf("Argon2id per join:              %d (the journal's passphrase: the unwrap only)\n",
                g_derivations.load());
    std::printf("one new entry: %llu bytes to the store, sealed %zu bytes\n",
                static_cast<unsigned long long>(one->bytes_written), sealed);
    std::printf("the other device's next sync: %d listing(s), %d file(s) read\n", read_one->listings,
                read_one->files_read);
    std::printf("unchanged sync: %.2f ms CPU (median of 5), %d listing(s), %d file(s) read\n", unchanged_ms, listings,
                files);
    std::printf("figure\tsync: join / open (%zu entries, no KDF)\t%.2fx\t<= 2x\t%s\n", n, join_ratio,
                verdict(join_ratio <= 2));
    std::printf("figure\tsync: one new entry, bytes to the store / sealed\t%.2fx\t<= 2x\t%s\n", bytes_ratio,
                verdict(bytes_ratio <= 2));
    // journal.key and the new segment: what a device reads after one new entry elsewhere.
    std::printf("figure\tsync: files read after one new entry\t%d\t<= 2\t%s\n", read_one->files_read,
                verdict(read_one->listings == 1 && read_one->files_read <= 2));
    std::printf("figure\tsync: unchanged journal (%zu entries), CPU\t%.2f ms\t<= 50 ms\t%s\n", n, unchanged_ms,
                verdict(unchanged_ms <= 50 && listings == 1));
    fs::remove_all(dir);
    return 0;
}
