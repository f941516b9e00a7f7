// crypto/recovery_key.hpp: display format, typo detection, lenient reading.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>

#include "crypto/recovery_key.hpp"

using namespace afterglow::crypto;

namespace {
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// TEXT reads as exactly KEY.
bool parses_to(const std::string& text, const SecretBuffer& key) {
    auto read = parse_recovery_key(text);
    return read.ok() && equal(read->span(), key.span());
}
}

TEST_CASE("recovery key: format and parse round trip") {
    for (int i = 0; i < 50; ++i) {
        const SecretBuffer key = SecretBuffer::random(kRecoveryKeySize);
        const std::string text = format_recovery_key(key);
        CHECK(text.size() == 14 * 4 + 13);
        for (std::size_t g = 0; g < kRecoveryGroups; ++g) {
            const std::string group = recovery_key_group(text, g);
            CHECK(group.size() == 4);
            for (char c : group) CHECK(std::string_view(kAlphabet).find(c) != std::string::npos);
            if (g + 1 < kRecoveryGroups) CHECK(text[g * 5 + 4] == '-');
        }
        CHECK(recovery_key_group(text, kRecoveryGroups).empty());
        auto back = parse_recovery_key(text);
        REQUIRE(back.ok());
        CHECK(equal(back->span(), key.span()));
    }
}

TEST_CASE("recovery key: lower case - spaces - I/L/O are accepted") {
    const SecretBuffer key = SecretBuffer::random(kRecoveryKeySize);
    const std::string text = format_recovery_key(key);
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    CHECK(parses_to(lower, key));

    std::string spaced;
    for (char c : text) spaced += c == '-' ? std::string("  ") : std::string(1, c);
    CHECK(parses_to(" " + spaced + "\n", key));

    // Crockford: I and L read as 1, O as 0 (both cases).
    std::string lookalike = text;
    bool changed = false;
    for (auto& c : lookalike) {
        if (c == '1') { c = changed ? 'l' : 'I'; changed = true; }
        else if (c == '0') { c = 'o'; changed = true; }
    }
    if (!changed) lookalike = text;  // (a key without 0 or 1: nothing to substitute)
    CHECK(parses_to(lookalike, key));
    // A fixed key with known characters, to be sure the substitution is exercised.
    SecretBuffer zeros(kRecoveryKeySize);
    const std::string zt = format_recovery_key(zeros);
    std::string zo = zt;
    std::replace(zo.begin(), zo.end(), '0', 'O');
    REQUIRE(zo != zt);
    CHECK(parses_to(zo, zeros));
}

TEST_CASE("recovery key: a typo is reported as a typo") {
    const SecretBuffer key = SecretBuffer::random(kRecoveryKeySize);
    const std::string text = format_recovery_key(key);
    int typos = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '-') continue;
        std::string bad = text;
        bad[i] = text[i] == 'X' ? 'Y' : 'X';
        auto r = parse_recovery_key(bad);
        // A change in the last character's unused bits is harmless; anything else is a typo.
        if (r.ok()) {
            CHECK(equal(r->span(), key.span()));
            continue;
        }
        CHECK(r.error().code == afterglow::Errc::invalid_argument);
        CHECK(r.error().message.find("typo") != std::string::npos);
        ++typos;
    }
    CHECK(typos >= 50);
}

TEST_CASE("recovery key: wrong length and foreign characters have their own messages") {
    const SecretBuffer key = SecretBuffer::random(kRecoveryKeySize);
    const std::string text = format_recovery_key(key);
    auto short_ = parse_recovery_key(text.substr(0, text.size() - 5));
    REQUIRE_FALSE(short_.ok());
    CHECK(short_.error().message.find("56 characters") != std::string::npos);
    auto long_ = parse_recovery_key(text + "-ABCD");
    REQUIRE_FALSE(long_.ok());
    CHECK(long_.error().message.find("characters") != std::string::npos);
    std::string u = text;
    u[0] = 'U';  // not in Crockford's alphabet
    auto bad = parse_recovery_key(u);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("not part of it") != std::string::npos);
    CHECK_FALSE(parse_recovery_key("").ok());
}
