#include "crypto/recovery_key.hpp"

#include <sodium.h>

#include <array>
#include <cstring>

namespace afterglow::crypto {
namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base32
constexpr std::size_t kChecksumSize = 3;
constexpr std::size_t kRawSize = kRecoveryKeySize + kChecksumSize;  // 35 bytes = 56 chars
constexpr std::size_t kChars = kRawSize * 8 / 5;

int decode_char(char c) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'I' || c == 'L') c = '1';
    if (c == 'O') c = '0';
    for (int i = 0; i < 32; ++i)
        if (kAlphabet[i] == c) return i;
    return -1;
}

std::array<std::uint8_t, kChecksumSize> checksum(const std::uint8_t* key) {
    std::array<std::uint8_t, kChecksumSize> out{};
    static const char kDomain[] = "afterglow recovery key v1";
    crypto_generichash(out.data(), out.size(), key, kRecoveryKeySize,
                       reinterpret_cast<const unsigned char*>(kDomain), sizeof kDomain - 1);
    return out;
}

}  // namespace

std::string format_recovery_key(const SecretBuffer& key) {
    SecretBuffer raw(kRawSize);
    std::memcpy(raw.data(), key.data(), kRecoveryKeySize);
    auto sum = checksum(key.data());
    std::memcpy(raw.data() + kRecoveryKeySize, sum.data(), kChecksumSize);

    std::string out;
    out.reserve(kChars + kRecoveryGroups);
    unsigned buffer = 0;
    int bits = 0;
    std::size_t written = 0;
    for (std::size_t i = 0; i < kRawSize; ++i) {
        buffer = (buffer << 8) | raw.data()[i];
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            if (written > 0 && written % 4 == 0) out.push_back('-');
            out.push_back(kAlphabet[(buffer >> bits) & 31u]);
            ++written;
        }
    }
    wipe(&buffer, sizeof buffer);
    return out;
}

Result<SecretBuffer> parse_recovery_key(std::string_view text) {
    SecretBuffer raw(kRawSize);
    unsigned buffer = 0;
    int bits = 0;
    std::size_t bytes = 0, chars = 0;
    for (char c : text) {
        if (c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        int v = decode_char(c);
        if (v < 0)
            return make_error(Errc::invalid_argument,
                              std::string("The recovery key contains a character that is not "
                                          "part of it: '") + c + "'.");
        ++chars;
        if (chars > kChars) break;
        buffer = (buffer << 5) | static_cast<unsigned>(v);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            raw.data()[bytes++] = static_cast<std::uint8_t>((buffer >> bits) & 0xffu);
        }
    }
    wipe(&buffer, sizeof buffer);
    if (chars != kChars)
        return make_error(Errc::invalid_argument,
                          "A recovery key has " + std::to_string(kChars) + " characters in " +
                              std::to_string(kRecoveryGroups) + " groups; this one has " +
                              std::to_string(chars) + ".");
    auto sum = checksum(raw.data());
    if (sodium_memcmp(sum.data(), raw.data() + kRecoveryKeySize, kChecksumSize) != 0)
        return make_error(Errc::invalid_argument,
                          "The recovery key has a typo: its checksum does not match. Check each "
                          "group again.");
    return SecretBuffer::copy_of(raw.span().first(kRecoveryKeySize));
}

std::string recovery_key_group(std::string_view formatted, std::size_t n) {
    std::size_t start = n * 5;
    if (start >= formatted.size()) return {};
    return std::string(formatted.substr(start, 4));
}

}  // namespace afterglow::crypto
