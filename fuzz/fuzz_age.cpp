// libFuzzer target: the age reader (armor detection, header, stanzas, STREAM payload), with a
// fixed X25519 identity and a passphrase so valid seeds reach the payload code, plus the
// identity-file, recipient and bech32 parsers.
//
// The identity is the C2SP age spec's example key (32 bytes of 0x42), whose recipient is
// age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj; scripts/fuzz-smoke.sh
// encrypts its seeds to it. The scrypt limit is low so crafted work factors stay cheap.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/age.hpp"
#include "crypto/bech32.hpp"

namespace age = afterglow::crypto::age;
using afterglow::crypto::SecretBuffer;

namespace {

const std::vector<age::Identity>& identities() {
    static const std::vector<age::Identity> ids = [] {
        std::vector<age::Identity> v;
        const std::vector<std::uint8_t> secret(32, 0x42);
        v.push_back(age::Identity{SecretBuffer::copy_of(secret)});
        return v;
    }();
    return ids;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> in(data, size);
    age::DecryptOptions opt;
    opt.identities = &identities();
    opt.passphrase = "fuzz";
    opt.max_scrypt_log2n = 5;

    auto whole = age::decrypt(in, opt);
    (void)age::is_age_file(in);
    (void)age::inspect(in);

    std::istringstream is(std::string(reinterpret_cast<const char*>(data), size));
    std::ostringstream os;
    auto streamed = age::decrypt_stream(is, os, opt);
    // The two readers must agree, and the stream never yields more than the whole.
    if (whole.ok() != streamed.ok()) __builtin_trap();
    if (whole.ok() && os.str().size() != whole->size()) __builtin_trap();

    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)age::parse_identity_file(text);
    (void)age::check_recipient(text);
    (void)age::Identity::parse(text);
    (void)afterglow::crypto::bech32::decode(text);
    return 0;
}
