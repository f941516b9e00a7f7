// Issue 7: nothing lost under concurrency and damage. Quick notes racing unlocking readers,
// a damaged manifest that must block writes until repair, verify under concurrent writes,
// a recovery key that opens a vault whose passphrase wrap is damaged, capped KDF costs, and a
// capture key that is bound to the master key.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <set>

#include "crypto/sealed_box.hpp"
#include "journal/keyring.hpp"
#include "journal/vault.hpp"
#include "tests/journal/key_rows.hpp"
#include "tests/journal/tmpfs.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using afterglow::test::TempDir;

namespace {

const char* kPass = "correct horse";

using test::column_bytes;
using test::read_key_rows;
using test::write_key_rows;
using test::fill_disk;
using test::mount_or_skip;
using test::Tmpfs;

void flip_manifest_byte(const std::filesystem::path& path) {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    auto blob = column_bytes(db.execAndGet("SELECT blob FROM manifest"));
    blob[blob.size() / 2] ^= 0x20;
    SQLite::Statement q(db, "UPDATE manifest SET blob = ?");
    q.bind(1, blob.data(), static_cast<int>(blob.size()));
    q.exec();
}

std::unique_ptr<Vault> unlocked(const std::filesystem::path& path) {
    auto v = Vault::open(path);
    REQUIRE(v.ok());
    REQUIRE((*v)->unlock(kPass).ok());
    return std::move(*v);
}

bool names(const std::vector<Problem>& ps, const std::string& id) {
    return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) { return p.record_id == id; });
}

// A vault at FS/v.afterglow holding one entry, BODY.
std::filesystem::path vault_with_entry(const Tmpfs& fs, const std::string& body) {
    auto path = fs.path() / "v.afterglow";
    test::add_entry(*test::make_vault(path, kPass), body);
    return path;
}

// Creates a vault at PATH (holding an entry BODY unless it is empty); returns its recovery key.
std::string create_with_recovery(const std::filesystem::path& path, const std::string& body = {}) {
    auto created = Vault::create(path, kPass, test::fast_options());
    REQUIRE(created.ok());
    if (!body.empty()) test::add_entry(*created->vault, body);
    return created->recovery_key;
}

// Opens PATH and unlocks it: it holds the one entry; a new one is refused with CODE and a
// message that SAYS so.
void check_reads_but_refuses(const std::filesystem::path& path, Errc code, const char* says) {
    auto v = Vault::open(path);
    REQUIRE_MESSAGE(v.ok(), test::error_of(v));
    REQUIRE((*v)->unlock(kPass).ok());
    REQUIRE((*v)->entries().size() == 1);
    Entry e;
    e.body = "cannot land";
    auto saved = (*v)->save(e);
    REQUIRE_FALSE(saved.ok());
    CHECK(saved.error().code == code);
    CHECK(saved.error().message.find(says) != std::string::npos);
    if (code == Errc::read_only) {
        CHECK((*v)->read_only());
        CHECK((*v)->entries()[0].body == "written before the media became read-only");
        CHECK((*v)->capture({"", "nor this", {}}).error().code == Errc::read_only);
    }
}

int wait_exit(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("quick notes racing two unlocking readers are merged exactly once (300 notes)") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    { auto v = test::make_vault(path, kPass); }
    const int notes = 300;
    const pid_t capturer = fork();
    REQUIRE(capturer >= 0);
    if (capturer == 0) {
        auto v = Vault::open(path);
        if (!v) _exit(2);
        for (int i = 0; i < notes; ++i)
            if (!(*v)->capture({"race", "note #" + std::to_string(i), {}})) _exit(3);
        _exit(0);
    }
    std::vector<pid_t> readers;
    for (int r = 0; r < 2; ++r) {
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            // Unlock (and so merge) again and again until the capturer is gone.
            for (int round = 0; round < 400 && kill(capturer, 0) == 0; ++round) {
                auto v = Vault::open(path);
                if (!v || !(*v)->unlock(kPass)) _exit(4);
                (*v)->lock();
            }
            _exit(0);
        }
        readers.push_back(pid);
    }
    CHECK(wait_exit(capturer) == 0);
    for (pid_t pid : readers) CHECK(wait_exit(pid) == 0);
    auto v = unlocked(path);
    CHECK(v->captures_pending() == 0);
    std::map<std::string, int> seen;
    for (const auto& e : v->entries()) ++seen[e.body];
    int lost = 0, duplicated = 0;
    for (int i = 0; i < notes; ++i) {
        const int n = seen["note #" + std::to_string(i)];
        lost += n == 0;
        duplicated += n > 1 ? n - 1 : 0;
    }
    CHECK(lost == 0);
    CHECK(duplicated == 0);
    CHECK(static_cast<int>(v->entries().size()) == notes);
    CHECK(v->problems().empty());
}

TEST_CASE("a capture copied to another row is refused and the original merges once") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    { auto v = test::make_vault(path, kPass); }
    {
        auto v = Vault::open(path);
        REQUIRE((*v)->capture({"t", "only once", {}}).ok());
    }
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        db.exec("INSERT INTO captures(id, blob) SELECT randomblob(16), blob FROM captures");
        CHECK(db.execAndGet("SELECT count(*) FROM captures").getInt() == 2);
    }
    auto v = unlocked(path);
    REQUIRE(v->entries().size() == 1);
    CHECK(v->entries()[0].body == "only once");
    CHECK(std::any_of(v->problems().begin(), v->problems().end(),
                      [](const Problem& p) { return p.record_id.rfind("capture:", 0) == 0; }));
}

TEST_CASE("a damaged manifest blocks writes until repair and then every entry is back") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    std::set<std::string> bodies;
    {
        auto v = test::make_vault(path, kPass);
        for (int i = 0; i < 4; ++i) {
            Entry e;
            e.title = "entry " + std::to_string(i);
            e.body = "body " + std::to_string(i);
            REQUIRE(v->save(e).ok());
            bodies.insert(e.body);
        }
    }
    flip_manifest_byte(path);
    {
        auto v = unlocked(path);
        CHECK(v->needs_repair());
        CHECK(names(v->problems(), "manifest"));
        CHECK(v->entries().size() == 4);  // readable, not writable
        Entry e;
        e.body = "written after the damage";
        auto saved = v->save(e);
        REQUIRE_FALSE(saved.ok());
        CHECK(saved.error().code == Errc::damaged);
        CHECK(saved.error().message.find("repair") != std::string::npos);
        REQUIRE(v->capture({"", "a note while damaged", {}}).ok());  // kept for later
    }
    {
        // The refused save changed nothing: the next unlock sees the same four entries.
        auto v = unlocked(path);
        CHECK(v->entries().size() == 4);
        CHECK(v->captures_pending() == 1);
        auto report = v->repair();
        REQUIRE(report.ok());
        CHECK_FALSE(report->manifest_was_readable);
        CHECK(report->relisted.size() == 4);
        CHECK(report->listed == 4);
        CHECK(report->damaged.empty());
        REQUIRE(report->changed());
        REQUIRE(std::filesystem::exists(report->backup));
        struct stat st {};
        REQUIRE(stat(report->backup.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
        CHECK_FALSE(v->needs_repair());
        CHECK(v->entries().size() == 5);  // the pending note merged after the repair
        Entry e;
        e.body = "after repair";
        REQUIRE(v->save(e).ok());
    }
    auto v = unlocked(path);
    CHECK(v->problems().empty());
    std::set<std::string> now;
    for (const auto& e : v->entries()) now.insert(e.body);
    for (const auto& b : bodies) CHECK(now.count(b) == 1);
    CHECK(now.count("after repair") == 1);
    CHECK(now.count("a note while damaged") == 1);
}

TEST_CASE("repair reports rolled-back and missing records by id") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    RecordId rolled, gone;
    {
        auto v = test::make_vault(path, kPass);
        Entry a;
        a.body = "version one";
        rolled = v->save(a).value();
        Entry b;
        b.body = "to be deleted behind our back";
        gone = v->save(b).value();
    }
    crypto::Bytes old_blob;
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        SQLite::Statement q(db, "SELECT blob FROM records WHERE id = ?");
        q.bind(1, rolled.bytes.data(), 16);
        REQUIRE(q.executeStep());
        old_blob = column_bytes(q.getColumn(0));
    }
    {
        auto v = unlocked(path);
        Entry a = *v->find_entry(rolled);
        a.body = "version two";
        REQUIRE(v->save(a).ok());
    }
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        SQLite::Statement up(db, "UPDATE records SET version = 1, blob = ? WHERE id = ?");
        up.bind(1, old_blob.data(), static_cast<int>(old_blob.size()));
        up.bind(2, rolled.bytes.data(), 16);
        CHECK(up.exec() == 1);
        SQLite::Statement del(db, "DELETE FROM records WHERE id = ?");
        del.bind(1, gone.bytes.data(), 16);
        CHECK(del.exec() == 1);
    }
    auto v = unlocked(path);
    CHECK(names(v->problems(), rolled.hex()));
    CHECK(names(v->problems(), gone.hex()));
    auto report = v->repair();
    REQUIRE(report.ok());
    CHECK(report->manifest_was_readable);
    CHECK(report->rolled_back == std::vector<std::string>{rolled.hex()});
    CHECK(report->missing == std::vector<std::string>{gone.hex()});
    CHECK(v->problems().empty());
    REQUIRE(v->find_entry(rolled));
    CHECK(v->find_entry(rolled)->body == "version one");
}

TEST_CASE("verify reports no false damage while another process writes") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    {
        auto v = test::make_vault(path, kPass);
        for (int i = 0; i < 20; ++i) {
            Entry e;
            e.body = "seed " + std::to_string(i);
            REQUIRE(v->save(e).ok());
        }
    }
    const pid_t writer = fork();
    REQUIRE(writer >= 0);
    if (writer == 0) {
        auto v = Vault::open(path);
        if (!v || !(*v)->unlock(kPass)) _exit(2);
        for (int i = 0;; ++i) {
            Entry e;
            e.body = "concurrent " + std::to_string(i);
            if (!(*v)->save(e)) _exit(3);
        }
    }
    auto v = unlocked(path);
    int false_alarms = 0;
    for (int i = 0; i < 60; ++i) {
        auto report = v->verify();
        REQUIRE(report.ok());
        if (!report->ok()) ++false_alarms;
    }
    kill(writer, SIGKILL);
    CHECK(wait_exit(writer) == 128 + SIGKILL);  // still writing until killed
    CHECK(false_alarms == 0);
}

TEST_CASE("the recovery key opens a vault whose passphrase wrap is damaged, and heals it") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    const std::string recovery = create_with_recovery(path, "kept safe");
    auto rows = read_key_rows(path);
    rows["wrap_passphrase"][5] ^= 0x01;  // checksum no longer matches
    write_key_rows(path, rows);
    {
        auto v = Vault::open(path);
        REQUIRE(v.ok());
        auto st = (*v)->unlock(kPass);
        REQUIRE_FALSE(st.ok());
        CHECK(st.error().code == Errc::damaged);
        CHECK(st.error().subject == "key:wrap_passphrase");
        CHECK(st.error().message.find("recovery key") != std::string::npos);
        REQUIRE((*v)->unlock_with_recovery_key(recovery).ok());
        REQUIRE((*v)->entries().size() == 1);
        REQUIRE((*v)->change_passphrase("a new passphrase").ok());
    }
    auto v = Vault::open(path);
    REQUIRE((*v)->unlock("a new passphrase").ok());
    CHECK((*v)->entries()[0].body == "kept safe");
    auto report = (*v)->verify();
    REQUIRE(report.ok());
    CHECK(report->ok());
}

TEST_CASE("a damaged checksums row does not stop the recovery key") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    const std::string recovery = create_with_recovery(path);
    auto rows = read_key_rows(path);
    rows["checksums"].resize(7);
    write_key_rows(path, rows);
    auto v = Vault::open(path);
    REQUIRE(v.ok());
    CHECK((*v)->unlock(kPass).error().code == Errc::damaged);
    CHECK((*v)->unlock_with_recovery_key(recovery).ok());
}

TEST_CASE("key-derivation costs above what this build would calibrate are refused at once") {
    using crypto::KdfParams;
    auto p = KdfParams::with_limits(64, 4ull << 30);  // the crafted file of issue 7
    CHECK(crypto::check_kdf_params(p).error().code == Errc::kdf_limits);
    p = KdfParams::with_limits(3, 3ull << 30);  // memory over 2 GiB
    CHECK_FALSE(crypto::check_kdf_params(p).ok());
    p = KdfParams::with_limits(40, 1ull << 30);  // memory × passes over the cap
    CHECK_FALSE(crypto::check_kdf_params(p).ok());
    p = KdfParams::with_limits(4, 1ull << 30);  // the strong preset
    CHECK(crypto::check_kdf_params(p).ok());
    p = KdfParams::with_limits(8, 256ull << 20);  // the default on a slow machine
    CHECK(crypto::check_kdf_params(p).ok());

    TempDir dir;
    auto path = dir / "v.afterglow";
    { auto v = test::make_vault(path, kPass); }
    auto rows = read_key_rows(path);
    rows["kdf_memlimit"] = keyring::encode_u64(4ull << 30);
    rows["kdf_opslimit"] = keyring::encode_u64(64);
    keyring::seal_checksums(rows);
    write_key_rows(path, rows);
    auto v = Vault::open(path);
    REQUIRE(v.ok());
    CHECK(test::fails_with((*v)->unlock(kPass), Errc::kdf_limits));
}

TEST_CASE("a swapped capture public key is found and restored at unlock") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    crypto::Bytes original;
    { auto v = test::make_vault(path, kPass); }
    auto rows = read_key_rows(path);
    original = rows["box_public"];
    auto attacker = crypto::box_keypair();
    rows["box_public"] = attacker.public_key;
    keyring::seal_checksums(rows);  // a consistent forgery
    write_key_rows(path, rows);
    {
        // A locked capture can only use the stored key: the attacker could read this note.
        auto v = Vault::open(path);
        REQUIRE((*v)->capture({"", "sealed to the swapped key", {}}).ok());
    }
    {
        auto v = unlocked(path);
        CHECK(names(v->problems(), "key:box_public"));
        CHECK(read_key_rows(path)["box_public"] == original);  // healed on disk
        // Unlocked, capture seals to the key derived from the master key.
        REQUIRE(v->capture({"", "after healing", {}}).ok());
    }
    auto v = unlocked(path);
    REQUIRE(v->entries().size() == 1);
    CHECK(v->entries()[0].body == "after healing");
    CHECK_FALSE(names(v->problems(), "key:box_public"));
}

TEST_CASE("a vault on read-only media reads fine and refuses changes clearly") {
    TempDir dir;
    Tmpfs fs(dir / "media", "4m");
    if (!mount_or_skip(fs)) return;
    auto path = vault_with_entry(fs, "written before the media became read-only");
    REQUIRE(fs.remount_read_only());
    check_reads_but_refuses(path, Errc::read_only, "changes are disabled");
}

TEST_CASE("on a full disk reads work and writes say the disk is full, losing nothing") {
    TempDir dir;
    Tmpfs fs(dir / "small", "2m");
    if (!mount_or_skip(fs)) return;
    auto path = vault_with_entry(fs, "saved while there was room");
    SUBCASE("opened after the disk filled up") {
        fill_disk(fs.path() / "filler");
        check_reads_but_refuses(path, Errc::disk_full, "disk is full");
    }
    SUBCASE("already open when the disk filled up") {
        auto v = unlocked(path);
        fill_disk(fs.path() / "filler");
        int refused = 0;
        for (int i = 0; i < 40; ++i) {  // the WAL may have room for a few
            Entry e;
            e.body = "filling " + std::to_string(i) + std::string(8000, 'y');
            auto saved = v->save(e);
            if (!saved) {
                CHECK(saved.error().code == Errc::disk_full);
                ++refused;
            }
        }
        CHECK(refused > 0);
    }
    std::filesystem::remove(fs.path() / "filler");
    auto v = unlocked(path);
    CHECK(std::any_of(v->entries().begin(), v->entries().end(),
                      [](const Entry& e) { return e.body == "saved while there was room"; }));
    auto report = v->verify();
    REQUIRE(report.ok());
    CHECK(report->ok());
    Entry e;
    e.body = "room again";
    CHECK(v->save(e).ok());
}
