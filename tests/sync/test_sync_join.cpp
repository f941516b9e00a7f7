// Joining (docs/sync.md §5, "Records as the vault seals them"): segments and snapshots carry
// each record sealed as its writer's vault seals it, and a device that has no copy of it
// stores it as it came. What that must not weaken, one test each: a joined vault verifies and
// holds the writer's bytes; a record sealed wrongly inside a snapshot is named and skipped; the
// format cannot be swapped; files of the format before (codec bytes) still join.
#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <filesystem>
#include <map>

#include "crypto/kdf.hpp"
#include "journal/codec.hpp"
#include "journal/sync/segment.hpp"
#include "sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::test;
namespace fs = std::filesystem;

namespace {

// Every record row of a vault file: id → (version, sealed blob).
std::map<journal::RecordId, std::pair<std::uint64_t, crypto::Bytes>> rows_of(const fs::path& vault) {
    SQLite::Database db(vault.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT id, version, blob FROM records");
    std::map<journal::RecordId, std::pair<std::uint64_t, crypto::Bytes>> out;
    while (q.executeStep()) {
        journal::RecordId id;
        const auto* p = static_cast<const std::uint8_t*>(q.getColumn(0).getBlob());
        REQUIRE(q.getColumn(0).getBytes() == 16);
        std::copy(p, p + 16, id.bytes.begin());
        const auto* b = static_cast<const std::uint8_t*>(q.getColumn(2).getBlob());
        out[id] = {static_cast<std::uint64_t>(q.getColumn(1).getInt64()),
                   crypto::Bytes(b, b + q.getColumn(2).getBytes())};
    }
    return out;
}

bool named(const sync::SyncReport& r, const std::string& name, const std::string& words) {
    for (const auto& f : r.skipped_files)
        if (f.name == name && f.reason.find(words) != std::string::npos) return true;
    return false;
}

// Device A with 20 entries (more than one batch: the vault's batch path stores them), one
// edited twice and one deleted after it was synced, and a snapshot after every segment: with
// no other device its segments go, and the store holds journal.key and snapshot 2 only.
struct Written {
    TempDir dir;
    fs::path root = dir / "store";
    sync::FolderStore store{root};
    std::unique_ptr<journal::Vault> a = make_vault(dir / "a.afterglow");
    crypto::SecretBuffer key;
    std::string ida;
    fs::path snap;

    Written() {
        sync::SyncOptions every;
        every.snapshot_every = 1;
        for (int i = 0; i < 20; ++i) REQUIRE(a->save(entry("e" + std::to_string(i), "text of e" + std::to_string(i))).ok());
        REQUIRE(a->save(entry("gone", "deleted after its first sync")).ok());
        must_sync(*a, store, every);
        for (const char* body : {"edited once", "edited twice"}) {
            journal::Entry e = *by_title(*a, "e0");
            e.body = body;
            REQUIRE(a->save(e).ok());
        }
        REQUIRE(a->remove(by_title(*a, "gone")->meta.id).ok());
        must_sync(*a, store, every);
        must_sync(*a, store, every);  // removes segment 2, which the run before wrote
        ida = sync::status(*a)->device_id;
        snap = root / sync::segment_name(ida, 2, sync::FileKind::snapshot);
        REQUIRE(fs::exists(snap));
        REQUIRE_FALSE(fs::exists(root / sync::segment_name(ida, 2)));
        auto k = a->sync_key(1);
        REQUIRE(k.ok());
        key = std::move(*k);
    }
    sync::Segment open_snap() {
        auto s = sync::open_snapshot(bytes_of(snap), key, ida, 2);
        REQUIRE(s.has_value());
        return std::move(*s);
    }
    void write_snap(const sync::Segment& s) {
        crypto::Bytes unused;
        put_bytes(snap, sync::seal_segment(s, key, unused));
    }
    sync::Joined join(const std::string& name) {
        sync::JoinOptions jo;
        jo.kdf = fast_options().kdf;
        jo.allow_weak_kdf = true;
        auto joined = sync::join(store, dir / (name + ".afterglow"), "correct horse", "correct horse", jo);
        REQUIRE_MESSAGE(joined.ok(), error_of(joined));
        return std::move(*joined);
    }
};

}  // namespace

TEST_CASE("sync join: records are stored as their writer sealed them, and the joined vault verifies") {
    Written w;
    const auto snapshot = w.open_snap();
    CHECK(snapshot.format == sync::kSegmentFormat);
    auto joined = w.join("d");
    auto& d = *joined.vault;
    CHECK(joined.report.snapshots_read == 1);
    CHECK(journal_of(d) == journal_of(*w.a));
    CHECK(by_title(d, "gone") == nullptr);
    // The writer's version and its bytes: nothing sealed again.
    CHECK(by_title(d, "e0")->meta.version == by_title(*w.a, "e0")->meta.version);
    CHECK(by_title(d, "e0")->meta.version == 3);
    const auto rows = rows_of(w.dir / "d.afterglow");
    REQUIRE(rows.size() == 20);
    std::size_t same = 0;
    for (const auto& c : snapshot.changes) {
        if (c.state.tombstone) continue;
        auto it = rows.find(c.id);
        REQUIRE(it != rows.end());
        CHECK(it->second.first == c.version);
        same += it->second.second == c.record;
    }
    CHECK(same == 20);
    verifies(d, 20);
    // The manifest lists what the rows hold: a fresh unlock names nothing, and an edit on the
    // joined device continues the writer's version and reaches the writer.
    d.lock();
    REQUIRE(d.unlock("correct horse").ok());
    CHECK(d.problems().empty());
    journal::Entry e = *by_title(d, "e0");
    e.body = "edited on the joined device";
    REQUIRE(d.save(e).ok());
    CHECK(by_title(d, "e0")->meta.version == 4);
    must_sync(d, w.store);
    must_sync(*w.a, w.store);
    CHECK(by_title(*w.a, "e0")->body == "edited on the joined device");
    verifies(d, 20);
    verifies(*w.a, 20);
}

TEST_CASE("sync join: a record sealed wrongly inside a format-2 snapshot is named and skipped, the rest joins") {
    Written w;
    auto s = w.open_snap();
    s.format = 2;  // format 3: the whole file fails (test_sync_format3.cpp)
    std::vector<std::size_t> live;
    for (std::size_t i = 0; i < s.changes.size(); ++i)
        if (!s.changes[i].state.tombstone) live.push_back(i);
    REQUIRE(live.size() == 20);
    std::vector<journal::RecordId> bad;
    // Each needs K_sync (a device of this journal gone wrong): the store owner has no way in.
    SUBCASE("a flipped byte in one record") {
        auto& c = s.changes[live[3]];
        c.record[c.record.size() / 2] ^= 0x01;
        bad = {c.id};
    }
    SUBCASE("two records' blobs swapped") {
        std::swap(s.changes[live[1]].record, s.changes[live[2]].record);
        bad = {s.changes[live[1]].id, s.changes[live[2]].id};
    }
    SUBCASE("a record claiming a later version than it is sealed under (a replayed older copy)") {
        s.changes[live[4]].version += 1;
        bad = {s.changes[live[4]].id};
    }
    w.write_snap(s);
    auto joined = w.join("d");
    auto& d = *joined.vault;
    CHECK(named(joined.report, w.snap.lexically_relative(w.root).generic_string(), "holds a record that cannot be read"));
    for (const auto& id : bad) CHECK(d.find_entry(id) == nullptr);
    CHECK(d.entries().size() == 20 - bad.size());
    verifies(d, 20 - bad.size());
}

TEST_CASE("sync join: a file's format is authenticated (its magic changed to the other format fails)") {
    Written w;
    auto bytes = bytes_of(w.snap);
    REQUIRE(std::string(bytes.begin(), bytes.begin() + 8) == "AGSNAP3\n");
    SUBCASE("to format 2") { bytes[6] = '2'; }
    SUBCASE("to format 1") { bytes[6] = '1'; }
    put_bytes(w.snap, bytes);
    auto joined = w.join("d");
    CHECK(named(joined.report, w.snap.lexically_relative(w.root).generic_string(), "snapshot fails authentication"));
    CHECK(joined.vault->entries().empty());
}

TEST_CASE("sync join: a snapshot of format 2 (the records inside the one AEAD) still joins") {
    Written w;
    auto s = w.open_snap();
    s.format = 2;
    w.write_snap(s);
    REQUIRE(read_file(w.snap).substr(0, 8) == "AGSNAP2\n");
    auto joined = w.join("d");
    CHECK(joined.report.snapshots_read == 1);
    CHECK(joined.report.skipped_files.empty());
    CHECK(journal_of(*joined.vault) == journal_of(*w.a));
    verifies(*joined.vault, 20);
}

TEST_CASE("sync join: snapshots and segments of format 1 (codec bytes) still join") {
    Written w;
    // Format 1, as a device before this change wrote it: codec bytes, no version.
    auto to_format1 = [&](sync::Segment& s) {
        s.format = 1;
        for (auto& c : s.changes) {
            if (c.state.tombstone) continue;
            auto r = w.a->open_synced(c.id, c.version, c.record);
            REQUIRE(r.has_value());
            c.record = journal::codec::encode(*r);
            c.version = 0;
        }
    };
    SUBCASE("a snapshot") {
        auto s = w.open_snap();
        to_format1(s);
        w.write_snap(s);
        REQUIRE(read_file(w.snap).substr(0, 8) == "AGSNAP1\n");
        auto joined = w.join("d");
        CHECK(joined.report.snapshots_read == 1);
        CHECK(joined.report.skipped_files.empty());
        CHECK(journal_of(*joined.vault) == journal_of(*w.a));
        verifies(*joined.vault, 20);
    }
    SUBCASE("a first segment") {
        auto b = make_vault(w.dir / "b.afterglow");
        sync::FolderStore other(w.dir / "other");
        for (int i = 0; i < 20; ++i) REQUIRE(b->save(entry("b" + std::to_string(i), "text")).ok());
        must_sync(*b, other);
        const auto idb = sync::status(*b)->device_id;
        const auto name = w.dir / "other" / sync::segment_name(idb, 1);
        auto kb = b->sync_key(1);
        REQUIRE(kb.ok());
        crypto::Bytes mac;
        auto seg = sync::open_segment(bytes_of(name), *kb, idb, 1, crypto::Bytes(sync::kMacSize, 0), mac);
        REQUIRE(seg.has_value());
        CHECK(seg->format == sync::kSegmentFormat);
        w.a = std::move(b);  // to_format1 opens records with the writer's journal
        to_format1(*seg);
        put_bytes(name, sync::seal_segment(*seg, *kb, mac));
        REQUIRE(read_file(name).substr(0, 8) == "AGSYNC1\n");
        sync::JoinOptions jo;
        jo.kdf = fast_options().kdf;
        jo.allow_weak_kdf = true;
        auto joined = sync::join(other, w.dir / "e.afterglow", "correct horse", "correct horse", jo);
        REQUIRE_MESSAGE(joined.ok(), error_of(joined));
        CHECK(joined->report.skipped_files.empty());
        CHECK(journal_of(*joined->vault) == journal_of(*w.a));
        verifies(*joined->vault, 20);
    }
}

namespace {

// Counts Argon2id derivations through crypto's runner seam (the runner declines each one, so
// crypto_pwhash still runs: real derivations, counted).
std::atomic<int> g_derivations{0};
int count_derivation(std::span<std::uint8_t>, std::string_view, const crypto::KdfParams&) {
    g_derivations += 1;
    return -1;
}
struct CountDerivations {
    CountDerivations() {
        g_derivations = 0;
        crypto::set_pwhash_runner(&count_derivation);
    }
    ~CountDerivations() { crypto::set_pwhash_runner(nullptr); }
};

}  // namespace

TEST_CASE("sync join: Argon2id runs once per join (the passphrase's unwrap, or the new passphrase's wrap)") {
    TempDir dir;
    sync::FolderStore store(dir / "store");
    auto created = journal::Vault::create(dir / "a.afterglow", "correct horse", fast_options());
    REQUIRE(created.ok());
    auto& a = *created->vault;
    for (int i = 0; i < 20; ++i) REQUIRE(a.save(entry("e" + std::to_string(i), "text")).ok());
    must_sync(a, store);
    sync::JoinOptions jo;
    jo.kdf = fast_options().kdf;
    jo.allow_weak_kdf = true;
    SUBCASE("with the journal's passphrase: the unwrap only; the vault keeps the journal's wrap") {
        CountDerivations counting;
        auto joined = sync::join(store, dir / "b.afterglow", "correct horse", "correct horse", jo);
        REQUIRE_MESSAGE(joined.ok(), error_of(joined));
        CHECK(g_derivations == 1);
        CHECK(joined->vault->entries().size() == 20);
        // The passphrase opens the joined vault (and a wrong one does not).
        joined->vault->lock();
        CHECK(joined->vault->unlock("wrong horse").error().code == Errc::wrong_passphrase);
        REQUIRE(joined->vault->unlock("correct horse").ok());
        CHECK(joined->vault->entries().size() == 20);
    }
    SUBCASE("with the recovery key and a new passphrase: the new passphrase's wrap only") {
        CountDerivations counting;
        auto joined = sync::join(store, dir / "c.afterglow", created->recovery_key, "a new passphrase",
                                 [&] {
                                     auto o = jo;
                                     o.recovery = true;
                                     return o;
                                 }());
        REQUIRE_MESSAGE(joined.ok(), error_of(joined));
        CHECK(g_derivations == 1);
        joined->vault->lock();
        REQUIRE(joined->vault->unlock("a new passphrase").ok());
        CHECK(joined->vault->entries().size() == 20);
    }
    SUBCASE("with the journal's passphrase and another one for this device: one each") {
        CountDerivations counting;
        auto joined = sync::join(store, dir / "d.afterglow", "correct horse", "another passphrase", jo);
        REQUIRE_MESSAGE(joined.ok(), error_of(joined));
        CHECK(g_derivations == 2);
        joined->vault->lock();
        CHECK(joined->vault->unlock("correct horse").error().code == Errc::wrong_passphrase);
        REQUIRE(joined->vault->unlock("another passphrase").ok());
    }
}
