// Search folds each field as it reads it (journal/search.hpp) instead of keeping a folded copy
// of every entry: it must find exactly what finding each folded word in search_text(e) finds.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "journal/index.hpp"
#include "journal/search.hpp"
#include "journal/text.hpp"

using namespace afterglow::journal;

namespace {

// Mixed case, Latin accents and ligatures, Greek, Cyrillic, combining marks, CJK, Hebrew,
// emoji, and a byte that is not UTF-8 (the matcher must treat it as folding does).
const char* const kPieces[] = {
    "ocean", "Ocean", "OCEAN", "Zürich", "ZÜRICH", "zurich", "Straße", "STRASSE", "Łódź", "lodz",
    "ΑΘΗΝΑ", "αθηνα", "МОСКВА", "москва", "Ёлка", "ёлка", "cafe\xCC\x81", "CAFÉ", "café", "Æther",
    "aether", "œuvre", "ŒUVRE", "Ĳssel", "Þorn", "東京", "שלום", "🙂", "naïve", "NAIVE", "grief",
    "Grief", "i", "I", "a", "\xFF", "x\xC3", "Ærø", "trust", "Trust", "ﬁle", "Ωmega", "ſ"};

std::string text(std::mt19937& rng, std::size_t bytes) {
    std::string s;
    while (s.size() < bytes) {
        s += kPieces[rng() % std::size(kPieces)];
        const unsigned sep = rng() % 10;
        s += sep == 0 ? "" : sep == 1 ? "\n" : sep == 2 ? ". " : " ";
    }
    return s;
}

Entry entry(std::mt19937& rng, std::size_t i) {
    Entry e;
    e.meta.id.bytes[0] = static_cast<std::uint8_t>(i);
    e.meta.id.bytes[1] = static_cast<std::uint8_t>(i >> 8);
    e.title = text(rng, rng() % 40);
    // Bodies from empty to several of the matcher's blocks, so words and multi-byte
    // characters fall across the places where it cuts.
    e.body = text(rng, rng() % 3 == 0 ? rng() % 60 : 400 + rng() % 3000);
    for (unsigned k = rng() % 3; k > 0; --k) e.prompts.push_back({text(rng, 10), text(rng, rng() % 200), ""});
    for (unsigned k = rng() % 3; k > 0; --k) e.emotions.push_back(text(rng, 5));
    for (unsigned k = rng() % 3; k > 0; --k) e.tags.push_back(text(rng, 4));
    for (unsigned k = rng() % 2; k > 0; --k) e.actions.push_back({text(rng, 30), false});
    return e;
}

std::vector<RecordId> reference(const std::vector<Entry>& entries, std::string_view query) {
    std::vector<RecordId> hits;
    const auto words = query_words(query);
    for (const auto& e : entries) {
        const std::string folded = search_text(e);
        if (std::all_of(words.begin(), words.end(), [&](const std::string& w) { return folded.find(w) != std::string::npos; }))
            hits.push_back(e.meta.id);
    }
    return hits;
}

}  // namespace

TEST_CASE("search: folding each field as it is read finds exactly what the folded copy found") {
    std::mt19937 rng(19);
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < 300; ++i) entries.push_back(entry(rng, i));
    std::vector<std::string> queries = {"", "ocean", "ZURICH grief", "strasse", "Łodz", "αθηνα",
                                        "МОСКВА", "елка", "cafe", "aether oeuvre", "ijssel thorn",
                                        "東京", "שלום", "🙂", "naive", "\xFF", "i a", "absent",
                                        "ﬁle", "ωmega", "ſ", "e\xCC\x81", "grief\ntrust", "ch g"};
    // Pieces of the entries' own folded text, many crossing the matcher's block boundaries and
    // spaces between words (a query word never holds a space, so those become two words).
    for (int q = 0; q < 400; ++q) {
        const std::string folded = search_text(entries[rng() % entries.size()]);
        if (folded.empty()) continue;
        const std::size_t at = rng() % folded.size(), len = 1 + rng() % 12;
        std::string piece = folded.substr(at, len);
        std::replace(piece.begin(), piece.end(), '\n', ' ');
        queries.push_back(piece);
    }
    // Several pieces from different entries: all must be in one entry, so many find nothing.
    for (int q = 0; q < 100; ++q) {
        std::string query;
        for (int k = 0; k < 3; ++k) {
            const std::string folded = search_text(entries[rng() % entries.size()]);
            if (folded.size() < 8) continue;
            std::string piece = folded.substr(rng() % (folded.size() - 6), 3 + rng() % 4);
            std::replace(piece.begin(), piece.end(), '\n', ' ');
            query += piece + " ";
        }
        queries.push_back(query);
    }
    // Two or three pieces glued: found only where the corpus put them side by side without a
    // space (two: often; three: seldom).
    auto piece = [&] { return std::string(kPieces[rng() % std::size(kPieces)]); };
    for (int q = 0; q < 100; ++q) queries.push_back(piece() + piece() + (q % 2 ? piece() : ""));
    std::size_t some = 0, none = 0;
    for (const auto& q : queries) {
        const auto want = reference(entries, q);
        CHECK_MESSAGE(search_entries(entries, q) == want, "query: " << q);
        (want.empty() ? none : some) += 1;
    }
    MESSAGE("queries with hits: " << some << ", without: " << none);
    CHECK(some > 400);  // the corpus and queries exercise both outcomes
    CHECK(none > 20);

    Index index;  // and through the index, newest first
    std::vector<Record> records(entries.begin(), entries.end());
    for (std::size_t i = 0; i < records.size(); ++i) meta_of(records[i]).created.utc = static_cast<std::int64_t>(i);
    index.load(std::move(records));
    std::vector<Entry> newest_first(index.entries().begin(), index.entries().end());
    for (const char* q : {"ocean grief", "zurich", "αθηνα trust"})
        CHECK(index.search(q) == reference(newest_first, q));
}

TEST_CASE("search: the matcher's scratch holds folded text until it is wiped") {
    Entry e;
    e.title = "A title";
    e.body = std::string(2000, 'x') + " ZÜRICH MARKER " + std::string(2000, 'y');
    EntryMatcher m(query_words("zurich marker"));
    CHECK(m.matches(e));
    const auto before = m.scratch();
    REQUIRE(before.size() >= e.body.size());
    CHECK(std::string_view(before.data(), before.size()).find("zurich marker") != std::string_view::npos);
    m.wipe();
    const auto after = m.scratch();
    CHECK(std::all_of(after.begin(), after.end(), [](char c) { return c == 0; }));
    CHECK(m.matches(e));  // usable again after a wipe
}

TEST_CASE("search: folding many bytes at a time gives what folding each character alone gives") {
    // fold_to takes runs of ASCII sixteen (SSE2) or eight bytes at a time; one character at a
    // time it never does. Runs of every length around those widths, with the bytes on both
    // sides of 'A'..'Z', cut by the corpus's non-ASCII pieces.
    std::mt19937 rng(7);
    const std::string ascii = "AZaz@[`{ 09.-\n\tQuickBrownFOX";
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        while (s.size() < static_cast<std::size_t>(rng() % 200)) {
            if (rng() % 2) s += kPieces[rng() % std::size(kPieces)];
            for (unsigned k = rng() % 40; k > 0; --k) s += ascii[rng() % ascii.size()];
        }
        std::string alone;  // each character (a lead byte and what continues it) on its own
        for (std::size_t i = 0; i < s.size();) {
            std::size_t j = i + 1;
            while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
            alone += fold(s.substr(i, j - i));
            i = j;
        }
        // fold_to writes only within the input's length: the guard bytes after it stay.
        std::string out(s.size() + 16, '#');
        char* end = fold_to(s, out.data());
        CHECK(std::string(out.data(), end) == alone);
        CHECK(out.substr(s.size()) == std::string(16, '#'));
    }
}
