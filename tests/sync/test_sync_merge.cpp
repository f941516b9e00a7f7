// The merge rules (docs/sync.md §3) between real vaults through a real folder store.
#include "sim_store.hpp"
#include "sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::test;

namespace {

// Edits entry ID on device V with CHANGE(entry) and saves it there.
template <class F>
void edit_on(journal::Vault& v, const journal::RecordId& id, F change) {
    journal::Entry e = *v.find_entry(id);
    change(e);
    REQUIRE(v.save(e).ok());
}

}  // namespace

TEST_CASE_FIXTURE(SyncDevices, "sync: an entry written on one device appears on the other, both ways") {
    REQUIRE(a->save(entry("from A", "written on the laptop")).ok());
    auto r1 = must_sync(*a, store);
    CHECK(r1.sent == 1);
    auto b = join("b");
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

TEST_CASE_FIXTURE(SyncDevices, "sync: fields edited on two devices both survive, the later change wins per field") {
    const auto id = saved_and_synced(entry("title", "body"));
    auto b = join("b");
    edit_on(*a, id, [](journal::Entry& e) { e.title = "title from A"; });
    edit_on(*b, id, [](journal::Entry& e) { e.tags = {"from-b"}; });
    sync_in_turn(a, b, a);
    REQUIRE(a->find_entry(id));
    CHECK(a->find_entry(id)->title == "title from A");
    CHECK(a->find_entry(id)->tags == std::vector<std::string>{"from-b"});
    CHECK(journal_of(*a) == journal_of(*b));
    CHECK(a->entries().size() == 1);
}

TEST_CASE_FIXTURE(SyncDevices, "sync: two concurrent edits of one text keep both, listed as a conflict") {
    const auto id = saved_and_synced(entry("after session 3", "first draft"));
    auto b = join("b");
    edit_on(*a, id, [](journal::Entry& e) { e.body = "the laptop's version"; });
    edit_on(*b, id, [](journal::Entry& e) { e.body = "the phone's version"; });
    must_sync(*a, store);
    auto rb = must_sync(*b, store);
    CHECK(rb.conflicts_kept == 1);
    sync_in_turn(a, b);
    for (auto* v : {a.get(), b.get()}) {
        CHECK(has_body(*v, "the laptop's version"));
        CHECK(has_body(*v, "the phone's version"));
        CHECK(v->entries().size() == 2);
    }
    CHECK(journal_of(*a) == journal_of(*b));
    auto st = sync::status(*b);
    REQUIRE(st.ok());
    REQUIRE(st->conflicts.size() == 1);
    CHECK(st->conflicts[0].kept == id);
    const auto* other = b->find_entry(st->conflicts[0].other);
    REQUIRE(other);
    CHECK(std::find(other->tags.begin(), other->tags.end(), sync::kConflictTag) != other->tags.end());
    CHECK(sync::status_line(*st, journal::now()).find("2 devices · 1 conflict") != std::string::npos);
}

TEST_CASE_FIXTURE(SyncDevices, "sync: a delete concurrent with an edit keeps the edit, a delete that saw it removes") {
    auto keep = a->save(entry("keep", "v1"));
    auto gone = a->save(entry("gone", "v1"));
    REQUIRE(keep.ok());
    REQUIRE(gone.ok());
    must_sync(*a, store);
    auto b = join("b");
    REQUIRE(a->remove(*keep).ok());  // A deletes while B edits
    edit_on(*b, *keep, [](journal::Entry& e) { e.body = "edited on the phone"; });
    REQUIRE(b->remove(*gone).ok());  // B deletes what nobody edited
    sync_in_turn(a, b, a);
    for (auto* v : {a.get(), b.get()}) {
        REQUIRE(v->find_entry(*keep));
        CHECK(v->find_entry(*keep)->body == "edited on the phone");
        CHECK_FALSE(v->find_entry(*gone));
    }
}

TEST_CASE_FIXTURE(SyncDevices, "sync: quick notes captured while locked sync once merged at unlock") {
    must_sync(*a, store);
    auto b = join("b");
    a->lock();
    journal::QuickNote n;
    n.title = "captured";
    n.body = "written while locked";
    REQUIRE(a->capture(n).ok());
    REQUIRE(a->unlock("correct horse").ok());
    sync_in_turn(a, b);
    REQUIRE(by_title(*b, "captured"));
    CHECK(by_title(*b, "captured")->captured);
}

// Found by the simulator (AFTERGLOW_SIM_LASTING_DROPS=0, seeds 3, 7, 11): a delete concurrent
// with an edit brings the entry back from the edit's copy; a tag set on a third device that the
// deleting device had seen must not be lost there while the others keep it. Three devices,
// each with its own view of the store (B's files held back from A and C).
TEST_CASE("sync: an entry a concurrent edit brings back keeps the changes its delete had seen, on every device") {
    TempDir dir;
    SimWorld w(1, 3);
    w.faults = false;
    SimStore sa(w, 0), sb(w, 1), sc(w, 2);
    auto a = make_vault(dir / "a.afterglow");
    auto made = a->save(entry("t", "body"));
    REQUIRE(made.ok());
    const journal::RecordId id = *made;
    must_sync(*a, sa);
    w.deliver_all();
    auto b = join_device(sb, dir / "b.afterglow");
    auto c = join_device(sc, dir / "c.afterglow");
    w.deliver_all();
    // B edits the title and sends it; A and C do not get it yet.
    edit_on(*b, id, [](journal::Entry& e) { e.title = "t from b"; });
    must_sync(*b, sb);
    const std::vector<SimWorld::Delivery> held = w.pending;
    w.pending.clear();
    // A, not knowing B's edit, sets a tag and sends it; C gets it and deletes the entry.
    edit_on(*a, id, [](journal::Entry& e) { e.tags = {"tag2"}; });
    must_sync(*a, sa);
    w.deliver_all();
    must_sync(*c, sc);
    REQUIRE(c->remove(id).ok());
    must_sync(*c, sc);
    SUBCASE("A gets B's edit before C's delete") {}
    SUBCASE("A gets C's delete before B's edit") {
        w.deliver_all();
        must_sync(*a, sa);
        CHECK_FALSE(a->find_entry(id));  // the delete had seen all A held
    }
    for (const auto& d : held) w.pending.push_back(d);
    w.deliver_all();
    for (int round = 0; round < 3; ++round) {
        for (auto [v, s] : {std::pair{a.get(), &sa}, {b.get(), &sb}, {c.get(), &sc}}) {
            must_sync(*v, *s);
            w.deliver_all();
        }
    }
    for (auto* v : {a.get(), b.get(), c.get()}) {
        const journal::Entry* e = v->find_entry(id);
        REQUIRE(e);  // the delete had not seen B's edit: it stays
        CHECK(e->title == "t from b");
        CHECK(e->tags == std::vector<std::string>{"tag2"});
    }
    CHECK(journal_of(*a) == journal_of(*c));
    CHECK(journal_of(*b) == journal_of(*c));
}
