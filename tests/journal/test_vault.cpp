// The vault against a real SQLite file on disk with real crypto.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "crypto/recovery_key.hpp"
#include "journal/merge.hpp"
#include "journal/vault.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using afterglow::test::TempDir;

namespace {

std::unique_ptr<Vault> reopen(const std::filesystem::path& p, const std::string& pass = "correct horse") {
    auto v = Vault::open(p);
    REQUIRE_MESSAGE(v.ok(), test::error_of(v));
    auto st = (*v)->unlock(pass);
    REQUIRE_MESSAGE(st.ok(), test::error_of(st));
    return std::move(v.value());
}

Entry entry(const std::string& title, const std::string& body, EntryKind kind = EntryKind::reflection) {
    Entry e;
    e.title = title;
    e.body = body;
    e.kind = kind;
    return e;
}

}  // namespace

TEST_CASE("create, save, reopen: every record kind survives on disk") {
    TempDir dir;
    auto path = dir / "journal.afterglow";
    RecordId eid, sid, cid, gid;
    {
        auto v = test::make_vault(path);
        Session s;
        s.kind = SessionKind::medicine;
        s.route = Route::im;
        s.scheduled = Timestamp{1795600800, "Europe/Berlin"};
        s.provider = "Dr. Ada";
        sid = v->save(s).value();
        Entry e = entry("First light", "I felt held.", EntryKind::integration);
        e.session = sid;
        e.tags = {"ocean"};
        e.emotions = {"calm"};
        e.actions = {{"walk at dawn", false}};
        eid = v->save(e).value();
        CheckIn c;
        c.at = now();
        c.scores = {{"mood", 7, 0, 10}};
        cid = v->save(c).value();
        Goal g;
        g.title = "Reconnect with my sister";
        gid = v->save(g).value();
        CHECK(v->problems().empty());
    }
    auto v = reopen(path);
    REQUIRE(v->entries().size() == 1);
    const Entry* e = v->find_entry(eid);
    REQUIRE(e);
    CHECK(e->title == "First light");
    CHECK(e->body == "I felt held.");
    CHECK(e->session == sid);
    CHECK(e->tags == std::vector<std::string>{"ocean"});
    CHECK(e->meta.version == 1);
    CHECK(v->find_session(sid)->provider == "Dr. Ada");
    CHECK(v->find_session(sid)->scheduled->zone == "Europe/Berlin");
    CHECK(v->find_checkin(cid)->scores.at(0).value == 7);
    CHECK(v->find_goal(gid)->title == "Reconnect with my sister");
    CHECK(v->problems().empty());
}

TEST_CASE("update bumps the version and keeps created - remove deletes") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    auto v = test::make_vault(path);
    auto id = v->save(entry("a", "one")).value();
    Entry e = *v->find_entry(id);
    auto created = e.meta.created;
    e.body = "two";
    REQUIRE(v->save(e).ok());
    CHECK(v->find_entry(id)->meta.version == 2);
    CHECK(v->find_entry(id)->meta.created == created);
    CHECK(v->find_entry(id)->body == "two");
    REQUIRE(v->remove(id).ok());
    CHECK(v->find_entry(id) == nullptr);
    CHECK(v->remove(id).error().code == Errc::not_found);
    v.reset();
    auto again = reopen(path);
    CHECK(again->entries().empty());
    CHECK(again->problems().empty());
}

TEST_CASE("wrong passphrase is a clear error and the right one still works") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    { auto v = test::make_vault(path); REQUIRE(v->save(entry("t", "b")).ok()); }
    auto v = Vault::open(path);
    REQUIRE(v.ok());
    auto st = (*v)->unlock("Correct horse");
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == Errc::wrong_passphrase);
    CHECK(st.error().message.find("passphrase") != std::string::npos);
    CHECK_FALSE((*v)->unlocked());
    CHECK((*v)->entries().empty());
    REQUIRE((*v)->unlock("correct horse").ok());
    CHECK((*v)->entries().size() == 1);
}

TEST_CASE("locked vault refuses reads and writes - lock wipes the index") {
    TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    REQUIRE(v->save(entry("t", "b")).ok());
    v->lock();
    CHECK_FALSE(v->unlocked());
    CHECK(v->entries().empty());
    CHECK(v->search("b").empty());
    CHECK(test::fails_with(v->save(entry("x", "y")), Errc::locked));
}

TEST_CASE("recovery key unlocks - passphrase change keeps records and retires the old one") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    std::string recovery;
    {
        auto created = Vault::create(path, "old pass", test::fast_options());
        REQUIRE(created.ok());
        recovery = created->recovery_key;
        for (int i = 0; i < 5; ++i) REQUIRE(created->vault->save(entry("e" + std::to_string(i), "body")).ok());
        REQUIRE(created->vault->change_passphrase("new pass", std::nullopt, true).ok());
    }
    {
        auto v = Vault::open(path);
        REQUIRE(v.ok());
        CHECK((*v)->unlock("old pass").error().code == Errc::wrong_passphrase);
        REQUIRE((*v)->unlock("new pass").ok());
        CHECK((*v)->entries().size() == 5);
    }
    {
        auto v = Vault::open(path);
        REQUIRE((*v)->unlock_with_recovery_key(recovery).ok());
        CHECK((*v)->entries().size() == 5);
    }
    {
        // A typo in the recovery key reads as a typo, not as a wrong key.
        std::string typo = recovery;
        typo[0] = typo[0] == 'A' ? 'B' : 'A';
        auto v = Vault::open(path);
        auto st = (*v)->unlock_with_recovery_key(typo);
        REQUIRE_FALSE(st.ok());
        CHECK(st.error().message.find("typo") != std::string::npos);
        // A well-formed key of another vault is a wrong key.
        auto other = crypto::format_recovery_key(crypto::SecretBuffer::random(32));
        CHECK((*v)->unlock_with_recovery_key(other).error().code == Errc::wrong_passphrase);
    }
    {
        auto v = Vault::open(path);
        REQUIRE((*v)->unlock("new pass").ok());
        auto fresh = (*v)->rotate_recovery_key();
        REQUIRE(fresh.ok());
        (*v)->lock();
        CHECK((*v)->unlock_with_recovery_key(recovery).error().code == Errc::wrong_passphrase);
        CHECK((*v)->unlock_with_recovery_key(*fresh).ok());
    }
}

TEST_CASE("search: case- and accent-insensitive, all words must match, newest first") {
    TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    auto a = v->save(entry("Café by the sea", "The OCEAN was loud")).value();
    Entry b = entry("Evening", "quiet ocean, Zürich");
    b.tags = {"Grief"};
    auto bid = v->save(b).value();
    REQUIRE(v->save(entry("Other", "nothing here")).ok());
    CHECK(v->search("cafe") == std::vector<RecordId>{a});
    CHECK(v->search("ZURICH grief") == std::vector<RecordId>{bid});
    CHECK(v->search("ocean").size() == 2);
    CHECK(v->search("ocean loud") == std::vector<RecordId>{a});
    CHECK(v->search("absent").empty());
}

TEST_CASE("resolve accepts full ids and unique prefixes") {
    TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    auto id = v->save(entry("t", "b")).value();
    CHECK(v->resolve(id.hex()) == id);
    CHECK(v->resolve(id.hex().substr(0, 8)) == id);
    CHECK_FALSE(v->resolve("zz").has_value());
    CHECK_FALSE(v->resolve(RecordId::random().hex()).has_value());
}

TEST_CASE("drafts: encrypted autosave survives reopen and can be discarded") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    {
        auto v = test::make_vault(path);
        REQUIRE(v->save_draft("integration-editor", entry("draft title", "half a thought")).ok());
        CHECK(v->entries().empty());  // a draft is not a journal entry
    }
    auto v = reopen(path);
    auto d = v->load_draft("integration-editor");
    REQUIRE(d.has_value());
    CHECK(d->body == "half a thought");
    CHECK_FALSE(v->load_draft("other-slot").has_value());
    REQUIRE(v->discard_draft("integration-editor").ok());
    CHECK_FALSE(v->load_draft("integration-editor").has_value());
}

TEST_CASE("saving an entry ends its draft in the same transaction, and a refused save keeps it") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    auto v = test::make_vault(path);
    REQUIRE(v->save_draft("entry-new", entry("t", "typed before Save")).ok());
    // Refused (a version counter at its limit): nothing saved, the draft stays.
    Entry spent = entry("t", "typed before Save");
    spent.meta.id = RecordId::random();
    spent.meta.version = kMaxRecordVersion;
    auto refused = v->save(Record{spent}, "entry-new");
    REQUIRE_FALSE(refused.ok());
    CHECK(v->entries().empty());
    REQUIRE(v->load_draft("entry-new").has_value());
    auto saved = v->save(Record{entry("t", "typed before Save")}, "entry-new");
    REQUIRE_MESSAGE(saved.ok(), test::error_of(saved));
    CHECK_FALSE(v->load_draft("entry-new").has_value());
    v.reset();
    auto r = reopen(path);
    REQUIRE(r->entries().size() == 1);
    CHECK(r->entries()[0].body == "typed before Save");
    CHECK_FALSE(r->load_draft("entry-new").has_value());
}

TEST_CASE("quick capture works locked, cannot read back, and joins the journal at unlock") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    { auto v = test::make_vault(path); }
    {
        auto v = Vault::open(path);
        REQUIRE(v.ok());
        REQUIRE((*v)->capture({"after session", "colours and a long hallway", {}}).ok());
        REQUIRE((*v)->capture({"", "second note", {}}).ok());
        CHECK((*v)->captures_pending() == 2);
        CHECK((*v)->entries().empty());  // capture can add but never read
        CHECK((*v)->capture({"", "", {}}).error().code == Errc::invalid_argument);
    }
    auto v = reopen(path);
    CHECK(v->captures_pending() == 0);
    REQUIRE(v->entries().size() == 2);
    bool found = false;
    for (const auto& e : v->entries()) {
        CHECK(e.captured);
        CHECK(e.kind == EntryKind::session_note);
        if (e.body == "colours and a long hallway") found = e.title == "after session";
    }
    CHECK(found);
    CHECK(v->problems().empty());
    v.reset();
    CHECK(reopen(path)->entries().size() == 2);  // merged exactly once
}

TEST_CASE("files are created with mode 0600 and an existing file is never overwritten") {
    TempDir dir;
    auto path = dir / "sub" / "v.afterglow";
    auto v = test::make_vault(path);
    REQUIRE(v->save(entry("t", "b")).ok());
    for (const char* suffix : {"", "-wal", "-shm"}) {
        struct stat st{};
        auto p = path.string() + suffix;
        if (::stat(p.c_str(), &st) == 0) {
            CHECK_MESSAGE((st.st_mode & 0777) == 0600, p);
        } else {
            CHECK_MESSAGE(std::string(suffix) != "", "vault file missing");
        }
    }
    struct stat ds{};
    REQUIRE(::stat((dir / "sub").c_str(), &ds) == 0);
    CHECK((ds.st_mode & 0777) == 0700);
    auto again = Vault::create(path, "x", test::fast_options());
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message.find("will not overwrite") != std::string::npos);
}

TEST_CASE("bad files get clear errors: missing, empty, text, other SQLite app, newer schema") {
    TempDir dir;
    CHECK(Vault::open(dir / "nope").error().message.find("No vault") != std::string::npos);
    test::write_file(dir / "empty", "");
    CHECK(Vault::open(dir / "empty").error().code == Errc::not_afterglow);
    test::write_file(dir / "text", std::string(5000, 'a'));
    CHECK(Vault::open(dir / "text").error().code == Errc::not_afterglow);
    {
        SQLite::Database db((dir / "other.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE t(x)");
    }
    auto other = Vault::open(dir / "other.db");
    CHECK(other.error().code == Errc::not_afterglow);
    CHECK(other.error().message.find("not an Afterglow vault") != std::string::npos);

    auto path = dir / "v.afterglow";
    { auto v = test::make_vault(path); REQUIRE(v->save(entry("keep", "me")).ok()); }
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA user_version=99");
    }
    auto newer = Vault::open(path);
    REQUIRE_FALSE(newer.ok());
    CHECK(newer.error().code == Errc::newer_schema);
    CHECK(newer.error().message.find("newer version") != std::string::npos);
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        CHECK(db.execAndGet("PRAGMA user_version").getInt() == 99);  // nothing was changed
    }
}

TEST_CASE("non-UTF-8 and oversized text are refused with a message - nothing is lost") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    auto v = test::make_vault(path);
    auto keep = v->save(entry("keep", "me")).value();
    auto bad = v->save(entry("bad", std::string("caf\xe9 latin-1")));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == Errc::invalid_argument);
    CHECK(bad.error().message.find("UTF-8") != std::string::npos);
    auto huge = v->save(entry("huge", std::string(17u << 20, 'x')));
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().message.find("too large") != std::string::npos);
    // Large but allowed: a 20,000-word entry.
    std::string big;
    for (int i = 0; i < 20000; ++i) big += "word" + std::to_string(i % 97) + " ";
    auto ok = v->save(entry("long", big));
    REQUIRE(ok.ok());
    v.reset();
    auto again = reopen(path);
    CHECK(again->entries().size() == 2);
    CHECK(again->find_entry(keep) != nullptr);
    CHECK(again->find_entry(*ok)->body == big);
}

TEST_CASE("weak KDF needs explicit consent - absurd KDF parameters are refused") {
    TempDir dir;
    journal::CreateOptions weak;
    weak.kdf = crypto::KdfParams::insecure_for_tests();
    auto refused = Vault::create(dir / "weak", "p", weak);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == Errc::kdf_limits);
    CHECK_FALSE(std::filesystem::exists(dir / "weak"));

    journal::CreateOptions absurd;
    absurd.kdf = crypto::KdfParams::with_limits(1000, 1ull << 40);
    absurd.allow_weak_kdf = true;
    CHECK(Vault::create(dir / "absurd", "p", absurd).error().code == Errc::kdf_limits);
}

TEST_CASE("verify reports an intact vault") {
    TempDir dir;
    auto v = test::make_vault(dir / "v.afterglow");
    for (int i = 0; i < 10; ++i) REQUIRE(v->save(entry("e", "b")).ok());
    auto report = v->verify();
    REQUIRE(report.ok());
    CHECK(report->ok());
    CHECK(report->records_ok == 10);
    CHECK(report->sqlite_check == "ok");
}

TEST_CASE("two handles on one file: a write from another process joins the manifest") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    auto a = test::make_vault(path);
    auto b = reopen(path);
    REQUIRE(a->save(entry("from a", "1")).ok());
    REQUIRE(b->save(entry("from b", "2")).ok());
    REQUIRE(a->save(entry("from a again", "3")).ok());
    a.reset();
    b.reset();
    auto v = reopen(path);
    CHECK(v->entries().size() == 3);
    CHECK(v->problems().empty());
}

TEST_CASE("a passphrase changed in one window is not undone by a key change in another") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    auto a = test::make_vault(path, "first");
    auto b = Vault::open(path);
    REQUIRE((*b)->unlock("first").ok());
    REQUIRE(a->change_passphrase("second").ok());
    auto rk = (*b)->rotate_recovery_key();  // b still holds the key rows it read at open
    REQUIRE(rk.ok());
    a.reset();
    b.value().reset();
    auto v = Vault::open(path);
    REQUIRE(v.ok());
    CHECK((*v)->unlock("first").error().code == Errc::wrong_passphrase);
    REQUIRE((*v)->unlock("second").ok());
    (*v)->lock();
    CHECK((*v)->unlock_with_recovery_key(*rk).ok());
}

TEST_CASE("a vault opened before a passphrase change elsewhere unlocks with the new passphrase") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    { auto v = test::make_vault(path, "old"); }
    auto app = Vault::open(path);  // e.g. the app, sitting on its unlock screen
    REQUIRE(app.ok());
    {
        auto cli = Vault::open(path);
        REQUIRE((*cli)->unlock("old").ok());
        REQUIRE((*cli)->change_passphrase("new").ok());
    }
    CHECK((*app)->unlock("old").error().code == Errc::wrong_passphrase);
    CHECK((*app)->unlock("new").ok());
}
