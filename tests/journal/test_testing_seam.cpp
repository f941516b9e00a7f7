// The repeatability seam (journal/testing.hpp): a scope on this thread gives the vault the
// test's clock and record ids; without one, and on every other thread, they are the system
// clock and random ids, as in production.
#include <doctest/doctest.h>

#include <ctime>
#include <set>
#include <thread>

#include "journal/testing.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;

namespace {
RecordId id_of(std::uint8_t n) {
    RecordId id;
    id.bytes[15] = n;
    return id;
}
}  // namespace

TEST_CASE("testing seam: a scope sets the vault's clock and ids on its thread only, and ends") {
    const auto before = RecordId::random();
    CHECK_FALSE(before.empty());
    {
        std::uint8_t next = 0;
        testing::Determinism outer([] { return std::int64_t{1'800'000'000}; }, [&] { return id_of(++next); });
        CHECK(now().utc == 1'800'000'000);
        CHECK(RecordId::random() == id_of(1));
        CHECK(RecordId::random() == id_of(2));

        // Another thread (the app's worker, say) keeps the real clock and random ids.
        std::int64_t their_time = 0;
        RecordId their_id;
        std::thread([&] {
            their_time = now().utc;
            their_id = RecordId::random();
        }).join();
        CHECK(their_time >= static_cast<std::int64_t>(std::time(nullptr)) - 5);
        CHECK(their_id != id_of(3));
        CHECK_FALSE(their_id.empty());

        {  // nested: the inner one wins, then the outer is back; an empty id falls back to random
            testing::Determinism inner([] { return std::int64_t{42}; }, [] { return RecordId{}; });
            CHECK(now().utc == 42);
            CHECK_FALSE(RecordId::random().empty());
        }
        CHECK(now().utc == 1'800'000'000);
        CHECK(RecordId::random() == id_of(3));

        // A save stamps the test's time and takes the test's id.
        test::TempDir dir;
        auto v = test::make_vault(dir / "seam.afterglow");
        Entry e;
        e.body = "seam";
        auto id = v->save(e);
        REQUIRE(id.ok());
        CHECK(*id == id_of(next));
        CHECK(v->find_entry(*id)->meta.created.utc == 1'800'000'000);
    }
    // Out of scope: the system's clock and 128 random bits again.
    CHECK(now().utc >= static_cast<std::int64_t>(std::time(nullptr)) - 5);
    std::set<RecordId> ids;
    for (int i = 0; i < 100; ++i) ids.insert(RecordId::random());
    CHECK(ids.size() == 100);
    CHECK_FALSE(ids.count(id_of(4)));
}
