// Passphrase hashing (Argon2id via crypto_pwhash) and subkey derivation (crypto_kdf).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "crypto/bytes.hpp"
#include "crypto/result.hpp"
#include "crypto/secret.hpp"

namespace afterglow::crypto {

struct KdfParams {
    std::uint64_t opslimit = 0;
    std::uint64_t memlimit = 0;  // bytes
    Bytes salt;                  // 16 bytes

    // Users never get less than this memory by default (DESIGN §3).
    static constexpr std::uint64_t kDefaultMemlimit = 256ull << 20;
    // Hard caps applied to parameters read from a file, so a crafted file cannot make us
    // allocate or compute without bound (like age capping scrypt at 2^22). calibrate() never
    // picks more than kMaxCalibratedCost (memory × passes); a file may ask for at most 3× that.
    static constexpr std::uint64_t kMaxMemlimit = 2ull << 30;
    static constexpr std::uint64_t kMaxOpslimit = 64;
    static constexpr std::uint64_t kMaxCalibratedCost = 4ull << 30;  // e.g. 1 GiB × 4, 256 MiB × 16
    static constexpr std::uint64_t kMaxCost = 3 * kMaxCalibratedCost;
    // Below these a vault is refused unless it was created by the test-only path.
    static constexpr std::uint64_t kMinUserMemlimit = 64ull << 20;

    // Explicitly test-only: tiny parameters that make the suite fast. Never a default.
    static KdfParams insecure_for_tests();
    // Fresh salt with the given limits.
    static KdfParams with_limits(std::uint64_t opslimit, std::uint64_t memlimit);
};

// A memory size for messages: "256 MiB", or "8 KiB" below 1 MiB (never "0 MiB").
std::string describe_memory(std::uint64_t bytes);

// Accepts parameters read from disk or given by a user; rejects absurd ones with a message.
Status check_kdf_params(const KdfParams& p);

// Picks opslimit so one derivation at `memlimit` takes about `target_seconds` on this machine.
// memlimit is never below kDefaultMemlimit unless `allow_weaker` (then a warning is the
// caller's job). Runs real derivations: takes roughly target_seconds + a probe.
KdfParams calibrate(double target_seconds = 1.0,
                    std::uint64_t memlimit = KdfParams::kDefaultMemlimit);
// calibrate()'s choice from its two probes (seconds for 1 and for 3 passes): at least 2 passes,
// at most the cost cap. A fixed cost above the target (a loaded machine, or a browser growing
// its memory during the first probe) means the fewest passes, never the most.
std::uint64_t calibrated_passes(double t1, double t3, double target_seconds, std::uint64_t memlimit);

// Argon2id(passphrase, salt) -> 32-byte key. Fails only on invalid parameters or out of memory.
Result<SecretBuffer> derive_key(std::string_view passphrase, const KdfParams& p);

// Where derive_key runs crypto_pwhash once it has checked the parameters: in this process,
// unless a platform installs a runner (the web app: a worker with its own memory, freed after
// each derivation: app/web/kdf_worker.cpp). A runner writes the key into `key` and returns
// 1, returns 0 when the derivation failed (out of memory), or -1 when it cannot run it here
// (then derive_key runs crypto_pwhash itself). Set once, before any derivation.
using PwhashRunner = int (*)(std::span<std::uint8_t> key, std::string_view passphrase, const KdfParams& p);
void set_pwhash_runner(PwhashRunner runner) noexcept;

// Subkey for one purpose, from a 32-byte master key (crypto_kdf_derive_from_key).
// `context` must be exactly 8 characters.
SecretBuffer derive_subkey(const SecretBuffer& master, std::uint64_t id, const char (&context)[9]);

}  // namespace afterglow::crypto
