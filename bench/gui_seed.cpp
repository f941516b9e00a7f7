// bench_gui_seed: builds the vault bench/gui.sh measures the desktop app on — 10,000
// entries of varied text, one 20,000-word entry titled "bench-20k", and a few sessions
// (one with its integration window open). Test KDF, so unlocking is quick.
//   bench_gui_seed PATH PASSPHRASE
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "journal/vault.hpp"

using namespace afterglow;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_gui_seed PATH PASSPHRASE\n");
        return 2;
    }
    journal::CreateOptions o;
    o.kdf = crypto::KdfParams::insecure_for_tests();
    o.allow_weak_kdf = true;
    auto created = journal::Vault::create(argv[1], argv[2], o);
    if (!created) {
        std::fprintf(stderr, "bench_gui_seed: %s\n", created.error().message.c_str());
        return 1;
    }
    auto& v = *created->vault;
    static const char* words[] = {"light", "kitchen", "river", "mother", "quiet", "memory", "warm", "fear",
                                  "breath", "open", "window", "garden", "tired", "hope", "song", "morning",
                                  "grief", "slow", "colour", "body", "held", "ocean", "letter", "return"};
    std::mt19937 rng(42);
    auto sentence = [&](int n) {
        std::string s;
        for (int i = 0; i < n; ++i) {
            if (i) s += ' ';
            s += words[rng() % std::size(words)];
        }
        return s + ". ";
    };
    const std::int64_t now = journal::now().utc;
    std::vector<journal::Record> records;
    for (int i = 0; i < 6; ++i) {
        journal::Session s;
        s.kind = journal::SessionKind::medicine;
        s.route = journal::Route::im;
        s.scheduled = journal::from_utc(now - 30 * 3600 + (i - 1) * 4 * 86400);
        s.provider = "Dr. Bench";
        records.emplace_back(std::move(s));
    }
    for (int i = 0; i < 10000; ++i) {
        journal::Entry e;
        e.kind = static_cast<journal::EntryKind>(1 + rng() % 3);
        e.title = sentence(3 + static_cast<int>(rng() % 4));
        for (int p = 0; p < 4; ++p) e.body += sentence(12 + static_cast<int>(rng() % 20)) + "\n";
        if (i % 7 == 0) e.tags = {"sleep"};
        if (i % 5 == 0) e.tags.push_back("family");
        records.emplace_back(std::move(e));
    }
    journal::Entry big;
    big.kind = journal::EntryKind::integration;
    big.title = "bench-20k";
    int words_written = 0;
    while (words_written < 20000) {
        const int n = 60 + static_cast<int>(rng() % 120);  // a paragraph of 60–180 words
        for (int k = 0; k < n; k += 10) big.body += sentence(10);
        big.body += "\n\n";
        words_written += (n + 9) / 10 * 10;
    }
    records.emplace_back(std::move(big));
    if (auto st = v.save_all(std::move(records)); !st) {
        std::fprintf(stderr, "bench_gui_seed: %s\n", st.error().message.c_str());
        return 1;
    }
    v.lock();
    std::printf("seeded %s: 10,001 entries (one of %d words), 6 sessions\n", argv[1], words_written);
    return 0;
}
