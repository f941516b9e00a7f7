// HKDF-SHA256 and HMAC-SHA256 known answers.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "crypto/bytes.hpp"
#include "crypto/hkdf.hpp"
#include "tests/crypto/test_bytes_kit.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow::crypto;
using afterglow::test::hex;
using afterglow::test::seq;

namespace {
}  // namespace

// RFC 5869, Appendix A: test cases 1-3 (SHA-256).
TEST_CASE("HKDF-SHA256: RFC 5869 A.1-A.3") {
    struct Case {
        Bytes ikm, salt, info;
        std::size_t len;
        const char* prk;
        const char* okm;
    };
    const Case cases[] = {
        {Bytes(22, 0x0b), seq(0x00, 0x0c), seq(0xf0, 0xf9), 42,
         "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
         "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
        {seq(0x00, 0x4f), seq(0x60, 0xaf), seq(0xb0, 0xff), 82,
         "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
         "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c6"
         "5e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"},
        {Bytes(22, 0x0b), {}, {}, 42,
         "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
         "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
    };
    int n = 0;
    for (const auto& c : cases) {
        CAPTURE(++n);
        const SecretBuffer prk = hkdf_extract(c.salt, c.ikm);
        CHECK(to_hex(prk.span()) == c.prk);
        auto okm = hkdf_expand(prk.span(), c.info, c.len);
        REQUIRE(okm.ok());
        CHECK(to_hex(okm->span()) == c.okm);
        auto both = hkdf_sha256(c.ikm, c.salt, c.info, c.len);
        REQUIRE(both.ok());
        CHECK(to_hex(both->span()) == c.okm);
    }
}

TEST_CASE("HKDF-SHA256: output length limits") {
    const Bytes ikm(32, 1);
    CHECK(hkdf_sha256(ikm, {}, {}, 255 * 32).ok());
    auto too_long = hkdf_sha256(ikm, {}, {}, 255 * 32 + 1);
    REQUIRE_FALSE(too_long.ok());
    CHECK(too_long.error().code == afterglow::Errc::invalid_argument);
    CHECK_FALSE(hkdf_expand(Bytes(31, 0), {}, 32).ok());  // PRK shorter than a hash
    auto empty = hkdf_sha256(ikm, {}, {}, 0);
    REQUIRE(empty.ok());
    CHECK(empty->size() == 0);
    // A prefix of a longer output equals a shorter output.
    auto a = hkdf_sha256(ikm, {}, as_bytes("x"), 100);
    auto b = hkdf_sha256(ikm, {}, as_bytes("x"), 33);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(to_hex(a->span().first(33)) == to_hex(b->span()));
}

// RFC 4231 test case 2 (HMAC-SHA-256, key "Jefe").
TEST_CASE("HMAC-SHA256: RFC 4231 case 2 and a long key") {
    auto mac = hmac_sha256(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"));
    CHECK(to_hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // RFC 4231 case 6: a 131-byte key (longer than the block) is hashed first.
    auto mac6 = hmac_sha256(Bytes(131, 0xaa),
                            as_bytes("Test Using Larger Than Block-Size Key - Hash Key First"));
    CHECK(to_hex(mac6) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

// Wycheproof hkdf_sha256_test.json (C2SP/wycheproof testvectors_v1): valid cases must give
// the exact OKM; invalid ones (size too large) must fail.
TEST_CASE("HKDF-SHA256: Wycheproof") {
    int valid = 0, invalid = 0;
    const bool ran = afterglow::test::each_wycheproof_case("hkdf_sha256_test.json", [&](const nlohmann::json& t) {
        const Bytes ikm = hex(t["ikm"].get<std::string>());
        const Bytes salt = hex(t["salt"].get<std::string>());
        const Bytes info = hex(t["info"].get<std::string>());
        const auto size = t["size"].get<std::size_t>();
        auto okm = hkdf_sha256(ikm, salt, info, size);
        if (t["result"] == "valid") {
            REQUIRE(okm.ok());
            CHECK(to_hex(okm->span()) == t["okm"].get<std::string>());
            ++valid;
        } else {
            CHECK_FALSE(okm.ok());
            ++invalid;
        }
    });
    if (!ran) return;
    CHECK(valid > 50);
    CHECK(invalid > 0);
}
