// age v1: round trips, the STREAM rules, header rules, armor, passphrase limits.
#include <sstream>

#include "crypto/bech32.hpp"
#include "tests/crypto/test_age_kit.hpp"

using namespace agetest;
using afterglow::Errc;

namespace {

age::EncryptOptions to(const age::Identity& id) {
    age::EncryptOptions o;
    o.recipients = {id.recipient()};
    return o;
}

std::string bech32_zero_recipient() { return bech32::encode("age", Bytes(32, 0)); }

std::size_t chunk_count(std::size_t n) { return n == 0 ? 1 : (n + 65535) / 65536; }

std::string header_of(const Bytes& f) {
    const auto s = as_text(f);
    return std::string(s.substr(0, s.find("\n---") + 1));
}

}  // namespace

TEST_CASE("age: round trips at chunk boundaries - in memory and streaming") {
    Kit k;
    for (std::size_t n : {0u, 1u, 65535u, 65536u, 65537u, 131072u, 200u * 1024u}) {
        CAPTURE(n);
        const Bytes plain = pattern(n, static_cast<unsigned>(n));
        auto enc = age::encrypt(plain, to(k.id));
        REQUIRE(enc.ok());
        const std::string hdr = header_of(*enc);
        const std::size_t header_len = as_text(*enc).find('\n', hdr.size() + 1) + 1;
        // header ‖ 16-byte nonce ‖ chunks (each + 16-byte tag); a full last chunk is allowed.
        CHECK(enc->size() == header_len + 16 + n + 16 * chunk_count(n));
        auto dec = k.open(*enc);
        REQUIRE(dec.ok());
        CHECK(*dec == plain);

        std::istringstream in(std::string(as_text(*enc)));
        std::ostringstream out;
        age::DecryptOptions o;
        o.identities = &k.ids;
        REQUIRE(age::decrypt_stream(in, out, o).ok());
        CHECK(out.str() == std::string(as_text(plain)));

        std::istringstream pin(std::string(as_text(plain)));
        std::ostringstream cout_;
        REQUIRE(age::encrypt_stream(pin, cout_, to(k.id)).ok());
        const std::string c = cout_.str();
        CHECK(c.size() == enc->size());
        auto dec2 = k.open(as_bytes(c));
        REQUIRE(dec2.ok());
        CHECK(*dec2 == plain);
    }
}

TEST_CASE("age: the file our own STREAM reader accepts matches an independent builder") {
    Kit k;
    const Bytes plain = pattern(70000);
    auto dec = k.open(k.file(k.x25519_stanza(), Kit::chunks_of(plain)));
    REQUIRE(dec.ok());
    CHECK(*dec == plain);
    // An exactly-full final chunk, built independently, opens too.
    auto full = k.open(k.file(k.x25519_stanza(), {{pattern(65536), true, 0}}));
    REQUIRE(full.ok());
    CHECK(full->size() == 65536);
}

TEST_CASE("age: multiple recipients - and a stranger's identity does not match") {
    std::vector<age::Identity> ids;
    age::EncryptOptions o;
    for (int i = 0; i < 3; ++i) {
        ids.push_back(age::Identity::generate());
        o.recipients.push_back(ids.back().recipient());
    }
    const Bytes plain = pattern(1000);
    auto enc = age::encrypt(plain, o);
    REQUIRE(enc.ok());
    auto info = age::inspect(*enc);
    REQUIRE(info.ok());
    CHECK(info->x25519_stanzas == 3);
    CHECK_FALSE(info->passphrase);
    for (auto& id : ids) {
        std::vector<age::Identity> one;
        one.push_back(age::Identity{SecretBuffer::copy_of(id.secret.span())});
        age::DecryptOptions d;
        d.identities = &one;
        auto dec = age::decrypt(*enc, d);
        REQUIRE(dec.ok());
        CHECK(*dec == plain);
    }
    std::vector<age::Identity> stranger;
    stranger.push_back(age::Identity::generate());
    age::DecryptOptions d;
    d.identities = &stranger;
    auto no = age::decrypt(*enc, d);
    REQUIRE_FALSE(no.ok());
    CHECK(no.error().code == Errc::wrong_passphrase);
    CHECK(has(no.error(), "No identity matched"));
    d.identities = nullptr;
    CHECK(age::decrypt(*enc, d).error().code == Errc::wrong_passphrase);
}

TEST_CASE("age: armor round trip and strict armor parsing") {
    Kit k;
    for (std::size_t n : {0u, 1u, 47u, 48u, 1000u, 70000u}) {
        CAPTURE(n);
        const Bytes plain = pattern(n);
        auto o = to(k.id);
        o.armor = true;
        auto enc = age::encrypt(plain, o);
        REQUIRE(enc.ok());
        const std::string a(as_text(*enc));
        CHECK(a.starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n"));
        CHECK(a.ends_with("\n-----END AGE ENCRYPTED FILE-----\n"));
        std::istringstream lines(a);
        for (std::string l; std::getline(lines, l);) CHECK(l.size() <= 64);
        CHECK(age::is_age_file(*enc));
        auto dec = k.open(*enc);
        REQUIRE(dec.ok());
        CHECK(*dec == plain);

        // Whitespace around the block and CRLF line endings are accepted.
        std::string crlf;
        for (char c : a) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        CHECK(k.open(as_bytes("\n  \t" + crlf + "\r\n\n ")).ok());
        // Anything else around it is not.
        CHECK_FALSE(k.open(as_bytes("x" + a)).ok());
        auto trailing = k.open(as_bytes(a + "junk\n"));
        REQUIRE_FALSE(trailing.ok());
        CHECK(has(trailing.error(), "after the END line"));
        // Missing END line.
        CHECK_FALSE(k.open(as_bytes(a.substr(0, a.rfind("-----END")))).ok());
    }
    auto o = to(k.id);
    o.armor = true;
    auto enc = age::encrypt(pattern(300), o);
    REQUIRE(enc.ok());
    const std::string a(as_text(*enc));
    // Lines rewrapped to 76 columns are refused.
    {
        const auto b = a.find('\n') + 1, e = a.find("-----END");
        std::string body;
        for (char c : a.substr(b, e - b))
            if (c != '\n') body += c;
        std::string re = a.substr(0, b);
        for (std::size_t i = 0; i < body.size(); i += 76) re += body.substr(i, 76) + "\n";
        re += a.substr(e);
        auto r = k.open(as_bytes(re));
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.error(), "64 columns"));
    }
    // Non-canonical padded base64 (non-zero trailing bits before '=') is refused.
    {
        const auto eq = a.find('=');
        if (eq != std::string::npos && a[eq - 1] != '=') {
            std::string bad = a;
            const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            const auto idx = std::string_view(alphabet).find(bad[eq - 1]);
            bad[eq - 1] = alphabet[(idx & ~3u) + ((idx & 3u) ? 0 : 1)];
            CHECK_FALSE(k.open(as_bytes(bad)).ok());
        }
    }
}

TEST_CASE("age: passphrase round trip - wrong passphrase - default work factor 18") {
    const Bytes plain = pattern(5000);
    age::EncryptOptions o;
    o.passphrase = "correct horse battery staple";
    o.scrypt_log2n = 10;
    auto enc = age::encrypt(plain, o);
    REQUIRE(enc.ok());
    auto info = age::inspect(*enc);
    REQUIRE(info.ok());
    CHECK(info->passphrase);
    CHECK(info->scrypt_log2n == 10);

    age::DecryptOptions d;
    d.passphrase = "correct horse battery staple";
    auto dec = age::decrypt(*enc, d);
    REQUIRE(dec.ok());
    CHECK(*dec == plain);
    d.passphrase = "correct horse battery stapler";
    auto wrong = age::decrypt(*enc, d);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == Errc::wrong_passphrase);
    d.passphrase.reset();
    CHECK(age::decrypt(*enc, d).error().code == Errc::wrong_passphrase);
    // A lower limit than the file's work factor refuses before computing anything.
    d.passphrase = "correct horse battery staple";
    d.max_scrypt_log2n = 9;
    auto limited = age::decrypt(*enc, d);
    REQUIRE_FALSE(limited.ok());
    CHECK(limited.error().code == Errc::kdf_limits);

    age::EncryptOptions def;
    def.passphrase = "pw";
    CHECK(def.scrypt_log2n == 18);
    auto enc18 = age::encrypt(as_bytes("x"), def);
    REQUIRE(enc18.ok());
    const std::string h = header_of(*enc18);
    CHECK(h.find("-> scrypt ") != std::string::npos);
    CHECK(h.substr(h.find("-> scrypt ")).find(" 18\n") != std::string::npos);
}

TEST_CASE("age: scrypt work factor above 2^22 is refused on read") {
    Kit k;
    // The stanza is never computed: the limit is checked first (log2n 23 would need 8 GiB).
    std::string st = k.scrypt_stanza("pw", 1);
    st.replace(st.find(" 1\n"), 3, " 23\n");
    age::DecryptOptions d;
    d.passphrase = "pw";
    auto r = age::decrypt(k.file(st, Kit::chunks_of(Bytes{1})), d);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::kdf_limits);
    CHECK(has(r.error(), "2^23"));
    // Huge and malformed work factors.
    for (const char* bad : {" 99999999999999999999\n", " 018\n", " 0\n", " -1\n", " 1a\n"}) {
        CAPTURE(bad);
        std::string s = k.scrypt_stanza("pw", 1);
        s.replace(s.find(" 1\n"), 3, bad);
        auto rr = age::decrypt(k.file(s, Kit::chunks_of(Bytes{1})), d);
        REQUIRE_FALSE(rr.ok());
    }
    // The crafted scrypt file with a sane factor opens.
    auto ok = age::decrypt(k.file(k.scrypt_stanza("pw", 4), Kit::chunks_of(Bytes{1, 2})), d);
    REQUIRE(ok.ok());
    CHECK(*ok == Bytes{1, 2});
    // We never write a file we would refuse.
    age::EncryptOptions o;
    o.passphrase = "pw";
    o.scrypt_log2n = 23;
    CHECK(age::encrypt(as_bytes("x"), o).error().code == Errc::kdf_limits);
}

TEST_CASE("age: an scrypt stanza must be alone") {
    Kit k;
    const std::string both = k.scrypt_stanza("pw", 2) + k.x25519_stanza();
    age::DecryptOptions d;
    d.passphrase = "pw";
    d.identities = &k.ids;
    auto r = age::decrypt(k.file(both, Kit::chunks_of(Bytes{1})), d);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::damaged);
    CHECK(has(r.error(), "must be the only"));
    auto two = age::decrypt(k.file(k.scrypt_stanza("pw", 2) + k.scrypt_stanza("pw", 2),
                                   Kit::chunks_of(Bytes{1})), d);
    REQUIRE_FALSE(two.ok());
    CHECK(has(two.error(), "must be the only"));
    // And we refuse to write one next to recipients.
    age::EncryptOptions o = to(k.id);
    o.passphrase = "pw";
    CHECK(age::encrypt(as_bytes("x"), o).error().code == Errc::invalid_argument);
}

TEST_CASE("age: STREAM rules") {
    Kit k;
    const std::string st = k.x25519_stanza();
    const Bytes a = pattern(65536, 1), b = pattern(65536, 2), c = pattern(10, 3);

    SUBCASE("empty final chunk only for an empty file") {
        auto empty = k.open(k.file(st, {{{}, true, 0}}));
        REQUIRE(empty.ok());
        CHECK(empty->empty());
        auto bad = k.open(k.file(st, {{a, false, 0}, {{}, true, 1}}));
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().code == Errc::damaged);
        CHECK(has(bad.error(), "final chunk is empty"));
    }
    SUBCASE("reordered chunks") {
        auto r = k.open(k.file(st, {{b, false, 1}, {a, false, 0}, {c, true, 2}}));
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.error(), "chunk 1"));
        CHECK(has(r.error(), "failed authentication"));
    }
    SUBCASE("a chunk repeated") {
        CHECK_FALSE(k.open(k.file(st, {{a, false, 0}, {a, false, 0}, {c, true, 1}})).ok());
    }
    SUBCASE("no final chunk: truncated at a chunk boundary") {
        auto r = k.open(k.file(st, {{a, false, 0}, {b, false, 1}}));
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.error(), "truncated"));
    }
    SUBCASE("final flag on a middle chunk, then more data") {
        auto r = k.open(k.file(st, {{a, true, 0}, {c, true, 1}}));
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.error(), "data after its final chunk"));
    }
    SUBCASE("trailing data after the last chunk") {
        Bytes f = k.file(st, {{a, false, 0}, {c, true, 1}});
        REQUIRE(k.open(f).ok());
        for (std::size_t extra : {1u, 16u, 100u}) {
            Bytes g = f;
            g.insert(g.end(), extra, 0);
            CHECK_FALSE(k.open(g).ok());
        }
        Bytes full = k.file(st, {{a, true, 0}});
        full.push_back('\n');
        auto r = k.open(full);
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.error(), "data after its final chunk"));
    }
    SUBCASE("truncated stream, short last chunk, missing payload") {
        Bytes f = k.file(st, {{a, false, 0}, {c, true, 1}});
        for (std::size_t cut : {1u, 10u, 26u, 27u}) {
            auto r = k.open(std::span(f).first(f.size() - cut));
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().code == Errc::damaged);
        }
        const std::string h = k.header(st);
        auto nopayload = k.open(as_bytes(h));
        REQUIRE_FALSE(nopayload.ok());
        CHECK(has(nopayload.error(), "truncated"));
        auto nonce_only = k.open(cat(h, k.nonce));
        REQUIRE_FALSE(nonce_only.ok());
        CHECK(has(nonce_only.error(), "truncated"));
        auto short_tag = k.open(cat(h, cat(std::string(as_text(k.nonce)), Bytes(15, 0))));
        REQUIRE_FALSE(short_tag.ok());
        CHECK(has(short_tag.error(), "cut short"));
    }
    SUBCASE("decrypt_stream writes only authenticated chunks") {
        Bytes f = k.file(st, {{a, false, 0}, {b, false, 1}, {c, true, 2}});
        const std::size_t hdr = k.header(st).size() + 16;
        f[hdr + 65552 + 100] ^= 1;  // inside chunk 2
        std::istringstream in(std::string(as_text(f)));
        std::ostringstream out;
        age::DecryptOptions o;
        o.identities = &k.ids;
        auto r = age::decrypt_stream(in, out, o);
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.error(), "chunk 2"));
        CHECK(out.str() == std::string(as_text(a)));  // chunk 1 only, never the bad one
    }
}

TEST_CASE("age: header rules") {
    Kit k;
    const Bytes payload = k.payload(Kit::chunks_of(pattern(100)));
    auto open_header = [&](const std::string& h) { return k.open(cat(h, payload)); };
    const std::string good = k.x25519_stanza();
    REQUIRE(open_header(k.header(good)).ok());

    SUBCASE("wrong header MAC, checked before any payload") {
        std::string h = k.header(good);
        h[h.size() - 5] = h[h.size() - 5] == 'A' ? 'B' : 'A';
        auto r = open_header(h);
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.error(), "header MAC is wrong"));
        // With garbage as payload the MAC error still comes first.
        auto r2 = k.open(cat(h, Bytes(50, 0xee)));
        REQUIRE_FALSE(r2.ok());
        CHECK(has(r2.error(), "header MAC is wrong"));
        // A header whose stanzas changed after the MAC was computed.
        std::string grease = "-> grease x\n\n";
        std::string h3 = k.header(good);
        h3.insert(h3.find("---"), grease);
        auto r3 = open_header(h3);
        REQUIRE_FALSE(r3.ok());
        CHECK(has(r3.error(), "header MAC"));
    }
    SUBCASE("unknown stanzas are ignored (grease)") {
        auto r = open_header(k.header("-> grease-1 a 9?x\n" + Kit::wrap(random_bytes(80)) + good +
                                      "-> other.example/x\n\n"));
        REQUIRE(r.ok());
        CHECK(*r == pattern(100));
    }
    SUBCASE("non-canonical base64 is refused") {
        // 32 bytes → 43 characters with 2 unused bits; setting them gives a non-canonical
        // encoding of the same bytes (libsodium must refuse it, and does).
        std::string s = good;
        const auto body_end = s.size() - 1;
        const char last = s[body_end - 1];
        const std::string alphabet =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        s[body_end - 1] = alphabet[alphabet.find(last) | 1];
        REQUIRE(s != good);
        auto r = open_header(k.header(s));
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.error(), "canonical"));
        // Same in the ephemeral share argument.
        std::string t = good;
        const auto sp = t.find('\n');
        const char l2 = t[sp - 1];
        t[sp - 1] = alphabet[alphabet.find(l2) | 1];
        if (t != good) CHECK_FALSE(open_header(k.header(t)).ok());
        // Padding characters are refused.
        std::string p = good;
        p.insert(body_end, "=");
        CHECK_FALSE(open_header(k.header(p)).ok());
        CHECK_FALSE(from_base64("AB==", false).has_value());
        CHECK(from_base64("AA", false).has_value());
        CHECK_FALSE(from_base64("AB", false).has_value());  // trailing bits set
    }
    SUBCASE("stanza body lines longer than 64 columns") {
        std::string s = "-> grease\n" + to_base64(random_bytes(51), false) + "\n" + good;  // 68
        auto r = open_header(k.header(s));
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.error(), "64"));
        // A 64-column line must be followed by another body line (here: the X25519 stanza).
        std::string full = "-> grease\n" + to_base64(random_bytes(48), false) + "\n" + good;
        CHECK_FALSE(open_header(k.header(full)).ok());
        std::string ended = "-> grease\n" + to_base64(random_bytes(48), false) + "\n\n" + good;
        CHECK(open_header(k.header(ended)).ok());
    }
    SUBCASE("X25519 stanza shape") {
        auto body31 = open_header(k.header(k.x25519_stanza({}, 31)));
        REQUIRE_FALSE(body31.ok());
        CHECK(has(body31.error(), "not exactly 32 bytes"));
        auto body48 = open_header(k.header(k.x25519_stanza({}, 48)));
        REQUIRE_FALSE(body48.ok());
        CHECK(has(body48.error(), "not exactly 32 bytes"));
        auto short_share = open_header(k.header(k.x25519_stanza(Bytes(31, 1))));
        REQUIRE_FALSE(short_share.ok());
        CHECK(has(short_share.error(), "32 bytes"));
        std::string extra = good;
        extra.insert(extra.find('\n'), " more");
        CHECK_FALSE(open_header(k.header(extra)).ok());
    }
    SUBCASE("all-zero shared secret") {
        // The identity element and other low-order points give an all-zero shared secret.
        auto zero = open_header(k.header(k.x25519_stanza(Bytes(32, 0))));
        REQUIRE_FALSE(zero.ok());
        CHECK(zero.error().code == Errc::damaged);
        CHECK(has(zero.error(), "all-zero shared secret"));
        Bytes one(32, 0);
        one[0] = 1;
        CHECK(has(open_header(k.header(k.x25519_stanza(one))).error(), "all-zero"));
    }
    SUBCASE("malformed lines") {
        const std::string v = "age-encryption.org/v1\n";
        auto not_age = k.open(as_bytes("hello world\n"));
        REQUIRE_FALSE(not_age.ok());
        CHECK(has(not_age.error(), "not an age file"));
        CHECK(k.open(as_bytes("")).error().code == Errc::damaged);
        auto v2 = k.open(as_bytes("age-encryption.org/v2\n-> X\n\n--- AAAA\n"));
        REQUIRE_FALSE(v2.ok());
        CHECK(v2.error().code == Errc::unsupported);
        std::string dbl = good;
        dbl.replace(dbl.find("-> X25519 "), 10, "-> X25519  ");
        CHECK(has(open_header(k.header(dbl)).error(), "empty argument"));
        CHECK(has(open_header(k.header("-> \n\n" + good)).error(), "empty argument"));
        CHECK(has(open_header(k.header("")).error(), "no recipient stanza"));
        std::string h = k.header(good);
        CHECK(has(open_header(h.substr(0, h.size() - 2) + "\n").error(), "MAC line"));
        CHECK(has(open_header(h.substr(0, h.rfind("---")) + "---\n").error(), "MAC line"));
        CHECK(has(open_header(h.substr(0, h.rfind("---")) + "-- x\n").error(), "neither"));
        std::string ctl = good;
        ctl.replace(ctl.find("X25519"), 6, "X25\t19");
        CHECK(has(open_header(k.header(ctl)).error(), "printable"));
        CHECK(has(k.open(as_bytes(h.substr(0, 30))).error(), "truncated"));
    }
}

TEST_CASE("age: every flipped bit of a small file is an error - never wrong plaintext") {
    Kit k;
    const Bytes plain = pattern(100);
    for (bool armor : {false, true}) {
        CAPTURE(armor);
        auto o = to(k.id);
        o.armor = armor;
        auto enc = age::encrypt(plain, o);
        REQUIRE(enc.ok());
        REQUIRE(k.open(*enc).ok());
        int failures = 0;
        for (std::size_t i = 0; i < enc->size(); ++i) {
            for (std::uint8_t mask : {0x01, 0x40}) {
                Bytes bad = *enc;
                bad[i] ^= mask;
                auto r = k.open(bad);
                if (r.ok()) {
                    // Only whitespace changes in armor may be harmless; never different bytes.
                    CHECK(*r == plain);
                    CHECK(armor);
                } else {
                    ++failures;
                }
            }
        }
        CHECK(failures >= static_cast<int>(enc->size()));
        for (std::size_t n = 0; n < enc->size(); ++n) CHECK_FALSE(k.open(std::span(*enc).first(n)).ok());
    }
    // A passphrase file too (tiny work factor so this stays fast).
    age::EncryptOptions po;
    po.passphrase = "pw";
    po.scrypt_log2n = 2;
    auto enc = age::encrypt(plain, po);
    REQUIRE(enc.ok());
    age::DecryptOptions d;
    d.passphrase = "pw";
    for (std::size_t i = 0; i < enc->size(); ++i) {
        Bytes bad = *enc;
        bad[i] ^= 0x01;
        CHECK_FALSE(age::decrypt(bad, d).ok());
    }
}

TEST_CASE("age: encrypt option errors") {
    age::EncryptOptions none;
    CHECK(age::encrypt(as_bytes("x"), none).error().code == Errc::invalid_argument);
    age::EncryptOptions badr;
    badr.recipients = {"age1notarecipient"};
    CHECK_FALSE(age::encrypt(as_bytes("x"), badr).ok());
    age::EncryptOptions secret;
    const auto id = age::Identity::generate();
    std::string key = id.encode();
    secret.recipients = {key};
    auto r = age::encrypt(as_bytes("x"), secret);
    REQUIRE_FALSE(r.ok());
    CHECK(has(r.error(), "secret key"));
    CHECK(r.error().message.find(key) == std::string::npos);
    age::EncryptOptions empty_pass;
    empty_pass.passphrase = "";
    CHECK_FALSE(age::encrypt(as_bytes("x"), empty_pass).ok());
    // A low-order "public key" is refused.
    age::EncryptOptions zero;
    zero.recipients = {bech32_zero_recipient()};
    CHECK_FALSE(age::encrypt(as_bytes("x"), zero).ok());
}

TEST_CASE("age: is_age_file and inspect") {
    CHECK(age::is_age_file(as_bytes("age-encryption.org/v1\n-> X25519")));
    CHECK(age::is_age_file(as_bytes("\n -----BEGIN AGE ENCRYPTED FILE-----\n")));
    CHECK_FALSE(age::is_age_file(as_bytes("age-encryption.org/v2\n")));
    CHECK_FALSE(age::is_age_file(as_bytes("-----BEGIN PGP MESSAGE-----\n")));
    CHECK_FALSE(age::is_age_file(as_bytes("")));
    CHECK_FALSE(age::is_age_file(as_bytes("SQLite format 3")));
    Kit k;
    auto o = to(k.id);
    o.armor = true;
    auto enc = age::encrypt(as_bytes("x"), o);
    REQUIRE(enc.ok());
    auto info = age::inspect(*enc);
    REQUIRE(info.ok());
    CHECK(info->armored);
    CHECK(info->x25519_stanzas == 1);
    CHECK_FALSE(age::inspect(as_bytes("nope")).ok());
}
