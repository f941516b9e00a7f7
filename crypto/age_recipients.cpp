// X25519 and scrypt recipient stanzas: wrapping and unwrapping the file key
// (C2SP age spec, "Native recipient types").
#include <sodium.h>

#include <algorithm>

#include "crypto/aead.hpp"
#include "crypto/age_detail.hpp"
#include "crypto/bech32.hpp"
#include "crypto/hkdf.hpp"

namespace afterglow::crypto::age::detail {
namespace {

constexpr std::string_view kX25519Info = "age-encryption.org/v1/X25519";
constexpr std::string_view kScryptSaltLabel = "age-encryption.org/v1/scrypt";
constexpr std::size_t kScryptSaltSize = 16;
constexpr std::uint8_t kZeroNonce[kNonceSize] = {};
constexpr std::size_t kWrappedSize = kFileKeySize + kTagSize;  // stanza bodies: 32 bytes

SecretBuffer x25519_wrap_key(std::span<const std::uint8_t> shared,
                             std::span<const std::uint8_t> share,
                             std::span<const std::uint8_t> recipient) {
    std::uint8_t salt[64];
    std::copy(share.begin(), share.end(), salt);
    std::copy(recipient.begin(), recipient.end(), salt + 32);
    return std::move(hkdf_sha256(shared, salt, as_bytes(kX25519Info), 32).value());
}

Result<SecretBuffer> scrypt_key(std::string_view passphrase, std::span<const std::uint8_t> salt,
                                int log2n) {
    Bytes full(kScryptSaltLabel.begin(), kScryptSaltLabel.end());
    full.insert(full.end(), salt.begin(), salt.end());
    SecretBuffer key(32);
    if (crypto_pwhash_scryptsalsa208sha256_ll(
            reinterpret_cast<const std::uint8_t*>(passphrase.data()), passphrase.size(),
            full.data(), full.size(), std::uint64_t{1} << log2n, 8, 1, key.data(),
            key.size()) != 0)
        return make_error(Errc::io, "Not enough memory for the passphrase's scrypt work factor "
                                    "(2^" + std::to_string(log2n) + ").");
    return key;
}

std::optional<SecretBuffer> open_file_key(const SecretBuffer& wrap_key,
                                          std::span<const std::uint8_t> body) {
    SecretBuffer file_key(kFileKeySize);
    unsigned long long len = 0;
    if (crypto_aead_chacha20poly1305_ietf_decrypt(file_key.data(), &len, nullptr, body.data(),
                                                  body.size(), nullptr, 0, kZeroNonce,
                                                  wrap_key.data()) != 0 ||
        len != kFileKeySize)
        return std::nullopt;
    return file_key;
}

Bytes seal_file_key(const SecretBuffer& wrap_key, const SecretBuffer& file_key) {
    return chacha_encrypt(wrap_key.span(), kZeroNonce, file_key.span(), {});
}

// Parses "^[1-9][0-9]*$" without overflow; -1 if malformed, 99 if absurdly large.
int parse_log2n(std::string_view s) {
    if (s.empty() || s[0] < '1' || s[0] > '9') return -1;
    if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return -1;
    if (s.size() > 2) return 99;
    return std::stoi(std::string(s));
}

Result<SecretBuffer> unwrap_scrypt(const Stanza& s, const DecryptOptions& opt) {
    if (s.args.size() != 3)
        return damaged("The age file is damaged: its scrypt stanza has the wrong number of "
                       "arguments.");
    auto salt = decode_b64(s.args[1]);
    if (!salt || salt->size() != kScryptSaltSize)
        return damaged("The age file is damaged: its scrypt salt is not canonical base64 of "
                       "16 bytes.");
    const int log2n = parse_log2n(s.args[2]);
    if (log2n < 0)
        return damaged("The age file is damaged: its scrypt work factor is not a plain decimal "
                       "number.");
    if (log2n > opt.max_scrypt_log2n)
        return make_error(Errc::kdf_limits,
                          "The file's passphrase work factor (scrypt 2^" +
                              std::to_string(log2n) + ") is above the limit of 2^" +
                              std::to_string(opt.max_scrypt_log2n) +
                              "; refusing to spend that much time and memory.");
    if (s.body.size() != kWrappedSize)
        return damaged("The age file is damaged: its scrypt stanza body is not 32 bytes.");
    if (!opt.passphrase)
        return make_error(Errc::wrong_passphrase,
                          "This file is encrypted with a passphrase; give the passphrase to "
                          "open it.");
    auto key = scrypt_key(*opt.passphrase, *salt, log2n);
    if (!key) return key.error();
    auto file_key = open_file_key(*key, s.body);
    if (!file_key) return make_error(Errc::wrong_passphrase, "Wrong passphrase for this file.");
    return std::move(*file_key);
}

}  // namespace

Result<Bytes> parse_recipient(std::string_view age1) {
    if (age1.starts_with("AGE-SECRET-KEY-") || age1.starts_with("age-secret-key-"))
        return make_error(Errc::invalid_argument,
                          "That is a secret key (AGE-SECRET-KEY-1...), not a recipient; give "
                          "its public key (age1...).");
    if (age1.starts_with("age1pq1") || age1.starts_with("age1tag"))
        return make_error(Errc::unsupported,
                          "Post-quantum and hardware-key recipients are not supported; use an "
                          "X25519 recipient (age1...).");
    auto d = bech32::decode(age1);
    if (!d)
        return make_error(Errc::invalid_argument,
                          "\"" + std::string(age1) + "\" is not a valid age recipient: " +
                              d.error().message.substr(d.error().message.find(':') + 2));
    if (d->hrp != "age")
        return make_error(Errc::invalid_argument,
                          "\"" + std::string(age1) + "\" is not an age recipient (it should " +
                              "start with \"age1\").");
    if (d->data.size() != 32)
        return make_error(Errc::invalid_argument,
                          "\"" + std::string(age1) + "\" is not an X25519 age recipient (wrong " +
                              "length).");
    return std::move(d->data);
}

Result<Stanza> wrap_x25519(std::span<const std::uint8_t> recipient, const SecretBuffer& file_key) {
    init();
    SecretBuffer ephemeral = SecretBuffer::random(32);
    Bytes share(32);
    crypto_scalarmult_base(share.data(), ephemeral.data());
    SecretBuffer shared(32);
    if (crypto_scalarmult(shared.data(), ephemeral.data(), recipient.data()) != 0)
        return make_error(Errc::invalid_argument,
                          "The recipient is not a usable X25519 public key (low order point).");
    const SecretBuffer wrap_key = x25519_wrap_key(shared.span(), share, recipient);
    Stanza s;
    s.args = {"X25519", to_base64(share, false)};
    s.body = seal_file_key(wrap_key, file_key);
    return s;
}

Result<Stanza> wrap_scrypt(std::string_view passphrase, int log2n, const SecretBuffer& file_key) {
    init();
    const Bytes salt = random_bytes(kScryptSaltSize);
    auto key = scrypt_key(passphrase, salt, log2n);
    if (!key) return key.error();
    Stanza s;
    s.args = {"scrypt", to_base64(salt, false), std::to_string(log2n)};
    s.body = seal_file_key(*key, file_key);
    return s;
}

Result<SecretBuffer> unwrap_file_key(const Header& h, const DecryptOptions& opt) {
    init();
    const bool has_scrypt = std::any_of(h.stanzas.begin(), h.stanzas.end(),
                                        [](const Stanza& s) { return s.args[0] == "scrypt"; });
    if (has_scrypt && h.stanzas.size() != 1)
        return damaged("The age file is damaged: a passphrase (scrypt) stanza must be the only "
                       "recipient stanza, and this header has others.");
    if (has_scrypt) return unwrap_scrypt(h.stanzas[0], opt);

    // Check every X25519 stanza's shape first (spec: reject malformed ones).
    struct Candidate {
        const Stanza* stanza;
        Bytes share;
    };
    std::vector<Candidate> candidates;
    for (const auto& s : h.stanzas) {
        if (s.args[0] != "X25519") continue;
        if (s.args.size() != 2)
            return damaged("The age file is damaged: an X25519 stanza has the wrong number of "
                           "arguments.");
        auto share = decode_b64(s.args[1]);
        if (!share || share->size() != 32)
            return damaged("The age file is damaged: an X25519 stanza's ephemeral share is not "
                           "canonical base64 of 32 bytes.");
        if (s.body.size() != kWrappedSize)
            return damaged("The age file is damaged: an X25519 stanza body is not exactly 32 "
                           "bytes.");
        candidates.push_back({&s, std::move(*share)});
    }
    if (opt.identities == nullptr || opt.identities->empty()) {
        if (opt.passphrase)
            return make_error(Errc::wrong_passphrase,
                              "This file is encrypted to public keys, not with a passphrase; "
                              "give an identity (AGE-SECRET-KEY-1...) to open it.");
        return make_error(Errc::wrong_passphrase,
                          "No identity was given to open this file.");
    }
    for (const auto& id : *opt.identities) {
        if (id.secret.size() != 32) continue;
        Bytes ours(32);
        crypto_scalarmult_base(ours.data(), id.secret.data());
        for (const auto& c : candidates) {
            SecretBuffer shared(32);
            if (crypto_scalarmult(shared.data(), id.secret.data(), c.share.data()) != 0)
                return damaged("The age file is damaged: an X25519 stanza gives an all-zero "
                               "shared secret (a low-order ephemeral share).");
            const SecretBuffer wrap_key = x25519_wrap_key(shared.span(), c.share, ours);
            if (auto fk = open_file_key(wrap_key, c.stanza->body)) return std::move(*fk);
        }
    }
    return make_error(Errc::wrong_passphrase,
                      "No identity matched: none of the given keys can open this file.");
}

}  // namespace afterglow::crypto::age::detail
