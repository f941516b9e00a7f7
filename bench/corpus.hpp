// Journal text for the vault benches (bench_vault, bench_unlock_search): the same bytes on
// every platform for a seed — mt19937 and a plain modulo, not std::uniform_int_distribution,
// whose algorithm differs between libstdc++ (native) and libc++ (WebAssembly) — so a native
// and a wasm run build and search the same vault.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <random>
#include <string>

#include "journal/time.hpp"
#include "journal/types.hpp"

namespace afterglow::bench {

inline const char* const kWords[] = {"ocean", "light", "breath", "mother", "fear", "release", "warm", "hallway",
                                     "music", "colour", "grief", "held", "sister", "trust", "body", "tears",
                                     "laughter", "garden", "door", "silence", "café", "Zürich", "naïve", "soft",
                                     "window", "river", "forgive", "child", "home", "anchor", "wave", "sky"};

inline const char* word(std::mt19937& rng) { return kWords[rng() % std::size(kWords)]; }

// Words until at least `bytes`, a sentence break now and then.
inline std::string text(std::mt19937& rng, std::size_t bytes) {
    std::string s;
    while (s.size() < bytes) {
        s += word(rng);
        s += (rng() % 12 == 0) ? ".\n" : " ";
    }
    return s;
}

// Entry number i of a benchmark vault: ~2 KB of body, a title, one tag, one hour apart.
inline journal::Entry entry(std::mt19937& rng, std::size_t i) {
    journal::Entry e;
    e.kind = static_cast<journal::EntryKind>(i % 4);
    e.title = text(rng, 30);
    e.body = text(rng, 1500 + rng() % 1000);
    e.tags = {word(rng)};
    e.meta.created = journal::from_utc(1790000000 + static_cast<std::int64_t>(i) * 3600);
    return e;
}

}  // namespace afterglow::bench
