// Small byte helpers shared by the crypto known-answer tests.
#pragma once

#include <doctest/doctest.h>

#include <string_view>

#include "crypto/bytes.hpp"

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

}  // namespace afterglow::test
