// Compaction (docs/sync.md §6), one rule per test, through real vaults and a real folder store:
// removal waits for every known device's ack; a forged or old ack removes nothing; a new device
// joins from a snapshot plus the tails; a forged or damaged snapshot is named and skipped.
#include <filesystem>

#include "journal/sync/segment.hpp"
#include "sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::test;
namespace fs = std::filesystem;

namespace {

std::string id_of(journal::Vault& v) {
    auto st = sync::status(v);
    REQUIRE(st.ok());
    return st->device_id;
}

bool has(const fs::path& store, const std::string& dev, std::uint64_t n, sync::FileKind k = sync::FileKind::segment) {
    return fs::exists(store / sync::segment_name(dev, n, k));
}

bool named(const sync::SyncReport& r, const std::string& name, const std::string& words) {
    for (const auto& f : r.skipped_files)
        if (f.name == name && f.reason.find(words) != std::string::npos) return true;
    return false;
}

// A writes with a snapshot after every segment; B and C are joined readers.
struct Three {
    TempDir dir;
    fs::path root = dir / "store";
    sync::FolderStore store{root};
    sync::SyncOptions every{};
    std::unique_ptr<journal::Vault> a, b, c;
    std::string ida;
    Three() {
        every.snapshot_every = 1;
        a = make_vault(dir / "a.afterglow");
        REQUIRE(a->save(entry("one", "first")).ok());
        must_sync(*a, store, every);
        ida = id_of(*a);
        b = join_device(store, dir / "b.afterglow");
        c = join_device(store, dir / "c.afterglow");
    }
    void write_a(const std::string& title) {
        REQUIRE(a->save(entry(title, "text of " + title)).ok());
        must_sync(*a, store, every);
    }
};

}  // namespace

TEST_CASE("sync compaction: a device's old segments go only once every known device has read them") {
    Three t;
    CHECK(has(t.root, t.ida, 1, sync::FileKind::snapshot));
    t.write_a("two");  // B and C acked segment 1 when they joined: it can go, 2 stays
    CHECK_FALSE(has(t.root, t.ida, 1));
    CHECK(has(t.root, t.ida, 2));
    CHECK_FALSE(has(t.root, t.ida, 1, sync::FileKind::snapshot));  // the newer snapshot replaces it
    t.write_a("three");
    must_sync(*t.b, t.store);  // B reads 2 and 3 and acks them; C stays silent
    auto r = must_sync(*t.a, t.store, t.every);
    CHECK(r.removed == 0);
    CHECK(has(t.root, t.ida, 2));  // C, known and silent, has not read it
    CHECK(has(t.root, t.ida, 3));
    auto rc = must_sync(*t.c, t.store);  // C catches up through the segments, then acks
    CHECK(rc.snapshots_read == 0);
    CHECK(by_title(*t.c, "two"));
    CHECK(by_title(*t.c, "three"));
    r = must_sync(*t.a, t.store, t.every);
    CHECK(r.removed == 2);
    CHECK_FALSE(has(t.root, t.ida, 2));
    CHECK_FALSE(has(t.root, t.ida, 3));
    CHECK(has(t.root, t.ida, 3, sync::FileKind::snapshot));
    // A's own chain check expects only what it kept: it does not rebase.
    r = must_sync(*t.a, t.store, t.every);
    CHECK(r.bytes_written == 0);
    CHECK(id_of(*t.a) == t.ida);
}

TEST_CASE("sync compaction: a forged or old ack never lets a segment go") {
    Three t;
    const auto idb = id_of(*t.b), idc = id_of(*t.c);
    t.write_a("two");
    t.write_a("three");
    must_sync(*t.b, t.store);  // B acks 3
    REQUIRE(has(t.root, t.ida, 2));
    // The store shows, as C's newest ack, B's ack copied into C's folder (it would say 3).
    fs::path b_ack;
    for (const auto& e : fs::directory_iterator(t.root / "D" / idb))
        if (e.path().extension() == ".ack") b_ack = e.path();
    REQUIRE_FALSE(b_ack.empty());
    const auto forged = sync::segment_name(idc, 9, sync::FileKind::ack);
    fs::copy_file(b_ack, t.root / forged);
    auto r = must_sync(*t.a, t.store, t.every);
    CHECK(named(r, forged, "ack fails authentication"));
    CHECK(r.removed == 0);
    CHECK(has(t.root, t.ida, 2));
    fs::remove(t.root / forged);

    // C acks 3 (its ack 2), then an old copy of its ack 1 (segment 1 read) comes back beside it
    // (a restored backup, a late delivery): A keeps the newer one, and an old copy alone holds.
    fs::path c_old;
    for (const auto& e : fs::directory_iterator(t.root / "D" / idc))
        if (e.path().extension() == ".ack") c_old = e.path();
    REQUIRE_FALSE(c_old.empty());
    const auto old_bytes = read_file(c_old);
    must_sync(*t.c, t.store);
    REQUIRE_FALSE(fs::exists(c_old));  // C removed its previous ack
    fs::path c_new;
    for (const auto& e : fs::directory_iterator(t.root / "D" / idc))
        if (e.path().extension() == ".ack") c_new = e.path();
    const auto new_bytes = read_file(c_new);
    fs::remove(c_new);
    write_file(c_old, old_bytes);  // only the old copy is in the store now
    r = must_sync(*t.a, t.store, t.every);
    CHECK(r.removed == 0);
    CHECK(has(t.root, t.ida, 2));
    write_file(c_new, new_bytes);
    r = must_sync(*t.a, t.store, t.every);
    CHECK(r.removed == 2);
    fs::remove(c_new);  // the newer ack is gone again: what A accepted is not rewound
    write_file(c_old, old_bytes);
    t.write_a("four");
    CHECK_FALSE(has(t.root, t.ida, 3));
    CHECK(has(t.root, t.ida, 4));
}

TEST_CASE("sync compaction: a new device joins from a snapshot plus the tails and equals the others") {
    Three t;
    for (int i = 0; i < 4; ++i) t.write_a("a" + std::to_string(i));
    REQUIRE(t.b->save(entry("from b", "after A's snapshot")).ok());
    must_sync(*t.b, t.store);
    must_sync(*t.c, t.store);
    must_sync(*t.a, t.store, t.every);  // everyone has acked A's 5: A's segments 1-5 go
    REQUIRE(t.b->save(entry("b later", "in B's tail only")).ok());
    must_sync(*t.b, t.store);
    CHECK_FALSE(has(t.root, t.ida, 1));
    CHECK_FALSE(has(t.root, t.ida, 5));
    CHECK(has(t.root, t.ida, 5, sync::FileKind::snapshot));

    sync::JoinOptions jo;
    jo.kdf = fast_options().kdf;
    jo.allow_weak_kdf = true;
    auto joined = sync::join(t.store, t.dir / "d.afterglow", "correct horse", "correct horse", jo);
    REQUIRE_MESSAGE(joined.ok(), error_of(joined));
    auto& d = *joined->vault;
    CHECK(joined->report.snapshots_read == 1);
    CHECK(joined->report.files_read <= 4);  // journal.key, A's snapshot, B's segments after it
    must_sync(*t.a, t.store, t.every);
    must_sync(*t.b, t.store);
    CHECK(journal_of(d) == journal_of(*t.a));
    CHECK(journal_of(d) == journal_of(*t.b));
    CHECK(by_title(d, "one"));
    CHECK(by_title(d, "b later"));
    // D is known now: A's next segment waits for D's ack, and D's edit reaches A.
    REQUIRE(d.save(entry("from d", "joined late")).ok());
    must_sync(d, t.store);
    must_sync(*t.a, t.store, t.every);
    CHECK(by_title(*t.a, "from d"));
}

TEST_CASE("sync compaction: a forged or damaged snapshot is named and skipped") {
    Three t;
    for (int i = 0; i < 3; ++i) t.write_a("a" + std::to_string(i));
    must_sync(*t.b, t.store);
    must_sync(*t.c, t.store);
    must_sync(*t.a, t.store, t.every);  // segments 1-4 go; snapshot 4 holds everything
    REQUIRE_FALSE(has(t.root, t.ida, 3));
    const auto snap = t.root / sync::segment_name(t.ida, 4, sync::FileKind::snapshot);
    const auto whole = read_file(snap);
    sync::JoinOptions jo;
    jo.kdf = fast_options().kdf;
    jo.allow_weak_kdf = true;

    SUBCASE("a flipped byte") {
        auto bytes = whole;
        bytes[bytes.size() / 2] ^= 0x01;
        write_file(snap, bytes);
    }
    SUBCASE("replayed under another counter") {
        fs::remove(snap);
        write_file(t.root / sync::segment_name(t.ida, 5, sync::FileKind::snapshot), whole);
    }
    SUBCASE("another file of this journal renamed as a snapshot") {
        fs::remove(snap);
        fs::path ack;
        for (const auto& e : fs::directory_iterator(t.root / "D" / id_of(*t.b)))
            if (e.path().extension() == ".ack") ack = e.path();
        REQUIRE_FALSE(ack.empty());
        write_file(t.root / sync::segment_name(t.ida, 5, sync::FileKind::snapshot), read_file(ack));
    }
    auto joined = sync::join(t.store, t.dir / "d.afterglow", "correct horse", "correct horse", jo);
    REQUIRE_MESSAGE(joined.ok(), error_of(joined));
    auto& d = *joined->vault;
    bool said = false;
    for (const auto& f : joined->report.skipped_files)
        said = said || (f.name.find(t.ida) != std::string::npos && f.reason.find("snapshot fails authentication") != std::string::npos);
    CHECK(said);
    CHECK(joined->report.snapshots_read == 0);
    CHECK_FALSE(by_title(d, "a2"));  // nothing of A was taken from the bad file
    // The real snapshot back: the next run reads it.
    for (const auto& e : fs::directory_iterator(t.root / "D" / t.ida))
        if (e.path().extension() == ".snap") fs::remove(e.path());
    write_file(snap, whole);
    auto r = must_sync(d, t.store);
    CHECK(r.snapshots_read == 1);
    CHECK(journal_of(d) == journal_of(*t.a));
}

TEST_CASE("sync compaction: forgetting a lost device lets its segments go, and it loses nothing if it returns") {
    Three t;
    const auto idc = id_of(*t.c);
    t.write_a("two");
    t.write_a("three");
    must_sync(*t.b, t.store);
    REQUIRE(must_sync(*t.a, t.store, t.every).removed == 0);  // C, silent, holds 2 and 3
    auto st = sync::status(*t.a);
    REQUIRE(st.ok());
    CHECK(std::find(st->other_devices.begin(), st->other_devices.end(), idc) != st->other_devices.end());
    CHECK_FALSE(sync::forget_device(*t.a, t.ida).ok());  // not itself
    CHECK_FALSE(sync::forget_device(*t.a, "not a device").ok());
    REQUIRE(sync::forget_device(*t.a, idc).ok());
    auto r = must_sync(*t.a, t.store, t.every);  // names C as replaced in its next segment
    CHECK(r.removed >= 2);
    CHECK_FALSE(has(t.root, t.ida, 3));
    must_sync(*t.b, t.store);  // B reads it and stops waiting for C too
    st = sync::status(*t.b);
    REQUIRE(st.ok());
    CHECK(std::find(st->other_devices.begin(), st->other_devices.end(), idc) == st->other_devices.end());

    // The phone comes back with an entry written while away: it finds itself replaced and
    // writes its journal again under a new id; nothing is lost on any side.
    REQUIRE(t.c->save(entry("from the drawer", "written while forgotten")).ok());
    must_sync(*t.c, t.store);
    CHECK(id_of(*t.c) != idc);
    must_sync(*t.a, t.store, t.every);
    must_sync(*t.b, t.store);
    CHECK(by_title(*t.a, "from the drawer"));
    CHECK(by_title(*t.b, "from the drawer"));
    CHECK(by_title(*t.c, "three"));
    CHECK(journal_of(*t.c) == journal_of(*t.a));
}

// §4 rule 3: a segment that fails authentication is named and skipped; the rest still syncs.
// A segment damaged for good (same size, so its writer does not notice) must not stop a reader
// on its writer's chain: the writer's newer snapshot stands in for it.
TEST_CASE("sync compaction: a damaged segment is named and a newer snapshot carries the reader past it") {
    Three t;
    t.write_a("a0");  // segment 2
    const auto seg2 = t.root / sync::segment_name(t.ida, 2);
    REQUIRE(fs::exists(seg2));
    auto bytes = read_file(seg2);
    bytes[bytes.size() / 2] ^= 0x01;
    write_file(seg2, bytes);
    t.write_a("a1");  // segment 3 and snapshot 3
    t.write_a("a2");  // segment 4 and snapshot 4
    REQUIRE(fs::exists(seg2));
    REQUIRE(has(t.root, t.ida, 4, sync::FileKind::snapshot));
    auto r = must_sync(*t.b, t.store);
    CHECK(named(r, sync::segment_name(t.ida, 2), "fails authentication"));
    CHECK(r.snapshots_read == 1);
    CHECK(by_title(*t.b, "a0"));
    CHECK(by_title(*t.b, "a2"));
    CHECK(journal_of(*t.b) == journal_of(*t.a));
    // Later segments of the same writer follow from the snapshot's position.
    t.write_a("a3");
    must_sync(*t.b, t.store);
    CHECK(by_title(*t.b, "a3"));
}
