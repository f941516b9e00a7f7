// What the native vault benches share: clocks (wall and this process's CPU), peak memory,
// their --entries/--dir options, and a fast-KDF vault filled with the corpus (corpus.hpp).
#pragma once

#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "bench/corpus.hpp"
#include "crypto/kdf.hpp"
#include "journal/vault.hpp"

namespace afterglow::bench {

using Clock = std::chrono::steady_clock;

inline double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU seconds of this process: the work itself, without fsync waits and without the
// neighbours' load on a shared machine (the benches print wall times beside).
inline double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

inline long peak_rss_kib() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

// --entries N (default ENTRIES) and --dir DIR (default $TMPDIR/DIR_NAME); DIR is emptied.
struct Args {
    std::size_t entries;
    std::filesystem::path dir;
};

inline Args parse_args(int argc, char** argv, std::size_t entries, const char* dir_name) {
    Args a{entries, std::filesystem::temp_directory_path() / dir_name};
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--entries")) a.entries = std::stoul(argv[i + 1]);
        if (!std::strcmp(argv[i], "--dir")) a.dir = argv[i + 1];
    }
    std::filesystem::remove_all(a.dir);
    std::filesystem::create_directories(a.dir);
    return a;
}

// A new vault at PATH (passphrase "bench") with the test KDF: the KDF is not what the benches
// measure. Null, with the reason printed, when it cannot be created.
inline std::unique_ptr<journal::Vault> fast_vault(const std::filesystem::path& path) {
    journal::CreateOptions opt;
    opt.kdf = crypto::KdfParams::insecure_for_tests();
    opt.allow_weak_kdf = true;
    auto created = journal::Vault::create(path, "bench", opt);
    if (!created) {
        std::fprintf(stderr, "%s\n", created.error().message.c_str());
        return nullptr;
    }
    return std::move(created->vault);
}

// Saves corpus entries 0..N-1 drawn from RNG into V, BATCH to a save_all; returns the bytes
// of text saved (title, body, tag), or nullopt with the reason printed.
inline std::optional<std::size_t> fill(journal::Vault& v, std::size_t n, std::size_t batch, std::mt19937& rng) {
    std::size_t text = 0;
    for (std::size_t done = 0; done < n;) {
        std::vector<journal::Record> records;
        for (std::size_t k = 0; k < batch && done < n; ++k, ++done) {
            journal::Entry e = entry(rng, done);
            text += e.title.size() + e.body.size() + e.tags[0].size();
            records.push_back(std::move(e));
        }
        if (auto st = v.save_all(std::move(records)); !st) {
            std::fprintf(stderr, "%s\n", st.error().message.c_str());
            return std::nullopt;
        }
    }
    return text;
}

}  // namespace afterglow::bench
