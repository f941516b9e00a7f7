// Internals of the age implementation (crypto/age_*.cpp). Not part of the public API; tests
// and fuzz targets may include it.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/age.hpp"

namespace afterglow::crypto::age::detail {

inline constexpr std::size_t kFileKeySize = 16;
inline constexpr std::size_t kChunkSize = 64 * 1024;
inline constexpr std::size_t kTagSize = 16;
inline constexpr std::size_t kEncChunkSize = kChunkSize + kTagSize;
inline constexpr std::size_t kPayloadNonceSize = 16;
inline constexpr std::size_t kColumns = 64;              // stanza body and armor lines
inline constexpr std::size_t kMaxArgLine = 16 * 1024;    // one "-> ..." line
inline constexpr std::size_t kMaxHeaderSize = 1 << 20;   // the whole header
inline constexpr std::string_view kVersionLine = "age-encryption.org/v1";
inline constexpr std::string_view kVersionPrefix = "age-encryption.org/";
inline constexpr std::string_view kArmorBegin = "-----BEGIN AGE ENCRYPTED FILE-----";
inline constexpr std::string_view kArmorEnd = "-----END AGE ENCRYPTED FILE-----";

Error damaged(std::string message);

// ---- byte sources and sinks (age_io.cpp) ----
class Source {
public:
    virtual ~Source() = default;
    // Reads up to n bytes; returns fewer than n only at the end of the input.
    virtual Result<std::size_t> read(std::uint8_t* buf, std::size_t n) = 0;
};
class Sink {
public:
    virtual ~Sink() = default;
    virtual Status write(std::span<const std::uint8_t> bytes) = 0;
    virtual Status finish() { return {}; }
};

class SpanSource final : public Source {
public:
    explicit SpanSource(std::span<const std::uint8_t> s) : data_(s) {}
    Result<std::size_t> read(std::uint8_t* buf, std::size_t n) override;

private:
    std::span<const std::uint8_t> data_;
    std::size_t pos_ = 0;
};
class IstreamSource final : public Source {
public:
    explicit IstreamSource(std::istream& in) : in_(in) {}
    Result<std::size_t> read(std::uint8_t* buf, std::size_t n) override;

private:
    std::istream& in_;
};
class VectorSink final : public Sink {
public:
    explicit VectorSink(Bytes& out) : out_(out) {}
    Status write(std::span<const std::uint8_t> bytes) override;

private:
    Bytes& out_;
};
class OstreamSink final : public Sink {
public:
    explicit OstreamSink(std::ostream& out) : out_(out) {}
    Status write(std::span<const std::uint8_t> bytes) override;
    Status finish() override;

private:
    std::ostream& out_;
};

// Buffered reader over a Source: lines for the header, blocks for the payload.
class Reader {
public:
    explicit Reader(Source& src) : src_(src), buf_(kBlock) {}
    // A line without its LF. Fails at end of input before an LF, or if longer than `max`
    // (the message then names `what`).
    Result<std::string> line(std::size_t max, const char* what);
    // Up to n bytes; fewer only at the end.
    Result<std::size_t> read(std::uint8_t* out, std::size_t n);
    // The next byte without consuming it; -1 at the end.
    Result<int> peek();
    // Ensures at least n bytes are buffered if the input has them; returns what is buffered.
    Result<std::span<const std::uint8_t>> peek_n(std::size_t n);
    void skip(std::size_t n);

private:
    Status fill();  // compacts and reads more; sets eof_
    static constexpr std::size_t kBlock = 64 * 1024;
    Source& src_;
    Bytes buf_;
    std::size_t pos_ = 0, end_ = 0;
    bool eof_ = false;
};

// ---- header (age_header.cpp) ----
struct Stanza {
    std::vector<std::string> args;  // args[0] is the type ("X25519", "scrypt", ...)
    Bytes body;
};
struct Header {
    std::vector<Stanza> stanzas;
    std::string mac_input;  // the header bytes up to and including "---"
    Bytes mac;              // 32 bytes
};
Result<Header> read_header(Reader& in);
// Serialises stanzas and appends the MAC line computed with the file key.
std::string write_header(const std::vector<Stanza>& stanzas, const SecretBuffer& file_key);
// HMAC key = HKDF(ikm = file key, salt = empty, info = "header"); MAC over mac_input.
Status check_header_mac(const Header& h, const SecretBuffer& file_key);
// Strict unpadded canonical base64 (spec: "decoders MUST reject non-canonical encodings").
std::optional<Bytes> decode_b64(std::string_view text);

// ---- recipients (age_recipients.cpp) ----
Result<Bytes> parse_recipient(std::string_view age1);  // 32-byte X25519 public key
Result<Stanza> wrap_x25519(std::span<const std::uint8_t> recipient, const SecretBuffer& file_key);
Result<Stanza> wrap_scrypt(std::string_view passphrase, int log2n, const SecretBuffer& file_key);
// Finds the file key in the header's stanzas (does not check the MAC).
Result<SecretBuffer> unwrap_file_key(const Header& h, const DecryptOptions& opt);

// ---- payload (age_stream.cpp) ----
// Writes the 16-byte nonce and the STREAM chunks of everything `in` holds.
Status encrypt_payload(Reader& in, Sink& out, const SecretBuffer& file_key);
// Reads nonce and chunks to the end of `in`; writes each chunk once it authenticated.
Status decrypt_payload(Reader& in, Sink& out, const SecretBuffer& file_key);

// ---- armor (age_armor.cpp) ----
class ArmorSink final : public Sink {
public:
    explicit ArmorSink(Sink& out) : out_(out) {}
    Status write(std::span<const std::uint8_t> bytes) override;
    Status finish() override;  // last line, END line, then finishes `out`

private:
    Status flush_line();
    Sink& out_;
    bool begun_ = false;
    std::uint8_t pending_[48] = {};
    std::size_t npending_ = 0;
};
class ArmorSource final : public Source {
public:
    explicit ArmorSource(Reader& in) : in_(in) {}
    Result<std::size_t> read(std::uint8_t* buf, std::size_t n) override;

private:
    Status next_line();
    Reader& in_;
    bool begun_ = false, ended_ = false, last_data_ = false;
    Bytes line_;
    std::size_t line_pos_ = 0;
};
// True if, after optional whitespace, the input starts with the armor BEGIN line.
Result<bool> starts_armored(Reader& in);

// ---- whole operations (age.cpp) ----
Status encrypt_to(Source& in, Sink& out, const EncryptOptions& opt);
Status decrypt_from(Source& in, Sink& out, const DecryptOptions& opt);

}  // namespace afterglow::crypto::age::detail
