// bench_web_seed: writes a vault of N bench entries (bench/corpus.hpp, ~2 KB each, test KDF)
// for bench/web/phone.mjs, which puts it in a browser profile's IndexedDB before the web app
// starts (the phone unlock figures of bench/web.sh). --schema 3 writes the format before the
// manifest buckets, which an older web build can open (a before/after comparison). --kdf OPS
// BYTES: the vault's Argon2id instead of the test KDF (the real-unlock memory figure).
//
//   bench_web_seed OUT ENTRIES PASSPHRASE [--schema N] [--kdf OPS BYTES]
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include "bench/corpus.hpp"
#include "journal/vault.hpp"

using namespace afterglow;
using namespace afterglow::journal;

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: bench_web_seed OUT ENTRIES PASSPHRASE [--schema N] [--kdf OPS BYTES]\n");
        return 2;
    }
    const std::filesystem::path out = argv[1];
    const std::size_t n = std::stoul(argv[2]);
    CreateOptions opt;
    opt.kdf = crypto::KdfParams::insecure_for_tests();
    opt.allow_weak_kdf = true;
    for (int i = 4; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--schema")) opt.schema_for_tests = std::stoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--kdf") && i + 2 < argc) {
            opt.kdf = crypto::KdfParams::with_limits(std::stoull(argv[i + 1]), std::stoull(argv[i + 2]));
            ++i;
        }
    }
    std::filesystem::remove(out);
    auto created = Vault::create(out, argv[3], opt);
    if (!created) {
        std::fprintf(stderr, "%s\n", created.error().message.c_str());
        return 1;
    }
    std::mt19937 rng(42);
    for (std::size_t done = 0; done < n;) {
        std::vector<Record> batch;
        for (std::size_t k = 0; k < 1000 && done < n; ++k, ++done) batch.push_back(bench::entry(rng, done));
        if (auto st = created->vault->save_all(std::move(batch)); !st) {
            std::fprintf(stderr, "%s\n", st.error().message.c_str());
            return 1;
        }
    }
    created->vault.reset();  // locks: the WAL is checkpointed into the file
    std::printf("%s: %zu entries, %ju bytes\n", out.c_str(), n, std::filesystem::file_size(out));
    return 0;
}
