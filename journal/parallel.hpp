// parallel_for: splits [0, n) into contiguous chunks over up to 4 threads (unlock decrypts
// and decodes every record, a search folds every entry; on a 2-core laptop this halves the
// wait). Small n runs inline. fn(i) must only touch element i.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace afterglow::journal {

// fn(lo, hi) for contiguous ranges covering [0, n), one per thread (each may keep its own
// scratch across its range).
template <class Fn>
void parallel_ranges(std::size_t n, Fn&& fn) {
    const std::size_t hw = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers = std::min<std::size_t>({hw, 4, n / 256 + 1});
    if (workers <= 1) {
        fn(std::size_t{0}, n);
        return;
    }
    std::vector<std::thread> threads;
    threads.reserve(workers - 1);
    const std::size_t chunk = (n + workers - 1) / workers;
    for (std::size_t w = 1; w < workers; ++w) {
        const std::size_t lo = std::min(n, w * chunk), hi = std::min(n, lo + chunk);
        threads.emplace_back([&fn, lo, hi] { fn(lo, hi); });
    }
    fn(std::size_t{0}, std::min(n, chunk));
    for (auto& t : threads) t.join();
}

template <class Fn>
void parallel_for(std::size_t n, Fn&& fn) {
    parallel_ranges(n, [&fn](std::size_t lo, std::size_t hi) {
        for (std::size_t i = lo; i < hi; ++i) fn(i);
    });
}

}  // namespace afterglow::journal
