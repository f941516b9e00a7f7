// The desktop's Argon2id for web_kdf_worker: prints crypto::derive_key's key (hex) for the
// given parameters, salt (hex) and passphrase, computed here by libsodium's crypto_pwhash (no
// runner is installed outside the web app), to compare with the web app's KDF worker.
//   kdf_vector OPSLIMIT MEMLIMIT SALT_HEX PASSPHRASE
#include <cstdio>
#include <string>

#include "crypto/kdf.hpp"

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: kdf_vector OPSLIMIT MEMLIMIT SALT_HEX PASSPHRASE\n");
        return 2;
    }
    using afterglow::crypto::KdfParams;
    KdfParams p;
    p.opslimit = std::stoull(argv[1]);
    p.memlimit = std::stoull(argv[2]);
    const std::string salt = argv[3];
    for (std::size_t i = 0; i + 1 < salt.size(); i += 2)
        p.salt.push_back(static_cast<std::uint8_t>(std::stoul(salt.substr(i, 2), nullptr, 16)));
    auto key = afterglow::crypto::derive_key(argv[4], p);
    if (!key) {
        std::fprintf(stderr, "%s\n", key.error().message.c_str());
        return 1;
    }
    for (auto b : key->span()) std::printf("%02x", b);
    std::printf("\n");
    return 0;
}
