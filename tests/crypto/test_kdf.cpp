// crypto/kdf.hpp: Argon2id key derivation, parameter caps, subkeys.
#include <doctest/doctest.h>
#include <sodium.h>

#include "crypto/bytes.hpp"
#include "crypto/kdf.hpp"

using namespace afterglow::crypto;
using afterglow::Errc;

TEST_CASE("kdf: derive_key is deterministic in passphrase and salt") {
    const KdfParams p = KdfParams::insecure_for_tests();
    auto a = derive_key("correct horse", p);
    auto b = derive_key("correct horse", p);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->size() == 32);
    CHECK(equal(a->span(), b->span()));
    auto c = derive_key("correct horsf", p);
    REQUIRE(c.ok());
    CHECK_FALSE(equal(a->span(), c->span()));
    KdfParams q = p;
    q.salt = random_bytes(16);
    auto d = derive_key("correct horse", q);
    REQUIRE(d.ok());
    CHECK_FALSE(equal(a->span(), d->span()));
    KdfParams r = p;
    r.opslimit = p.opslimit + 1;
    auto e = derive_key("correct horse", r);
    REQUIRE(e.ok());
    CHECK_FALSE(equal(a->span(), e->span()));
}

// Argon2id known answer computed with libsodium's crypto_pwhash at the same parameters: our
// wrapper must pass them through unchanged (salt, ops, mem, algorithm).
TEST_CASE("kdf: derive_key equals crypto_pwhash Argon2id13 at the same parameters") {
    KdfParams p = KdfParams::insecure_for_tests();
    p.salt = Bytes(16, 0x5a);
    auto k = derive_key("pass", p);
    REQUIRE(k.ok());
    std::uint8_t expect[32];
    REQUIRE(crypto_pwhash(expect, sizeof expect, "pass", 4, p.salt.data(), p.opslimit,
                          static_cast<std::size_t>(p.memlimit), crypto_pwhash_ALG_ARGON2ID13) == 0);
    CHECK(equal(k->span(), expect));
}

TEST_CASE("kdf: insecure_for_tests is tiny - and clearly below the user minimum") {
    const KdfParams p = KdfParams::insecure_for_tests();
    CHECK(p.memlimit <= 64 * 1024);
    CHECK(p.memlimit < KdfParams::kMinUserMemlimit);
    CHECK(p.opslimit <= 2);
    CHECK(p.salt.size() == 16);
    CHECK(KdfParams::insecure_for_tests().salt != p.salt);  // fresh salt each time
    CHECK(KdfParams::kDefaultMemlimit >= (256ull << 20));
}

TEST_CASE("kdf: check_kdf_params rejects absurd parameters") {
    KdfParams ok = KdfParams::insecure_for_tests();
    CHECK(check_kdf_params(ok).ok());

    KdfParams huge_mem = ok;
    huge_mem.memlimit = KdfParams::kMaxMemlimit + 1;
    auto r1 = check_kdf_params(huge_mem);
    REQUIRE_FALSE(r1.ok());
    CHECK(r1.error().code == Errc::kdf_limits);
    CHECK(r1.error().message.find("MiB") != std::string::npos);
    huge_mem.memlimit = ~0ull;
    CHECK_FALSE(check_kdf_params(huge_mem).ok());

    KdfParams huge_ops = ok;
    huge_ops.opslimit = KdfParams::kMaxOpslimit + 1;
    CHECK(check_kdf_params(huge_ops).error().code == Errc::kdf_limits);
    huge_ops.opslimit = ~0ull;
    CHECK_FALSE(check_kdf_params(huge_ops).ok());

    KdfParams zero_ops = ok;
    zero_ops.opslimit = 0;
    CHECK_FALSE(check_kdf_params(zero_ops).ok());
    KdfParams tiny_mem = ok;
    tiny_mem.memlimit = 1024;
    CHECK_FALSE(check_kdf_params(tiny_mem).ok());
    KdfParams bad_salt = ok;
    bad_salt.salt.resize(15);
    CHECK_FALSE(check_kdf_params(bad_salt).ok());
    bad_salt.salt.clear();
    CHECK_FALSE(check_kdf_params(bad_salt).ok());

    // derive_key applies the same checks before doing any work.
    auto refused = derive_key("x", huge_ops);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == Errc::kdf_limits);
    CHECK_FALSE(derive_key("x", bad_salt).ok());
}

TEST_CASE("kdf: calibrated_passes aims at the target and stays between 2 and the cost cap") {
    const std::uint64_t mib256 = 256ull << 20;
    // 0.2 s fixed + 0.1 s a pass: 8 passes make 1 s.
    CHECK(calibrated_passes(0.3, 0.5, 1.0, mib256) == 8);
    CHECK(calibrated_passes(0.3, 0.5, 100.0, mib256) == KdfParams::kMaxCalibratedCost / mib256);  // the cap: 16
    CHECK(calibrated_passes(1.0, 1.6, 1.0, mib256) == 2);  // one pass already takes the target: the floor
    // The first probe slowed by something else (memory growth in a browser): the fixed cost
    // alone is over the target. The fewest passes, not the most (it used to pick 16).
    CHECK(calibrated_passes(3.0, 3.2, 1.0, mib256) == 2);
    CHECK(calibrated_passes(-1.0, -1.0, 1.0, mib256) == 3);  // probes failed: the default
    CHECK(calibrated_passes(1.0, 0.9, 1.0, mib256) == 3);    // noise: 3 passes no faster than 1
}

TEST_CASE("kdf: derive_subkey separates ids and contexts") {
    const SecretBuffer master = SecretBuffer::random(32);
    const SecretBuffer a = derive_subkey(master, 1, "records_");
    const SecretBuffer a2 = derive_subkey(master, 1, "records_");
    const SecretBuffer b = derive_subkey(master, 2, "records_");
    const SecretBuffer c = derive_subkey(master, 1, "manifest");
    CHECK(a.size() == 32);
    CHECK(equal(a.span(), a2.span()));
    CHECK_FALSE(equal(a.span(), b.span()));
    CHECK_FALSE(equal(a.span(), c.span()));
    // Equals libsodium's crypto_kdf_derive_from_key directly.
    std::uint8_t expect[32];
    crypto_kdf_derive_from_key(expect, sizeof expect, 1, "records_", master.data());
    CHECK(equal(a.span(), expect));
}

namespace {
int g_runner_calls = 0;
int g_runner_answer = 1;
// A runner as the web app installs one: the same crypto_pwhash, somewhere else.
int test_runner(std::span<std::uint8_t> key, std::string_view pass, const KdfParams& p) {
    ++g_runner_calls;
    if (g_runner_answer != 1) return g_runner_answer;
    return crypto_pwhash(key.data(), key.size(), pass.data(), pass.size(), p.salt.data(), p.opslimit,
                         static_cast<std::size_t>(p.memlimit), crypto_pwhash_ALG_ARGON2ID13) == 0 ? 1 : 0;
}
}  // namespace

TEST_CASE("kdf: a runner gets checked parameters only, -1 derives here, 0 is out of memory") {
    const KdfParams p = KdfParams::insecure_for_tests();
    auto here = derive_key("correct horse", p);
    REQUIRE(here.ok());
    set_pwhash_runner(test_runner);
    g_runner_calls = 0;
    g_runner_answer = 1;
    auto ran = derive_key("correct horse", p);
    REQUIRE(ran.ok());
    CHECK(g_runner_calls == 1);
    CHECK(equal(here->span(), ran->span()));
    KdfParams bad = p;
    bad.memlimit = KdfParams::kMaxMemlimit * 2;  // refused before anything runs
    CHECK(derive_key("correct horse", bad).error().code == Errc::kdf_limits);
    CHECK(g_runner_calls == 1);
    g_runner_answer = -1;  // it cannot run: derived here instead
    auto fallback = derive_key("correct horse", p);
    REQUIRE(fallback.ok());
    CHECK(equal(here->span(), fallback->span()));
    g_runner_answer = 0;  // the derivation failed
    auto failed = derive_key("correct horse", p);
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message.find("Not enough memory") != std::string::npos);
    set_pwhash_runner(nullptr);
}
