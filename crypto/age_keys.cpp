// X25519 identities ("AGE-SECRET-KEY-1...") and recipients ("age1..."), identity files.
#include <sodium.h>

#include <cstdio>
#include <ctime>
#include <new>

#include "crypto/age.hpp"
#include "crypto/age_detail.hpp"
#include "crypto/bech32.hpp"

namespace afterglow::crypto::age {
namespace {

constexpr std::string_view kSecretHrp = "age-secret-key-";

std::string rfc3339_now() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &local);
    std::string out = buf;
    const long off = local.tm_gmtoff;
    if (off == 0) return out + "Z";
    const long a = off < 0 ? -off : off;
    std::snprintf(buf, sizeof buf, "%c%02ld:%02ld", off < 0 ? '-' : '+', a / 3600, (a / 60) % 60);
    return out + buf;
}

}  // namespace

Identity Identity::generate() { return Identity{SecretBuffer::random(32)}; }

Result<Identity> Identity::parse(std::string_view text) try {
    auto d = bech32::decode(text);
    if (!d)  // never echo the text: it may be a secret key with a typo
        return make_error(Errc::invalid_argument,
                          "The age identity is not valid: " +
                              d.error().message.substr(d.error().message.find(':') + 2));
    Identity id{SecretBuffer::copy_of(d->data)};
    wipe(d->data.data(), d->data.size());
    if (d->hrp != kSecretHrp)
        return make_error(Errc::invalid_argument,
                          "This is not an age identity: it should start with "
                          "\"AGE-SECRET-KEY-1\".");
    if (id.secret.size() != 32)
        return make_error(Errc::invalid_argument,
                          "The age identity has the wrong length for an X25519 key.");
    return id;
} catch (const std::bad_alloc&) {
    return make_error(Errc::io, "Out of memory (or locked memory) while reading an age identity.");
}

std::string Identity::encode() const { return bech32::encode(kSecretHrp, secret.span(), true); }

std::string Identity::recipient() const {
    init();
    std::uint8_t pk[32];
    crypto_scalarmult_base(pk, secret.data());
    return bech32::encode("age", pk, false);
}

Result<std::vector<Identity>> parse_identity_file(std::string_view text) try {
    std::vector<Identity> out;
    std::size_t line_no = 0;
    while (!text.empty()) {
        ++line_no;
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
            line.remove_prefix(1);
        if (line.empty() || line.front() == '#') continue;
        if (line.starts_with("AGE-PLUGIN-"))
            return make_error(Errc::unsupported, "Line " + std::to_string(line_no) +
                                                     " of the identity file is an age plugin "
                                                     "identity; plugins are not supported.");
        auto id = Identity::parse(line);
        if (!id)
            return make_error(Errc::invalid_argument,
                              "Line " + std::to_string(line_no) + " of the identity file: " +
                                  id.error().message);
        out.push_back(std::move(id.value()));
    }
    if (out.empty())
        return make_error(Errc::invalid_argument,
                          "The identity file holds no identity (AGE-SECRET-KEY-1...).");
    return out;
} catch (const std::bad_alloc&) {
    return make_error(Errc::io, "Out of memory (or locked memory) while reading identities.");
}

std::string identity_file(const Identity& id) {
    std::string key = id.encode();
    std::string out;
    out.reserve(256);  // no reallocation: no stray copies of the key on the heap
    out += "# created: ";
    out += rfc3339_now();
    out += "\n# public key: ";
    out += id.recipient();
    out += "\n";
    out += key;
    out += "\n";
    wipe(key.data(), key.size());
    return out;
}

Status check_recipient(std::string_view age1) try {
    auto k = detail::parse_recipient(age1);
    if (!k) return k.error();
    return {};
} catch (const std::bad_alloc&) {
    return make_error(Errc::io, "Out of memory while checking a recipient.");
}

}  // namespace afterglow::crypto::age
