#include "crypto/aead.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace afterglow::crypto {
namespace {

// Key and nonce sizes are the caller's contract, not input: a wrong size is a bug, and in
// every build type it stops the program rather than reading out of bounds.
void require_sizes(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "afterglow: internal error: wrong key or nonce size in %s\n", what);
        std::abort();
    }
}

// libsodium's two IETF AEADs (ChaCha20-Poly1305, XChaCha20-Poly1305) share one signature per
// direction: one body each, given the function and the nonce size.
using EncryptFn = decltype(&crypto_aead_chacha20poly1305_ietf_encrypt);
using DecryptFn = decltype(&crypto_aead_chacha20poly1305_ietf_decrypt);

Bytes encrypt_with(EncryptFn encrypt, std::size_t nonce_size, const char* what, std::span<const std::uint8_t> key,
                   std::span<const std::uint8_t> nonce, std::span<const std::uint8_t> plaintext,
                   std::span<const std::uint8_t> ad) {
    require_sizes(key.size() == kKeySize && nonce.size() == nonce_size, what);
    Bytes out(plaintext.size() + kTagSize);
    unsigned long long len = 0;
    encrypt(out.data(), &len, plaintext.data(), plaintext.size(), ad.data(), ad.size(), nullptr, nonce.data(),
            key.data());
    out.resize(len);
    return out;
}

std::optional<Bytes> decrypt_with(DecryptFn decrypt, std::size_t nonce_size, std::span<const std::uint8_t> key,
                                  std::span<const std::uint8_t> nonce, std::span<const std::uint8_t> ct,
                                  std::span<const std::uint8_t> ad) {
    if (key.size() != kKeySize || nonce.size() != nonce_size || ct.size() < kTagSize) return std::nullopt;
    Bytes out(ct.size() - kTagSize);
    unsigned long long len = 0;
    if (decrypt(out.data(), &len, nullptr, ct.data(), ct.size(), ad.data(), ad.size(), nonce.data(), key.data()) != 0)
        return std::nullopt;
    out.resize(len);
    return out;
}

}  // namespace

Bytes xchacha_encrypt(std::span<const std::uint8_t> key, std::span<const std::uint8_t> nonce24,
                      std::span<const std::uint8_t> plaintext, std::span<const std::uint8_t> ad) {
    return encrypt_with(crypto_aead_xchacha20poly1305_ietf_encrypt, kXNonceSize, "xchacha_encrypt", key, nonce24,
                        plaintext, ad);
}

Bytes chacha_encrypt(std::span<const std::uint8_t> key, std::span<const std::uint8_t> nonce12,
                     std::span<const std::uint8_t> plaintext, std::span<const std::uint8_t> ad) {
    return encrypt_with(crypto_aead_chacha20poly1305_ietf_encrypt, kNonceSize, "chacha_encrypt", key, nonce12,
                        plaintext, ad);
}

std::optional<Bytes> xchacha_decrypt(std::span<const std::uint8_t> key,
                                     std::span<const std::uint8_t> nonce24,
                                     std::span<const std::uint8_t> ct,
                                     std::span<const std::uint8_t> ad) {
    return decrypt_with(crypto_aead_xchacha20poly1305_ietf_decrypt, kXNonceSize, key, nonce24, ct, ad);
}

std::optional<Bytes> chacha_decrypt(std::span<const std::uint8_t> key,
                                    std::span<const std::uint8_t> nonce12,
                                    std::span<const std::uint8_t> ct,
                                    std::span<const std::uint8_t> ad) {
    return decrypt_with(crypto_aead_chacha20poly1305_ietf_decrypt, kNonceSize, key, nonce12, ct, ad);
}

Bytes seal(std::span<const std::uint8_t> key, std::span<const std::uint8_t> plaintext,
           std::span<const std::uint8_t> ad) {
    require_sizes(key.size() == kKeySize, "seal");
    init();
    Bytes out(kXNonceSize + plaintext.size() + kTagSize);
    randombytes_buf(out.data(), kXNonceSize);
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kXNonceSize, &len, plaintext.data(),
                                               plaintext.size(), ad.data(), ad.size(), nullptr,
                                               out.data(), key.data());
    out.resize(kXNonceSize + len);
    return out;
}

std::optional<Bytes> open(std::span<const std::uint8_t> key, std::span<const std::uint8_t> sealed,
                          std::span<const std::uint8_t> ad) {
    if (sealed.size() < kSealOverhead) return std::nullopt;
    return xchacha_decrypt(key, sealed.first(kXNonceSize), sealed.subspan(kXNonceSize), ad);
}

std::optional<std::span<std::uint8_t>> open_in_place(std::span<const std::uint8_t> key,
                                                     std::span<std::uint8_t> sealed,
                                                     std::span<const std::uint8_t> ad) {
    if (key.size() != kKeySize || sealed.size() < kSealOverhead) return std::nullopt;
    std::uint8_t* c = sealed.data() + kXNonceSize;
    const std::size_t clen = sealed.size() - kXNonceSize - kTagSize;
    // libsodium verifies the tag before decrypting, and supports m == c.
    if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(c, nullptr, c, clen, c + clen, ad.data(),
                                                            ad.size(), sealed.data(), key.data()) != 0)
        return std::nullopt;
    return std::span<std::uint8_t>(c, clen);
}

std::optional<std::span<std::uint8_t>> open_into(std::span<const std::uint8_t> key,
                                                 std::span<const std::uint8_t> sealed, std::span<std::uint8_t> out,
                                                 std::span<const std::uint8_t> ad) {
    if (key.size() != kKeySize || sealed.size() < kSealOverhead) return std::nullopt;
    const std::size_t clen = sealed.size() - kSealOverhead;
    if (out.size() < clen) return std::nullopt;
    const std::uint8_t* c = sealed.data() + kXNonceSize;
    // libsodium verifies the tag before it writes any plaintext.
    if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(out.data(), nullptr, c, clen, c + clen, ad.data(),
                                                            ad.size(), sealed.data(), key.data()) != 0)
        return std::nullopt;
    return out.first(clen);
}

std::optional<SecretBuffer> open_secret(std::span<const std::uint8_t> key,
                                        std::span<const std::uint8_t> sealed,
                                        std::span<const std::uint8_t> ad) {
    if (key.size() != kKeySize || sealed.size() < kSealOverhead) return std::nullopt;
    SecretBuffer out(sealed.size() - kSealOverhead);
    unsigned long long len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            out.data(), &len, nullptr, sealed.data() + kXNonceSize, sealed.size() - kXNonceSize,
            ad.data(), ad.size(), sealed.data(), key.data()) != 0)
        return std::nullopt;
    return out;
}

}  // namespace afterglow::crypto
