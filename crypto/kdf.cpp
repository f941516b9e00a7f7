#include "crypto/kdf.hpp"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <string>

namespace afterglow::crypto {

KdfParams KdfParams::insecure_for_tests() {
    return with_limits(crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN);
}

KdfParams KdfParams::with_limits(std::uint64_t opslimit, std::uint64_t memlimit) {
    KdfParams p;
    p.opslimit = opslimit;
    p.memlimit = memlimit;
    p.salt = random_bytes(crypto_pwhash_argon2id_SALTBYTES);
    return p;
}

std::string describe_memory(std::uint64_t bytes) {
    if (bytes < (1u << 20)) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes >> 20) + " MiB";
}

Status check_kdf_params(const KdfParams& p) {
    if (p.salt.size() != crypto_pwhash_argon2id_SALTBYTES)
        return make_error(Errc::kdf_limits, "The key-derivation salt has the wrong length.");
    if (p.opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN || p.opslimit > KdfParams::kMaxOpslimit)
        return make_error(Errc::kdf_limits,
                          "The key-derivation time cost " + std::to_string(p.opslimit) +
                              " is outside the accepted range (1 to " +
                              std::to_string(KdfParams::kMaxOpslimit) + ").");
    if (p.memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN || p.memlimit > KdfParams::kMaxMemlimit)
        return make_error(Errc::kdf_limits, "The key-derivation memory cost of " +
                                                describe_memory(p.memlimit) +
                                                " is outside the accepted range (" +
                                                describe_memory(crypto_pwhash_argon2id_MEMLIMIT_MIN) +
                                                " to " + describe_memory(KdfParams::kMaxMemlimit) + ").");
    if (p.memlimit * p.opslimit > KdfParams::kMaxCost)
        return make_error(Errc::kdf_limits,
                          "The key-derivation cost (" + describe_memory(p.memlimit) + " × " +
                              std::to_string(p.opslimit) +
                              " passes) is more than three times what Afterglow ever chooses; it "
                              "would take minutes to unlock, so it is refused.");
    return {};
}

namespace {
std::atomic<PwhashRunner> g_runner{nullptr};
}

void set_pwhash_runner(PwhashRunner runner) noexcept { g_runner = runner; }

Result<SecretBuffer> derive_key(std::string_view passphrase, const KdfParams& p) {
    if (auto st = check_kdf_params(p); !st) return st.error();
    init();
    SecretBuffer key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    const PwhashRunner runner = g_runner;
    int ran = runner ? runner(key.span(), passphrase, p) : -1;
    if (ran < 0)
        ran = crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), p.salt.data(),
                            p.opslimit, static_cast<std::size_t>(p.memlimit), crypto_pwhash_ALG_ARGON2ID13) == 0;
    if (ran != 1)
        return make_error(Errc::io, "Not enough memory to derive the key (" +
                                        describe_memory(p.memlimit) + " needed).");
    return key;
}

KdfParams calibrate(double target_seconds, std::uint64_t memlimit) {
    init();
    // Time 1 and 3 passes: the difference is the cost of a pass, the rest is the fixed cost
    // of filling the memory. Then pick the passes that land nearest the target.
    const char probe_pass[] = "calibration";
    auto time_ops = [&](std::uint64_t ops) {
        KdfParams p = KdfParams::with_limits(ops, memlimit);
        auto t0 = std::chrono::steady_clock::now();
        auto k = derive_key(probe_pass, p);
        auto t1 = std::chrono::steady_clock::now();
        return k ? std::chrono::duration<double>(t1 - t0).count() : -1.0;
    };
    // A first derivation pays for mapping the memory (in WebAssembly, growing the heap by
    // the whole memlimit); timed, it would make a pass look cheap and pick far too many.
    time_ops(1);
    const double t1 = time_ops(1);
    const double t3 = time_ops(3);
    return KdfParams::with_limits(calibrated_passes(t1, t3, target_seconds, memlimit), memlimit);
}

std::uint64_t calibrated_passes(double t1, double t3, double target_seconds, std::uint64_t memlimit) {
    const std::uint64_t most =
        std::min(std::max<std::uint64_t>(2, KdfParams::kMaxCalibratedCost / memlimit), KdfParams::kMaxOpslimit);
    double want = 3;
    if (t1 > 0 && t3 > t1) {
        const double per_pass = (t3 - t1) / 2;
        const double fixed = std::max(0.0, t1 - per_pass);
        want = (target_seconds - fixed) / per_pass;  // negative when the fixed cost alone is over the target
    }
    // Clamped as a double: a negative count cast to unsigned would become the largest one.
    return static_cast<std::uint64_t>(std::llround(std::clamp(want, 2.0, static_cast<double>(most))));
}

SecretBuffer derive_subkey(const SecretBuffer& master, std::uint64_t id, const char (&context)[9]) {
    SecretBuffer sub(crypto_kdf_KEYBYTES);
    crypto_kdf_derive_from_key(sub.data(), sub.size(), id, context, master.data());
    return sub;
}

}  // namespace afterglow::crypto
