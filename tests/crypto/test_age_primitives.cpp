// X25519 and scrypt known answers: the primitives under age's recipient types.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <fstream>

#include "crypto/bytes.hpp"
#include "crypto/secret.hpp"
#include "tests/crypto/test_bytes_kit.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow::crypto;
using afterglow::test::hex;
using afterglow::test::seq;

namespace {
Bytes x25519(const Bytes& k, const Bytes& u, int* rc = nullptr) {
    Bytes out(32);
    const int r = crypto_scalarmult(out.data(), k.data(), u.data());
    if (rc) *rc = r;
    return out;
}
}  // namespace

// RFC 7748 §5.2 (first vector, and the iterated vectors for 1 and 1000 iterations) and §6.1.
TEST_CASE("X25519: RFC 7748") {
    REQUIRE(init());
    CHECK(to_hex(x25519(hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                        hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"))) ==
          "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");

    Bytes k(32, 0), u(32, 0);
    k[0] = u[0] = 9;
    for (int i = 1; i <= 1000; ++i) {
        Bytes r = x25519(k, u);
        u = k;
        k = r;
        if (i == 1) CHECK(to_hex(k) == "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
    }
    CHECK(to_hex(k) == "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");

    const Bytes alice = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    const Bytes bob = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    Bytes alice_pub(32), bob_pub(32);
    crypto_scalarmult_base(alice_pub.data(), alice.data());
    crypto_scalarmult_base(bob_pub.data(), bob.data());
    CHECK(to_hex(alice_pub) == "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    CHECK(to_hex(bob_pub) == "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    const std::string shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    CHECK(to_hex(x25519(alice, bob_pub)) == shared);
    CHECK(to_hex(x25519(bob, alice_pub)) == shared);
}

// Wycheproof x25519_test.json (C2SP/wycheproof testvectors_v1). Valid and acceptable tests
// give the exact shared secret, except that libsodium refuses (returns -1) where the result
// would be all zeros (low-order points) — which age requires rejecting anyway.
TEST_CASE("X25519: Wycheproof") {
    int checked = 0, refused = 0;
    const std::string zero(64, '0');
    const bool ran = afterglow::test::each_wycheproof_case("x25519_test.json", [&](const nlohmann::json& t) {
        const std::string expect = t["shared"].get<std::string>();
        int rc = 0;
        const Bytes got = x25519(hex(t["private"].get<std::string>()),
                                 hex(t["public"].get<std::string>()), &rc);
        if (rc != 0) {
            CHECK(expect == zero);  // refusal only where the result would be all zeros
            ++refused;
            return;
        }
        CHECK(to_hex(got) == expect);
        if (t["result"] == "valid") CHECK(expect != zero);
        ++checked;
    });
    if (!ran) return;
    CHECK(checked > 450);
    CHECK(refused > 0);
}

// RFC 7914 §12, the vectors with small N (the N = 2^14 and 2^20 ones are too slow here).
TEST_CASE("scrypt: RFC 7914 section 12") {
    REQUIRE(init());
    Bytes out(64);
    const std::uint8_t empty[1] = {0};  // P = "", S = ""
    REQUIRE(crypto_pwhash_scryptsalsa208sha256_ll(empty, 0, empty, 0, 16, 1, 1, out.data(),
                                                  out.size()) == 0);
    CHECK(to_hex(out) ==
          "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
          "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
    const auto pw = as_bytes("password");
    const auto salt = as_bytes("NaCl");
    REQUIRE(crypto_pwhash_scryptsalsa208sha256_ll(pw.data(), pw.size(), salt.data(), salt.size(),
                                                  1024, 8, 16, out.data(), out.size()) == 0);
    CHECK(to_hex(out) ==
          "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
          "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
}
