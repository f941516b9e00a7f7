// crypto/sealed_box.hpp: anonymous sealed boxes for quick capture.
#include <doctest/doctest.h>

#include "crypto/bytes.hpp"
#include "crypto/sealed_box.hpp"

using namespace afterglow::crypto;

TEST_CASE("sealed box: round trip at several sizes") {
    const BoxKeyPair kp = box_keypair();
    CHECK(kp.public_key.size() == kBoxPublicKeySize);
    CHECK(kp.secret_key.size() == kBoxSecretKeySize);
    for (std::size_t n : {0u, 1u, 48u, 1000u, 70000u}) {
        CAPTURE(n);
        const Bytes msg = random_bytes(n);
        const Bytes sealed = box_seal(kp.public_key, msg);
        CHECK(sealed.size() == n + 48);  // ephemeral public key + MAC
        CHECK(box_seal(kp.public_key, msg) != sealed);  // fresh ephemeral key each time
        auto opened = box_open(kp, sealed);
        REQUIRE(opened.has_value());
        CHECK(*opened == msg);
    }
}

TEST_CASE("sealed box: tampering - wrong key and short input fail") {
    const BoxKeyPair kp = box_keypair();
    const BoxKeyPair other = box_keypair();
    const Bytes msg = random_bytes(64);
    const Bytes sealed = box_seal(kp.public_key, msg);
    for (std::size_t i = 0; i < sealed.size(); ++i) {
        Bytes bad = sealed;
        bad[i] ^= 0x01;
        CHECK_FALSE(box_open(kp, bad).has_value());
    }
    CHECK_FALSE(box_open(other, sealed).has_value());
    CHECK_FALSE(box_open(kp, std::span(sealed).first(47)).has_value());
    CHECK_FALSE(box_open(kp, {}).has_value());
    BoxKeyPair broken{Bytes(31, 0), SecretBuffer::random(32)};
    CHECK_FALSE(box_open(broken, sealed).has_value());
}
