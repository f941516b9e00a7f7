// afterglow-cli as a subprocess: every command and every documented exit code.
#include <doctest/doctest.h>

#include "tests/cli/cli_fixture.hpp"
#include "tests/support/test_support.hpp"

using afterglow::test::run;
using afterglow::test::RunResult;
using afterglow::test::Cli;
using afterglow::test::TempDir;

namespace {

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

TEST_CASE("cli: --help and usage errors exit 2, help exits 0") {
    Cli cli;
    auto help = run({afterglow::test::cli_path(), "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Exit codes") != std::string::npos);
    for (const char* cmd : {"init", "add", "list", "show", "edit", "rm", "search", "session", "capture",
                            "passwd", "recover", "verify", "stats"}) {
        auto r = run({afterglow::test::cli_path(), cmd, "--help"});
        CHECK_MESSAGE(r.exit_code == 0, cmd);
        CHECK_MESSAGE(r.out.find("Usage:") != std::string::npos, cmd);
    }
    CHECK(run({afterglow::test::cli_path()}).exit_code == 2);
    CHECK(run({afterglow::test::cli_path(), "frobnicate"}).exit_code == 2);
    CHECK(run({afterglow::test::cli_path(), "--bogus"}).exit_code == 2);
    CHECK(cli({"add", "--kind", "nonsense"}).exit_code == 2);
}

TEST_CASE("cli: init prints a recovery key once, creates a 0600 file, refuses to overwrite") {
    Cli cli;
    auto r = run({afterglow::test::cli_path(), "--vault", cli.vault, "--insecure-test-kdf", "init"}, {}, {cli.pass});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find("recovery key") != std::string::npos);
    CHECK(r.out.find("not medical advice") != std::string::npos);
    auto again = run({afterglow::test::cli_path(), "--vault", cli.vault, "--insecure-test-kdf", "init"}, {}, {cli.pass});
    CHECK(again.exit_code == 2);
    CHECK(again.err.find("will not overwrite") != std::string::npos);
}

TEST_CASE("cli: add, list, show, edit, search, rm round trip") {
    Cli cli;
    cli.init();
    auto add = cli({"add", "--kind", "integration", "--title", "Après", "--tag", "ocean"}, "The sea was Zürich-blue.\n");
    REQUIRE_MESSAGE(add.exit_code == 0, add.err);
    std::string id = first_line(add.out);
    CHECK(id.size() == 32);
    auto list = cli({"list"});
    CHECK(list.exit_code == 0);
    CHECK(list.out.find("Après") != std::string::npos);
    CHECK(list.out.find(id.substr(0, 8)) != std::string::npos);
    auto show = cli({"show", id.substr(0, 8)});
    CHECK(show.exit_code == 0);
    CHECK(show.out.find("The sea was Zürich-blue.") != std::string::npos);
    CHECK(show.out.find("tags:     ocean") != std::string::npos);
    CHECK(cli({"search", "zurich", "SEA"}).out.find(id.substr(0, 8)) != std::string::npos);
    CHECK(cli({"search", "absent"}).out.empty());
    auto edit = cli({"edit", id, "--title", "Renamed", "--body-from-stdin"}, "new body\n");
    CHECK_MESSAGE(edit.exit_code == 0, edit.err);
    CHECK(cli({"show", id}).out.find("new body") != std::string::npos);
    CHECK(cli({"show", id}).out.find("version:  2") != std::string::npos);
    CHECK(cli({"list", "--kind", "integration"}).out.find("Renamed") != std::string::npos);
    CHECK(cli({"rm", id}).exit_code == 0);
    CHECK(cli({"list"}).out.empty());
    CHECK(cli({"show", id}).exit_code == 1);
}

TEST_CASE("cli: sessions with phase labels, entries linked to them, check-ins and goals") {
    Cli cli;
    cli.init();
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        auto r = cli({"session", "add", "--kind", "medicine", "--route", "im", "--at",
                      "2026-11-0" + std::to_string(2 + 3 * i) + "T10:00:00+01:00", "--provider", "Dr. K"});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        ids.push_back(first_line(r.out));
    }
    auto list = cli({"session", "list"});
    CHECK(list.out.find("induction 1 of 3") != std::string::npos);
    CHECK(list.out.find("induction 3 of 3") != std::string::npos);
    CHECK(cli({"session", "add", "--kind", "medicine", "--at", "not a date"}).exit_code == 2);
    auto intention = cli({"add", "--kind", "intention", "--session", ids[0].substr(0, 6)}, "to listen");
    CHECK_MESSAGE(intention.exit_code == 0, intention.err);
    CHECK(cli({"show", first_line(intention.out)}).out.find(ids[0]) != std::string::npos);
    CHECK(cli({"add", "--session", "ffffffff"}, "x").exit_code == 2);
    CHECK(cli({"checkin", "add", "--score", "mood=7", "--score", "sleep=4", "--note", "ok"}).exit_code == 0);
    CHECK(cli({"checkin", "list"}).out.find("mood=7") != std::string::npos);
    CHECK(cli({"checkin", "add", "--score", "mood"}).exit_code == 2);
    CHECK(cli({"goal", "add", "--title", "Walk daily"}).exit_code == 0);
    CHECK(cli({"goal", "list"}).out.find("Walk daily") != std::string::npos);
    auto stats = cli({"stats"});
    CHECK(stats.out.find("sessions:   3") != std::string::npos);
    CHECK(stats.out.find("entries:    1") != std::string::npos);
}

TEST_CASE("cli: wrong passphrase exits 3 - passphrase file works - passwd and recover") {
    Cli cli;
    auto created = run({afterglow::test::cli_path(), "--vault", cli.vault, "--insecure-test-kdf", "init"}, {}, {cli.pass});
    REQUIRE(created.exit_code == 0);
    std::string recovery = Cli::recovery_key_in(created.out);
    CHECK(recovery.size() == 69);

    auto wrong = cli({"list"}, {}, {"AFTERGLOW_PASSPHRASE=nope"});
    CHECK(wrong.exit_code == 3);
    CHECK(wrong.err.find("passphrase") != std::string::npos);

    afterglow::test::write_file(cli.dir / "pass.txt", "a calm passphrase\n");
    auto via_file = run({afterglow::test::cli_path(), "--vault", cli.vault, "--passphrase-file",
                         (cli.dir / "pass.txt").string(), "list"});
    CHECK_MESSAGE(via_file.exit_code == 0, via_file.err);

    CHECK(cli({"add"}, "kept through passwd").exit_code == 0);
    auto pw = cli({"passwd"}, {}, {cli.pass, "AFTERGLOW_NEW_PASSPHRASE=second pass"});
    CHECK_MESSAGE(pw.exit_code == 0, pw.err);
    CHECK(cli({"list"}).exit_code == 3);
    auto after = cli({"list"}, {}, {"AFTERGLOW_PASSPHRASE=second pass"});
    CHECK(after.exit_code == 0);
    CHECK(after.out.find("(untitled)") != std::string::npos);

    auto rec = cli({"--insecure-test-kdf", "recover"}, {},
                   {"AFTERGLOW_RECOVERY_KEY=" + recovery, "AFTERGLOW_NEW_PASSPHRASE=third pass"});
    CHECK_MESSAGE(rec.exit_code == 0, rec.err);
    CHECK(cli({"list"}, {}, {"AFTERGLOW_PASSPHRASE=third pass"}).exit_code == 0);
    std::string typo = recovery;
    typo[3] = typo[3] == 'Z' ? 'Y' : 'Z';
    auto bad = cli({"recover"}, {}, {"AFTERGLOW_RECOVERY_KEY=" + typo, "AFTERGLOW_NEW_PASSPHRASE=x"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("typo") != std::string::npos);
}

TEST_CASE("cli: capture needs no passphrase and joins the journal at the next unlock") {
    Cli cli;
    cli.init();
    auto cap = cli({"capture", "--title", "after session"}, "swirling colours\n", {"AFTERGLOW_X=1"});
    CHECK_MESSAGE(cap.exit_code == 0, cap.err);
    auto list = cli({"list"});
    CHECK(list.out.find("(captured)") != std::string::npos);
    CHECK(list.out.find("after session") != std::string::npos);
    CHECK(cli({"capture"}, "", {"AFTERGLOW_X=1"}).exit_code == 2);  // empty note
}

TEST_CASE("cli: verify exits 0 when intact and 4 when damaged - not a vault exits 4") {
    Cli cli;
    cli.init();
    CHECK(cli({"add"}, "one").exit_code == 0);
    auto ok = cli({"verify"});
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.find("intact") != std::string::npos);
    {
        // Damage one record blob directly.
        auto r = run({"sqlite3", cli.vault, "UPDATE records SET blob = zeroblob(length(blob));"});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    }
    auto bad = cli({"verify"});
    CHECK(bad.exit_code == 4);
    CHECK(bad.out.find("DAMAGED") != std::string::npos);
    afterglow::test::write_file(cli.dir / "notes.txt", "just some text, not a vault");
    auto notvault = run({afterglow::test::cli_path(), "--vault", (cli.dir / "notes.txt").string(), "list"}, {}, {cli.pass});
    CHECK(notvault.exit_code == 4);
    CHECK(notvault.err.find("not an Afterglow vault") != std::string::npos);
    auto missing = run({afterglow::test::cli_path(), "--vault", (cli.dir / "none").string(), "list"}, {}, {cli.pass});
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("No vault") != std::string::npos);
}

TEST_CASE("cli: non-UTF-8 input is refused with a clear message and exit 2") {
    Cli cli;
    cli.init();
    auto r = cli({"add"}, std::string("caf\xe9\n"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("UTF-8") != std::string::npos);
    CHECK(cli({"list"}).out.empty());
}

TEST_CASE("cli: add stops reading standard input at 16 MiB and exits 2 - nothing saved") {
    Cli cli;
    cli.init();
    // 64 MiB on standard input: the answer must come from the 16 MiB limit while reading, not
    // from the vault after reading and encrypting everything.
    const std::string script = "head -c 67108864 /dev/zero | \"$0\" --vault \"$1\" add --title big";
    for (const char* cmd : {"add", "capture"}) {
        std::string s = script;
        s.replace(s.find("add --title"), 3, cmd);
        auto r = run({"sh", "-c", s, afterglow::test::cli_path(), cli.vault}, {}, {cli.pass});
        CHECK_MESSAGE(r.exit_code == 2, cmd << ": " << r.err);
        CHECK_MESSAGE(r.err.find("larger than 16 MiB") != std::string::npos, cmd << ": " << r.err);
        CHECK_MESSAGE(r.err.find("nothing was saved") != std::string::npos, cmd << ": " << r.err);
    }
    auto list = cli({"list"});
    CHECK(list.exit_code == 0);
    CHECK(list.out.empty());
    // Just under the limit is still one entry.
    auto ok = cli({"add", "--title", "almost"}, std::string(1u << 20, 'a'));
    CHECK_MESSAGE(ok.exit_code == 0, ok.err);
}

TEST_CASE("cli: --tag lists are taken in one pass - more than a backup holds is refused") {
    Cli cli;
    cli.init();
    std::vector<std::string> args{"add", "--title", "tagged"};
    for (int i = 0; i < 10000; ++i) {  // both spellings, interleaved
        if (i % 2) {
            args.push_back("--tag=t" + std::to_string(i));
        } else {
            args.push_back("--tag");
            args.push_back("t" + std::to_string(i));
        }
    }
    auto ok = cli(args, "body\n");
    REQUIRE_MESSAGE(ok.exit_code == 0, ok.err);
    auto show = cli({"show", first_line(ok.out)});
    CHECK(show.out.find("t0, t1, t2, t3") != std::string::npos);
    CHECK(show.out.find("t9998, t9999") != std::string::npos);

    std::vector<std::string> many{"add"};
    for (int i = 0; i < 30000; ++i) many.push_back("--tag=" + std::to_string(i));
    auto refused = cli(many, "body\n");
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("too many --tag (30000; an entry holds at most 10000)") != std::string::npos);
    CHECK(cli({"add", "--title", "x", "--tag"}, "body\n").exit_code == 2);  // missing value
}
