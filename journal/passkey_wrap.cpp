#include "journal/passkey_wrap.hpp"

#include "crypto/aead.hpp"
#include "crypto/hash.hpp"
#include "crypto/hkdf.hpp"

namespace afterglow::journal::passkey {
namespace {

constexpr std::uint8_t kVersion = 1;
const char kAd[] = "afterglow/v1/wrap/passkey";
constexpr std::size_t kSealed = crypto::kXNonceSize + crypto::kKeySize + crypto::kTagSize;

void put_u16(crypto::Bytes& b, std::size_t v) {
    b.push_back(static_cast<std::uint8_t>(v & 0xff));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
}

std::optional<crypto::Bytes> encode_meta(const Meta& m) {
    if (m.salt.size() != kSaltSize || m.credential_id.empty() ||
        m.credential_id.size() > kMaxCredentialId || m.name.size() > kMaxNameBytes ||
        m.added.size() > 64)
        return std::nullopt;
    crypto::Bytes b{kVersion};
    b.insert(b.end(), m.salt.begin(), m.salt.end());
    put_u16(b, m.credential_id.size());
    b.insert(b.end(), m.credential_id.begin(), m.credential_id.end());
    put_u16(b, m.name.size());
    b.insert(b.end(), m.name.begin(), m.name.end());
    b.push_back(static_cast<std::uint8_t>(m.added.size()));
    b.insert(b.end(), m.added.begin(), m.added.end());
    return b;
}

// Metadata and the offset where the sealed part starts.
std::optional<std::pair<Meta, std::size_t>> parse(const crypto::Bytes& v) {
    std::size_t i = 0;
    auto need = [&](std::size_t n) { return i + n <= v.size(); };
    auto u16 = [&] {
        std::size_t x = v[i] | (static_cast<std::size_t>(v[i + 1]) << 8);
        i += 2;
        return x;
    };
    if (!need(1 + kSaltSize) || v[0] != kVersion) return std::nullopt;
    Meta m;
    m.salt.assign(v.begin() + 1, v.begin() + 1 + kSaltSize);
    i = 1 + kSaltSize;
    if (!need(2)) return std::nullopt;
    std::size_t n = u16();
    if (n == 0 || n > kMaxCredentialId || !need(n)) return std::nullopt;
    m.credential_id.assign(v.begin() + static_cast<long>(i), v.begin() + static_cast<long>(i + n));
    i += n;
    if (!need(2)) return std::nullopt;
    n = u16();
    if (n > kMaxNameBytes || !need(n)) return std::nullopt;
    m.name.assign(v.begin() + static_cast<long>(i), v.begin() + static_cast<long>(i + n));
    i += n;
    if (!need(1)) return std::nullopt;
    n = v[i++];
    if (!need(n)) return std::nullopt;
    m.added.assign(v.begin() + static_cast<long>(i), v.begin() + static_cast<long>(i + n));
    i += n;
    if (v.size() - i != kSealed) return std::nullopt;
    return std::pair{std::move(m), i};
}

crypto::Bytes ad(std::string_view row, std::span<const std::uint8_t> meta) {
    const std::uint8_t zero = 0;
    return crypto::concat({crypto::as_bytes(kAd), {&zero, 1}, crypto::as_bytes(row), {&zero, 1}, meta});
}

}  // namespace

std::string row_name(std::span<const std::uint8_t> credential_id) {
    return kRowPrefix + crypto::to_hex(crypto::hash_parts({credential_id}, 8));
}

bool is_passkey_row(std::string_view row) { return row.starts_with(kRowPrefix); }

std::optional<Meta> read_meta(const crypto::Bytes& value) {
    auto p = parse(value);
    if (!p) return std::nullopt;
    return std::move(p->first);
}

crypto::SecretBuffer wrap_key(const crypto::SecretBuffer& prf_output, std::span<const std::uint8_t> salt) {
    auto k = crypto::hkdf_sha256(prf_output.span(), salt, crypto::as_bytes(kHkdfInfo), crypto::kKeySize);
    return std::move(k.value());  // 32 bytes never exceed HKDF's limit
}

Result<crypto::Bytes> wrap(const Meta& meta, const crypto::SecretBuffer& prf_output,
                           const crypto::SecretBuffer& master, std::span<const std::uint8_t> nonce) {
    auto m = encode_meta(meta);
    if (!m) return make_error(Errc::invalid_argument, "The passkey's details are not valid (name too long?).");
    if (prf_output.size() != kPrfSize || master.size() != crypto::kKeySize)
        return make_error(Errc::invalid_argument, "The passkey gave no usable secret.");
    const auto key = wrap_key(prf_output, meta.salt);
    const auto a = ad(row_name(meta.credential_id), *m);
    crypto::Bytes sealed;
    if (nonce.empty()) {
        sealed = crypto::seal(key.span(), master.span(), a);
    } else {
        sealed.assign(nonce.begin(), nonce.end());
        auto ct = crypto::xchacha_encrypt(key.span(), nonce, master.span(), a);
        sealed.insert(sealed.end(), ct.begin(), ct.end());
    }
    m->insert(m->end(), sealed.begin(), sealed.end());
    return std::move(*m);
}

std::optional<crypto::SecretBuffer> unwrap(std::string_view row, const crypto::Bytes& value,
                                           const crypto::SecretBuffer& prf_output) {
    auto p = parse(value);
    if (!p || prf_output.size() != kPrfSize || row != row_name(p->first.credential_id)) return std::nullopt;
    const auto key = wrap_key(prf_output, p->first.salt);
    const std::span<const std::uint8_t> all(value);
    auto master = crypto::open_secret(key.span(), all.subspan(p->second), ad(row, all.first(p->second)));
    if (!master || master->size() != crypto::kKeySize) return std::nullopt;
    return master;
}

std::vector<Listed> list(const keyring::Rows& rows) {
    std::vector<Listed> out;
    for (const auto& [name, value] : rows) {
        if (!is_passkey_row(name)) continue;
        Listed l;
        l.row = name;
        auto p = parse(value);
        if (p) l.meta = std::move(p->first);
        l.intact = p && keyring::row_intact(rows, name) && name == row_name(l.meta.credential_id);
        out.push_back(std::move(l));
    }
    return out;
}

}  // namespace afterglow::journal::passkey
