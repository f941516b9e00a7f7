// bench_memory: what an unlocked journal costs in memory per entry, against the text it holds
// (issue 19: target <= 2x). Builds a vault of N bench entries (~2.3 KB of text each, test KDF),
// opens it afresh, and measures the heap in use (mallinfo2) and the resident set before and
// after unlock. See bench/README.md.
//
//   bench_memory [--entries N] [--dir DIR]
#include <malloc.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "bench/setup.hpp"

using namespace afterglow;
using namespace afterglow::journal;

namespace {

std::size_t heap_in_use() { return mallinfo2().uordblks; }

std::size_t rss_bytes() {
    std::ifstream f("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    f >> pages >> resident;
    return resident * 4096;
}

}  // namespace

int main(int argc, char** argv) {
    const auto [n, dir] = bench::parse_args(argc, argv, 10000, "afterglow-bench-memory");
    const auto path = dir / "bench.afterglow";
    std::size_t text = 0;
    {
        auto vault = bench::fast_vault(path);
        if (!vault) return 1;
        std::mt19937 rng(42);
        auto filled = bench::fill(*vault, n, 1000, rng);
        if (!filled) return 1;
        text = *filled;
    }
    malloc_trim(0);
    auto v = Vault::open(path);
    if (!v) return 1;
    malloc_trim(0);
    const std::size_t heap0 = heap_in_use(), rss0 = rss_bytes();
    if (!(*v)->unlock("bench")) return 1;
    const std::size_t heap_peak_rss = rss_bytes();
    malloc_trim(0);
    const std::size_t heap1 = heap_in_use(), rss1 = rss_bytes();
    const double per_text = static_cast<double>(text) / static_cast<double>(n);
    const double per_heap = static_cast<double>(heap1 - heap0) / static_cast<double>(n);
    const double per_rss = static_cast<double>(rss1 > rss0 ? rss1 - rss0 : 0) / static_cast<double>(n);
    std::printf("%zu entries, %.0f bytes of text each\n", n, per_text);
    std::printf("heap in use per entry after unlock: %.0f bytes (%.2fx the text)\n", per_heap, per_heap / per_text);
    std::printf("  beyond the text: %.0f bytes (an Entry is %zu bytes; its strings' and lists' blocks, the id map)\n",
                per_heap - per_text, sizeof(Entry));
    std::printf("resident set per entry after unlock (trimmed): %.0f bytes (%.2fx); right after unlock %.1f MiB\n",
                per_rss, per_rss / per_text, static_cast<double>(heap_peak_rss) / (1 << 20));
    const double ratio = per_heap / per_text;
    std::printf("figure\tmemory per entry, heap / its text (%zu entries)\t%.2fx\t<= 2x\t%s\n", n, ratio,
                ratio <= 2 ? "ok" : "MISSED");
    v->reset();
    std::filesystem::remove_all(dir);
    return 0;
}
