// Record codec, text folding/validation and ISO 8601 time handling.
#include <doctest/doctest.h>

#include "journal/codec.hpp"
#include "tests/journal/round_trip.hpp"
#include "journal/text.hpp"
#include "journal/time.hpp"

using namespace afterglow::journal;

namespace {

Entry sample_entry() {
    Entry e;
    e.meta = afterglow::test::sample_meta(7, 1700000000, "Europe/Berlin");
    e.kind = EntryKind::integration;
    e.title = "Après la séance — 会話";
    e.body = std::string(3000, 'x') + "\nשלום\n";
    e.prompts = {{"What happened?", "I saw the sea."}, {"Feelings", ""}};
    e.emotions = {"calm", "grief"};
    e.tags = {"ocean"};
    e.actions = {{"walk daily", true}, {"call mum", false}};
    e.checklist = {{"driver", true}};
    e.session = RecordId::random();
    e.captured = true;
    return e;
}

}  // namespace

TEST_CASE("codec round-trips every record kind exactly") {
    Entry e = sample_entry();
    const auto d = afterglow::test::round_trip(e);
    CHECK(d.meta.id == e.meta.id);
    CHECK(d.meta.version == 7);
    CHECK(d.meta.created == e.meta.created);
    CHECK(d.title == e.title);
    CHECK(d.body == e.body);
    CHECK(d.prompts == e.prompts);
    CHECK(d.emotions == e.emotions);
    CHECK(d.actions == e.actions);
    CHECK(d.checklist == e.checklist);
    CHECK(d.session == e.session);
    CHECK(d.captured);

    Session s;
    s.meta.id = RecordId::random();
    s.kind = SessionKind::medicine;
    s.route = Route::sublingual;
    s.scheduled = Timestamp{-5, "UTC"};  // negative times survive zigzag encoding
    s.ended = Timestamp{1800000000, "America/New_York"};
    s.provider = "Dr. Ñ";
    const auto sb = afterglow::test::round_trip(s);
    CHECK(sb.scheduled->utc == -5);
    CHECK(sb.route == Route::sublingual);
    CHECK(!sb.started.has_value());

    CheckIn c;
    c.meta.id = RecordId::random();
    c.scores = {{"mood", 6.5, 0, 10}, {"PHQ-9", 12, 0, 27}};
    const auto cb = afterglow::test::round_trip(c);
    CHECK(cb.scores == c.scores);
    CHECK_FALSE(cb.harm_thoughts);  // unanswered: as records from before
    const auto unanswered = codec::encode(Record{c});
    for (bool answer : {false, true}) {
        c.harm_thoughts = answer;
        const auto bytes = codec::encode(Record{c});
        CHECK(bytes.size() == unanswered.size() + 1);  // one byte added at the end
        auto back = codec::decode(bytes);
        REQUIRE(back.has_value());
        REQUIRE(std::get<CheckIn>(*back).harm_thoughts);
        CHECK(*std::get<CheckIn>(*back).harm_thoughts == answer);
        auto bad = bytes;
        bad.back() = 7;  // neither answer: damaged, refused
        CHECK_FALSE(codec::decode(bad).has_value());
    }
    c.harm_thoughts.reset();

    Goal g;
    g.meta.id = RecordId::random();
    g.title = "Sleep before midnight";
    g.status = GoalStatus::paused;
    g.reviews = {"week 1: 3 of 7"};
    const auto gb = afterglow::test::round_trip(g);
    CHECK(gb.reviews == g.reviews);
    CHECK(gb.status == GoalStatus::paused);
}

TEST_CASE("codec rejects every truncation and trailing bytes, without crashing") {
    auto bytes = codec::encode(Record{sample_entry()});
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        auto cut = std::span(bytes).first(n);
        CHECK_FALSE(codec::decode(cut).has_value());
    }
    bytes.push_back(0);
    CHECK_FALSE(codec::decode(bytes).has_value());
}

TEST_CASE("codec rejects out-of-range enums and unknown versions") {
    Session s;
    s.meta.id = RecordId::random();
    auto bytes = codec::encode(Record{s});
    for (std::uint8_t v : {0, 3, 255}) {  // versions 1 and 2 decode; nothing else
        auto bad_version = bytes;
        bad_version[0] = v;
        CHECK_FALSE(codec::decode(bad_version).has_value());
    }
    // kind follows: version(1) type(1) id(16) version varint(1) created(1+1) updated(1+1)
    auto bad_kind = bytes;
    bad_kind[2 + 16 + 1 + 2 + 2] = 99;
    CHECK_FALSE(codec::decode(bad_kind).has_value());
}

TEST_CASE("padding hides exact lengths in 256-byte steps and round-trips") {
    for (std::size_t n : {0u, 1u, 255u, 256u, 257u, 5000u}) {
        codec::Bytes plain(n, 0xAB);
        auto padded = codec::pad(plain);
        CHECK(padded.size() % 256 == 0);
        CHECK(padded.size() > n);
        auto back = codec::unpad(padded);
        REQUIRE(back.has_value());
        CHECK(*back == plain);
    }
    CHECK_FALSE(codec::unpad(codec::Bytes(256, 0)).has_value());
}

TEST_CASE("manifest round trip") {
    codec::Manifest m;
    m.generation = 42;
    for (int i = 0; i < 50; ++i) m.records.push_back({RecordId::random(), static_cast<std::uint64_t>(i)});
    auto back = codec::decode_manifest(codec::encode_manifest(m));
    REQUIRE(back.has_value());
    CHECK(back->generation == 42);
    CHECK(back->records == m.records);
}

TEST_CASE("folding is case- and accent-insensitive for Latin, Greek and Cyrillic") {
    CHECK(fold("Zürich CAFÉ") == "zurich cafe");
    CHECK(fold("Straße") == "strasse");
    CHECK(fold("Łódź") == "lodz");
    CHECK(fold("ΑΘΗΝΑ") == "αθηνα");
    CHECK(fold("МОСКВА") == "москва");
    CHECK(fold("e\xCC\x81") == "e");  // e + combining acute
    CHECK(fold("東京") == "東京");
    auto words = query_words("  Café   OCEAN\tgrief ");
    REQUIRE(words.size() == 3);
    CHECK(words[0] == "cafe");
    CHECK(words[2] == "grief");
}

TEST_CASE("UTF-8 validation") {
    CHECK(valid_utf8("plain"));
    CHECK(valid_utf8("Grüße 東京 🙂"));
    CHECK_FALSE(valid_utf8("\xff\xfe"));
    CHECK_FALSE(valid_utf8("\xc3"));               // truncated
    CHECK_FALSE(valid_utf8("\xed\xa0\x80"));       // surrogate
    CHECK_FALSE(valid_utf8("\xc0\xaf"));           // overlong
    CHECK(word_count("one two\nthree  four ") == 4);
}

TEST_CASE("ISO 8601 parsing and formatting") {
    CHECK(parse_iso8601("2026-11-25T10:00:00Z") == 1795600800);
    CHECK(parse_iso8601("2026-11-25T11:00:00+01:00") == 1795600800);
    CHECK(parse_iso8601("2026-11-25T05:00-05:00") == 1795600800);
    CHECK_FALSE(parse_iso8601("2026-13-01").has_value());
    CHECK_FALSE(parse_iso8601("yesterday").has_value());
    CHECK(to_iso8601_utc(1795600800) == "2026-11-25T10:00:00Z");
    auto s = to_iso8601(Timestamp{1795600800, "UTC"});
    CHECK(s.size() == 25);  // 2026-11-25T10:00:00+00:00 with the local offset
    CHECK(parse_iso8601(s) == 1795600800);
}
