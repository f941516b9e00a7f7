// Canary: a unique marker written into every kind of record, draft and capture never appears
// in the database, its WAL or SHM, in any encoding — neither while unlocked nor after lock.
#include <doctest/doctest.h>

#include "journal/vault.hpp"
#include "tests/support/canary.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;

TEST_CASE("canary scan: no plaintext in the vault, -wal or -shm") {
    test::TempDir dir;
    auto path = dir / "v.afterglow";
    const std::string marker = "CANARY" + crypto::to_hex(crypto::random_bytes(6)) + "MARK";
    REQUIRE(test::canary_forms(marker).size() >= 6);
    auto v = test::make_vault(path);
    Session s;
    s.provider = marker + " clinic";
    s.notes = marker;
    auto sid = v->save(s).value();
    for (int i = 0; i < 20; ++i) {
        Entry e;
        e.kind = EntryKind::integration;
        e.title = marker + " title";
        e.body = "before " + marker + " after " + std::to_string(i);
        e.tags = {marker};
        e.emotions = {marker};
        e.prompts = {{marker, marker, marker}};
        e.actions = {{marker, false}};
        e.checklist = {{marker, true, marker}};
        e.session = sid;
        REQUIRE(v->save(e).ok());
    }
    CheckIn c;
    c.note = marker;
    c.scores = {{marker, 3, 0, 10}};
    REQUIRE(v->save(c).ok());
    Goal g;
    g.title = marker;
    g.reviews = {marker};
    REQUIRE(v->save(g).ok());
    MeasureResponse m;  // a questionnaire response and the private settings documents
    m.instrument = marker;
    m.title = marker;
    m.answers = {{marker, marker, marker, marker, 1, true}};
    m.flags = {marker};
    m.note = marker;
    REQUIRE(v->save(m).ok());
    Document doc;
    doc.kind = DocumentKind::care_team;
    doc.name = marker;
    doc.body = "{\"therapist\": {\"name\": \"" + marker + "\"}}";
    REQUIRE(v->save(doc).ok());
    Entry draft;
    draft.body = marker;
    REQUIRE(v->save_draft("editor", draft).ok());
    REQUIRE(v->capture({marker, marker, {}}).ok());
    // Edit and delete too: old versions must not linger in plaintext either.
    Entry first = v->entries().front();
    first.body = marker + " edited";
    REQUIRE(v->save(first).ok());
    REQUIRE(v->remove(v->entries().back().meta.id).ok());

    CHECK(std::filesystem::exists(path.string() + "-wal"));
    auto hits = test::canary_hits(dir.path(), marker);
    CHECK_MESSAGE(hits.empty(), (hits.empty() ? "" : hits.front()));

    v->lock();
    hits = test::canary_hits(dir.path(), marker);
    CHECK_MESSAGE(hits.empty(), (hits.empty() ? "" : hits.front()));

    // Sanity: the scanner does find the marker when it is there in each encoding.
    auto forms = test::canary_forms(marker);
    test::write_file(dir / "plain.txt", "xx" + forms[1] + "yy");
    CHECK(test::canary_hits(dir / "plain.txt", marker).size() == 1);
    test::write_file(dir / "b64.txt", crypto::to_base64(crypto::as_bytes("zz" + marker + "zz")));
    CHECK_FALSE(test::canary_hits(dir / "b64.txt", marker).empty());
}
