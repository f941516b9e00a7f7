// The passkey wrap (journal/passkey_wrap.hpp): known answers with fixed PRF outputs (computed
// independently: HKDF-SHA256 from Python's hmac, XChaCha20-Poly1305 from a hand-written
// HChaCha20 and the cryptography package), and the vault's passkey rows on a real file:
// several passkeys, removal, a passphrase change keeps them, tampered and swapped rows.
#include <doctest/doctest.h>

#include "crypto/aead.hpp"
#include "journal/passkey_wrap.hpp"
#include "journal/vault.hpp"
#include "tests/journal/key_rows.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;

namespace {

crypto::Bytes seq(std::uint8_t from, std::size_t n) {
    crypto::Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(from + i);
    return b;
}
crypto::SecretBuffer secret_seq(std::uint8_t from, std::size_t n) { return crypto::SecretBuffer::copy_of(seq(from, n)); }

const char* kValue =
    "01404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f1000101112131415161718191a1b1c1d1e1f05"
    "0050686f6e6514323032362d31322d30365431333a34303a30305a707172737475767778797a7b7c7d7e7f808182838485868716"
    "07302d0903eb0758a8d7520cb57f65eef26c320782d5aa7630a93beaf421379f9d28708bea9dd4a482710c50a22fda";

passkey::Meta kat_meta() { return {"Phone", "2026-12-06T13:40:00Z", seq(0x10, 16), seq(0x40, 32)}; }

}  // namespace

TEST_CASE("passkey wrap: known answers with a fixed PRF output") {
    const auto prf = secret_seq(0x00, 32);
    const auto master = secret_seq(0xa0, 32);
    CHECK(passkey::row_name(seq(0x10, 16)) == "passkey:b65eccda15120dda");
    CHECK(crypto::to_hex(passkey::wrap_key(prf, seq(0x40, 32)).span()) ==
          "2f00995b6184e691f3f06d50c6ef0b499aa7d79d92903f98f5187b85389d6c1b");
    auto value = passkey::wrap(kat_meta(), prf, master, seq(0x70, 24));
    REQUIRE(value.ok());
    CHECK(crypto::to_hex(*value) == kValue);

    auto opened = passkey::unwrap("passkey:b65eccda15120dda", *value, prf);
    REQUIRE(opened);
    CHECK(crypto::equal(opened->span(), master.span()));
    auto meta = passkey::read_meta(*value);
    REQUIRE(meta);
    CHECK(meta->name == "Phone");
    CHECK(meta->added == "2026-12-06T13:40:00Z");
}

TEST_CASE("passkey wrap: another PRF output, any changed byte or another row never unwraps") {
    const auto prf = secret_seq(0x00, 32);
    const auto master = secret_seq(0xa0, 32);
    auto value = passkey::wrap(kat_meta(), prf, master).value();
    const std::string row = passkey::row_name(seq(0x10, 16));
    CHECK_FALSE(passkey::unwrap(row, value, secret_seq(0x01, 32)));  // another passkey's output
    CHECK_FALSE(passkey::unwrap("passkey:0000000000000000", value, prf));  // moved to another row
    for (std::size_t i = 0; i < value.size(); ++i) {
        auto bad = value;
        bad[i] ^= 0x01;  // the name, date, credential id, salt and the sealed key are all bound
        CHECK_FALSE(passkey::unwrap(row, bad, prf));
    }
    auto long_name = kat_meta();
    long_name.name.assign(passkey::kMaxNameBytes + 1, 'x');
    CHECK_FALSE(passkey::wrap(long_name, prf, master).ok());
}

TEST_CASE("passkey wrap: several passkeys unlock a real vault, removal, passphrase change, tampering") {
    test::TempDir dir;
    const auto path = dir / "j.afterglow";
    {
        auto v = test::make_vault(path);
        Entry e;
        e.title = "after the session";
        REQUIRE(v->save(e).ok());
        REQUIRE(v->add_passkey("Phone", "2026-12-06T13:40:00Z", seq(0x10, 16), seq(0x40, 32), secret_seq(0, 32)).ok());
        REQUIRE(v->add_passkey("Key", "2026-12-06T13:41:00Z", seq(0x20, 16), seq(0x50, 32), secret_seq(7, 32)).ok());
        REQUIRE(v->change_passphrase("a new one").ok());
        REQUIRE(v->verify().value().ok());
    }
    auto v = Vault::open(path).value();
    auto keys = v->passkeys();
    REQUIRE(keys.size() == 2);
    CHECK(keys[0].intact);
    CHECK(keys[1].intact);

    CHECK(v->unlock_with_passkey(seq(0x10, 16), secret_seq(7, 32)).error().code == Errc::damaged);  // wrong output
    REQUIRE(v->unlock_with_passkey(seq(0x10, 16), secret_seq(0, 32)).ok());
    CHECK(v->entries().size() == 1);
    CHECK(v->problems().empty());
    const std::string phone_row = passkey::row_name(seq(0x10, 16));
    REQUIRE(v->remove_passkey(phone_row).ok());
    CHECK_FALSE(test::read_key_rows(path).count(phone_row));  // gone from the file
    v->lock();
    CHECK(v->unlock_with_passkey(seq(0x10, 16), secret_seq(0, 32)).error().code == Errc::not_found);
    REQUIRE(v->unlock_with_passkey(seq(0x20, 16), secret_seq(7, 32)).ok());
    REQUIRE(v->verify().value().ok());
    v->lock();

    // The remaining wrap tampered in the file: named, never unlocks; the passphrase still does.
    const std::string key_row = passkey::row_name(seq(0x20, 16));
    auto rows = test::read_key_rows(path);
    rows[key_row].back() ^= 0x40;
    test::write_key_rows(path, rows);
    auto st = v->unlock_with_passkey(seq(0x20, 16), secret_seq(7, 32));
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == Errc::damaged);
    CHECK(st.error().message.find("\u201cKey\u201d") != std::string::npos);
    CHECK_FALSE(v->unlocked());
    // Checksums recomputed too (someone who knows the format): the AEAD still refuses.
    keyring::seal_checksums(rows);
    test::write_key_rows(path, rows);
    CHECK(v->unlock_with_passkey(seq(0x20, 16), secret_seq(7, 32)).error().code == Errc::damaged);
    REQUIRE(v->unlock("a new one").ok());
    CHECK(v->entries().size() == 1);
}

TEST_CASE("passkey wrap: nothing is written over a damaged key row, a damaged wrap can be removed") {
    test::TempDir dir;
    const auto path = dir / "j.afterglow";
    auto v = test::make_vault(path);
    REQUIRE(v->add_passkey("Phone", "2026-12-06T13:40:00Z", seq(0x10, 16), seq(0x40, 32), secret_seq(0, 32)).ok());
    const std::string row = passkey::row_name(seq(0x10, 16));
    auto rows = test::read_key_rows(path);
    rows[row][40] ^= 0x01;  // inside the credential id
    test::write_key_rows(path, rows);
    auto st = v->add_passkey("Key", "2026-12-06T13:41:00Z", seq(0x20, 16), seq(0x50, 32), secret_seq(7, 32));
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().subject == "key:" + row);
    CHECK(test::read_key_rows(path) == rows);  // nothing written
    REQUIRE(v->remove_passkey(row).ok());
    CHECK(v->passkeys().empty());

    // Swapped: one passkey's row copied over another's, checksums recomputed: neither opens.
    REQUIRE(v->add_passkey("Phone", "2026-12-06T13:40:00Z", seq(0x10, 16), seq(0x40, 32), secret_seq(0, 32)).ok());
    REQUIRE(v->add_passkey("Key", "2026-12-06T13:41:00Z", seq(0x20, 16), seq(0x50, 32), secret_seq(7, 32)).ok());
    v->lock();
    rows = test::read_key_rows(path);
    rows[passkey::row_name(seq(0x20, 16))] = rows[row];
    keyring::seal_checksums(rows);
    test::write_key_rows(path, rows);
    CHECK(v->unlock_with_passkey(seq(0x20, 16), secret_seq(7, 32)).error().code == Errc::damaged);
    CHECK(v->unlock_with_passkey(seq(0x20, 16), secret_seq(0, 32)).error().code == Errc::damaged);
    CHECK_FALSE(v->unlocked());
    REQUIRE(v->unlock("correct horse").ok());
    REQUIRE(v->remove_passkey(passkey::row_name(seq(0x20, 16))).ok());
    REQUIRE(v->verify().value().ok());
}

TEST_CASE("passkey wrap: afterglow-cli opens a vault with passkeys with the passphrase, lists and removes them") {
    test::TempDir dir;
    const auto path = dir / "j.afterglow";
    {
        auto v = test::make_vault(path);
        REQUIRE(v->add_passkey("Phone", "2026-12-06T13:40:00Z", seq(0x10, 16), seq(0x40, 32), secret_seq(0, 32)).ok());
        REQUIRE(v->add_passkey("Key", "2026-12-06T13:41:00Z", seq(0x20, 16), seq(0x50, 32), secret_seq(7, 32)).ok());
    }
    const std::vector<std::string> env{"AFTERGLOW_PASSPHRASE=correct horse"};
    auto cli = [&](std::vector<std::string> a) {
        a.insert(a.begin(), {test::cli_path(), "--vault", path.string()});
        return test::run(a, "", env);
    };
    auto verify = cli({"verify"});
    CHECK_MESSAGE(verify.exit_code == 0, (verify.out + verify.err));
    auto list = cli({"passkey", "list"});
    CHECK(list.exit_code == 0);
    CHECK(list.out.find("\u201cPhone\u201d, added 2026-12-06T13:40:00Z") != std::string::npos);
    CHECK(list.out.find("\u201cKey\u201d") != std::string::npos);
    auto removed = cli({"passkey", "remove", "Phone"});
    CHECK_MESSAGE(removed.exit_code == 0, removed.err);
    CHECK(cli({"passkey", "list"}).out.find("Phone") == std::string::npos);
    CHECK(cli({"passkey", "remove", "Phone"}).exit_code == 2);
    CHECK(cli({"verify"}).exit_code == 0);
    auto v = Vault::open(path).value();
    CHECK(v->unlock_with_passkey(seq(0x10, 16), secret_seq(0, 32)).error().code == Errc::not_found);
    CHECK(v->unlock_with_passkey(seq(0x20, 16), secret_seq(7, 32)).ok());
}
