// Bech32 (BIP-173) test vectors and age key encodings.
#include <doctest/doctest.h>

#include <string>

#include "crypto/bech32.hpp"
#include "crypto/bytes.hpp"

using namespace afterglow::crypto;

// BIP-173 "Test vectors": valid checksums (the 90-character limit applies to these).
TEST_CASE("bech32: BIP-173 valid strings") {
    const std::string valid[] = {
        "A12UEL5L",
        "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11" + std::string(82, 'q') + "c8247j",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        "?1ezyfcl",
    };
    for (const auto& s : valid) {
        CAPTURE(s);
        auto r = bech32::decode_values(s, 90);
        REQUIRE(r.ok());
        // Re-encoding gives the same string (in its case).
        CHECK(bech32::encode_values(r->hrp, r->values, r->upper) == s);
    }
}

// BIP-173 "Test vectors": invalid strings, each for the reason BIP-173 gives.
TEST_CASE("bech32: BIP-173 invalid strings") {
    const std::string invalid[] = {
        std::string("\x20") + "1nwldj5",  // HRP character out of range
        std::string("\x7f") + "1axkwrx",  // HRP character out of range
        std::string("\x80") + "1eym55h",  // HRP character out of range
        // overall max length exceeded
        "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx",
        "pzry9x0s0muk",                   // no separator character
        "1pzry9x0s0muk",                  // empty HRP
        "x1b4n0q5v",                      // invalid data character
        "li1dgmt3",                       // too short checksum
        std::string("de1lg7wt") + "\xff", // invalid character in checksum
        "A1G7SGD8",                       // checksum calculated with uppercase form of HRP
        "10a06t8",                        // empty HRP
        "1qzzfhee",                       // empty HRP
    };
    for (const auto& s : invalid) {
        CAPTURE(s);
        CHECK_FALSE(bech32::decode_values(s, 90).ok());
    }
    // The length limit is optional: without it only the 84-character HRP string passes the
    // length check, and then its checksum is still verified.
    CHECK(bech32::decode_values(invalid[3]).ok());
}

TEST_CASE("bech32: mixed case - bad checksum - wrong alphabet") {
    CHECK_FALSE(bech32::decode_values("A12uEL5L").ok());
    auto mixed = bech32::decode_values("a12UEL5L");
    REQUIRE_FALSE(mixed.ok());
    CHECK(mixed.error().message.find("mixes upper and lower case") != std::string::npos);
    auto typo = bech32::decode_values("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx");
    REQUIRE_FALSE(typo.ok());
    CHECK(typo.error().message.find("checksum") != std::string::npos);
    CHECK_FALSE(bech32::decode_values("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxb").ok());
}

// BIP-173 segwit address vectors exercise the 5-to-8 bit regrouping (the first value is the
// witness version; the rest is the program).
TEST_CASE("bech32: padding rules of the 5-to-8 bit conversion") {
    auto ok = bech32::decode_values("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4");
    REQUIRE(ok.ok());
    CHECK(ok->upper);
    CHECK(ok->hrp == "bc");
    auto prog = bech32::from_5bit(std::span(ok->values).subspan(1));
    REQUIRE(prog.ok());
    CHECK(to_hex(*prog) == "751e76e8199196d454941c45d1b3a323f1433bd6");

    // "Invalid witness version"/"non-zero padding in 8-to-5 conversion" (BIP-173).
    auto nonzero = bech32::decode_values("bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du");
    REQUIRE(nonzero.ok());  // the checksum is fine ...
    auto bad = bech32::from_5bit(std::span(nonzero->values).subspan(1));
    REQUIRE_FALSE(bad.ok());  // ... the padding is not
    CHECK(bad.error().message.find("padding") != std::string::npos);
    // "zero padding of more than 4 bits" (BIP-173).
    auto longpad = bech32::decode_values(
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv");
    REQUIRE(longpad.ok());
    CHECK_FALSE(bech32::from_5bit(std::span(longpad->values).subspan(1)).ok());
    CHECK_FALSE(bech32::decode("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv").ok());
}

TEST_CASE("bech32: byte round trips at every length - upper and lower") {
    for (std::size_t n = 0; n <= 70; ++n) {
        CAPTURE(n);
        const Bytes data = random_bytes(n);
        for (bool upper : {false, true}) {
            const std::string s = bech32::encode("age", data, upper);
            auto d = bech32::decode(s);
            REQUIRE(d.ok());
            CHECK(d->hrp == "age");
            CHECK(d->upper == upper);
            CHECK(d->data == data);
        }
    }
    // age keys are longer than 90 characters: no limit by default.
    const std::string longkey = bech32::encode("age-secret-key-", Bytes(64, 7), true);
    CHECK(longkey.size() > 90);
    CHECK(bech32::decode(longkey).ok());
    CHECK_FALSE(bech32::decode(longkey, 90).ok());
}

// The example identity and its recipient from the C2SP age spec ("The X25519 recipient type").
TEST_CASE("bech32: age spec example identity decodes to 32 bytes") {
    auto id = bech32::decode("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX");
    REQUIRE(id.ok());
    CHECK(id->hrp == "age-secret-key-");
    CHECK(id->upper);
    CHECK(id->data == Bytes(32, 0x42));
    auto rcpt = bech32::decode("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj");
    REQUIRE(rcpt.ok());
    CHECK(rcpt->hrp == "age");
    CHECK(rcpt->data.size() == 32);
}
