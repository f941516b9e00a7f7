// afterglow-cli keygen / decrypt as subprocesses.
#include <sys/stat.h>

#include <filesystem>

#include "tests/crypto/test_age_kit.hpp"
#include "tests/support/test_support.hpp"

using namespace agetest;
using afterglow::test::cli_path;
using afterglow::test::read_file;
using afterglow::test::run;
using afterglow::test::TempDir;
using afterglow::test::write_file;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

std::size_t files_in(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

afterglow::test::RunResult cli(std::vector<std::string> args, const std::string& input = {},
                               const std::vector<std::string>& env = {}) {
    args.insert(args.begin(), cli_path());
    return run(args, input, env);
}

}  // namespace

TEST_CASE("cli keygen: -o writes a 0600 identity file - never overwrites") {
    TempDir dir;
    const auto key = dir / "key.txt";
    auto r = cli({"keygen", "-o", key.string()});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.empty());
    REQUIRE(r.err.starts_with("Public key: age1"));
    CHECK(mode_of(key) == 0600);
    const std::string text = read_file(key);
    CHECK(text.starts_with("# created: "));
    auto ids = age::parse_identity_file(text);
    REQUIRE(ids.ok());
    REQUIRE(ids->size() == 1);
    CHECK(r.err == "Public key: " + ids->at(0).recipient() + "\n");
    CHECK(text.find("\n# public key: " + ids->at(0).recipient() + "\nAGE-SECRET-KEY-1") !=
          std::string::npos);
    if (fs::exists("/usr/bin/age-keygen")) {
        auto y = run({"age-keygen", "-y", key.string()});
        CHECK(y.exit_code == 0);
        CHECK(y.out == ids->at(0).recipient() + "\n");
    }

    auto again = cli({"keygen", "-o", key.string()});
    CHECK(again.exit_code != 0);
    CHECK(again.err.find("already exists") != std::string::npos);
    CHECK(read_file(key) == text);

    auto to_stdout = cli({"keygen"});
    REQUIRE(to_stdout.exit_code == 0);
    CHECK(age::parse_identity_file(to_stdout.out).ok());
    CHECK(cli({"keygen", "extra"}).exit_code == 2);
}

TEST_CASE("cli decrypt: identities - stdout and -o - exit codes") {
    TempDir dir;
    const auto id = age::Identity::generate();
    write_file(dir / "key.txt", age::identity_file(id));
    const Bytes plain = pattern(150000, 5);
    age::EncryptOptions o;
    o.recipients = {id.recipient()};
    auto enc = age::encrypt(plain, o);
    REQUIRE(enc.ok());
    write_file(dir / "f.age", std::string(as_text(*enc)));
    o.armor = true;
    auto armored = age::encrypt(plain, o);
    REQUIRE(armored.ok());
    write_file(dir / "a.age", std::string(as_text(*armored)));

    auto r = cli({"decrypt", "-i", (dir / "key.txt").string(), (dir / "f.age").string()});
    CHECK(r.exit_code == 0);
    CHECK(r.out == std::string(as_text(plain)));
    auto ra = cli({"decrypt", "-i", (dir / "key.txt").string(), (dir / "a.age").string()});
    CHECK(ra.exit_code == 0);
    CHECK(ra.out == std::string(as_text(plain)));

    // -o: written through a temp file, mode 0600, nothing else left behind.
    fs::create_directory(dir / "out");
    const auto out = dir / "out" / "plain.bin";
    auto w = cli({"decrypt", "-i", (dir / "key.txt").string(), "-o", out.string(),
                  (dir / "f.age").string()});
    CHECK(w.exit_code == 0);
    CHECK(read_file(out) == std::string(as_text(plain)));
    CHECK(mode_of(out) == 0600);
    CHECK(files_in(dir / "out") == 1);

    // Several -i: the second file holds the matching key.
    write_file(dir / "other.txt", age::identity_file(age::Identity::generate()));
    CHECK(cli({"decrypt", "-i", (dir / "other.txt").string(), "-i", (dir / "key.txt").string(),
               (dir / "f.age").string()}).exit_code == 0);
    // No matching identity: 3.
    auto nomatch = cli({"decrypt", "-i", (dir / "other.txt").string(), (dir / "f.age").string()});
    CHECK(nomatch.exit_code == 3);
    CHECK(nomatch.out.empty());
    // Usage: 2.
    CHECK(cli({"decrypt", "-i", (dir / "key.txt").string()}).exit_code == 2);
    CHECK(cli({"decrypt", (dir / "f.age").string()}).exit_code == 2);
    // Missing input file: 1.
    CHECK(cli({"decrypt", "-i", (dir / "key.txt").string(), (dir / "none.age").string()})
              .exit_code == 1);
}

TEST_CASE("cli decrypt: damaged files exit 4 and leave no output file") {
    TempDir dir;
    const auto id = age::Identity::generate();
    write_file(dir / "key.txt", age::identity_file(id));
    age::EncryptOptions o;
    o.recipients = {id.recipient()};
    auto enc = age::encrypt(pattern(200000), o);
    REQUIRE(enc.ok());
    Bytes bad = *enc;
    bad[bad.size() - 100] ^= 1;  // in the last chunk: earlier chunks are fine
    write_file(dir / "bad.age", std::string(as_text(bad)));
    write_file(dir / "cut.age", std::string(as_text(*enc)).substr(0, enc->size() - 70000));
    fs::create_directory(dir / "out");
    for (const char* f : {"bad.age", "cut.age"}) {
        CAPTURE(f);
        const auto out = dir / "out" / "plain.bin";
        auto r = cli({"decrypt", "-i", (dir / "key.txt").string(), "-o", out.string(),
                      (dir / f).string()});
        CHECK(r.exit_code == 4);
        CHECK_FALSE(fs::exists(out));
        CHECK(files_in(dir / "out") == 0);  // the temp file was removed
        // An existing output is left untouched.
        write_file(out, "keep me");
        auto r2 = cli({"decrypt", "-i", (dir / "key.txt").string(), "-o", out.string(),
                       (dir / f).string()});
        CHECK(r2.exit_code == 4);
        CHECK(read_file(out) == "keep me");
        fs::remove(out);
        // To stdout: exit 4 even though authenticated chunks were already written.
        auto r3 = cli({"decrypt", "-i", (dir / "key.txt").string(), (dir / f).string()});
        CHECK(r3.exit_code == 4);
        CHECK(r3.out.size() < 200000);
        CHECK(r3.err.find("afterglow-cli:") != std::string::npos);
    }
}

TEST_CASE("cli decrypt: passphrase from a file - the environment - or the terminal") {
    TempDir dir;
    age::EncryptOptions o;
    o.passphrase = "cli pass";
    o.scrypt_log2n = 12;
    const Bytes plain = pattern(1000);
    auto enc = age::encrypt(plain, o);
    REQUIRE(enc.ok());
    write_file(dir / "p.age", std::string(as_text(*enc)));
    write_file(dir / "pass.txt", "cli pass\n");
    write_file(dir / "wrong.txt", "nope\n");

    auto r = cli({"decrypt", "--passphrase-file", (dir / "pass.txt").string(),
                  (dir / "p.age").string()});
    CHECK(r.exit_code == 0);
    CHECK(r.out == std::string(as_text(plain)));
    auto w = cli({"decrypt", "--passphrase-file", (dir / "wrong.txt").string(),
                  (dir / "p.age").string()});
    CHECK(w.exit_code == 3);
    CHECK(w.out.empty());
    auto e = cli({"decrypt", (dir / "p.age").string()}, {}, {"AFTERGLOW_PASSPHRASE=cli pass"});
    CHECK(e.exit_code == 0);
    CHECK(e.out == std::string(as_text(plain)));

    // On a terminal (script(1) gives it one), the passphrase is asked for. The prompt
    // flushes typed-ahead input (TCSAFLUSH, like getpass), so type after a pause.
    if (afterglow::test::have(fs::exists("/usr/bin/script"), "script(1) (Debian package bsdutils)") &&
        std::getenv("AFTERGLOW_PASSPHRASE") == nullptr) {
        const auto out = dir / "tty.bin";
        const std::string cmd = cli_path() + " decrypt -o " + out.string() + " " +
                                (dir / "p.age").string();
        afterglow::test::RunResult t;
        for (int pause : {2, 8}) {  // a slow, loaded machine may need the longer pause
            t = run({"sh", "-c", "(sleep " + std::to_string(pause) +
                                     "; printf 'cli pass\\n') | script -qec '" + cmd +
                                     "' /dev/null"});
            if (t.exit_code == 0) break;
        }
        CHECK(t.exit_code == 0);
        CHECK(t.out.find("passphrase") != std::string::npos);  // the prompt, on the terminal
        CHECK(read_file(out) == std::string(as_text(plain)));
    }
}

TEST_CASE("cli decrypt: files written by age itself") {
    if (!afterglow::test::have(fs::exists("/usr/bin/age"), "the age binary (Debian package age)")) return;
    TempDir dir;
    REQUIRE(cli({"keygen", "-o", (dir / "key.txt").string()}).exit_code == 0);
    auto ids = age::parse_identity_file(read_file(dir / "key.txt"));
    REQUIRE(ids.ok());
    write_file(dir / "p.bin", std::string(as_text(pattern(70000))));
    REQUIRE(run({"age", "-a", "-r", ids->at(0).recipient(), "-o", (dir / "p.age").string(),
                 (dir / "p.bin").string()}).exit_code == 0);
    auto r = cli({"decrypt", "-i", (dir / "key.txt").string(), "-o", (dir / "p.out").string(),
                  (dir / "p.age").string()});
    CHECK(r.exit_code == 0);
    CHECK(read_file(dir / "p.out") == read_file(dir / "p.bin"));
}
