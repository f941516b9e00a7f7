// bench_save: the cost of one save as the journal grows (issue 19). Builds vaults of 1,000,
// 10,000 and 100,000 entries of ~2 KB (test KDF), then times 61 saves of a new entry and 61
// edits of an existing one at each size, in process, with fsync (synchronous=FULL). Prints
// the median and the worst, and the ratio of the largest size to the smallest (target: a save
// at 100,000 entries costs at most 1.2x one at 1,000). See bench/README.md.
//
//   bench_save [--sizes 1000,10000,100000] [--dir DIR]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench/setup.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using bench::Clock;
using bench::since;

namespace {

struct Cost {
    double median_ms = 0, max_ms = 0;
};

Cost summarise(std::vector<double> s) {
    std::sort(s.begin(), s.end());
    return {s[s.size() / 2] * 1e3, s.back() * 1e3};
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::size_t> sizes = {1000, 10000, 100000};
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "afterglow-bench-save";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
        if (!std::strcmp(argv[i], "--sizes")) {
            sizes.clear();
            std::string s = argv[i + 1];
            for (std::size_t at = 0; at < s.size();) {
                auto comma = s.find(',', at);
                sizes.push_back(std::stoul(s.substr(at, comma - at)));
                at = comma == std::string::npos ? s.size() : comma + 1;
            }
        }
    }
    std::vector<Cost> adds, edits;
    for (std::size_t n : sizes) {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        auto vault = bench::fast_vault(dir / "bench.afterglow");
        if (!vault) return 1;
        Vault& v = *vault;
        std::mt19937 rng(42);
        if (!bench::fill(v, n, 1000, rng)) return 1;
        std::vector<double> add, edit, add_wall, edit_wall;
        for (int i = 0; i < 61; ++i) {
            Entry e = bench::entry(rng, n + static_cast<std::size_t>(i));
            e.meta.created = {};
            auto t0 = Clock::now();
            double c0 = bench::cpu_seconds();
            if (!v.save(std::move(e))) return 1;
            add.push_back(bench::cpu_seconds() - c0);
            add_wall.push_back(since(t0));
            Entry old = v.entries()[v.entries().size() / 2];
            old.body += " edited";
            t0 = Clock::now();
            c0 = bench::cpu_seconds();
            if (!v.save(std::move(old))) return 1;
            edit.push_back(bench::cpu_seconds() - c0);
            edit_wall.push_back(since(t0));
        }
        adds.push_back(summarise(add));
        edits.push_back(summarise(edit));
        const Cost aw = summarise(add_wall), ew = summarise(edit_wall);
        std::printf("%zu entries: new entry CPU median %.3f ms (max %.3f; wall %.2f, max %.2f), edit CPU median "
                    "%.3f ms (max %.3f; wall %.2f, max %.2f)\n",
                    n, adds.back().median_ms, adds.back().max_ms, aw.median_ms, aw.max_ms, edits.back().median_ms,
                    edits.back().max_ms, ew.median_ms, ew.max_ms);
        std::fflush(stdout);
    }
    std::filesystem::remove_all(dir);
    for (std::size_t i = 0; i < sizes.size(); ++i)
        std::printf("figure\tsave: one new entry at %zu entries (CPU median; max %.2f ms)\t%.3f ms\t-\t-\n", sizes[i],
                    adds[i].max_ms, adds[i].median_ms);
    const double add_ratio = adds.back().median_ms / adds.front().median_ms;
    const double edit_ratio = edits.back().median_ms / edits.front().median_ms;
    std::printf("figure\tsave: new entry, cost at %zu / cost at %zu entries\t%.2fx\t<= 1.2x\t%s\n", sizes.back(),
                sizes.front(), add_ratio, add_ratio <= 1.2 ? "ok" : "MISSED");
    std::printf("figure\tsave: edit, cost at %zu / cost at %zu entries\t%.2fx\t<= 1.2x\t%s\n", sizes.back(),
                sizes.front(), edit_ratio, edit_ratio <= 1.2 ? "ok" : "MISSED");
    return 0;
}
