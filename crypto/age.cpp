// age: whole-file and streaming encrypt/decrypt over the pieces in age_*.cpp.
#include "crypto/age.hpp"

#include <new>
#include <optional>
#include <utility>

#include "crypto/age_detail.hpp"

namespace afterglow::crypto::age {
namespace detail {
namespace {

Status check_options(const EncryptOptions& opt) {
    if (opt.passphrase && !opt.recipients.empty())
        return make_error(Errc::invalid_argument,
                          "A passphrase cannot be combined with recipients: a passphrase-"
                          "encrypted age file has exactly one recipient.");
    if (opt.passphrase && opt.passphrase->empty())
        return make_error(Errc::invalid_argument, "The passphrase is empty.");
    if (!opt.passphrase && opt.recipients.empty())
        return make_error(Errc::invalid_argument,
                          "Give at least one recipient (age1...) or a passphrase.");
    if (opt.passphrase && (opt.scrypt_log2n < 1 || opt.scrypt_log2n > kMaxScryptLog2N))
        return make_error(Errc::kdf_limits, "The scrypt work factor must be between 2^1 and 2^" +
                                                std::to_string(kMaxScryptLog2N) + ".");
    return {};
}

// Runs `f`, turning any exception (bad_alloc from SecretBuffer, ...) into an Error.
template <class F>
auto guarded(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::bad_alloc&) {
        return make_error(Errc::io, "Out of memory (or locked memory) while handling an age file.");
    } catch (const std::exception& e) {
        return make_error(Errc::io, std::string("Unexpected failure in the age code: ") + e.what());
    }
}

// Reads an age file's header from `src`, armored or not, and calls then(in, header, armored)
// with `in` at the payload.
template <class F>
auto with_header(Source& src, F&& then) -> decltype(then(std::declval<Reader&>(), std::declval<Header&>(), true)) {
    Reader raw(src);
    auto armored = starts_armored(raw);
    if (!armored) return armored.error();
    std::optional<ArmorSource> armor;
    std::optional<Reader> dearmored;
    Reader& in = *armored ? dearmored.emplace(armor.emplace(raw)) : raw;
    auto header = read_header(in);
    if (!header) return header.error();
    return then(in, *header, *armored);
}

struct Opened {
    Header header;
    SecretBuffer file_key;
};

}  // namespace

Status encrypt_to(Source& src, Sink& dst, const EncryptOptions& opt) {
    return guarded([&]() -> Status {
        if (auto st = check_options(opt); !st) return st;
        std::vector<Bytes> keys;
        for (const auto& r : opt.recipients) {
            auto k = parse_recipient(r);
            if (!k) return k.error();
            keys.push_back(std::move(*k));
        }
        const SecretBuffer file_key = SecretBuffer::random(kFileKeySize);
        std::vector<Stanza> stanzas;
        if (opt.passphrase) {
            auto s = wrap_scrypt(*opt.passphrase, opt.scrypt_log2n, file_key);
            if (!s) return s.error();
            stanzas.push_back(std::move(*s));
        }
        for (const auto& k : keys) {
            auto s = wrap_x25519(k, file_key);
            if (!s) return s.error();
            stanzas.push_back(std::move(*s));
        }
        const std::string header = write_header(stanzas, file_key);
        std::optional<ArmorSink> armor;
        Sink& out = opt.armor ? armor.emplace(dst) : dst;
        if (auto st = out.write(as_bytes(header)); !st) return st;
        Reader in(src);
        if (auto st = encrypt_payload(in, out, file_key); !st) return st;
        return out.finish();
    });
}

Status decrypt_from(Source& src, Sink& dst, const DecryptOptions& opt) {
    return guarded([&] {
        return with_header(src, [&](Reader& in, Header& header, bool) -> Status {
            auto file_key = unwrap_file_key(header, opt);
            if (!file_key) return file_key.error();
            // The header MAC is checked before any payload is read or written.
            if (auto st = check_header_mac(header, *file_key); !st) return st;
            if (auto st = decrypt_payload(in, dst, *file_key); !st) return st;
            return dst.finish();
        });
    });
}

Result<HeaderInfo> inspect_source(Source& src) {
    return guarded([&] {
        return with_header(src, [&](Reader&, Header& header, bool armored) -> Result<HeaderInfo> {
            HeaderInfo info;
            info.armored = armored;
            for (const auto& s : header.stanzas) {
                if (s.args[0] == "X25519") ++info.x25519_stanzas;
                else if (s.args[0] != "scrypt") ++info.other_stanzas;
            }
            if (header.stanzas.size() == 1 && header.stanzas[0].args[0] == "scrypt") {
                info.passphrase = true;
                const auto& a = header.stanzas[0].args;
                if (a.size() == 3 && a[2].size() <= 2 && !a[2].empty() && a[2][0] != '0' &&
                    a[2].find_first_not_of("0123456789") == std::string::npos)
                    info.scrypt_log2n = std::stoi(a[2]);
            }
            return info;
        });
    });
}

}  // namespace detail

Result<Bytes> encrypt(std::span<const std::uint8_t> plaintext, const EncryptOptions& opt) {
    Bytes out;
    out.reserve(plaintext.size() + plaintext.size() / detail::kChunkSize * detail::kTagSize + 512);
    detail::SpanSource in(plaintext);
    detail::VectorSink sink(out);
    if (auto st = detail::encrypt_to(in, sink, opt); !st) return st.error();
    return out;
}

Result<Bytes> decrypt(std::span<const std::uint8_t> file, const DecryptOptions& opt) {
    Bytes out;
    detail::SpanSource in(file);
    detail::VectorSink sink(out);
    if (auto st = detail::decrypt_from(in, sink, opt); !st) {
        wipe(out.data(), out.size());
        return st.error();
    }
    return out;
}

Status encrypt_stream(std::istream& in, std::ostream& out, const EncryptOptions& opt) {
    detail::IstreamSource src(in);
    detail::OstreamSink sink(out);
    return detail::encrypt_to(src, sink, opt);
}

Status decrypt_stream(std::istream& in, std::ostream& out, const DecryptOptions& opt) {
    detail::IstreamSource src(in);
    detail::OstreamSink sink(out);
    return detail::decrypt_from(src, sink, opt);
}

bool is_age_file(std::span<const std::uint8_t> prefix) {
    const auto text = as_text(prefix);
    if (text.starts_with(std::string(detail::kVersionLine) + "\n")) return true;
    const auto i = text.find_first_not_of(" \t\r\n");
    return i != std::string_view::npos && i <= 1024 &&
           text.substr(i).starts_with(detail::kArmorBegin);
}

Result<HeaderInfo> inspect(std::istream& in) {
    detail::IstreamSource src(in);
    return detail::inspect_source(src);
}

Result<HeaderInfo> inspect(std::span<const std::uint8_t> file) {
    detail::SpanSource src(file);
    return detail::inspect_source(src);
}

}  // namespace afterglow::crypto::age
