#include "crypto/bech32.hpp"

#include <array>

#include "crypto/secret.hpp"

namespace afterglow::crypto::bech32 {
namespace {

constexpr char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr std::size_t kChecksumLen = 6;

std::uint32_t polymod(std::uint32_t chk, std::uint8_t v) {
    static constexpr std::uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                              0x2a1462b3};
    const std::uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i)
        if ((top >> i) & 1) chk ^= kGen[i];
    return chk;
}

// Polymod over hrp-expand(hrp) ‖ values (the checksum, if any, is part of `values`).
std::uint32_t checksum_state(std::string_view hrp, std::span<const std::uint8_t> values) {
    std::uint32_t chk = 1;
    for (char c : hrp) chk = polymod(chk, static_cast<std::uint8_t>(c) >> 5);
    chk = polymod(chk, 0);
    for (char c : hrp) chk = polymod(chk, static_cast<std::uint8_t>(c) & 31);
    for (auto v : values) chk = polymod(chk, v);
    return chk;
}

int charset_index(char c) {
    for (int i = 0; i < 32; ++i)
        if (kCharset[i] == c) return i;
    return -1;
}

Error bad(std::string why) {
    return make_error(Errc::invalid_argument, "Not a valid bech32 string: " + why);
}

}  // namespace

std::string encode_values(std::string_view hrp, std::span<const std::uint8_t> values, bool upper) {
    std::string lower_hrp(hrp);
    for (auto& c : lower_hrp)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    std::vector<std::uint8_t> all(values.begin(), values.end());
    all.insert(all.end(), kChecksumLen, 0);
    const std::uint32_t mod = checksum_state(lower_hrp, all) ^ 1;
    for (std::size_t i = 0; i < kChecksumLen; ++i)
        all[values.size() + i] = static_cast<std::uint8_t>((mod >> (5 * (5 - i))) & 31);
    std::string out = lower_hrp + '1';
    for (auto v : all) out.push_back(kCharset[v & 31]);
    wipe(all.data(), all.size());
    if (upper)
        for (auto& c : out)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

Result<Raw> decode_values(std::string_view text, std::size_t max_length) {
    if (max_length != 0 && text.size() > max_length)
        return bad("longer than " + std::to_string(max_length) + " characters.");
    bool has_lower = false, has_upper = false;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 33 || c > 126) return bad("it contains a character outside printable ASCII.");
        if (c >= 'a' && c <= 'z') has_lower = true;
        if (c >= 'A' && c <= 'Z') has_upper = true;
    }
    if (has_lower && has_upper) return bad("it mixes upper and lower case.");
    const auto sep = text.rfind('1');
    if (sep == std::string_view::npos) return bad("the separator '1' is missing.");
    if (sep == 0) return bad("the human-readable part is empty.");
    if (text.size() - sep - 1 < kChecksumLen) return bad("the checksum is too short.");
    Raw raw;
    raw.upper = has_upper;
    raw.hrp.assign(text.substr(0, sep));
    for (auto& c : raw.hrp)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    std::vector<std::uint8_t> values;
    values.reserve(text.size() - sep - 1);
    for (char ch : text.substr(sep + 1)) {
        char c = ch;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        const int v = charset_index(c);
        if (v < 0) {
            wipe(values.data(), values.size());
            return bad("it contains a character bech32 does not use (b, i, o, or 1 after the "
                       "separator).");
        }
        values.push_back(static_cast<std::uint8_t>(v));
    }
    if (checksum_state(raw.hrp, values) != 1) {
        wipe(values.data(), values.size());
        return bad("the checksum does not match (a typo, or the string is incomplete).");
    }
    wipe(values.data() + values.size() - kChecksumLen, kChecksumLen);
    values.resize(values.size() - kChecksumLen);
    raw.values = std::move(values);
    return raw;
}

std::vector<std::uint8_t> to_5bit(std::span<const std::uint8_t> bytes) {
    std::vector<std::uint8_t> out;
    out.reserve((bytes.size() * 8 + 4) / 5);
    std::uint32_t acc = 0;
    int bits = 0;
    for (auto b : bytes) {
        acc = ((acc << 8) | b) & 0xfff;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & 31));
        }
    }
    if (bits > 0) out.push_back(static_cast<std::uint8_t>((acc << (5 - bits)) & 31));
    wipe(&acc, sizeof acc);
    return out;
}

Result<Bytes> from_5bit(std::span<const std::uint8_t> values) {
    Bytes out;
    out.reserve(values.size() * 5 / 8);
    std::uint32_t acc = 0;
    int bits = 0;
    for (auto v : values) {
        if (v > 31) return bad("a value is out of range.");
        acc = ((acc << 5) | v) & 0xfff;
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xff));
        }
    }
    const bool incomplete = bits >= 5, nonzero = (acc & ((1u << bits) - 1)) != 0;
    wipe(&acc, sizeof acc);
    if (incomplete || nonzero) {
        wipe(out.data(), out.size());
        return bad(incomplete ? "it has an incomplete group of padding bits."
                              : "its padding bits are not zero.");
    }
    return out;
}

std::string encode(std::string_view hrp, std::span<const std::uint8_t> data, bool upper) {
    auto values = to_5bit(data);
    auto out = encode_values(hrp, values, upper);
    wipe(values.data(), values.size());
    return out;
}

Result<Decoded> decode(std::string_view text, std::size_t max_length) {
    auto raw = decode_values(text, max_length);
    if (!raw) return raw.error();
    auto bytes = from_5bit(raw->values);
    wipe(raw->values.data(), raw->values.size());
    if (!bytes) return bytes.error();
    return Decoded{std::move(raw->hrp), std::move(bytes.value()), raw->upper};
}

}  // namespace afterglow::crypto::bech32
