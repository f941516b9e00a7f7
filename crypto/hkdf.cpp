#include "crypto/hkdf.hpp"

#include <sodium.h>

#include <algorithm>
#include <string>

namespace afterglow::crypto {

Mac256 hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> message) {
    init();
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key.data(), key.size());
    crypto_auth_hmacsha256_update(&st, message.data(), message.size());
    Mac256 out{};
    crypto_auth_hmacsha256_final(&st, out.data());
    sodium_memzero(&st, sizeof st);
    return out;
}

SecretBuffer hkdf_extract(std::span<const std::uint8_t> salt, std::span<const std::uint8_t> ikm) {
    init();
    // HMAC pads a short key with zeros, so an empty salt and 32 zero bytes give the same PRK.
    static const std::uint8_t kZeroSalt[kSha256Size] = {};
    if (salt.empty()) salt = std::span<const std::uint8_t>(kZeroSalt, sizeof kZeroSalt);
    SecretBuffer prk(kSha256Size);
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, salt.data(), salt.size());
    crypto_auth_hmacsha256_update(&st, ikm.data(), ikm.size());
    crypto_auth_hmacsha256_final(&st, prk.data());
    sodium_memzero(&st, sizeof st);
    return prk;
}

Result<SecretBuffer> hkdf_expand(std::span<const std::uint8_t> prk,
                                 std::span<const std::uint8_t> info, std::size_t length) {
    if (prk.size() < kSha256Size)
        return make_error(Errc::invalid_argument, "HKDF: the pseudorandom key is too short.");
    if (length > kHkdfMaxOutput)
        return make_error(Errc::invalid_argument,
                          "HKDF: at most " + std::to_string(kHkdfMaxOutput) +
                              " bytes can be derived; " + std::to_string(length) + " were asked.");
    init();
    SecretBuffer okm(length);
    SecretBuffer block(kSha256Size);  // T(i)
    crypto_auth_hmacsha256_state st;
    std::size_t done = 0;
    for (unsigned counter = 1; done < length; ++counter) {
        const std::uint8_t c = static_cast<std::uint8_t>(counter);
        crypto_auth_hmacsha256_init(&st, prk.data(), prk.size());
        if (counter > 1) crypto_auth_hmacsha256_update(&st, block.data(), block.size());
        crypto_auth_hmacsha256_update(&st, info.data(), info.size());
        crypto_auth_hmacsha256_update(&st, &c, 1);
        crypto_auth_hmacsha256_final(&st, block.data());
        const std::size_t n = std::min(kSha256Size, length - done);
        std::copy_n(block.data(), n, okm.data() + done);
        done += n;
    }
    sodium_memzero(&st, sizeof st);
    return okm;
}

Result<SecretBuffer> hkdf_sha256(std::span<const std::uint8_t> ikm,
                                 std::span<const std::uint8_t> salt,
                                 std::span<const std::uint8_t> info, std::size_t length) {
    SecretBuffer prk = hkdf_extract(salt, ikm);
    return hkdf_expand(prk.span(), info, length);
}

}  // namespace afterglow::crypto
