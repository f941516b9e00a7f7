// The rules that keep entries (docs/sync.md §4), one test each, through real vaults and a
// real folder store; and the canary: no text written on any device appears in the store.
#include <filesystem>

#include "journal/sync/segment.hpp"
#include "sync_fixture.hpp"
#include "tests/support/canary.hpp"

using namespace afterglow;
using namespace afterglow::test;
namespace fs = std::filesystem;

namespace {

// A store whose every call, or only its writes, fail with `code`.
class BrokenStore : public sync::Store {
public:
    BrokenStore(sync::Store& inner, Errc code, bool reads_too) : inner_(inner), code_(code), reads_(reads_too) {}
    Result<std::vector<sync::StoreEntry>> list() override {
        if (reads_) return make_error(code_, "connection refused");
        return inner_.list();
    }
    Result<crypto::Bytes> get(const std::string& n) override {
        if (reads_) return make_error(code_, "connection refused");
        return inner_.get(n);
    }
    Status put(const std::string& n, const crypto::Bytes&) override { return make_error(code_, "refused", n); }
    Status remove(const std::string& n) override { return make_error(code_, "refused", n); }
    std::string describe() const override { return inner_.describe(); }

private:
    sync::Store& inner_;
    Errc code_;
    bool reads_;
};

std::vector<std::string> segments_in(const fs::path& root) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file() && e.path().extension() == ".seg") out.push_back(fs::relative(e.path(), root).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE_FIXTURE(SyncDevices, "sync safety 1: an empty, new, swapped or unreachable store never deletes or hides an entry") {
    for (int i = 0; i < 5; ++i) REQUIRE(a->save(entry("entry " + std::to_string(i), "kept")).ok());
    must_sync(*a, store);
    auto b = join("b");
    REQUIRE(b->entries().size() == 5);

    SUBCASE("emptied: nothing local goes, and the store gets everything again") {
        fs::remove_all(dir / "store");
        auto r = must_sync(*b, store);
        CHECK(b->entries().size() == 5);
        CHECK(r.sent == 0);  // b's own segments: none were written, nothing to rewrite
        must_sync(*a, store);
        CHECK(a->entries().size() == 5);
        auto c = join("c");
        CHECK(c->entries().size() == 5);
    }
    SUBCASE("swapped for another journal's folder: refused by name, nothing changed on either side") {
        sync::FolderStore other(dir / "other");
        auto x = make_vault(dir / "x.afterglow");
        REQUIRE(x->save(entry("someone else's", "other journal")).ok());
        must_sync(*x, other);
        const auto before = segments_in(dir / "other");
        auto r = sync::sync_once(*a, other);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("This folder holds another journal") != std::string::npos);
        CHECK(a->entries().size() == 5);
        CHECK(segments_in(dir / "other") == before);
    }
    SUBCASE("unreachable: a clear error, the journal untouched, the next sync catches up") {
        BrokenStore down(store, Errc::io, true);
        REQUIRE(a->save(entry("while offline", "written offline")).ok());
        auto r = sync::sync_once(*a, down);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("Your journal is safe on this device") != std::string::npos);
        CHECK(a->entries().size() == 6);
        auto st = sync::status(*a);
        REQUIRE(st.ok());
        CHECK_FALSE(st->last_ok);
        sync_in_turn(a, b);
        CHECK(by_title(*b, "while offline"));
    }
}

TEST_CASE_FIXTURE(SyncDevices, "sync safety 2: an old copy of the store never rewinds a device") {
    REQUIRE(a->save(entry("early", "before the backup")).ok());
    must_sync(*a, store);
    auto b = join("b");
    fs::copy(dir / "store", dir / "old-copy", fs::copy_options::recursive);
    REQUIRE(a->save(entry("late", "after the backup")).ok());
    sync_in_turn(a, b);
    REQUIRE(by_title(*b, "late"));
    fs::remove_all(dir / "store");
    fs::copy(dir / "old-copy", dir / "store", fs::copy_options::recursive);  // restored backup

    auto rb = must_sync(*b, store);
    CHECK(by_title(*b, "late"));  // still there
    bool named = false;
    for (const auto& f : rb.skipped_files) named = named || f.reason.find("fewer segments") != std::string::npos;
    CHECK(named);
    auto ra = must_sync(*a, store);  // a finds its segment gone and writes its journal again
    CHECK(ra.bytes_written > 0);
    auto c = join("c");
    CHECK(by_title(*c, "late"));
    CHECK(by_title(*c, "early"));
}

TEST_CASE_FIXTURE(SyncDevices, "sync safety 3: a segment that fails authentication is named and skipped, the rest syncs") {
    must_sync(*a, store);
    auto b = join("b");
    auto c = join("c");
    REQUIRE(a->save(entry("from a", "fine")).ok());
    REQUIRE(b->save(entry("from b", "damaged on the way")).ok());
    sync_in_turn(a, b);
    auto st_b = sync::status(*b);
    REQUIRE(st_b.ok());
    const auto bad = sync::segment_name(st_b->device_id, 1);
    const auto whole = read_file(dir / "store" / bad);

    SUBCASE("a flipped byte: named and skipped, the other device's changes still arrive") {
        auto bytes = whole;
        bytes[bytes.size() / 2] ^= 0x40;
        write_file(dir / "store" / bad, bytes);
        auto r = must_sync(*c, store);
        CHECK(by_title(*c, "from a"));
        CHECK_FALSE(by_title(*c, "from b"));
        bool named = false;
        for (const auto& f : r.skipped_files)
            named = named || (f.name == bad && f.reason.find("fails authentication") != std::string::npos);
        CHECK(named);
    }
    SUBCASE("cut short: skipped, and its writer finds it and writes its journal again") {
        write_file(dir / "store" / bad, whole.substr(0, whole.size() - 100));
        must_sync(*c, store);
        CHECK(by_title(*c, "from a"));
        CHECK_FALSE(by_title(*c, "from b"));
        sync_in_turn(b, c);
        CHECK(by_title(*c, "from b"));
    }
}

TEST_CASE_FIXTURE(SyncDevices, "sync safety 4: a full or read-only store gives a clear message and local work goes on") {
    must_sync(*a, store);
    auto b = join("b");
    for (auto [code, words] : {std::pair{Errc::disk_full, "The sync folder is full"},
                               std::pair{Errc::read_only, "cannot be written"}}) {
        CAPTURE(words);
        BrokenStore full(store, code, false);
        REQUIRE(a->save(entry(std::string("saved while ") + words, "kept")).ok());
        auto r = sync::sync_once(*a, full);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == code);
        CHECK(r.error().message.find(words) != std::string::npos);
        CHECK(r.error().message.find("your journal is safe here") != std::string::npos);
        REQUIRE(a->save(entry(std::string("and after ") + words, "still works")).ok());
        must_sync(*a, store);  // room again: both reach the other device
        must_sync(*b, store);
        CHECK(by_title(*b, std::string("saved while ") + words));
        CHECK(by_title(*b, std::string("and after ") + words));
    }
}

TEST_CASE_FIXTURE(SyncDevices, "sync safety 5: an interrupted upload never leaves half a segment that others read") {
    must_sync(*a, store);
    auto b = join("b");
    REQUIRE(a->save(entry("uploading", "the whole of it")).ok());
    must_sync(*a, store);
    const auto name = segments_in(dir / "store").back();  // a's only segment
    const auto whole = read_file(dir / "store" / name);
    // A crash inside FolderStore::put leaves only its temporary file: never listed.
    fs::remove(dir / "store" / name);
    write_file(dir / "store" / (name + ".tmp-0badc0ffee00"), whole.substr(0, whole.size() / 2));
    auto listing = store.list();
    REQUIRE(listing.ok());
    for (const auto& e : *listing) CHECK(e.name.find(".tmp-") == std::string::npos);
    // A store without atomic writes shows half the file for a while: skipped, read later.
    write_file(dir / "store" / name, whole.substr(0, whole.size() / 2));
    auto r = must_sync(*b, store);
    CHECK_FALSE(by_title(*b, "uploading"));
    CHECK_FALSE(r.skipped_files.empty());
    write_file(dir / "store" / name, whole);
    must_sync(*b, store);
    CHECK(by_title(*b, "uploading"));
}

TEST_CASE_FIXTURE(SyncDevices, "sync: the store's hidden housekeeping files are neither read nor reported, a conflict copy is") {
    REQUIRE(a->save(entry("kept", "beside the server's leftovers")).ok());
    must_sync(*a, store);
    const auto name = segments_in(dir / "store").back();
    const auto whole = read_file(dir / "store" / name);
    // What a WebDAV server killed mid-upload leaves (Apache: .davfs.tmpNNNN, half the body),
    // what Syncthing keeps (.stversions/ with an old copy, a transfer's .syncthing.*.tmp), a Mac's .DS_Store.
    write_file(dir / "store" / ".davfs.tmp122521", whole.substr(0, whole.size() / 2));
    const auto dev = fs::path(name).parent_path();
    fs::create_directories(dir / "store" / ".stversions" / dev);
    write_file(dir / "store" / ".stversions" / dev / "0000000001~20261207-060000.seg", whole);
    write_file(dir / "store" / dev / ".syncthing.0000000002.seg.tmp", whole.substr(0, 100));
    write_file(dir / "store" / ".DS_Store", "Bud1");
    auto b = join("b");
    REQUIRE(by_title(*b, "kept"));
    auto r = must_sync(*b, store);
    CHECK(r.skipped_files.empty());
    for (const auto& f : r.skipped_files) MESSAGE("skipped " << f.name << ": " << f.reason);
    // A conflict copy of a journal file is still named (never merged).
    write_file(dir / "store" / (name + ".sync-conflict-20261207-060000-ABCDEFG"), whole);
    r = must_sync(*b, store);
    REQUIRE(r.skipped_files.size() == 1);
    CHECK(r.skipped_files[0].name.find(".sync-conflict-") != std::string::npos);
}

TEST_CASE_FIXTURE(SyncDevices, "sync safety: a vault file older than what it synced catches up from its own segments") {
    REQUIRE(a->save(entry("one", "first")).ok());
    must_sync(*a, store);
    a->lock();
    fs::copy_file(dir / "a.afterglow", dir / "a-backup.afterglow");
    REQUIRE(a->unlock("correct horse").ok());
    REQUIRE(a->save(entry("two", "after the backup")).ok());
    must_sync(*a, store);
    a.reset();
    fs::remove(dir / "a.afterglow");
    for (const char* s : {"-wal", "-shm"}) fs::remove(dir / (std::string("a.afterglow") + s));
    fs::copy_file(dir / "a-backup.afterglow", dir / "a.afterglow");  // the old file is back
    auto opened = journal::Vault::open(dir / "a.afterglow");
    REQUIRE(opened.ok());
    auto restored = std::move(*opened);
    REQUIRE(restored->unlock("correct horse").ok());
    CHECK_FALSE(by_title(*restored, "two"));
    must_sync(*restored, store);
    CHECK(by_title(*restored, "two"));
}

TEST_CASE_FIXTURE(SyncDevices, "sync: a canary written on every device appears in no file of the store") {
    const std::string canary = "Zebracanary7Q";
    must_sync(*a, store);
    auto b = join("b");
    auto c = join("c");
    int n = 0;
    for (auto* v : {a.get(), b.get(), c.get()}) {
        auto e = entry(canary + " title " + std::to_string(++n), "body with " + canary);
        e.tags = {canary};
        e.emotions = {canary};
        REQUIRE(v->save(e).ok());
        journal::Session s;
        s.provider = canary;
        s.notes = canary;
        REQUIRE(v->save(s).ok());
    }
    for (int round = 0; round < 2; ++round)
        for (auto* v : {a.get(), b.get(), c.get()}) must_sync(*v, store);
    REQUIRE(a->entries().size() == 3);
    CHECK(segments_in(dir / "store").size() >= 3);
    const auto hits = canary_hits(dir / "store", canary);
    CHECK_MESSAGE(hits.empty(), hits.front());
    // The scan itself finds the canary where it is written in clear.
    write_file(dir / "probe.txt", "x" + canary);
    CHECK_FALSE(canary_hits(dir / "probe.txt", canary).empty());
}
