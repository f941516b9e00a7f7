// Issue 17 through the CLI: a recovery never keeps weakened KDF rows (item 2), crafted files
// exit 4 with sizes below 1 MiB in KiB (item 11), a FIFO as --vault is refused at once
// (item 12), duplicate record rows are named (item 7), a damaged record can be removed after
// a copy is kept (item 10).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include "tests/cli/cli_fixture.hpp"
#include "tests/journal/key_rows.hpp"

using afterglow::test::Cli;
using afterglow::test::RunResult;

namespace {

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

void sql(const std::string& vault, const std::string& statements) {
    SQLite::Database db(vault, SQLite::OPEN_READWRITE);
    db.exec(statements);
}

bool has(const RunResult& r, const std::string& text) {
    return r.out.find(text) != std::string::npos || r.err.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("cli: recover after the KDF rows were weakened to 8 KiB x 1 writes calibrated ones") {
    Cli cli;
    auto created = cli({"init", "--kdf-memory-mib", "64", "--kdf-passes", "1"});
    REQUIRE_MESSAGE(created.exit_code == 0, created.err);
    const std::string recovery = Cli::recovery_key_in(created.out);
    REQUIRE(cli({"add", "--title", "before"}, "kept\n").exit_code == 0);
    afterglow::test::weaken_kdf_rows(cli.vault);
    CHECK(cli({"list"}).exit_code == 3);  // the real passphrase no longer opens it

    auto rec = cli({"recover"}, {}, {"AFTERGLOW_RECOVERY_KEY=" + recovery, "AFTERGLOW_NEW_PASSPHRASE=new pass"});
    REQUIRE_MESSAGE(rec.exit_code == 0, rec.err);
    const auto rows = afterglow::test::read_key_rows(cli.vault);
    const auto mem = afterglow::test::stored_u64(rows, "kdf_memlimit");
    MESSAGE("recover wrote Argon2id " << (mem >> 20) << " MiB x " << afterglow::test::stored_u64(rows, "kdf_opslimit"));
    CHECK(mem >= afterglow::crypto::KdfParams::kDefaultMemlimit);
    auto stats = cli({"stats"}, {}, {"AFTERGLOW_PASSPHRASE=new pass"});
    CHECK(stats.exit_code == 0);
    CHECK(stats.out.find("before") == std::string::npos);
    CHECK(cli({"list"}, {}, {"AFTERGLOW_PASSPHRASE=new pass"}).out.find("before") != std::string::npos);
}

TEST_CASE("cli: a crafted KDF row, a newer schema and missing tables exit 4") {
    SUBCASE("KDF memory of 4 KiB is named in KiB") {
        Cli cli;
        cli.init();
        auto rows = afterglow::test::read_key_rows(cli.vault);
        rows["kdf_memlimit"] = afterglow::journal::keyring::encode_u64(4096);
        afterglow::journal::keyring::seal_checksums(rows);
        afterglow::test::write_key_rows(cli.vault, rows);
        auto r = cli({"list"});
        CHECK(r.exit_code == 4);
        CHECK_MESSAGE(has(r, "4 KiB"), r.err);
        CHECK_FALSE(has(r, "0 MiB"));
    }
    SUBCASE("a newer schema, or Afterglow's id with a table missing") {
        const std::pair<const char*, const char*> cases[] = {
            {"PRAGMA user_version=99", "newer version"},
            {"DROP TABLE records", "'records' table is missing"}};
        for (const auto& [statement, message] : cases) {
            Cli cli;
            cli.init();
            sql(cli.vault, statement);
            auto r = cli({"list"});
            CHECK_MESSAGE(r.exit_code == 4, statement);
            CHECK_MESSAGE(has(r, message), r.err);
        }
    }
    SUBCASE("weaker KDF settings chosen without consent are a usage error") {
        Cli cli;
        CHECK(cli({"init", "--kdf-memory-mib", "1"}).exit_code == 2);
    }
}

TEST_CASE("cli: --vault naming a FIFO is refused at once, never blocking") {
    Cli cli;
    const auto fifo = (cli.dir / "pipe").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    for (const char* cmd : {"list", "capture", "verify"}) {
        // `timeout` turns a hang into exit 124 instead of a stuck test.
        auto r = afterglow::test::run({"timeout", "20", afterglow::test::cli_path(), "--vault", fifo, cmd},
                                      "a note\n", {cli.pass});
        CHECK_MESSAGE(r.exit_code == 4, cmd << ": " << r.exit_code << " " << r.err);
        CHECK(has(r, "not a regular file"));
    }
}

TEST_CASE("cli: a record row stored twice is listed once and named by verify") {
    Cli cli;
    cli.init();
    const std::string id = first_line(cli({"add", "--title", "only once"}, "body\n").out);
    REQUIRE(id.size() == 32);
    sql(cli.vault,
        "CREATE TABLE r2(id BLOB NOT NULL, version INTEGER NOT NULL, blob BLOB NOT NULL);"
        "INSERT INTO r2 SELECT id, version, blob FROM records;"
        "INSERT INTO r2 SELECT id, version, blob FROM records;"
        "DROP TABLE records; ALTER TABLE r2 RENAME TO records;");
    auto list = cli({"list"});
    CHECK(list.exit_code == 0);
    const auto first = list.out.find("only once");
    REQUIRE(first != std::string::npos);
    CHECK(list.out.find("only once", first + 1) == std::string::npos);
    auto verify = cli({"verify"});
    CHECK(verify.exit_code == 4);
    CHECK(has(verify, id + ": is stored 2 times"));
    CHECK(has(verify, "DAMAGED schema"));
    auto add = cli({"add", "--title", "third copy?"}, "no\n");
    CHECK(add.exit_code == 4);  // a save would add yet another copy
    CHECK(has(add, "afterglow-cli repair"));

    auto repair = cli({"repair"});
    REQUIRE_MESSAGE(repair.exit_code == 0, repair.err);
    CHECK(has(repair, "remade with one copy of each record"));
    CHECK(has(repair, ".before-repair-"));
    auto intact = cli({"verify"});
    CHECK_MESSAGE(intact.exit_code == 0, intact.out);
    CHECK(cli({"add", "--title", "after the repair"}, "ok\n").exit_code == 0);
    SQLite::Database db(cli.vault, SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM records").getInt() == 2);
}

TEST_CASE("cli: a record that no longer authenticates can be removed, a copy kept first") {
    Cli cli;
    cli.init();
    const std::string bad = first_line(cli({"add", "--title", "to be damaged"}, "x\n").out);
    REQUIRE(cli({"add", "--title", "kept"}, "y\n").exit_code == 0);
    sql(cli.vault, "UPDATE records SET blob = zeroblob(length(blob)) WHERE hex(id) = upper('" + bad + "')");
    auto verify = cli({"verify"});
    CHECK(verify.exit_code == 4);
    CHECK(has(verify, bad + ": fails authentication"));
    CHECK(has(verify, "rm ID"));

    CHECK(cli({"rm", "zzzz"}).exit_code == 1);  // no record, damaged or not
    auto rm = cli({"rm", bad.substr(0, 8)});
    REQUIRE_MESSAGE(rm.exit_code == 0, rm.err);
    CHECK(has(rm, "Removed damaged record " + bad));
    const auto at = rm.out.find("as it was: ");
    REQUIRE(at != std::string::npos);
    const std::string copy = first_line(rm.out.substr(at + 11));
    CHECK(copy.find(".before-removing-damaged-") != std::string::npos);
    struct stat st {};
    REQUIRE(::stat(copy.c_str(), &st) == 0);
    CHECK(st.st_size > 0);
    CHECK((st.st_mode & 0777) == 0600);
    auto after = cli({"verify"});
    CHECK_MESSAGE(after.exit_code == 0, after.out);
    CHECK(cli({"list"}).out.find("kept") != std::string::npos);
    // The copy still holds the damaged row (set aside, not destroyed).
    SQLite::Database kept(copy, SQLite::OPEN_READONLY);
    CHECK(kept.execAndGet("SELECT count(*) FROM records").getInt() == 2);
}

TEST_CASE("cli: pack import refuses to replace the built-in crisis lines and names added ones") {
    Cli cli;
    cli.init();
    auto write = [&](const char* name, const std::string& lines) {
        const auto path = cli.dir / name;
        afterglow::test::write_file(path, R"({"format": "afterglow-pack", "format_version": 1, "name": "Lakeside",
            "crisis": {"regions": [{"id": "US", "lines": )" + lines + "}]}}");
        return path.string();
    };
    auto replacing = cli({"pack", "import", write("replace.json", R"({"replace": true, "items": [
        {"id": "lakeside.line", "name": "988 Suicide & Crisis Lifeline", "phone": "+1 555 0100"}]})")});
    CHECK(replacing.exit_code == 2);
    CHECK_MESSAGE(has(replacing, "built-in"), replacing.err);
    CHECK(cli({"crisis"}).out.find("555 0100") == std::string::npos);  // still 988, as shipped

    auto adding = cli({"pack", "import", write("add.json", R"([{"id": "lakeside.oncall", "name": "On-call nurse", "phone": "+1 555 0199"}])")});
    REQUIRE_MESSAGE(adding.exit_code == 0, adding.err);
    CHECK(has(adding, "adds a crisis line (United States): On-call nurse  +1 555 0199"));
    auto show = cli({"pack", "show"});
    CHECK(has(show, "988 Suicide & Crisis Lifeline  988\n"));
    CHECK(has(show, "On-call nurse  +1 555 0199  (clinic pack)"));
}
