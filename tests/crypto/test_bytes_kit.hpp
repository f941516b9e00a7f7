// Small byte helpers shared by the crypto known-answer tests.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "crypto/bytes.hpp"
#include "tests/support/test_support.hpp"

namespace afterglow::test {

// Hex from a test vector; the vector itself being malformed fails the test.
inline crypto::Bytes hex(std::string_view h) {
    auto b = crypto::from_hex(h);
    REQUIRE(b.has_value());
    return *b;
}

// Bytes from..to inclusive (RFC 5869 style test inputs).
inline crypto::Bytes seq(int from, int to) {
    crypto::Bytes b;
    for (int i = from; i <= to; ++i) b.push_back(static_cast<std::uint8_t>(i));
    return b;
}

// A Wycheproof suite from the shared vectors (../shared/vectors/wycheproof/FILE); nullopt,
// where the vectors are not checked out (a user's clone): SKIPPED there, a failure under CI.
inline std::optional<nlohmann::json> load_wycheproof(const char* file) {
    auto dir = vectors_dir();
    if (!have(dir.has_value(), "the test vectors (set AFTERGLOW_VECTORS or check out ../shared/vectors)"))
        return std::nullopt;
    std::ifstream f(*dir / "wycheproof" / file);
    REQUIRE(f);
    return nlohmann::json::parse(f);
}

// Calls EACH(test) for every test of the Wycheproof suite FILE, its tcId captured; false where
// the vectors are missing (load_wycheproof: SKIPPED, or a failure under CI).
template <class F>
bool each_wycheproof_case(const char* file, F each) {
    const auto suite = load_wycheproof(file);
    if (!suite) return false;
    for (const auto& g : (*suite)["testGroups"]) {
        for (const auto& t : g["tests"]) {
            CAPTURE(t["tcId"].get<int>());
            each(t);
        }
    }
    return true;
}

}  // namespace afterglow::test
