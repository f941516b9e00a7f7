// The age payload: 16-byte nonce, then ChaCha20-Poly1305 STREAM over 64 KiB chunks
// (C2SP age spec, "Payload"). Constant memory; a chunk is written only after it opened.
#include <sodium.h>

#include <algorithm>
#include <thread>
#include <vector>

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

// A batch of chunk buffers (plus one read ahead), sealed in parallel, wiped when done.
constexpr std::size_t kSealBatch = 16;
struct SealBatch {
    std::vector<Bytes> slot = std::vector<Bytes>(kSealBatch + 1, Bytes(kEncChunkSize));
    std::size_t len[kSealBatch + 1] = {};
    ~SealBatch() {
        for (auto& s : slot) sodium_memzero(s.data(), s.size());
    }
    // Seals slots [0, n) in place with counters base + i; the n-th is last if `final`.
    void seal(const SecretBuffer& key, std::uint64_t base, std::size_t n, bool final) {
        auto one = [&](std::size_t i) {
            ChunkNonce cn;
            cn.set(base + i, final && i + 1 == n);
            crypto_aead_chacha20poly1305_ietf_encrypt(slot[i].data(), nullptr, slot[i].data(),
                                                      len[i], nullptr, 0, nullptr, cn.bytes,
                                                      key.data());
        };
        const std::size_t threads =
            std::min<std::size_t>({std::max(1u, std::thread::hardware_concurrency()), 4, n});
        if (threads <= 1) {
            for (std::size_t i = 0; i < n; ++i) one(i);
            return;
        }
        std::vector<std::thread> pool;
        for (std::size_t t = 1; t < threads; ++t)
            pool.emplace_back([&, t] {
                for (std::size_t i = t; i < n; i += threads) one(i);
            });
        for (std::size_t i = 0; i < n; i += threads) one(i);
        for (auto& th : pool) th.join();
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
    // Chunks are read in batches and sealed in place on up to 4 threads (STREAM chunks are
    // independent), then written in order. One chunk is read ahead so we know whether the
    // current one is the last (a full chunk may be the last).
    SealBatch b;
    auto first = in.read(b.slot[0].data(), kChunkSize);
    if (!first) return first.error();
    b.len[0] = *first;
    std::size_t count = 1;
    bool eof = b.len[0] < kChunkSize;
    for (std::uint64_t base = 0;; base += kSealBatch) {
        while (!eof && count < kSealBatch + 1) {
            auto got = in.read(b.slot[count].data(), kChunkSize);
            if (!got) return got.error();
            if (*got == 0) {
                eof = true;
                break;
            }
            b.len[count] = *got;
            eof = *got < kChunkSize;
            ++count;
        }
        const std::size_t seal_n = eof ? count : kSealBatch;
        b.seal(key, base, seal_n, eof);
        for (std::size_t i = 0; i < seal_n; ++i)
            if (auto st = out.write(std::span(b.slot[i].data(), b.len[i] + kTagSize)); !st) return st;
        if (eof) return {};
        std::swap(b.slot[0], b.slot[kSealBatch]);
        b.len[0] = b.len[kSealBatch];
        count = 1;
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
