// The age header: version line, recipient stanzas, MAC line (C2SP age spec, "Header").
#include <sodium.h>

#include "crypto/age_detail.hpp"
#include "crypto/hkdf.hpp"

namespace afterglow::crypto::age::detail {
namespace {

bool is_b64_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '/';
}

Result<std::vector<std::string>> split_args(std::string_view rest) {
    std::vector<std::string> args;
    std::size_t start = 0;
    for (;;) {
        const auto sp = rest.find(' ', start);
        const auto arg = rest.substr(start, sp == std::string_view::npos ? sp : sp - start);
        if (arg.empty())
            return damaged("The age file is damaged: a recipient stanza has an empty argument.");
        for (char c : arg)
            if (c < 0x21 || c > 0x7e)
                return damaged(
                    "The age file is damaged: a recipient stanza argument has a character that "
                    "is not printable ASCII.");
        args.emplace_back(arg);
        if (sp == std::string_view::npos) break;
        start = sp + 1;
    }
    return args;
}

SecretBuffer header_mac_key(const SecretBuffer& file_key) {
    static constexpr std::string_view kInfo = "header";
    auto key = hkdf_sha256(file_key.span(), {}, as_bytes(kInfo), 32);
    return std::move(key.value());  // 32 bytes is always within HKDF's limit
}

}  // namespace

std::optional<Bytes> decode_b64(std::string_view text) {
    for (char c : text)
        if (!is_b64_char(c)) return std::nullopt;  // also rejects '=' padding
    return from_base64(text, /*padded=*/false);   // libsodium rejects non-zero trailing bits
}

Result<Header> read_header(Reader& in) {
    Header h;
    std::size_t total = 0;
    auto next = [&](std::size_t max, const char* what) -> Result<std::string> {
        auto l = in.line(max, what);
        if (!l) return l;
        total += l->size() + 1;
        if (total > kMaxHeaderSize)
            return damaged("The age file is damaged: its header is larger than " +
                           std::to_string(kMaxHeaderSize >> 10) + " KiB.");
        return l;
    };

    auto start = in.peek_n(kVersionPrefix.size());
    if (!start) return start.error();
    if (as_text(*start) != kVersionPrefix)
        return damaged("This is not an age file: it does not start with \"" +
                       std::string(kVersionLine) + "\".");
    auto version = next(kMaxArgLine, "version line");
    if (!version) return version.error();
    if (*version != kVersionLine)
        return make_error(Errc::unsupported,
                          "This age file uses a format version this build cannot read.");
    h.mac_input = *version + "\n";

    auto l = next(kMaxArgLine, "header line");
    if (!l) return l.error();
    for (;;) {
        if (l->starts_with("---")) break;
        if (!l->starts_with("-> "))
            return damaged("The age file is damaged: a header line is neither a recipient "
                           "stanza nor the MAC line.");
        auto args = split_args(std::string_view(*l).substr(3));
        if (!args) return args.error();
        h.mac_input += *l + "\n";
        Stanza s;
        s.args = std::move(args.value());
        for (;;) {
            auto body = next(kColumns, "header line (stanza body lines are at most 64 columns)");
            if (!body) return body.error();
            auto bytes = decode_b64(*body);
            if (!bytes)
                return damaged("The age file is damaged: a recipient stanza body is not "
                               "canonical unpadded base64.");
            h.mac_input += *body + "\n";
            s.body.insert(s.body.end(), bytes->begin(), bytes->end());
            if (body->size() < kColumns) break;
        }
        h.stanzas.push_back(std::move(s));
        l = next(kMaxArgLine, "header line");
        if (!l) return l.error();
    }
    if (h.stanzas.empty())
        return damaged("The age file is damaged: its header has no recipient stanza.");
    if (!l->starts_with("--- ") || l->size() != 4 + 43)
        return damaged("The age file is damaged: the header MAC line is malformed.");
    auto mac = decode_b64(std::string_view(*l).substr(4));
    if (!mac || mac->size() != 32)
        return damaged("The age file is damaged: the header MAC is not canonical base64.");
    h.mac = std::move(*mac);
    h.mac_input += "---";
    return h;
}

std::string write_header(const std::vector<Stanza>& stanzas, const SecretBuffer& file_key) {
    std::string out(kVersionLine);
    out += '\n';
    for (const auto& s : stanzas) {
        out += "->";
        for (const auto& a : s.args) out += ' ' + a;
        out += '\n';
        const std::string b64 = to_base64(s.body, /*padded=*/false);
        std::size_t i = 0;
        for (; b64.size() - i >= kColumns; i += kColumns) out += b64.substr(i, kColumns) + '\n';
        out += b64.substr(i) + '\n';  // the final line is shorter than 64 columns, maybe empty
    }
    out += "---";
    const SecretBuffer key = header_mac_key(file_key);
    const auto mac = hmac_sha256(key.span(), as_bytes(out));
    out += ' ' + to_base64(mac, /*padded=*/false) + '\n';
    return out;
}

Status check_header_mac(const Header& h, const SecretBuffer& file_key) {
    const SecretBuffer key = header_mac_key(file_key);
    const auto mac = hmac_sha256(key.span(), as_bytes(h.mac_input));
    if (h.mac.size() != mac.size() || sodium_memcmp(mac.data(), h.mac.data(), mac.size()) != 0)
        return damaged("The age file is damaged: its header MAC is wrong (the header was "
                       "changed or the file key is not the one it was written with).");
    return {};
}

}  // namespace afterglow::crypto::age::detail
