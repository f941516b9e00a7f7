// crypto::unpadded_size reads the padding without sodium_unpad's constant-time walk (unlock
// reads every record's): it must give sodium_unpad's answer for every input.
#include <doctest/doctest.h>
#include <sodium.h>

#include <optional>
#include <random>

#include "crypto/hash.hpp"

using namespace afterglow;

namespace {

std::optional<std::size_t> sodium_answer(const crypto::Bytes& b, std::size_t block) {
    std::size_t len = 0;
    if (b.empty() || b.size() % block != 0 || sodium_unpad(&len, b.data(), b.size(), block) != 0) return std::nullopt;
    return len;
}

}  // namespace

TEST_CASE("unpadded_size agrees with sodium_unpad on padded and malformed buffers") {
    std::mt19937 rng(7);
    std::size_t checked = 0, valid = 0;
    for (std::size_t block : {16u, 256u}) {
        for (std::size_t len = 0; len < 3 * block + 3; ++len) {
            crypto::Bytes b(len);
            for (auto& x : b) x = static_cast<std::uint8_t>(rng() % 3 == 0 ? 0 : rng());
            crypto::pad_in_place(b, block);
            REQUIRE(crypto::unpadded_size(b, block) == std::optional<std::size_t>(len));
            // Malformed: the marker changed, cleared, or a stray byte in the zeros.
            for (int k = 0; k < 4; ++k) {
                crypto::Bytes bad = b;
                bad[rng() % bad.size()] = static_cast<std::uint8_t>(k == 0 ? 0 : rng());
                const auto want = sodium_answer(bad, block);
                CHECK(crypto::unpadded_size(bad, block) == want);
                valid += want.has_value();
                ++checked;
            }
        }
        CHECK_FALSE(crypto::unpadded_size(crypto::Bytes(block, 0), block).has_value());
        CHECK_FALSE(crypto::unpadded_size(crypto::Bytes(block + 1, 0x80), block).has_value());
        crypto::Bytes early(2 * block, 0);
        early[block / 2] = 0x80;  // a marker before the last block
        CHECK_FALSE(crypto::unpadded_size(early, block).has_value());
    }
    CHECK(valid > 0);
    CHECK(valid < checked);
}
