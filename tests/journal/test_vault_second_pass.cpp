// Issue 17 in the vault library: a crash-left -wal on read-only media (item 4), keyed id
// hashing (item 5), a FIFO path (item 12), repair copies that never collide or stay behind
// empty (item 9), a damaged record removed after a copy is kept (item 10).
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optional>
#include <set>
#include <unordered_set>

#include "journal/time.hpp"
#include "journal/vault.hpp"
#include "tests/journal/tmpfs.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using afterglow::test::TempDir;
using afterglow::test::Tmpfs;

namespace {

const char* kPass = "correct horse";

std::unique_ptr<Vault> unlocked(const std::filesystem::path& path) {
    auto v = Vault::open(path);
    REQUIRE_MESSAGE(v.ok(), test::error_of(v));
    REQUIRE((*v)->unlock(kPass).ok());
    return std::move(*v);
}

// A writer that saves `total` entries and dies without closing (as after kill -9): the last
// ones are committed in the -wal only.
void crash_after_saving(const std::filesystem::path& path, int total) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        auto v = Vault::open(path);
        if (!v || !(*v)->unlock(kPass)) _exit(2);
        for (int i = 0; i < total; ++i) {
            Entry e;
            e.body = "entry " + std::to_string(i);
            if (!(*v)->save(e)) _exit(3);
        }
        _exit(0);  // no lock(), no checkpoint: the -wal keeps the commits
    }
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
}

void flip_manifest_byte(const std::filesystem::path& path) {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE manifest SET blob = CAST(randomblob(length(blob)) AS BLOB)");
}

std::set<std::string> files_in(const std::filesystem::path& dir, const std::string& part) {
    std::set<std::string> out;
    for (const auto& f : std::filesystem::directory_iterator(dir))
        if (f.path().filename().string().find(part) != std::string::npos) out.insert(f.path().string());
    return out;
}

}  // namespace

TEST_CASE("a crash-left -wal on read-only media is read, not dropped (9 of 9 entries)") {
    TempDir dir;
    Tmpfs fs(dir / "media", "8m");
    if (!test::mount_or_skip(fs)) return;
    auto path = fs.path() / "v.afterglow";
    { auto v = test::make_vault(path, kPass); }  // closed cleanly: the main file has the keys
    crash_after_saving(path, 9);
    const auto wal = path.string() + "-wal";
    REQUIRE(std::filesystem::file_size(wal) > 32);
    bool without_shm = false;  // then only a private copy of both files can be read
    SUBCASE("without its -shm file (copied, or the media's driver dropped it)") {
        std::filesystem::remove(path.string() + "-shm");
        without_shm = true;
    }
    SUBCASE("with its -shm file") {}
    REQUIRE(fs.remount_read_only());
    // A TMPDIR of this test's own, so the private copy is seen (and its removal checked) here.
    const auto tmp = dir / "tmp";
    std::filesystem::create_directory(tmp);
    struct TmpdirFor {
        std::optional<std::string> old;
        explicit TmpdirFor(const std::filesystem::path& p) {
            if (const char* t = std::getenv("TMPDIR")) old = t;
            ::setenv("TMPDIR", p.c_str(), 1);
        }
        ~TmpdirFor() { old ? (void)::setenv("TMPDIR", old->c_str(), 1) : (void)::unsetenv("TMPDIR"); }
    } tmpdir(tmp);
    auto v = unlocked(path);
    CHECK(v->read_only());
    CHECK(v->entries().size() == 9);
    CHECK(files_in(tmp, "afterglow-wal-").size() == (without_shm ? 1u : 0u));
    auto report = v->verify();
    REQUIRE(report.ok());
    CHECK(report->ok());
    Entry e;
    e.body = "refused";
    CHECK(v->save(e).error().code == Errc::read_only);
    v.reset();
    CHECK(files_in(tmp, "afterglow-wal-").empty());  // the private copy is gone once closed
}

TEST_CASE("record ids sharing their first 8 bytes still hash apart (keyed hash)") {
    std::unordered_set<std::size_t> hashes;
    RecordIdHash h;
    for (int i = 0; i < 1000; ++i) {
        RecordId id;  // the same 8 leading bytes, as a crafted backup could choose
        id.bytes.fill(0xab);
        id.bytes[15] = static_cast<std::uint8_t>(i);
        id.bytes[14] = static_cast<std::uint8_t>(i >> 8);
        hashes.insert(h(id));
    }
    CHECK(hashes.size() >= 999);
}

TEST_CASE("a FIFO or device is refused as a vault at once") {
    TempDir dir;
    const auto fifo = dir / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    auto v = Vault::open(fifo);  // before the fix: blocked forever here
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().code == Errc::not_afterglow);
    CHECK(v.error().message.find("not a regular file") != std::string::npos);
    CHECK(Vault::open("/dev/null").error().code == Errc::not_afterglow);
}

TEST_CASE("repairs within one second get distinct copies") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    { auto v = test::make_vault(path, kPass); Entry e; e.body = "x"; REQUIRE(v->save(e).ok()); }
    // The names a repair this second (or the next two) would pick first are taken already.
    const auto t = now().utc;
    for (std::int64_t s = 0; s < 3; ++s)
        test::write_file(path.string() + ".before-repair-" + format_utc(t + s, "%Y%m%dT%H%M%SZ"), "");
    std::set<std::string> copies;
    for (int round = 0; round < 3; ++round) {
        flip_manifest_byte(path);
        auto v = unlocked(path);
        REQUIRE(v->needs_repair());
        auto report = v->repair();
        REQUIRE_MESSAGE(report.ok(), test::error_of(report));
        CHECK(std::filesystem::file_size(report->backup) > 0);
        copies.insert(report->backup.string());
    }
    CHECK(copies.size() == 3);
}

TEST_CASE("a repair whose copy fails leaves no empty copy behind") {
    TempDir dir;
    Tmpfs fs(dir / "small", "2m");
    if (!test::mount_or_skip(fs)) return;
    auto path = fs.path() / "v.afterglow";
    {
        auto v = test::make_vault(path, kPass);
        Entry e;
        e.body = std::string(200000, 'z');  // the copy needs room the full disk lacks
        REQUIRE(v->save(e).ok());
    }
    flip_manifest_byte(path);
    auto v = unlocked(path);
    REQUIRE(v->needs_repair());
    test::fill_disk(fs.path() / "filler");
    auto report = v->repair();
    CHECK_FALSE(report.ok());
    CHECK(files_in(fs.path(), "before-repair").empty());
    std::filesystem::remove(fs.path() / "filler");
    auto retry = v->repair();
    REQUIRE_MESSAGE(retry.ok(), test::error_of(retry));
    CHECK(files_in(fs.path(), "before-repair").size() == 1);
    CHECK(v->entries().size() == 1);
}

TEST_CASE("remove_damaged deletes only a record that fails authentication") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    RecordId bad, good;
    {
        auto v = test::make_vault(path, kPass);
        Entry a, b;
        a.body = "a";
        b.body = "b";
        bad = *v->save(a);
        good = *v->save(b);
    }
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        SQLite::Statement q(db, "UPDATE records SET blob = zeroblob(length(blob)) WHERE id = ?");
        q.bind(1, bad.bytes.data(), 16);
        REQUIRE(q.exec() == 1);
    }
    auto v = unlocked(path);
    CHECK(v->remove_damaged(good).error().code == Errc::not_found);
    auto copy = v->remove_damaged(bad);
    REQUIRE_MESSAGE(copy.ok(), test::error_of(copy));
    CHECK(std::filesystem::file_size(*copy) > 0);
    CHECK(v->problems().empty());
    auto report = v->verify();
    REQUIRE(report.ok());
    CHECK(report->ok());
    REQUIRE(v->entries().size() == 1);
    CHECK(v->entries()[0].body == "b");
}
