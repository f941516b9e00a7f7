// Segment format 3 (docs/sync.md §2): K_sync seals the metadata (each record's length, nonce
// and tag); the records follow as the vault sealed them, not encrypted again. Whoever changes
// a byte anywhere (the metadata, a record, a record's tag), cuts the file or swaps records
// makes the whole file fail authentication: named, nothing of it applied, read again once it
// is whole. A device holding K_sync that puts a record in that does not open fails it too.
// Files of format 2 (the records inside the one AEAD) still join.
#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>

#include "journal/sync/segment.hpp"
#include "sync_fixture.hpp"

using namespace afterglow;
using namespace afterglow::test;
namespace fs = std::filesystem;

namespace {

// Device B's first segment in its own store: 20 entries of the same size, nothing else.
struct FirstSegment {
    TempDir dir;
    fs::path root = dir / "store";
    sync::FolderStore store{root};
    std::unique_ptr<journal::Vault> b = make_vault(dir / "b.afterglow");
    std::string id;
    fs::path file;
    crypto::SecretBuffer key;
    sync::Segment seg;
    crypto::Bytes original;

    FirstSegment() {
        for (int i = 0; i < 20; ++i) REQUIRE(b->save(entry("b" + std::to_string(i % 10), "the same length")).ok());
        must_sync(*b, store);
        id = sync::status(*b)->device_id;
        file = root / sync::segment_name(id, 1);
        auto k = b->sync_key(1);
        REQUIRE(k.ok());
        key = std::move(*k);
        original = bytes_of(file);
        crypto::Bytes mac;
        auto s = sync::open_segment(original, key, id, 1, crypto::Bytes(sync::kMacSize, 0), mac);
        REQUIRE(s.has_value());
        seg = std::move(*s);
    }
    // Where the records start in the file, and each one's place.
    std::vector<std::pair<std::size_t, std::size_t>> records() const {
        std::size_t total = 0;
        for (const auto& c : seg.changes) total += c.record.size();
        std::vector<std::pair<std::size_t, std::size_t>> out;
        std::size_t at = original.size() - total;
        for (const auto& c : seg.changes) {
            out.emplace_back(at, c.record.size());
            at += c.record.size();
        }
        return out;
    }
    sync::Joined join(const std::string& name) {
        sync::JoinOptions jo;
        jo.kdf = fast_options().kdf;
        jo.allow_weak_kdf = true;
        auto joined = sync::join(store, dir / (name + ".afterglow"), "correct horse", "correct horse", jo);
        REQUIRE_MESSAGE(joined.ok(), error_of(joined));
        return std::move(*joined);
    }
    bool named_failing(const sync::SyncReport& r) const {
        for (const auto& f : r.skipped_files)
            if (f.name == sync::segment_name(id, 1) && f.reason.find("fails authentication") != std::string::npos)
                return true;
        return false;
    }
};

}  // namespace

TEST_CASE("sync format 3: the file holds the records as sealed, its size padded, and it joins") {
    FirstSegment f;
    REQUIRE(std::string(f.original.begin(), f.original.begin() + 8) == "AGSYNC3\n");
    CHECK(f.seg.format == 3);
    CHECK(f.original.size() % 256 == 96);  // 8 + 48 + 24 + 16, the rest in blocks of 256
    REQUIRE(f.seg.changes.size() == 20);
    // The sealed records are in the file as they are (not encrypted again), in order.
    const auto places = f.records();
    for (const auto& p : places) CHECK(p.second > 40);
    for (std::size_t i = 0; i < places.size(); ++i)
        CHECK(std::equal(f.seg.changes[i].record.begin(), f.seg.changes[i].record.end(),
                         f.original.begin() + static_cast<std::ptrdiff_t>(places[i].first)));
    auto joined = f.join("c");
    CHECK(joined.report.skipped_files.empty());
    CHECK(journal_of(*joined.vault) == journal_of(*f.b));
}

TEST_CASE("sync format 3: a changed, cut or reordered file is named and nothing of it applies") {
    FirstSegment f;
    auto bytes = f.original;
    const auto rec = f.records();
    REQUIRE(rec.size() == 20);
    REQUIRE(rec[0].second == rec[1].second);
    SUBCASE("a byte of the metadata") { bytes[8 + 48 + 24 + 10] ^= 0x01; }
    SUBCASE("a byte of the length header") { bytes[8 + 30] ^= 0x01; }
    SUBCASE("a byte inside a record") { bytes[rec[5].first + rec[5].second / 2] ^= 0x01; }
    SUBCASE("a byte of a record's tag") { bytes[rec[7].first + rec[7].second - 1] ^= 0x01; }
    SUBCASE("a byte of a record's nonce") { bytes[rec[9].first + 3] ^= 0x01; }
    SUBCASE("cut short by a byte") { bytes.pop_back(); }
    SUBCASE("cut short by its last record") { bytes.resize(rec.back().first); }
    SUBCASE("a record added at the end") {
        bytes.insert(bytes.end(), f.original.begin() + static_cast<std::ptrdiff_t>(rec[0].first),
                     f.original.begin() + static_cast<std::ptrdiff_t>(rec[0].first + rec[0].second));
    }
    SUBCASE("two records swapped") {
        std::swap_ranges(bytes.begin() + static_cast<std::ptrdiff_t>(rec[0].first),
                         bytes.begin() + static_cast<std::ptrdiff_t>(rec[0].first + rec[0].second),
                         bytes.begin() + static_cast<std::ptrdiff_t>(rec[1].first));
    }
    SUBCASE("a record's ciphertext from another record, its nonce and tag kept") {
        std::copy(f.original.begin() + static_cast<std::ptrdiff_t>(rec[1].first + 24),
                  f.original.begin() + static_cast<std::ptrdiff_t>(rec[1].first + rec[1].second - 16),
                  bytes.begin() + static_cast<std::ptrdiff_t>(rec[0].first + 24));
    }
    put_bytes(f.file, bytes);
    auto joined = f.join("c");
    CHECK(f.named_failing(joined.report));
    CHECK(joined.vault->entries().empty());
    // Nothing was marked read: once the file is whole again, all of it arrives.
    put_bytes(f.file, f.original);
    auto again = must_sync(*joined.vault, f.store);
    CHECK_FALSE(f.named_failing(again));
    CHECK(journal_of(*joined.vault) == journal_of(*f.b));
}

TEST_CASE("sync format 3: a record that does not open, sealed in by a holder of K_sync, fails the whole file") {
    FirstSegment f;
    auto s = f.seg;
    SUBCASE("a flipped byte inside one record") { s.changes[4].record[60] ^= 0x01; }
    SUBCASE("a record claiming a later version than it is sealed under") { s.changes[4].version += 1; }
    SUBCASE("two records' blobs swapped (each moved to the other's id)") {
        std::swap(s.changes[2].record, s.changes[3].record);
    }
    crypto::Bytes mac;
    put_bytes(f.file, sync::seal_segment(s, f.key, mac));
    auto joined = f.join("c");
    CHECK(f.named_failing(joined.report));
    CHECK(joined.vault->entries().empty());
    // Nothing of the file is stored: the vault holds no row, and verifies.
    auto report = joined.vault->verify();
    REQUIRE(report.ok());
    CHECK_MESSAGE(report->ok(), (report->problems.empty() ? report->sqlite_check : report->problems[0].what));
    CHECK(report->records_ok == 0);
    SQLite::Database db((f.dir / "c.afterglow").string(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM records").getInt() == 0);
}

TEST_CASE("sync format 3: a first segment of format 2 (the records inside the one AEAD) still joins") {
    FirstSegment f;
    auto s = f.seg;
    s.format = 2;
    crypto::Bytes mac;
    put_bytes(f.file, sync::seal_segment(s, f.key, mac));
    REQUIRE(read_file(f.file).substr(0, 8) == "AGSYNC2\n");
    auto joined = f.join("c");
    CHECK(joined.report.skipped_files.empty());
    CHECK(journal_of(*joined.vault) == journal_of(*f.b));
}
