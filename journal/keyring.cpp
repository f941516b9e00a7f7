#include "journal/keyring.hpp"

#include <cstring>

#include "crypto/aead.hpp"
#include "crypto/hash.hpp"

namespace afterglow::journal::keyring {
namespace {

constexpr std::size_t kHash = 16;
const char kPassAd[] = "afterglow/v1/wrap/passphrase";
const char kRecoveryAd[] = "afterglow/v1/wrap/recovery";

std::array<std::uint8_t, kHash> row_hash(const std::string& name, const crypto::Bytes& value) {
    std::array<std::uint8_t, kHash> out{};
    auto h = crypto::hash_parts({crypto::as_bytes(std::string_view(name.c_str(), name.size() + 1)), value}, kHash);
    std::memcpy(out.data(), h.data(), kHash);
    return out;
}

std::optional<std::uint64_t> decode_u64(const Rows& rows, const char* name) {
    auto it = rows.find(name);
    if (it == rows.end() || it->second.size() != 8) return std::nullopt;
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | it->second[static_cast<std::size_t>(i)];
    return v;
}

crypto::Bytes pass_ad(const crypto::KdfParams& p) {
    return crypto::concat(
        {crypto::as_bytes(kPassAd), encode_u64(p.opslimit), encode_u64(p.memlimit), p.salt});
}

}  // namespace

crypto::Bytes encode_u64(std::uint64_t v) {
    crypto::Bytes b(8);
    for (int i = 0; i < 8; ++i) b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
    return b;
}

void seal_checksums(Rows& rows) {
    crypto::Bytes sums;
    for (const auto& [name, value] : rows) {
        if (name == "checksums") continue;
        sums.insert(sums.end(), name.begin(), name.end());
        sums.push_back(0);
        auto h = row_hash(name, value);
        sums.insert(sums.end(), h.begin(), h.end());
    }
    rows["checksums"] = std::move(sums);
}

namespace {

using Sums = std::map<std::string, std::array<std::uint8_t, kHash>>;

std::optional<Sums> parse_sums(const Rows& rows) {
    auto it = rows.find("checksums");
    if (it == rows.end()) return std::nullopt;
    Sums sums;
    const auto& b = it->second;
    std::size_t i = 0;
    while (i < b.size()) {
        std::size_t z = i;
        while (z < b.size() && b[z] != 0) ++z;
        if (z + 1 + kHash > b.size()) return std::nullopt;
        std::array<std::uint8_t, kHash> h{};
        std::memcpy(h.data(), b.data() + z + 1, kHash);
        sums[std::string(b.begin() + static_cast<long>(i), b.begin() + static_cast<long>(z))] = h;
        i = z + 1 + kHash;
    }
    return sums;
}

Status check_rows(const Rows& rows, const Sums& sums, std::initializer_list<const char*> names,
                  const char* advice) {
    for (const char* name : names) {
        auto row = rows.find(name);
        if (row == rows.end())
            return make_error(Errc::damaged,
                              std::string("The vault's key material is incomplete: '") + name +
                                  "' is missing." + advice,
                              std::string("key:") + name);
        auto s = sums.find(name);
        if (s == sums.end() || !crypto::equal(s->second, row_hash(name, row->second)))
            return make_error(Errc::damaged,
                              std::string("The vault's key material is damaged: '") + name +
                                  "' does not match its checksum." + advice,
                              std::string("key:") + name);
    }
    return {};
}

}  // namespace

Status check(const Rows& rows, Purpose purpose) {
    auto sums = parse_sums(rows);
    if (purpose == Purpose::recovery) {
        // The recovery wrap authenticates itself (AEAD): damage elsewhere, the checksums
        // row included, must not stop the one way back in.
        if (!rows.count("wrap_recovery"))
            return make_error(Errc::damaged, "The vault's recovery wrap is missing.", "key:wrap_recovery");
        if (!sums) return {};
        return check_rows(rows, *sums, {"wrap_recovery"},
                          " Restore the vault from a backup; the passphrase may still open it.");
    }
    if (!sums)
        return make_error(Errc::damaged,
                          "The vault's key checksums are damaged. Unlock with your recovery key "
                          "(it sets a new passphrase and repairs them).",
                          "key:checksums");
    return check_rows(rows, *sums, {"kdf_opslimit", "kdf_memlimit", "kdf_salt", "wrap_passphrase"},
                      " Unlock with your recovery key: it opens the vault on its own and sets a "
                      "new passphrase.");
}

bool row_intact(const Rows& rows, const std::string& name) {
    auto sums = parse_sums(rows);
    auto row = rows.find(name);
    if (!sums || row == rows.end()) return false;
    auto s = sums->find(name);
    return s != sums->end() && crypto::equal(s->second, row_hash(name, row->second));
}

Status check_all(const Rows& rows) {
    auto sums = parse_sums(rows);
    if (!sums)
        return make_error(Errc::damaged, "The vault's key checksums are damaged.", "key:checksums");
    if (auto st = check_rows(rows, *sums,
                             {"kdf_opslimit", "kdf_memlimit", "kdf_salt", "wrap_passphrase",
                              "wrap_recovery", "box_public", "box_secret"},
                             "");
        !st)
        return st;
    for (const auto& [name, value] : rows) {
        if (name == "checksums") continue;
        auto s = sums->find(name);
        if (s == sums->end() || !crypto::equal(s->second, row_hash(name, value)))
            return make_error(Errc::damaged,
                              "The vault's key material is damaged: '" + name +
                                  "' does not match its checksum.",
                              "key:" + name);
    }
    if (sums->size() != rows.size() - 1)
        return make_error(Errc::damaged, "The vault's key checksums list a key that is missing.",
                          "key:checksums");
    return {};
}

Result<crypto::KdfParams> read_kdf(const Rows& rows) {
    auto ops = decode_u64(rows, "kdf_opslimit");
    auto mem = decode_u64(rows, "kdf_memlimit");
    auto salt = rows.find("kdf_salt");
    if (!ops || !mem || salt == rows.end())
        return make_error(Errc::damaged, "The vault's key-derivation parameters are damaged.",
                          "key:kdf");
    crypto::KdfParams p;
    p.opslimit = *ops;
    p.memlimit = *mem;
    p.salt = salt->second;
    if (auto st = crypto::check_kdf_params(p); !st)
        return make_error(Errc::kdf_limits,
                          "The vault asks for unsafe key-derivation settings, so Afterglow "
                          "refuses to open it: " + st.error().message,
                          "key:kdf");
    return p;
}

void write_kdf(Rows& rows, const crypto::KdfParams& p) {
    rows["kdf_opslimit"] = encode_u64(p.opslimit);
    rows["kdf_memlimit"] = encode_u64(p.memlimit);
    rows["kdf_salt"] = p.salt;
}

crypto::Bytes wrap_with_passphrase_key(const crypto::SecretBuffer& kek, const crypto::KdfParams& p,
                                       const crypto::SecretBuffer& master) {
    return crypto::seal(kek.span(), master.span(), pass_ad(p));
}

std::optional<crypto::SecretBuffer> unwrap_with_passphrase_key(const crypto::SecretBuffer& kek,
                                                               const Rows& rows) {
    auto p = read_kdf(rows);
    auto it = rows.find("wrap_passphrase");
    if (!p || it == rows.end()) return std::nullopt;
    auto key = crypto::open_secret(kek.span(), it->second, pass_ad(*p));
    if (!key || key->size() != crypto::kKeySize) return std::nullopt;
    return key;
}

crypto::Bytes wrap_with_recovery_key(const crypto::SecretBuffer& recovery,
                                     const crypto::SecretBuffer& master) {
    return crypto::seal(recovery.span(), master.span(), crypto::as_bytes(kRecoveryAd));
}

std::optional<crypto::SecretBuffer> unwrap_with_recovery_key(const crypto::SecretBuffer& recovery,
                                                             const Rows& rows) {
    auto it = rows.find("wrap_recovery");
    if (it == rows.end() || recovery.size() != crypto::kKeySize) return std::nullopt;
    auto key = crypto::open_secret(recovery.span(), it->second, crypto::as_bytes(kRecoveryAd));
    if (!key || key->size() != crypto::kKeySize) return std::nullopt;
    return key;
}

}  // namespace afterglow::journal::keyring
