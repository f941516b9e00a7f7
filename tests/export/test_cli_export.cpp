// afterglow-cli export / import as subprocesses.
#include <doctest/doctest.h>

#include "crypto/age.hpp"
#include "journal/export/backup_json.hpp"
#include "tests/export/sample_journal.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
namespace fs = std::filesystem;

namespace {

struct CliVault {
    test::TempDir dir;
    fs::path vault = dir / "journal.afterglow";
    fs::path pass = dir / "pass.txt";
    test::SampleJournal sample;

    explicit CliVault(bool fill = true) {
        auto v = test::make_vault(vault, "correct horse");
        if (fill) sample = test::fill_sample(*v);
        v->lock();
        test::write_file(pass, "correct horse\n");
    }
    test::RunResult cli(std::vector<std::string> args, const fs::path& vault_path = {}) const {
        std::vector<std::string> argv{test::cli_path(), "--vault",
                                      (vault_path.empty() ? vault : vault_path).string(),
                                      "--passphrase-file", pass.string()};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run(argv, {}, {"AFTERGLOW_PASSPHRASE="});
    }
};

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("cli export: readable formats need --plaintext - encrypted ones open with age") {
    CliVault c;
    auto refused = c.cli({"export", "--format", "markdown", "-o", (c.dir / "a.md").string()});
    CHECK(refused.exit_code == 2);
    CHECK(has(refused.err, "readable by anyone who gets it"));
    CHECK_FALSE(fs::exists(c.dir / "a.md"));

    auto md = c.cli({"export", "--format", "markdown", "--plaintext", "-o", (c.dir / "a.md").string()});
    REQUIRE_MESSAGE(md.exit_code == 0, md.err);
    CHECK(has(md.out, "NOT encrypted"));
    CHECK(has(test::read_file(c.dir / "a.md"), "### Intention: What I hope to explore"));

    auto id = crypto::age::Identity::generate();
    test::write_file(c.dir / "t.key", crypto::age::identity_file(id));
    auto pdf = c.cli({"export", "--format", "pdf", "--recipient", id.recipient(), "--session",
                      c.sample.med1.meta.id.short_hex(), "-o", (c.dir / "s.pdf.age").string()});
    REQUIRE_MESSAGE(pdf.exit_code == 0, pdf.err);
    CHECK(has(pdf.out, "1 session"));
    const std::string file = test::read_file(c.dir / "s.pdf.age");
    CHECK(file.find(test::kCanary) == std::string::npos);
    auto dec = test::run({"age", "-d", "-i", (c.dir / "t.key").string(), (c.dir / "s.pdf.age").string()});
    REQUIRE_MESSAGE(dec.exit_code == 0, dec.err);
    CHECK(dec.out.rfind("%PDF-", 0) == 0);

    auto ics = c.cli({"export", "--format", "ics", "--plaintext", "--from", "2026-09-20", "--to",
                      "2026-09-25", "-o", (c.dir / "c.ics").string()});
    REQUIRE_MESSAGE(ics.exit_code == 0, ics.err);
    const std::string cal = test::read_file(c.dir / "c.ics");
    CHECK(has(cal, c.sample.med1.meta.id.hex() + "@afterglow"));
    CHECK_FALSE(has(cal, c.sample.med2.meta.id.hex() + "@afterglow"));

    CHECK(c.cli({"export", "--format", "json", "--plaintext", "-o", (c.dir / "b.json").string()}).exit_code == 2);
    CHECK(c.cli({"export", "--format", "docx", "--plaintext", "-o", "x"}).exit_code == 2);
    CHECK(c.cli({"export", "--format", "pdf", "--plaintext"}).exit_code == 2);
    auto help = c.cli({"export", "--help"});
    CHECK(help.exit_code == 0);
    CHECK(has(help.out, "--passphrase-protect"));
    CHECK(c.cli({"import", "--help"}).exit_code == 0);
}

TEST_CASE("cli backup to a passphrase and import into a fresh vault / then dedup") {
    CliVault c;
    test::write_file(c.dir / "export-pass.txt", "a long export passphrase\n");
    auto backup = c.dir / "backup.age";
    auto ex = c.cli({"export", "--format", "json", "--passphrase-protect", "--export-passphrase-file",
                     (c.dir / "export-pass.txt").string(), "-o", backup.string()});
    REQUIRE_MESSAGE(ex.exit_code == 0, ex.err);
    CHECK(test::read_file(backup).find(test::kCanary) == std::string::npos);

    auto fresh = c.dir / "fresh.afterglow";
    test::make_vault(fresh, "correct horse")->lock();
    const std::size_t n = c.sample.all().size();

    auto wrong_file = c.dir / "wrong.txt";
    test::write_file(wrong_file, "not it\n");
    auto wrong = c.cli({"import", backup.string(), "--backup-passphrase-file", wrong_file.string()}, fresh);
    CHECK(wrong.exit_code == 3);

    auto im = c.cli({"import", backup.string(), "--backup-passphrase-file",
                     (c.dir / "export-pass.txt").string()}, fresh);
    REQUIRE_MESSAGE(im.exit_code == 0, im.err);
    CHECK(has(im.out, std::to_string(n) + " added, 0 skipped"));

    auto again = c.cli({"import", backup.string(), "--backup-passphrase-file",
                        (c.dir / "export-pass.txt").string()}, fresh);
    REQUIRE(again.exit_code == 0);
    CHECK(has(again.out, "0 added, " + std::to_string(n) + " skipped"));

    auto v = journal::Vault::open(fresh);
    REQUIRE(v.ok());
    REQUIRE((*v)->unlock("correct horse").ok());
    REQUIRE((*v)->find_entry(c.sample.reflection.meta.id));
    CHECK((*v)->find_entry(c.sample.reflection.meta.id)->body == c.sample.reflection.body);
}

TEST_CASE("cli import: missing identity / damaged and truncated backups import nothing") {
    CliVault c;
    auto id = crypto::age::Identity::generate();
    test::write_file(c.dir / "t.key", crypto::age::identity_file(id));
    auto backup = c.dir / "backup.age";
    REQUIRE(c.cli({"export", "--format", "json", "--recipient", id.recipient(), "-o", backup.string()})
                .exit_code == 0);
    auto fresh = c.dir / "fresh.afterglow";
    test::make_vault(fresh, "correct horse")->lock();

    auto no_id = c.cli({"import", backup.string()}, fresh);
    CHECK(no_id.exit_code == 3);
    CHECK(has(no_id.err, "-i"));

    const std::string bytes = test::read_file(backup);
    test::write_file(c.dir / "cut.age", bytes.substr(0, bytes.size() - 100));
    auto cut = c.cli({"import", (c.dir / "cut.age").string(), "-i", (c.dir / "t.key").string()}, fresh);
    CHECK(cut.exit_code == 4);

    // A valid age file around a broken backup: the JSON error is reported, exit 4.
    crypto::age::EncryptOptions eo;
    eo.recipients = {id.recipient()};
    const std::string broken = R"({"format":"afterglow-backup","format_version":1,"exported_at":"x","records":[{"type":"goal"}]})";
    auto sealed = crypto::age::encrypt(crypto::as_bytes(broken), eo);
    REQUIRE(sealed.ok());
    test::write_file(c.dir / "broken.age", std::string(sealed->begin(), sealed->end()));
    auto bad = c.cli({"import", (c.dir / "broken.age").string(), "-i", (c.dir / "t.key").string()}, fresh);
    CHECK(bad.exit_code == 4);
    CHECK(has(bad.err, "records[0].id"));
    CHECK(has(bad.err, "Nothing was imported"));

    auto v = journal::Vault::open(fresh);
    REQUIRE(v.ok());
    REQUIRE((*v)->unlock("correct horse").ok());
    CHECK((*v)->entries().empty());
    CHECK((*v)->goals().empty());
}

TEST_CASE("cli import: a time outside the years 1 to 9999 is refused and nothing imported") {
    CliVault c(false);
    const std::string goal =
        R"({"type":"goal","id":"33333333333333333333333333333333","version":1,)"
        R"("created":{"utc":-6919246529000,"zone":""},"updated":{"utc":1,"zone":""},)"
        R"("title":"Sleep","description":"","status":"active","target":null,"reviews":[]})";
    test::write_file(c.dir / "b.json", R"({"format":"afterglow-backup","format_version":1,"exported_at":"x","records":[)" +
                                           goal + "]}");
    auto r = c.cli({"import", (c.dir / "b.json").string()});
    CHECK(r.exit_code == 4);
    CHECK(has(r.err, "records[0].created.utc\" is outside the years 1 to 9999"));
    CHECK(has(r.err, "Nothing was imported"));
    CHECK(c.cli({"goal", "list"}).out.empty());
}
