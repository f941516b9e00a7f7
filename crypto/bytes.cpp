#include "crypto/bytes.hpp"

#include <sodium.h>

#include <cstring>

#include "crypto/secret.hpp"

namespace afterglow::crypto {

Bytes random_bytes(std::size_t n) {
    init();
    Bytes out(n);
    if (n) randombytes_buf(out.data(), n);
    return out;
}

Bytes concat(std::initializer_list<std::span<const std::uint8_t>> parts) {
    std::size_t n = 0;
    for (auto p : parts) n += p.size();
    Bytes out(n);
    std::size_t at = 0;
    for (auto p : parts) {
        if (!p.empty()) std::memcpy(out.data() + at, p.data(), p.size());
        at += p.size();
    }
    return out;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
    if (bytes.empty()) return {};
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
    out.pop_back();
    return out;
}

std::optional<Bytes> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    if (hex.empty()) return Bytes{};
    Bytes out(hex.size() / 2);
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
        len != out.size() || end != hex.data() + hex.size())
        return std::nullopt;
    return out;
}

std::string to_base64(std::span<const std::uint8_t> bytes, bool padded) {
    if (bytes.empty()) return {};
    const int variant = padded ? sodium_base64_VARIANT_ORIGINAL
                               : sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), variant);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

std::optional<Bytes> from_base64(std::string_view text, bool padded) {
    const int variant = padded ? sodium_base64_VARIANT_ORIGINAL
                               : sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
    Bytes out(text.size() / 4 * 3 + 3);
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                          variant) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    out.resize(len);
    // libsodium rejects non-zero trailing bits, so the encoding is canonical.
    return out;
}

}  // namespace afterglow::crypto
