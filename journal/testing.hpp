// The test seam that makes a run repeatable (tests/sync/test_sync_simulator.cpp): while a
// testing::Determinism scope lives on a thread, the journal's wall clock (journal::now()) and
// new record ids (RecordId::random()) on that thread come from the test's functions.
//
// Only tests and benches include this header (tests/check_test_seams.sh fails CI otherwise),
// and nothing else is ever replaced: keys, salts, nonces and capture-box randomness stay
// libsodium's. Without a scope (production) both are the system clock and 128 random bits.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "journal/types.hpp"

namespace afterglow::journal::testing {

class Determinism {
public:
    // clock: seconds since the epoch (UTC); new_id: never empty, never repeated.
    Determinism(std::function<std::int64_t()> clock, std::function<RecordId()> new_id);
    ~Determinism();  // the scope it replaced (or none) is back
    Determinism(const Determinism&) = delete;
    Determinism& operator=(const Determinism&) = delete;

    // For journal/time.cpp and journal/types.cpp: nullopt when no scope lives on this thread.
    static std::optional<std::int64_t> clock();
    static std::optional<RecordId> new_id();

private:
    std::function<std::int64_t()> clock_;
    std::function<RecordId()> new_id_;
    Determinism* outer_;
};

}  // namespace afterglow::journal::testing
