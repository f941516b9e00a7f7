// The passphrase meter's scores (the same scorer runs on the desktop and the web).
#include <doctest/doctest.h>

#include <string>

#include "app/core/strength.hpp"

using afterglow::app::passphrase_strength;

TEST_CASE("strength: common passwords are very weak and four unrelated words are good") {
    CHECK(passphrase_strength("password").score == 0);
    CHECK(passphrase_strength("P@ssw0rd").score == 0);
    CHECK(passphrase_strength("ketamine2026").score == 0);  // the app's own words count as known
    const auto words = passphrase_strength("quiet river lantern morning");
    CHECK(words.score >= 3);
    CHECK(words.acceptable());
    CHECK(passphrase_strength("").score == 0);
    CHECK(std::string(passphrase_strength("").advice).find("unrelated words") != std::string::npos);
}

TEST_CASE("strength: other scripts are counted per character not per UTF-8 byte") {
    // "пароль" is Russian for "password": six letters, not twelve bytes of random noise.
    const auto ru = passphrase_strength("пароль");
    CHECK(ru.score <= 1);
    CHECK(ru.bits == doctest::Approx(6 * 6.644).epsilon(0.01));
    CHECK(passphrase_strength("привет мир как дела").score >= 3);
}

TEST_CASE("strength: random characters are costed by the alphabet they use") {
    CHECK(passphrase_strength("Gh8$mL2@xR9&wN").score == 4);
    CHECK(passphrase_strength("aaaaaaaaaaaaaaaa").score == 0);  // a repeat, not 16 random letters
}

TEST_CASE("strength: emoji and mixed scripts are scored without trouble") {
    const auto e = passphrase_strength("🌅🌙 sunrise moon 🌊");
    CHECK(e.bits > 0);
    CHECK(e.score >= 0);
    CHECK(e.score <= 4);
}
