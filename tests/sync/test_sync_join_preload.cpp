// A join stores its first file's records in SQLite while it opens them (Vault::preload_synced,
// docs/sync.md §9), inside the load's transaction, committed with the merge: the joined vault
// holds each record as its writer sealed it, one row per record the merge keeps (a later
// segment's delete and edit included), and verifies; a record that does not open fails the
// whole file and leaves no row. The journal is larger than the 256 records below which a
// file is opened without it.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "journal/sync/segment.hpp"
#include "sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::test;
namespace fs = std::filesystem;

namespace {

constexpr int kEntries = 300;

// Device A's journal of kEntries entries, its first segment (all of them) and, with `later`,
// a second segment that deletes "e7" and edits "e9".
struct Big {
    TempDir dir;
    fs::path root = dir / "store";
    sync::FolderStore store{root};
    std::unique_ptr<journal::Vault> a = make_vault(dir / "a.afterglow");
    std::string ida;
    explicit Big(bool later, std::size_t body_bytes = 0) {
        std::vector<journal::Record> all;
        for (int i = 0; i < kEntries; ++i)
            all.emplace_back(entry("e" + std::to_string(i), "text of e" + std::to_string(i) + std::string(body_bytes, 'x')));
        REQUIRE(a->save_all(std::move(all)).ok());
        must_sync(*a, store);
        ida = sync::status(*a)->device_id;
        if (!later) return;
        REQUIRE(a->remove(by_title(*a, "e7")->meta.id).ok());
        journal::Entry e = *by_title(*a, "e9");
        e.body = "edited after the first segment";
        REQUIRE(a->save(e).ok());
        must_sync(*a, store);
        REQUIRE(fs::exists(root / sync::segment_name(ida, 2)));
    }
    Result<sync::Joined> join(const std::string& name) {
        sync::JoinOptions jo;
        jo.kdf = fast_options().kdf;
        jo.allow_weak_kdf = true;
        return sync::join(store, dir / (name + ".afterglow"), "correct horse", "correct horse", jo);
    }
};

int rows_in(const fs::path& vault) {
    SQLite::Database db(vault.string(), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT count(*) FROM records").getInt();
}

}  // namespace

TEST_CASE("sync join preload: the first file's records are stored as they came, with a later delete and edit") {
    Big w(true);
    auto joined = w.join("b");
    REQUIRE_MESSAGE(joined.ok(), error_of(joined));
    auto& b = *joined->vault;
    CHECK(joined->report.skipped_files.empty());
    CHECK(journal_of(b) == journal_of(*w.a));
    CHECK_FALSE(by_title(b, "e7"));
    REQUIRE(by_title(b, "e9"));
    CHECK(by_title(b, "e9")->body == "edited after the first segment");
    CHECK(b.entries().size() == kEntries - 1);
    CHECK(rows_in(w.dir / "b.afterglow") == kEntries - 1);  // the deleted record's row went too
    verifies(b, kEntries - 1);
    // Each record the second segment did not change is stored as the first segment holds it.
    auto key = w.a->sync_key(1);
    REQUIRE(key.ok());
    crypto::Bytes mac;
    auto seg = sync::open_segment(bytes_of(w.root / sync::segment_name(w.ida, 1)), *key, w.ida, 1,
                                  crypto::Bytes(sync::kMacSize, 0), mac);
    REQUIRE(seg.has_value());
    SQLite::Database db((w.dir / "b.afterglow").string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT id, blob FROM records");
    std::map<journal::RecordId, crypto::Bytes> rows;
    while (q.executeStep()) {
        journal::RecordId id;
        std::copy_n(static_cast<const std::uint8_t*>(q.getColumn(0).getBlob()), 16, id.bytes.begin());
        const auto* p = static_cast<const std::uint8_t*>(q.getColumn(1).getBlob());
        rows[id] = crypto::Bytes(p, p + q.getColumn(1).getBytes());
    }
    std::size_t same = 0;
    for (const auto& c : seg->changes) same += rows.count(c.id) && rows[c.id] == c.record;
    CHECK(same == kEntries - 2);  // all but e7 (deleted) and e9 (edited: sealed here again)
    // An edit there reaches the writer.
    journal::Entry e = *by_title(b, "e11");
    e.body = "edited on the joined device";
    REQUIRE(b.save(e).ok());
    must_sync(b, w.store);
    must_sync(*w.a, w.store);
    CHECK(by_title(*w.a, "e11")->body == "edited on the joined device");
}

TEST_CASE("sync join preload: a record that does not open fails the whole file and leaves no row") {
    // Bodies of 4 KB: the load reserves the file's blocks for 1.2 MB of records ahead, which
    // SQLite keeps in its cache (it never writes them to the file) before the rollback.
    Big w(false, 4000);
    const fs::path file = w.root / sync::segment_name(w.ida, 1);
    const auto original = bytes_of(file);
    auto key = w.a->sync_key(1);
    REQUIRE(key.ok());
    crypto::Bytes mac;
    auto seg = sync::open_segment(original, *key, w.ida, 1, crypto::Bytes(sync::kMacSize, 0), mac);
    REQUIRE(seg.has_value());
    REQUIRE(seg->changes.size() == kEntries);
    seg->changes[kEntries / 2].record[40] ^= 0x01;  // sealed in again by a holder of K_sync
    put_bytes(file, sync::seal_segment(*seg, *key, mac));
    auto joined = w.join("b");
    REQUIRE_MESSAGE(joined.ok(), error_of(joined));
    bool named = false;
    for (const auto& f : joined->report.skipped_files)
        named = named || (f.name == sync::segment_name(w.ida, 1) && f.reason.find("fails authentication") != std::string::npos);
    CHECK(named);
    CHECK(joined->vault->entries().empty());
    CHECK(rows_in(w.dir / "b.afterglow") == 0);
    verifies(*joined->vault, 0);
    // No disk stays taken past the empty vault's end for the records it did not keep.
    struct stat sb {};
    REQUIRE(::stat((w.dir / "b.afterglow").c_str(), &sb) == 0);
    CHECK_MESSAGE(sb.st_blocks * 512 <= sb.st_size + (256 << 10),
                  "allocated " << sb.st_blocks * 512 << " bytes for a file of " << sb.st_size);
    // The file whole again: the next sync brings every entry.
    put_bytes(file, original);
    must_sync(*joined->vault, w.store);
    CHECK(journal_of(*joined->vault) == journal_of(*w.a));
    verifies(*joined->vault, kEntries);
}
