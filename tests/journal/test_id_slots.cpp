// IdSlots (journal/id_slots.hpp), the index's flat id table, against std::map under random
// puts, replacements and erases: every erase shifts a probe run back, across the table's end too.
#include <doctest/doctest.h>

#include <map>
#include <random>

#include "journal/id_slots.hpp"

using namespace afterglow::journal;

namespace {
RecordId small_id(std::uint32_t n) {  // ids from a small set, so puts and erases meet
    RecordId id;
    id.bytes.fill(0xab);  // as a crafted backup could choose: only the last bytes differ
    id.bytes[14] = static_cast<std::uint8_t>(n >> 8);
    id.bytes[15] = static_cast<std::uint8_t>(n);
    return id;
}
}  // namespace

TEST_CASE("the index's id table finds what a map finds after random puts and erases") {
    std::mt19937 rng(7);
    for (const std::uint32_t distinct : {5u, 40u, 700u}) {
        IdSlots slots;
        std::map<RecordId, IdSlots::Slot> want;
        if (distinct == 700) slots.reserve(300);
        for (int step = 0; step < 20000; ++step) {
            const RecordId id = small_id(rng() % distinct);
            if (rng() % 3 == 0) {
                CHECK(slots.erase(id) == (want.erase(id) == 1));
            } else {
                const IdSlots::Slot s{static_cast<std::int64_t>(rng()), static_cast<std::uint8_t>(rng() % 6)};
                slots.put(id, s);
                want[id] = s;
            }
            REQUIRE(slots.size() == want.size());
            if (step % 97 == 0)
                for (std::uint32_t n = 0; n < distinct; ++n) {
                    const auto* got = slots.find(small_id(n));
                    const auto it = want.find(small_id(n));
                    REQUIRE((got != nullptr) == (it != want.end()));
                    if (got) {
                        CHECK(got->key == it->second.key);
                        CHECK(got->kind == it->second.kind);
                    }
                }
        }
        slots.clear();
        CHECK(slots.size() == 0);
        CHECK(slots.find(small_id(1)) == nullptr);
        CHECK_FALSE(slots.erase(small_id(1)));
    }
}
