// parallel_for: splits [0, n) into contiguous chunks over up to 4 threads (unlock decrypts,
// decodes and folds every record; on a 2-core laptop this halves the wait). Small n runs
// inline. fn(i) must only touch element i.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace afterglow::journal {

template <class Fn>
void parallel_for(std::size_t n, Fn&& fn) {
    const std::size_t hw = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers = std::min<std::size_t>({hw, 4, n / 256 + 1});
    if (workers <= 1) {
        for (std::size_t i = 0; i < n; ++i) fn(i);
        return;
    }
    std::vector<std::thread> threads;
    threads.reserve(workers - 1);
    const std::size_t chunk = (n + workers - 1) / workers;
    for (std::size_t w = 1; w < workers; ++w) {
        const std::size_t lo = w * chunk, hi = std::min(n, lo + chunk);
        threads.emplace_back([&fn, lo, hi] {
            for (std::size_t i = lo; i < hi; ++i) fn(i);
        });
    }
    for (std::size_t i = 0; i < std::min(n, chunk); ++i) fn(i);
    for (auto& t : threads) t.join();
}

}  // namespace afterglow::journal
