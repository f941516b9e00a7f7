// bench_unlock_search: the two vault figures bench/web.sh compares between the desktop
// (native) and the web app (this same file compiled to WebAssembly, run in headless Chromium).
//   1. unlock: Vault::open + unlock of a vault made with the given Argon2id parameters (the
//      desktop's calibrated choice, passed to both sides so both derive the same work);
//   2. open + search: Vault::open + unlock of a 10,000-entry vault (test KDF, so this is
//      reading, decrypting, decoding and indexing alone), then the journal screen's searches
//      (Vault::search, as app/core/controller.cpp calls it).
//
//   bench_unlock_search --calibrate [TIMES]         prints the parameters calibrate(1.0) picks
//   bench_unlock_search [--kdf OPS MEM] [--kdf-reps N] [--entries N] [--reps N] [--dir DIR] [--thread]
//
// --thread runs the measurements on a std::thread (the app unlocks on its worker thread; in
// the browser that thread's file calls are proxied to the page's thread). In the browser the
// page's thread then returns to its event loop, as the app's does, answering the calls every
// millisecond and when asked: waiting in join it could not start the threads the journal's
// parallel_for asks for, and the run stalled at 10,000 entries.
//
// Prints `sample NAME SECONDS` per repetition and `result NAME MEDIAN MIN MAX N` (seconds),
// `hits QUERY N`, then `done` (bench/web.sh parses these lines). Exit 1 with a message on error.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten/eventloop.h>
#include <emscripten/threading.h>
#endif

#include "bench/corpus.hpp"
#include "crypto/kdf.hpp"
#include "journal/vault.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

int fail(const std::string& what) {
    std::printf("error %s\n", what.c_str());
    std::fflush(stdout);
    return 1;
}

void report(const char* name, std::vector<double> s) {
    std::sort(s.begin(), s.end());
    std::printf("result %s %.6f %.6f %.6f %zu\n", name, s[s.size() / 2], s.front(), s.back(), s.size());
    std::fflush(stdout);
}

// The journal screen's searches: two words with accents folded (almost every entry has
// both), three words, and a word no entry has (a full scan that finds nothing).
const char* const kQueries[] = {"Zurich grief", "forgive child home", "lantern"};
constexpr const char* kPass = "a long passphrase for the benchmark";

struct Options {
    std::uint64_t ops = 0, mem = 0;
    int kdf_reps = 5, reps = 5;
    std::size_t n = 10000;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "afterglow-bench-unlock";
    bool thread = false;
};

int measure(const Options& o);

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool more = i + 1 < argc;
        if (a == "--calibrate") {  // [TIMES]: several in one process (the first may grow memory)
            const int times = more && std::isdigit(static_cast<unsigned char>(argv[i + 1][0])) ? std::stoi(argv[i + 1]) : 1;
            for (int k = 0; k < times; ++k) {
                const auto t0 = Clock::now();
                const auto p = crypto::calibrate(1.0);
                std::printf("kdf %llu %llu\ncalibrate_s %.3f\n", static_cast<unsigned long long>(p.opslimit),
                            static_cast<unsigned long long>(p.memlimit), since(t0));
            }
            std::printf("done\n");
            return 0;
        } else if (a == "--kdf" && i + 2 < argc) {
            o.ops = std::stoull(argv[++i]);
            o.mem = std::stoull(argv[++i]);
        } else if (a == "--kdf-reps" && more) {
            o.kdf_reps = std::stoi(argv[++i]);
        } else if (a == "--reps" && more) {
            o.reps = std::stoi(argv[++i]);
        } else if (a == "--entries" && more) {
            o.n = std::stoul(argv[++i]);
        } else if (a == "--dir" && more) {
            o.dir = argv[++i];
        } else if (a == "--thread") {
            o.thread = true;
        } else {
            return fail("unknown argument " + a + " (see bench/unlock_search.cpp)");
        }
    }
    if (o.kdf_reps < 1 || o.reps < 1) return fail("--kdf-reps and --reps must be at least 1");
    if (!o.thread) return measure(o);
#ifdef __EMSCRIPTEN__
    emscripten_set_interval([](void*) { emscripten_main_thread_process_queued_calls(); }, 1.0, nullptr);
    std::thread([o] { measure(o); }).detach();
    return 0;  // the runtime stays (EXIT_RUNTIME=0): the thread prints "done"
#endif
    int rc = 1;
    std::thread worker([&] { rc = measure(o); });
    worker.join();
    return rc;
}

namespace {

int measure(const Options& o) {
    const std::uint64_t ops = o.ops, mem = o.mem;
    const int kdf_reps = o.kdf_reps, reps = o.reps;
    const std::size_t n = o.n;
    const std::filesystem::path& dir = o.dir;
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    std::filesystem::create_directories(dir);

    // 1. Unlock with real Argon2id parameters.
    if (ops) {
        const auto path = dir / "kdf.afterglow";
        CreateOptions opt;
        opt.kdf = crypto::KdfParams::with_limits(ops, mem);
        if (auto st = crypto::check_kdf_params(*opt.kdf); !st) return fail(st.error().message);
        if (auto c = Vault::create(path, kPass, opt); !c) return fail(c.error().message);
        std::vector<double> s;
        for (int r = 0; r < kdf_reps; ++r) {
            const auto t0 = Clock::now();
            auto v = Vault::open(path);
            if (!v) return fail(v.error().message);
            if (auto st = (*v)->unlock(kPass); !st) return fail(st.error().message);
            s.push_back(since(t0));
            std::printf("sample unlock %.6f\n", s.back());
            std::fflush(stdout);
        }
        report("unlock", s);
    }

    // 2. Open + search of n entries (test KDF: the KDF is measured above).
    if (n) {
        const auto path = dir / "entries.afterglow";
        CreateOptions opt;
        opt.kdf = crypto::KdfParams::insecure_for_tests();
        opt.allow_weak_kdf = true;
        auto created = Vault::create(path, kPass, opt);
        if (!created) return fail(created.error().message);
        std::mt19937 rng(42);
        auto t0 = Clock::now();
        for (std::size_t done = 0; done < n;) {
            std::vector<Record> batch;
            for (std::size_t k = 0; k < 500 && done < n; ++k, ++done) batch.push_back(bench::entry(rng, done));
            if (auto st = created->vault->save_all(std::move(batch)); !st) return fail(st.error().message);
        }
        std::printf("built %zu %.3f\n", n, since(t0));
        created->vault.reset();

        std::vector<double> open_s, search_s, total_s;
        for (int r = 0; r < reps; ++r) {
            t0 = Clock::now();
            auto v = Vault::open(path);
            if (!v) return fail(v.error().message);
            if (auto st = (*v)->unlock(kPass); !st) return fail(st.error().message);
            open_s.push_back(since(t0));
            if ((*v)->entries().size() != n) return fail("the vault lost entries");
            t0 = Clock::now();
            for (const char* q : kQueries) {
                const auto hits = (*v)->search(q).size();
                if (r == 0) std::printf("hits %s|%zu\n", q, hits);
            }
            search_s.push_back(since(t0));
            total_s.push_back(open_s.back() + search_s.back());
            std::printf("sample open_search %.6f\n", total_s.back());
            std::fflush(stdout);
        }
        report("open", open_s);
        report("search", search_s);
        report("open_search", total_s);
    }
    std::filesystem::remove_all(dir, ec);
    std::printf("done\n");
    std::fflush(stdout);
    return 0;
}

}  // namespace
