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

std::optional<std::size_t> unpadded_size(std::span<const std::uint8_t> padded, std::size_t block) {
    std::size_t len = 0;
    if (padded.empty() || padded.size() % block != 0 ||
        sodium_unpad(&len, padded.data(), padded.size(), block) != 0)
        return std::nullopt;
    return len;
}

}  // namespace afterglow::crypto
