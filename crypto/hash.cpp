#include "crypto/hash.hpp"

#include <sodium.h>

#include <array>
#include <cstring>

#include "crypto/secret.hpp"

namespace afterglow::crypto {

Bytes hash_parts(std::initializer_list<std::span<const std::uint8_t>> parts, std::size_t out_len,
                 std::span<const std::uint8_t> key) {
    init();
    Bytes out(out_len);
    crypto_generichash_state st;
    crypto_generichash_init(&st, key.empty() ? nullptr : key.data(), key.size(), out_len);
    for (auto p : parts)
        if (!p.empty()) crypto_generichash_update(&st, p.data(), p.size());
    crypto_generichash_final(&st, out.data(), out_len);
    sodium_memzero(&st, sizeof st);
    return out;
}

Bytes hash(std::span<const std::uint8_t> data, std::size_t out_len, std::span<const std::uint8_t> key) {
    return hash_parts({data}, out_len, key);
}

std::uint64_t process_keyed_hash(std::span<const std::uint8_t> data) noexcept {
    static const auto key = [] {
        std::array<unsigned char, crypto_shorthash_KEYBYTES> k{};
        init();
        randombytes_buf(k.data(), k.size());
        return k;
    }();
    unsigned char out[crypto_shorthash_BYTES];
    crypto_shorthash(out, data.data(), data.size(), key.data());
    std::uint64_t h = 0;
    std::memcpy(&h, out, sizeof h);
    return h;
}

void pad_in_place(Bytes& plain, std::size_t block) {
    const std::size_t unpadded = plain.size();
    const std::size_t padded_size = (unpadded / block + 1) * block;
    if (plain.capacity() < padded_size) {
        // Grow by hand: copy into a buffer of the final size and wipe the old one.
        Bytes grown;
        grown.reserve(padded_size);
        grown.assign(plain.begin(), plain.end());
        wipe(plain);
        plain = std::move(grown);
    }
    plain.resize(padded_size);
    std::size_t padded = 0;
    sodium_pad(&padded, plain.data(), unpadded, block, plain.size());
    plain.resize(padded);
}

// sodium_unpad's answer without its constant-time walk over the whole last block (it was 6 % of
// unlocking 10,000 records): the padding is read only after the record authenticated, and
// decoding the record takes time in proportion to its length anyway.
std::optional<std::size_t> unpadded_size(std::span<const std::uint8_t> padded, std::size_t block) {
    const std::size_t n = padded.size();
    if (n == 0 || block == 0 || n % block != 0) return std::nullopt;
    const std::uint8_t* p = padded.data();
    const std::size_t stop = n - block;  // the marker is in the last block
    std::size_t i = n;
    for (std::uint64_t word = 0; i >= stop + 8; i -= 8) {
        std::memcpy(&word, p + i - 8, 8);
        if (word) break;
    }
    while (i > stop && p[i - 1] == 0) --i;
    if (i == stop || p[i - 1] != 0x80) return std::nullopt;
    return i - 1;
}

}  // namespace afterglow::crypto
