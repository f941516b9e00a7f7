// Issue 17 item 2: the recovery key never authenticates the KDF rows, so a passphrase set
// after a recovery must not inherit them (someone who can write the file sets 8 KiB × 1 pass
// and recomputes the unkeyed checksums; the real passphrase then fails and the patient
// recovers).
#include <doctest/doctest.h>

#include "journal/vault.hpp"
#include "tests/journal/key_rows.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using afterglow::test::TempDir;

namespace {

const char* kPass = "correct horse";

// A vault with a real (if light) KDF: 64 MiB × 1 pass, the least allowed without consent.
std::string make_light_vault(const std::filesystem::path& path) {
    CreateOptions opt;
    opt.kdf = crypto::KdfParams::with_limits(1, crypto::KdfParams::kMinUserMemlimit);
    auto created = Vault::create(path, kPass, opt);
    REQUIRE_MESSAGE(created.ok(), test::error_of(created));
    Entry e;
    e.body = "kept through the recovery";
    REQUIRE(created->vault->save(e).ok());
    return created->recovery_key;
}

// The attack: the rows weakened, the real passphrase fails, the patient uses the recovery key.
std::unique_ptr<Vault> recovered_after_weakening(const std::filesystem::path& path) {
    const std::string recovery = make_light_vault(path);
    test::weaken_kdf_rows(path);
    auto v = Vault::open(path);
    REQUIRE(v.ok());
    CHECK((*v)->unlock(kPass).error().code == Errc::wrong_passphrase);
    REQUIRE((*v)->unlock_with_recovery_key(recovery).ok());
    return std::move(*v);
}

}  // namespace

TEST_CASE("a passphrase set after a recovery never takes the file's weakened KDF rows") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    auto v = recovered_after_weakening(path);
    REQUIRE(v->change_passphrase("a new passphrase").ok());

    const auto rows = test::read_key_rows(path);
    const auto mem = test::stored_u64(rows, "kdf_memlimit");
    MESSAGE("KDF written by the recovery: " << (mem >> 20) << " MiB x "
                                            << test::stored_u64(rows, "kdf_opslimit") << " passes");
    CHECK(mem >= crypto::KdfParams::kDefaultMemlimit);  // calibrated afresh, not 8 KiB
    CHECK(test::stored_u64(rows, "kdf_opslimit") >= 2);
    CHECK(v->kdf_params().memlimit == mem);
    v->lock();
    REQUIRE(v->unlock("a new passphrase").ok());
    REQUIRE(v->entries().size() == 1);
    CHECK(v->entries()[0].body == "kept through the recovery");
}

TEST_CASE("after a recovery, weaker KDF settings still need the explicit consent") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    auto v = recovered_after_weakening(path);
    auto weak = crypto::KdfParams::with_limits(1, 8 << 10);
    CHECK(v->change_passphrase("x", weak).error().code == Errc::kdf_limits);
    CHECK(test::stored_u64(test::read_key_rows(path), "kdf_memlimit") == (8u << 10));  // unchanged
}

TEST_CASE("a passphrase change after a passphrase unlock keeps the authenticated KDF choice") {
    TempDir dir;
    auto path = dir / "v.afterglow";
    (void)make_light_vault(path);
    auto v = Vault::open(path);
    REQUIRE((*v)->unlock(kPass).ok());
    const auto salt_before = test::read_key_rows(path).at("kdf_salt");
    REQUIRE((*v)->change_passphrase("second").ok());
    const auto rows = test::read_key_rows(path);
    CHECK(test::stored_u64(rows, "kdf_memlimit") == crypto::KdfParams::kMinUserMemlimit);
    CHECK(test::stored_u64(rows, "kdf_opslimit") == 1);
    CHECK(rows.at("kdf_salt") != salt_before);
}
