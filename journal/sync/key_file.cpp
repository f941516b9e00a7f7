#include "journal/sync/key_file.hpp"

#include <cstring>

#include "crypto/hash.hpp"
#include "journal/sync/wire.hpp"

namespace afterglow::sync {
namespace {

constexpr char kMagic[] = "AGKEY01\n";
constexpr std::size_t kMagicSize = 8;
constexpr char kMacContext[] = "afterglow/v1/journal-key";
constexpr std::size_t kFileMac = 32;

crypto::Bytes body(const KeyRows& rows) {
    wire::Writer w;
    w.raw(crypto::as_bytes(std::string_view(kMagic, kMagicSize)));
    w.varint(rows.size());
    for (const auto& [name, value] : rows) {
        w.str(name);
        w.bytes(value);
    }
    return std::move(w.out);
}

crypto::Bytes mac_of(std::span<const std::uint8_t> b, const crypto::SecretBuffer& key) {
    return crypto::hash_parts({crypto::as_bytes(kMacContext), b}, kFileMac, key.span());
}

}  // namespace

crypto::Bytes encode_key_file(const KeyRows& rows, const crypto::SecretBuffer& sync_key) {
    auto b = body(rows);
    auto mac = mac_of(b, sync_key);
    b.insert(b.end(), mac.begin(), mac.end());
    return b;
}

std::optional<KeyRows> parse_key_file(std::span<const std::uint8_t> file) {
    if (file.size() < kMagicSize + kFileMac) return std::nullopt;
    if (crypto::as_text(file.first(kMagicSize)) != std::string_view(kMagic, kMagicSize)) return std::nullopt;
    wire::Reader r(file.subspan(kMagicSize, file.size() - kMagicSize - kFileMac));
    KeyRows rows;
    const auto n = r.count(2);
    for (std::uint64_t i = 0; i < n && r.ok(); ++i) {
        auto name = r.str();
        auto v = r.bytes();
        rows[name] = crypto::Bytes(v.begin(), v.end());
    }
    if (!r.ok() || !r.done()) return std::nullopt;
    return rows;
}

bool key_file_authentic(std::span<const std::uint8_t> file, const crypto::SecretBuffer& sync_key) {
    if (file.size() < kMagicSize + kFileMac) return false;
    const auto b = file.first(file.size() - kFileMac);
    return crypto::equal(mac_of(b, sync_key), file.last(kFileMac));
}

std::uint64_t key_rows_hash(const KeyRows& rows) {
    auto h = crypto::hash(body(rows), 8);
    std::uint64_t v = 0;
    std::memcpy(&v, h.data(), 8);
    return v | 1;  // never 0 ("never matched")
}

}  // namespace afterglow::sync
