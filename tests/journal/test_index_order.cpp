// Index::load sorts in place, moving only what is out of place (journal/index.cpp): the lists
// come out in the order a full sort gives, whatever order the records came in, with every
// record's text where it belongs.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "journal/index.hpp"

using namespace afterglow::journal;

namespace {
Entry entry_at(std::int64_t utc, std::mt19937& rng) {
    Entry e;
    e.meta.id = RecordId::random();
    e.meta.created.utc = utc;
    e.title = "title " + e.meta.id.hex();
    e.body = std::string(20 + rng() % 200, static_cast<char>('a' + rng() % 26)) + e.meta.id.hex();
    return e;
}
}  // namespace

TEST_CASE("the index lists entries newest first (ties by id) whatever order they are loaded in") {
    std::mt19937 rng(11);
    for (const char* shape : {"in order", "a few edited", "many edited", "shuffled", "many ties"}) {
        CAPTURE(shape);
        std::vector<Entry> entries;
        for (int i = 0; i < 600; ++i) {
            const std::int64_t utc = std::string(shape) == "many ties" ? 1000 + i % 7 : 1000 + i * 10;
            entries.push_back(entry_at(utc, rng));
        }
        auto want = entries;
        std::sort(want.begin(), want.end(), [](const Entry& a, const Entry& b) {
            if (a.meta.created.utc != b.meta.created.utc) return a.meta.created.utc > b.meta.created.utc;
            return a.meta.id < b.meta.id;
        });
        const std::string s = shape;
        // As unlock places them (the rows read newest first): entries saved again since they were
        // written come first. A few: runs merged; many (more runs than are merged): sorted.
        const int edited = s == "a few edited" ? 2 : s == "many edited" ? 21 : s == "in order" ? 0 : -1;
        if (edited >= 0) {
            entries = want;
            for (int k = 0; k < edited; ++k) {
                const auto from = entries.begin() + 7 + k * 27;
                std::rotate(entries.begin(), from, from + 1);
            }
        }
        if (s == "shuffled" || s == "many ties") std::shuffle(entries.begin(), entries.end(), rng);
        std::vector<Record> others;
        others.push_back(Record{entries.back()});  // an entry among the other records too
        entries.pop_back();
        CheckIn c;
        c.meta.id = RecordId::random();
        c.at.utc = 5;
        others.push_back(Record{c});
        Index index;
        index.load(std::move(entries), std::move(others));
        REQUIRE(index.entries().size() == want.size());
        for (std::size_t i = 0; i < want.size(); ++i) {
            const Entry& got = index.entries()[i];
            REQUIRE(got.meta.id == want[i].meta.id);
            CHECK(got.body == want[i].body);
            CHECK(got.title == want[i].title);
            CHECK(index.entry(got.meta.id) == &got);
        }
        CHECK(index.checkins().size() == 1);
        CHECK(index.meta(c.meta.id) != nullptr);
    }
}
