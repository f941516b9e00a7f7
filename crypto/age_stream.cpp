// The age payload: 16-byte nonce, then ChaCha20-Poly1305 STREAM over 64 KiB chunks
// (C2SP age spec, "Payload"). Constant memory; a chunk is written only after it opened.
#include <sodium.h>

#include "crypto/age_detail.hpp"
#include "crypto/hkdf.hpp"

namespace afterglow::crypto::age::detail {
namespace {

constexpr std::string_view kPayloadInfo = "payload";

// 11-byte big-endian counter, then the last-chunk flag.
struct ChunkNonce {
    std::uint8_t bytes[12] = {};
    void set(std::uint64_t counter, bool last) {
        for (int i = 0; i < 8; ++i) bytes[10 - i] = static_cast<std::uint8_t>(counter >> (8 * i));
        bytes[11] = last ? 1 : 0;
    }
};

SecretBuffer payload_key(const SecretBuffer& file_key, std::span<const std::uint8_t> nonce) {
    return std::move(hkdf_sha256(file_key.span(), nonce, as_bytes(kPayloadInfo), 32).value());
}

// Plaintext and ciphertext buffers, wiped when done.
struct Buffers {
    Bytes plain = Bytes(kEncChunkSize + 1);
    Bytes cipher = Bytes(kEncChunkSize + 1);
    ~Buffers() {
        sodium_memzero(plain.data(), plain.size());
        sodium_memzero(cipher.data(), cipher.size());
    }
};

bool open_chunk(const SecretBuffer& key, std::uint64_t counter, bool last,
                std::span<const std::uint8_t> in, std::uint8_t* out) {
    ChunkNonce n;
    n.set(counter, last);
    return crypto_aead_chacha20poly1305_ietf_decrypt(out, nullptr, nullptr, in.data(), in.size(),
                                                     nullptr, 0, n.bytes, key.data()) == 0;
}

std::string chunk_name(std::uint64_t counter) {
    return "chunk " + std::to_string(counter + 1) + " (at byte offset " +
           std::to_string(counter * kEncChunkSize) + " of the payload)";
}

}  // namespace

Status encrypt_payload(Reader& in, Sink& out, const SecretBuffer& file_key) {
    init();
    const Bytes nonce = random_bytes(kPayloadNonceSize);
    if (auto st = out.write(nonce); !st) return st;
    const SecretBuffer key = payload_key(file_key, nonce);
    // Two aligned plaintext buffers: the next chunk is read before the current one is sealed,
    // so we know whether the current one is the last (it may be full).
    // Chunks are sealed in place (libsodium allows it): less memory traffic.
    Buffers b;
    std::uint8_t* cur = b.cipher.data();
    std::uint8_t* next = b.plain.data();
    auto got = in.read(cur, kChunkSize);
    if (!got) return got.error();
    std::size_t n = *got;
    for (std::uint64_t counter = 0;; ++counter) {
        std::size_t m = 0;
        if (n == kChunkSize) {
            auto more = in.read(next, kChunkSize);
            if (!more) return more.error();
            m = *more;
        }
        const bool last = m == 0;
        ChunkNonce cn;
        cn.set(counter, last);
        unsigned long long clen = 0;
        crypto_aead_chacha20poly1305_ietf_encrypt(cur, &clen, cur, n, nullptr, 0, nullptr, cn.bytes,
                                                  key.data());
        if (auto st = out.write(std::span(cur, static_cast<std::size_t>(clen))); !st) return st;
        if (last) return {};
        std::swap(cur, next);
        n = m;
    }
}

Status decrypt_payload(Reader& in, Sink& out, const SecretBuffer& file_key) {
    init();
    std::uint8_t nonce[kPayloadNonceSize];
    auto got = in.read(nonce, sizeof nonce);
    if (!got) return got.error();
    if (*got != sizeof nonce)
        return damaged("The age file is truncated: it ends right after its header.");
    const SecretBuffer key = payload_key(file_key, nonce);
    Buffers b;
    std::size_t have = 0;  // ciphertext bytes carried over (the one-byte look-ahead)
    for (std::uint64_t counter = 0;; ++counter) {
        if (counter >= (std::uint64_t{1} << 63))
            return damaged("The age file is damaged: it has too many chunks.");
        auto r = in.read(b.cipher.data() + have, kEncChunkSize + 1 - have);
        if (!r) return r.error();
        const std::size_t n = have + *r;
        const bool last = n <= kEncChunkSize;
        const std::size_t len = last ? n : kEncChunkSize;
        if (n == 0)
            return damaged("The age file is truncated: it has no payload after its header.");
        if (len < kTagSize)
            return damaged("The age file is truncated: its last " + chunk_name(counter) +
                           " is cut short.");
        const std::span<const std::uint8_t> chunk(b.cipher.data(), len);
        if (!open_chunk(key, counter, last, chunk, b.plain.data())) {
            // Tell the user what went wrong, without accepting anything.
            if (!last && open_chunk(key, counter, true, chunk, b.plain.data()))
                return damaged("The age file is damaged: there is data after its final chunk.");
            if (last && len == kEncChunkSize &&
                open_chunk(key, counter, false, chunk, b.plain.data()))
                return damaged("The age file is truncated: it ends after " +
                               chunk_name(counter) + ", which is not its final chunk.");
            return damaged("The age file is damaged: " + chunk_name(counter) +
                           " failed authentication (changed, reordered, or truncated).");
        }
        const std::size_t plen = len - kTagSize;
        if (last && plen == 0 && counter != 0)
            return damaged("The age file is damaged: its final chunk is empty, which is only "
                           "allowed for an empty file.");
        if (plen)
            if (auto st = out.write(std::span<const std::uint8_t>(b.plain.data(), plen)); !st)
                return st;
        if (last) return {};
        b.cipher[0] = b.cipher[kEncChunkSize];
        have = 1;
    }
}

}  // namespace afterglow::crypto::age::detail
