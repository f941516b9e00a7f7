// age interop both ways with the reference `age` and `age-keygen` binaries (Debian's age
// package), run as subprocesses. Without them: SKIPPED (saying why), or a failure under CI.
#include <filesystem>

#include "tests/crypto/test_age_kit.hpp"
#include "tests/support/test_support.hpp"

using namespace agetest;
using afterglow::test::run;
using afterglow::test::TempDir;

namespace {

bool have_age() {
    static const bool have = [] {
        return std::filesystem::exists("/usr/bin/age") ||
               run({"sh", "-c", "command -v age && command -v age-keygen"}).exit_code == 0;
    }();
    return afterglow::test::have(have, "the age and age-keygen binaries (Debian package age)");
}

std::string str(std::span<const std::uint8_t> b) { return std::string(as_text(b)); }

std::vector<age::Identity> ids_from(const std::string& identity_file_text) {
    auto ids = age::parse_identity_file(identity_file_text);
    REQUIRE(ids.ok());
    return std::move(ids.value());
}

// age asks for passphrases on the terminal only: give it one with script(1).
afterglow::test::RunResult age_on_tty(const std::string& cmd, const std::string& typed) {
    return run({"script", "-qec", cmd, "/dev/null"}, typed);
}

}  // namespace

TEST_CASE("age interop: keys from age-keygen and ours agree") {
    if (!have_age()) return;
    TempDir dir;
    auto kg = run({"age-keygen", "-o", (dir / "key.txt").string()});
    REQUIRE(kg.exit_code == 0);
    const std::string text = afterglow::test::read_file(dir / "key.txt");
    auto ids = ids_from(text);
    REQUIRE(ids.size() == 1);
    // age-keygen prints "Public key: age1..." on stderr; our recipient() must be the same.
    CHECK(kg.err.find("Public key: " + ids[0].recipient()) != std::string::npos);
    CHECK(text.find("# public key: " + ids[0].recipient() + "\n") != std::string::npos);
    CHECK(text.find(ids[0].encode() + "\n") != std::string::npos);

    // Our identity file is read by age-keygen -y, which derives the same recipient.
    const auto mine = age::Identity::generate();
    afterglow::test::write_file(dir / "mine.txt", age::identity_file(mine));
    auto y = run({"age-keygen", "-y", (dir / "mine.txt").string()});
    REQUIRE(y.exit_code == 0);
    CHECK(y.out == mine.recipient() + "\n");
    // The spec's example identity.
    afterglow::test::write_file(
        dir / "spec.txt",
        "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX\n");
    auto sy = run({"age-keygen", "-y", (dir / "spec.txt").string()});
    auto spec = age::Identity::parse(
        "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX");
    REQUIRE(spec.ok());
    CHECK(sy.out == spec->recipient() + "\n");
}

TEST_CASE("age interop: ours → age -d - recipients - binary and armored") {
    if (!have_age()) return;
    TempDir dir;
    REQUIRE(run({"age-keygen", "-o", (dir / "key.txt").string()}).exit_code == 0);
    auto ids = ids_from(afterglow::test::read_file(dir / "key.txt"));
    const auto extra = age::Identity::generate();
    for (std::size_t n : {0u, 1u, 65536u, 65537u, 200u * 1024u}) {
        for (bool armor : {false, true}) {
            CAPTURE(n);
            CAPTURE(armor);
            const Bytes plain = pattern(n, 7);
            age::EncryptOptions o;
            o.recipients = {extra.recipient(), ids[0].recipient()};
            o.armor = armor;
            auto enc = age::encrypt(plain, o);
            REQUIRE(enc.ok());
            afterglow::test::write_file(dir / "f.age", str(*enc));
            auto d = run({"age", "-d", "-i", (dir / "key.txt").string(), (dir / "f.age").string()});
            CHECK(d.err == "");
            REQUIRE(d.exit_code == 0);
            CHECK(d.out == str(plain));  // byte-identical
        }
    }
}

TEST_CASE("age interop: age -e → ours - recipients - binary and armored") {
    if (!have_age()) return;
    TempDir dir;
    const auto id = age::Identity::generate();
    afterglow::test::write_file(dir / "key.txt", age::identity_file(id));
    std::vector<age::Identity> ids;
    ids.push_back(age::Identity{SecretBuffer::copy_of(id.secret.span())});
    age::DecryptOptions d;
    d.identities = &ids;
    for (std::size_t n : {0u, 1u, 65536u, 65537u, 200u * 1024u}) {
        for (bool armor : {false, true}) {
            CAPTURE(n);
            CAPTURE(armor);
            const Bytes plain = pattern(n, 9);
            afterglow::test::write_file(dir / "p.bin", str(plain));
            std::vector<std::string> argv = {"age", "-e", "-r", id.recipient(), "-r",
                                             age::Identity::generate().recipient()};
            if (armor) argv.push_back("-a");
            argv.insert(argv.end(), {"-o", (dir / "p.age").string(), (dir / "p.bin").string()});
            REQUIRE(run(argv).exit_code == 0);
            const std::string file = afterglow::test::read_file(dir / "p.age");
            CHECK(age::is_age_file(as_bytes(file)));
            auto dec = age::decrypt(as_bytes(file), d);
            REQUIRE(dec.ok());
            CHECK(*dec == plain);
        }
    }
}

TEST_CASE("age interop: passphrases both ways") {
    if (!have_age()) return;
    if (!afterglow::test::have(run({"sh", "-c", "command -v script"}).exit_code == 0,
                               "script(1) (Debian package bsdutils)"))
        return;
    TempDir dir;
    const std::string pass = "interop passphrase 42";
    const Bytes plain = pattern(70000, 3);

    // Ours (default work factor 18) → age -d.
    age::EncryptOptions o;
    o.passphrase = pass;
    auto enc = age::encrypt(plain, o);
    REQUIRE(enc.ok());
    afterglow::test::write_file(dir / "ours.age", str(*enc));
    const std::string out = (dir / "out.bin").string();
    auto r = age_on_tty("age -d -o " + out + " " + (dir / "ours.age").string(), pass + "\n");
    CHECK(r.exit_code == 0);
    CHECK(afterglow::test::read_file(out) == str(plain));
    auto wrong = age_on_tty("age -d -o " + (dir / "no.bin").string() + " " +
                                (dir / "ours.age").string(), "not it\n");
    CHECK(wrong.exit_code != 0);

    // age -p → ours.
    afterglow::test::write_file(dir / "p.bin", str(plain));
    auto e = age_on_tty("age -p -o " + (dir / "theirs.age").string() + " " +
                            (dir / "p.bin").string(), pass + "\n" + pass + "\n");
    REQUIRE(e.exit_code == 0);
    const std::string theirs = afterglow::test::read_file(dir / "theirs.age");
    auto info = age::inspect(as_bytes(theirs));
    REQUIRE(info.ok());
    CHECK(info->passphrase);
    CHECK(info->scrypt_log2n == 18);
    age::DecryptOptions d;
    d.passphrase = pass;
    auto dec = age::decrypt(as_bytes(theirs), d);
    REQUIRE(dec.ok());
    CHECK(*dec == plain);
    d.passphrase = "nope";
    CHECK(age::decrypt(as_bytes(theirs), d).error().code == afterglow::Errc::wrong_passphrase);
}

TEST_CASE("age interop: age refuses what we refuse (tampered files)") {
    if (!have_age()) return;
    TempDir dir;
    REQUIRE(run({"age-keygen", "-o", (dir / "key.txt").string()}).exit_code == 0);
    auto ids = ids_from(afterglow::test::read_file(dir / "key.txt"));
    age::EncryptOptions o;
    o.recipients = {ids[0].recipient()};
    auto enc = age::encrypt(pattern(300), o);
    REQUIRE(enc.ok());
    age::DecryptOptions d;
    d.identities = &ids;
    // A sample of positions across header and payload: both implementations refuse.
    for (std::size_t i = 0; i < enc->size(); i += 23) {
        CAPTURE(i);
        Bytes bad = *enc;
        bad[i] ^= 0x01;
        afterglow::test::write_file(dir / "bad.age", str(bad));
        CHECK_FALSE(age::decrypt(bad, d).ok());
        CHECK(run({"age", "-d", "-i", (dir / "key.txt").string(), (dir / "bad.age").string()})
                  .exit_code != 0);
    }
}
