#include "crypto/sealed_box.hpp"

#include <sodium.h>

namespace afterglow::crypto {

BoxKeyPair box_keypair() {
    init();
    BoxKeyPair kp{Bytes(crypto_box_PUBLICKEYBYTES), SecretBuffer(crypto_box_SECRETKEYBYTES)};
    crypto_box_keypair(kp.public_key.data(), kp.secret_key.data());
    return kp;
}

Bytes box_public_key(const SecretBuffer& secret_key) {
    init();
    if (secret_key.size() != crypto_box_SECRETKEYBYTES) return {};
    Bytes pub(crypto_box_PUBLICKEYBYTES);
    crypto_scalarmult_base(pub.data(), secret_key.data());
    return pub;
}

Bytes box_seal(std::span<const std::uint8_t> public_key, std::span<const std::uint8_t> message) {
    init();
    if (public_key.size() != crypto_box_PUBLICKEYBYTES) return {};  // callers check for empty
    Bytes out(message.size() + crypto_box_SEALBYTES);
    crypto_box_seal(out.data(), message.data(), message.size(), public_key.data());
    return out;
}

std::optional<Bytes> box_open(const BoxKeyPair& keys, std::span<const std::uint8_t> sealed) {
    if (sealed.size() < crypto_box_SEALBYTES || keys.public_key.size() != crypto_box_PUBLICKEYBYTES ||
        keys.secret_key.size() != crypto_box_SECRETKEYBYTES)
        return std::nullopt;
    Bytes out(sealed.size() - crypto_box_SEALBYTES);
    if (crypto_box_seal_open(out.data(), sealed.data(), sealed.size(), keys.public_key.data(),
                             keys.secret_key.data()) != 0)
        return std::nullopt;
    return out;
}

}  // namespace afterglow::crypto
