// bench_record_ids: do chosen record ids cost more than random ones? (issue 17 item 5)
// A backup chooses its own ids; RecordIdHash once used their first 8 bytes, so N ids sharing
// them made every hash table of ids a list (50,000: import 11.6 s vs 1.45 s, unlock 5.18 s vs
// 0.30 s). This bench saves N small entries in one import (save_all) into a fresh vault, locks
// it and unlocks it again, once with random ids and once with ids sharing their first 8 bytes,
// and prints the colliding / random ratio of each (target: about 1, at most 1.5).
// Times are CPU seconds of this process (the machine is shared); wall is shown beside them.
// Usage: bench_record_ids [--entries 50000] [--dir DIR]
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/setup.hpp"

using namespace afterglow;
using namespace afterglow::journal;
namespace fs = std::filesystem;

namespace {

using bench::cpu_seconds;

struct Timing {
    double cpu = 0, wall = 0;
};

template <class F>
Timing timed(F&& fn) {
    const double c0 = cpu_seconds();
    const auto w0 = std::chrono::steady_clock::now();
    fn();
    return {cpu_seconds() - c0,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count()};
}

std::vector<Record> make_entries(std::size_t n, bool colliding) {
    std::vector<Record> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        Entry e;
        e.meta.id = RecordId::random();
        if (colliding) std::memset(e.meta.id.bytes.data(), 0xab, 8);  // the same first 8 bytes
        e.meta.version = 1;
        e.body = "entry " + std::to_string(i);
        out.emplace_back(std::move(e));
    }
    return out;
}

struct Run {
    Timing import, unlock;
};

Run run(const fs::path& dir, std::size_t n, bool colliding) {
    const fs::path path = dir / (colliding ? "colliding.afterglow" : "random.afterglow");
    auto created = bench::fast_vault(path);
    if (!created) std::exit(1);
    auto& vault = *created;
    auto records = make_entries(n, colliding);
    Run r;
    r.import = timed([&] {
        if (!vault.save_all(std::move(records))) std::exit(1);
    });
    vault.lock();
    r.unlock = timed([&] {
        if (!vault.unlock("bench") || vault.entries().size() != n) std::exit(1);
    });
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t n = 50000;
    fs::path dir;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--entries")) n = std::stoul(argv[i + 1]);
        if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
    }
    const bool own_dir = dir.empty();
    if (own_dir) {
        std::string templ = (fs::temp_directory_path() / "bench-record-ids-XXXXXX").string();
        if (!mkdtemp(templ.data())) return 1;
        dir = templ;
    }
    const Run random = run(dir, n, false);
    const Run colliding = run(dir, n, true);
    auto line = [](const char* what, std::size_t n, const Timing& a, const Timing& b) {
        std::printf("%s, %zu entries: random %.2f s CPU (%.2f s wall), colliding %.2f s CPU "
                    "(%.2f s wall)\n",
                    what, n, a.cpu, a.wall, b.cpu, b.wall);
    };
    line("import", n, random.import, colliding.import);
    line("unlock", n, random.unlock, colliding.unlock);
    auto figure = [](const char* what, std::size_t n, const Timing& a, const Timing& b) {
        const double ratio = b.cpu / (a.cpu > 1e-6 ? a.cpu : 1e-6);
        std::printf("figure\trecord ids: %s, colliding / random (%zu entries, CPU)\t%.2fx\t<= 1.5x\t%s\n",
                    what, n, ratio, ratio <= 1.5 ? "ok" : "MISSED");
    };
    figure("import", n, random.import, colliding.import);
    figure("unlock", n, random.unlock, colliding.unlock);
    if (own_dir) fs::remove_all(dir);
    return 0;
}
