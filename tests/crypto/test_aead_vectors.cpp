// ChaCha20-Poly1305 (IETF) and XChaCha20-Poly1305 known answers and properties.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "crypto/aead.hpp"
#include "crypto/bytes.hpp"
#include "tests/crypto/test_bytes_kit.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow::crypto;
using afterglow::test::hex;
using afterglow::test::seq;

namespace {



const char kSunscreen[] =
    "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
    "future, sunscreen would be it.";

// Runs one Wycheproof AEAD file: valid tests must encrypt to exactly ct‖tag and decrypt back;
// invalid ones must fail to decrypt.
template <class Enc, class Dec>
void run_wycheproof(const char* file, std::size_t nonce_size, Enc enc, Dec dec) {
    int valid = 0, invalid = 0;
    const bool ran = afterglow::test::each_wycheproof_case(file, [&](const nlohmann::json& t) {
        const Bytes key = hex(t["key"].get<std::string>());
        const Bytes iv = hex(t["iv"].get<std::string>());
        const Bytes aad = hex(t["aad"].get<std::string>());
        const Bytes msg = hex(t["msg"].get<std::string>());
        Bytes ct = hex(t["ct"].get<std::string>());
        const Bytes tag = hex(t["tag"].get<std::string>());
        ct.insert(ct.end(), tag.begin(), tag.end());
        if (t["result"] == "valid") {
            REQUIRE(iv.size() == nonce_size);
            CHECK(to_hex(enc(key, iv, msg, aad)) == to_hex(ct));
            auto pt = dec(key, iv, ct, aad);
            REQUIRE(pt.has_value());
            CHECK(*pt == msg);
            ++valid;
        } else {
            CHECK_FALSE(dec(key, iv, ct, aad).has_value());
            ++invalid;
        }
    });
    if (!ran) return;
    CHECK(valid > 200);
    CHECK(invalid > 0);
}

}  // namespace

// RFC 8439 §2.8.2: "Example and Test Vector for AEAD_CHACHA20_POLY1305".
TEST_CASE("ChaCha20-Poly1305: RFC 8439 2.8.2") {
    const Bytes key = seq(0x80, 0x9f);
    const Bytes nonce = hex("070000004041424344454647");
    const Bytes aad = hex("50515253c0c1c2c3c4c5c6c7");
    const auto pt = as_bytes(kSunscreen);
    const std::string expect =
        "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69"
        "da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad6759455"
        "85808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116"
        "1ae10b594f09e26a7e902ecbd0600691";
    const Bytes ct = chacha_encrypt(key, nonce, pt, aad);
    CHECK(to_hex(ct) == expect);
    auto back = chacha_decrypt(key, nonce, ct, aad);
    REQUIRE(back.has_value());
    CHECK(as_text(*back) == kSunscreen);
}

// draft-irtf-cfrg-xchacha-03, Appendix A.3.1: "AEAD_XChaCha20_Poly1305" example.
TEST_CASE("XChaCha20-Poly1305: draft-irtf-cfrg-xchacha A.3.1") {
    const Bytes key = seq(0x80, 0x9f);
    const Bytes nonce = seq(0x40, 0x57);
    const Bytes aad = hex("50515253c0c1c2c3c4c5c6c7");
    const std::string expect =
        "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f"
        "4eda7e39ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f"
        "76b2383565d3fff921f9664c97637da9768812f615c68b13b52e"
        "c0875924c1c7987947deafd8780acf49";
    const Bytes ct = xchacha_encrypt(key, nonce, as_bytes(kSunscreen), aad);
    CHECK(to_hex(ct) == expect);
    auto back = xchacha_decrypt(key, nonce, ct, aad);
    REQUIRE(back.has_value());
    CHECK(as_text(*back) == kSunscreen);
}

// Wycheproof chacha20_poly1305_test.json (C2SP/wycheproof testvectors_v1).
TEST_CASE("ChaCha20-Poly1305: Wycheproof") {
    run_wycheproof(
        "chacha20_poly1305_test.json", kNonceSize,
        [](auto& k, auto& n, auto& m, auto& a) { return chacha_encrypt(k, n, m, a); },
        [](auto& k, auto& n, auto& c, auto& a) { return chacha_decrypt(k, n, c, a); });
}

// Wycheproof xchacha20_poly1305_test.json (C2SP/wycheproof testvectors_v1).
TEST_CASE("XChaCha20-Poly1305: Wycheproof") {
    run_wycheproof(
        "xchacha20_poly1305_test.json", kXNonceSize,
        [](auto& k, auto& n, auto& m, auto& a) { return xchacha_encrypt(k, n, m, a); },
        [](auto& k, auto& n, auto& c, auto& a) { return xchacha_decrypt(k, n, c, a); });
}

TEST_CASE("AEAD properties: round trips and every flipped byte fails") {
    for (std::size_t len : {0u, 1u, 15u, 16u, 17u, 64u, 257u}) {
        CAPTURE(len);
        const Bytes key = random_bytes(kKeySize);
        const Bytes msg = random_bytes(len);
        const Bytes ad = random_bytes(len % 7);

        const Bytes sealed = seal(key, msg, ad);
        CHECK(sealed.size() == len + kSealOverhead);
        auto opened = open(key, sealed, ad);
        REQUIRE(opened.has_value());
        CHECK(*opened == msg);
        CHECK(seal(key, msg, ad) != sealed);  // fresh nonce each time
        for (std::size_t i = 0; i < sealed.size(); ++i) {
            Bytes bad = sealed;
            bad[i] ^= 0x01;
            CHECK_FALSE(open(key, bad, ad).has_value());
        }
        Bytes other_ad = ad;
        other_ad.push_back(0);
        CHECK_FALSE(open(key, sealed, other_ad).has_value());
        CHECK_FALSE(open(random_bytes(kKeySize), sealed, ad).has_value());
        auto secret = open_secret(key, sealed, ad);
        REQUIRE(secret.has_value());
        CHECK(Bytes(secret->data(), secret->data() + secret->size()) == msg);

        const Bytes nonce = random_bytes(kNonceSize);
        const Bytes ct = chacha_encrypt(key, nonce, msg, ad);
        for (std::size_t i = 0; i < ct.size(); ++i) {
            Bytes bad = ct;
            bad[i] ^= 0x80;
            CHECK_FALSE(chacha_decrypt(key, nonce, bad, ad).has_value());
        }
        CHECK_FALSE(chacha_decrypt(key, nonce, std::span(ct).first(ct.size() - 1), ad).has_value());
    }
    CHECK_FALSE(open(random_bytes(kKeySize), Bytes(kSealOverhead - 1, 0), {}).has_value());
}
