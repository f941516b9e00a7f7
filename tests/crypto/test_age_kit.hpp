// Test helper: builds age files by hand from the primitives (independently of crypto/age_*.cpp)
// so tests can craft malformed and edge-case files with a known file key.
#pragma once

#include <doctest/doctest.h>
#include <sodium.h>

#include <string>
#include <utility>
#include <vector>

#include "crypto/aead.hpp"
#include "crypto/age.hpp"
#include "crypto/bytes.hpp"
#include "crypto/hkdf.hpp"

namespace agetest {

using namespace afterglow::crypto;
namespace age = afterglow::crypto::age;

inline std::string b64(std::span<const std::uint8_t> b) { return to_base64(b, false); }

inline Bytes cat(std::string_view a, std::span<const std::uint8_t> b) {
    Bytes out(a.begin(), a.end());
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

inline Bytes pattern(std::size_t n, unsigned seed = 1) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>((i * 131 + seed * 7) ^ (i >> 8));
    return b;
}

struct Chunk {
    Bytes plain;
    bool last;
    std::uint64_t counter;
};

struct Kit {
    age::Identity id = age::Identity::generate();
    std::vector<age::Identity> ids;
    Bytes file_key = random_bytes(16);
    Bytes nonce = random_bytes(16);

    Kit() { ids.push_back(age::Identity{SecretBuffer::copy_of(id.secret.span())}); }

    Bytes public_key() const {
        Bytes pk(32);
        crypto_scalarmult_base(pk.data(), id.secret.data());
        return pk;
    }

    // "-> X25519 <share>\n<body>\n" wrapping file_key for `id` (body and share overridable).
    std::string x25519_stanza(std::optional<Bytes> share_override = {}, std::size_t body_len = 32) const {
        const Bytes eph = random_bytes(32);
        Bytes share(32), shared(32);
        crypto_scalarmult_base(share.data(), eph.data());
        const Bytes pk = public_key();
        REQUIRE(crypto_scalarmult(shared.data(), eph.data(), pk.data()) == 0);
        Bytes salt = share;
        salt.insert(salt.end(), pk.begin(), pk.end());
        auto key = hkdf_sha256(shared, salt, as_bytes("age-encryption.org/v1/X25519"), 32);
        const Bytes zero(12, 0);
        Bytes body = chacha_encrypt(key->span(), zero, file_key, {});
        body.resize(body_len, 0);
        return "-> X25519 " + b64(share_override ? *share_override : share) + "\n" + wrap(body);
    }

    std::string scrypt_stanza(std::string_view passphrase, int log2n, std::string log2n_text = {}) const {
        const Bytes salt = random_bytes(16);
        Bytes full = cat("age-encryption.org/v1/scrypt", salt);
        Bytes key(32);
        REQUIRE(crypto_pwhash_scryptsalsa208sha256_ll(
                    reinterpret_cast<const std::uint8_t*>(passphrase.data()), passphrase.size(),
                    full.data(), full.size(), std::uint64_t{1} << log2n, 8, 1, key.data(), 32) == 0);
        const Bytes zero(12, 0);
        const Bytes body = chacha_encrypt(key, zero, file_key, {});
        if (log2n_text.empty()) log2n_text = std::to_string(log2n);
        return "-> scrypt " + b64(salt) + " " + log2n_text + "\n" + wrap(body);
    }

    static std::string wrap(std::span<const std::uint8_t> body) {
        const std::string s = b64(body);
        std::string out;
        std::size_t i = 0;
        for (; s.size() - i >= 64; i += 64) out += s.substr(i, 64) + "\n";
        return out + s.substr(i) + "\n";
    }

    // Version line + stanzas + MAC line with the right MAC for file_key.
    std::string header(const std::string& stanzas) const {
        std::string h = "age-encryption.org/v1\n" + stanzas + "---";
        auto mac_key = hkdf_sha256(file_key, {}, as_bytes("header"), 32);
        const auto mac = hmac_sha256(mac_key->span(), as_bytes(h));
        return h + " " + b64(mac) + "\n";
    }

    Bytes payload(const std::vector<Chunk>& chunks) const {
        auto key = hkdf_sha256(file_key, nonce, as_bytes("payload"), 32);
        Bytes out = nonce;
        for (const auto& c : chunks) {
            Bytes n(12, 0);
            for (int i = 0; i < 8; ++i) n[10 - i] = static_cast<std::uint8_t>(c.counter >> (8 * i));
            n[11] = c.last ? 1 : 0;
            const Bytes ct = chacha_encrypt(key->span(), n, c.plain, {});
            out.insert(out.end(), ct.begin(), ct.end());
        }
        return out;
    }

    // The usual chunking of `plain`.
    static std::vector<Chunk> chunks_of(const Bytes& plain) {
        std::vector<Chunk> out;
        std::size_t off = 0;
        std::uint64_t i = 0;
        do {
            const std::size_t n = std::min<std::size_t>(65536, plain.size() - off);
            out.push_back({Bytes(plain.begin() + off, plain.begin() + off + n),
                           off + n == plain.size(), i++});
            off += n;
        } while (off < plain.size());
        return out;
    }

    Bytes file(const std::string& stanzas, const std::vector<Chunk>& chunks) const {
        return cat(header(stanzas), payload(chunks));
    }

    afterglow::Result<Bytes> open(std::span<const std::uint8_t> f) const {
        age::DecryptOptions o;
        o.identities = &ids;
        return age::decrypt(f, o);
    }
};

inline bool has(const afterglow::Error& e, std::string_view text) {
    return e.message.find(text) != std::string::npos;
}

}  // namespace agetest
