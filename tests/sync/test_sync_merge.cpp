// The merge rules (docs/sync.md §3) between real vaults through a real folder store.
#include "sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::test;

TEST_CASE("sync: an entry written on one device appears on the other, both ways") {
    TempDir dir;
    sync::FolderStore store(dir / "store");
    auto a = make_vault(dir / "a.afterglow");
    REQUIRE(a->save(entry("from A", "written on the laptop")).ok());
    auto r1 = must_sync(*a, store);
    CHECK(r1.sent == 1);
    auto b = join_device(store, dir / "b.afterglow");
    REQUIRE(by_title(*b, "from A"));
    CHECK(by_title(*b, "from A")->body == "written on the laptop");
    REQUIRE(b->save(entry("from B", "written on the phone")).ok());
    must_sync(*b, store);
    auto r2 = must_sync(*a, store);
    CHECK(r2.received == 1);
    CHECK(r2.devices == 2);
    CHECK(journal_of(*a) == journal_of(*b));
    // An unchanged journal: one listing, nothing written.
    auto r3 = must_sync(*a, store);
    CHECK(r3.listings == 1);
    CHECK(r3.bytes_written == 0);
    CHECK(r3.sent == 0);
}

TEST_CASE("sync: fields edited on two devices both survive, the later change wins per field") {
    TempDir dir;
    sync::FolderStore store(dir / "store");
    auto a = make_vault(dir / "a.afterglow");
    auto id = a->save(entry("title", "body"));
    REQUIRE(id.ok());
    must_sync(*a, store);
    auto b = join_device(store, dir / "b.afterglow");
    auto ea = *a->find_entry(*id);
    ea.title = "title from A";
    REQUIRE(a->save(ea).ok());
    auto eb = *b->find_entry(*id);
    eb.tags = {"from-b"};
    REQUIRE(b->save(eb).ok());
    must_sync(*a, store);
    must_sync(*b, store);
    must_sync(*a, store);
    REQUIRE(a->find_entry(*id));
    CHECK(a->find_entry(*id)->title == "title from A");
    CHECK(a->find_entry(*id)->tags == std::vector<std::string>{"from-b"});
    CHECK(journal_of(*a) == journal_of(*b));
    CHECK(a->entries().size() == 1);
}

TEST_CASE("sync: two concurrent edits of one text keep both, listed as a conflict") {
    TempDir dir;
    sync::FolderStore store(dir / "store");
    auto a = make_vault(dir / "a.afterglow");
    auto id = a->save(entry("after session 3", "first draft"));
    REQUIRE(id.ok());
    must_sync(*a, store);
    auto b = join_device(store, dir / "b.afterglow");
    auto ea = *a->find_entry(*id);
    ea.body = "the laptop's version";
    REQUIRE(a->save(ea).ok());
    auto eb = *b->find_entry(*id);
    eb.body = "the phone's version";
    REQUIRE(b->save(eb).ok());
    must_sync(*a, store);
    auto rb = must_sync(*b, store);
    CHECK(rb.conflicts_kept == 1);
    must_sync(*a, store);
    must_sync(*b, store);
    for (auto* v : {a.get(), b.get()}) {
        CHECK(has_body(*v, "the laptop's version"));
        CHECK(has_body(*v, "the phone's version"));
        CHECK(v->entries().size() == 2);
    }
    CHECK(journal_of(*a) == journal_of(*b));
    auto st = sync::status(*b);
    REQUIRE(st.ok());
    REQUIRE(st->conflicts.size() == 1);
    CHECK(st->conflicts[0].kept == *id);
    const auto* other = b->find_entry(st->conflicts[0].other);
    REQUIRE(other);
    CHECK(std::find(other->tags.begin(), other->tags.end(), sync::kConflictTag) != other->tags.end());
    CHECK(sync::status_line(*st, journal::now()).find("2 devices · 1 conflict") != std::string::npos);
}

TEST_CASE("sync: a delete concurrent with an edit keeps the edit, a delete that saw it removes") {
    TempDir dir;
    sync::FolderStore store(dir / "store");
    auto a = make_vault(dir / "a.afterglow");
    auto keep = a->save(entry("keep", "v1"));
    auto gone = a->save(entry("gone", "v1"));
    REQUIRE(keep.ok());
    REQUIRE(gone.ok());
    must_sync(*a, store);
    auto b = join_device(store, dir / "b.afterglow");
    REQUIRE(a->remove(*keep).ok());  // A deletes while B edits
    auto eb = *b->find_entry(*keep);
    eb.body = "edited on the phone";
    REQUIRE(b->save(eb).ok());
    REQUIRE(b->remove(*gone).ok());  // B deletes what nobody edited
    must_sync(*a, store);
    must_sync(*b, store);
    must_sync(*a, store);
    for (auto* v : {a.get(), b.get()}) {
        REQUIRE(v->find_entry(*keep));
        CHECK(v->find_entry(*keep)->body == "edited on the phone");
        CHECK_FALSE(v->find_entry(*gone));
    }
}

TEST_CASE("sync: quick notes captured while locked sync once merged at unlock") {
    TempDir dir;
    sync::FolderStore store(dir / "store");
    auto a = make_vault(dir / "a.afterglow");
    must_sync(*a, store);
    auto b = join_device(store, dir / "b.afterglow");
    a->lock();
    journal::QuickNote n;
    n.title = "captured";
    n.body = "written while locked";
    REQUIRE(a->capture(n).ok());
    REQUIRE(a->unlock("correct horse").ok());
    must_sync(*a, store);
    must_sync(*b, store);
    REQUIRE(by_title(*b, "captured"));
    CHECK(by_title(*b, "captured")->captured);
}
