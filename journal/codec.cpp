#include "journal/codec.hpp"

#include "crypto/hash.hpp"
#include "crypto/secret.hpp"
#include "journal/byte_writer.hpp"
#include "journal/index.hpp"
#include "journal/record_fields.hpp"

#include <cstring>
#include <type_traits>

namespace afterglow::journal::codec {
namespace {

// Records: version 2 adds prompt and checklist ids to entries and the measure response and
// document types; version 1 records (every vault written before) still decode. Quick notes
// and the manifest keep their version 1 layout.
constexpr std::uint8_t kCodecVersion = 2;
constexpr std::uint8_t kCodecV1 = 1;
constexpr std::uint8_t kNoteManifestVersion = 1;
constexpr std::size_t kPadReserve = 256;
// The type bytes that are not records (a record's is its fields::Schema<R>::code: 1-4, 7, 8).
// note: a quick note captured before schema 3; capture: one bound to its capture id.
enum class Type : std::uint8_t { note = 5, manifest = 6, capture = 9 };

// Plaintext is written into a wiping buffer, so growing it leaves no copy in freed heap; the
// result is copied once into a buffer with room for the padding (codec::pad never regrows it).
class Writer : public ByteWriter<crypto::WipedBytes> {
public:
    Bytes finish() {
        Bytes b;
        b.reserve(out.size() + kPadReserve);
        b.assign(out.begin(), out.end());
        return b;
    }
    void f64(double d) {
        std::uint8_t b[8];
        std::memcpy(b, &d, 8);
        out.insert(out.end(), b, b + 8);
    }
    void id(const RecordId& r) { out.insert(out.end(), r.bytes.begin(), r.bytes.end()); }
    void time(const Timestamp& t) {
        svarint(t.utc);
        str(t.zone);
    }
};

class Reader {
public:
    explicit Reader(std::span<const std::uint8_t> in) : p_(in.data()), end_(in.data() + in.size()) {}
    bool ok() const { return ok_; }
    bool at_end() const { return p_ == end_; }
    std::size_t left() const { return static_cast<std::size_t>(end_ - p_); }

    std::uint8_t u8() {
        if (p_ >= end_) return fail<std::uint8_t>();
        return *p_++;
    }
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p_ >= end_) return fail<std::uint64_t>();
            std::uint8_t b = *p_++;
            // One encoding per value: no trailing zero groups, nothing past bit 63.
            if ((shift > 0 && b == 0) || (shift == 63 && b > 1)) return fail<std::uint64_t>();
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80)) return v;
        }
        return fail<std::uint64_t>();
    }
    std::int64_t svarint() {
        std::uint64_t u = varint();
        return static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
    }
    std::string str() {
        std::uint64_t n = varint();
        if (!ok_ || n > left()) return fail<std::string>();
        std::string s(reinterpret_cast<const char*>(p_), static_cast<std::size_t>(n));
        p_ += n;
        return s;
    }
    // The same into `s` (its own buffer reused: no string made and moved per field).
    void str_into(std::string& s) {
        const std::uint64_t n = varint();
        if (!ok_ || n > left()) {
            fail<int>();
            s.clear();
            return;
        }
        s.assign(reinterpret_cast<const char*>(p_), static_cast<std::size_t>(n));
        p_ += n;
    }
    double f64() {
        if (left() < 8) return fail<double>();
        double d;
        std::memcpy(&d, p_, 8);
        p_ += 8;
        return d;
    }
    RecordId id() {
        RecordId r;
        if (left() < 16) return fail<RecordId>();
        std::memcpy(r.bytes.data(), p_, 16);
        p_ += 16;
        return r;
    }
    Timestamp time() {
        Timestamp t;
        t.utc = svarint();
        t.zone = str();
        return t;
    }
    bool boolean() {
        std::uint8_t b = u8();
        if (b > 1) fail<bool>();
        return b == 1;
    }
    // A boolean stored as base (false) or base + 1 (true); anything else fails.
    bool boolean_from(std::uint8_t base) {
        std::uint8_t b = u8();
        if (b < base || b > base + 1) fail<bool>();
        return b == base + 1;
    }
    // A count of items each at least `min_item` bytes long: bounded by what remains.
    std::size_t count(std::size_t min_item = 1) {
        std::uint64_t n = varint();
        if (!ok_ || n > left() / (min_item ? min_item : 1)) return fail<std::size_t>();
        return static_cast<std::size_t>(n);
    }
    std::vector<std::string> strings() {
        std::vector<std::string> v(count());
        for (auto& s : v) s = str();
        return v;
    }
    template <class E>
    E enumeration() {
        std::uint8_t v = u8();
        if (v >= static_cast<std::uint8_t>(E::count)) return fail<E>();
        return static_cast<E>(v);
    }

private:
    template <class T>
    T fail() {
        ok_ = false;
        p_ = end_;
        return T{};
    }
    const std::uint8_t* p_;
    const std::uint8_t* end_;
    bool ok_ = true;
};

// Writes a record's fields as record_fields.hpp lists them.
struct Encode {
    Writer& w;
    template <class T>
    void operator()(const char*, const T& v, fields::Field field) {
        if constexpr (std::is_same_v<T, std::optional<bool>>) {
            if (field.only_when_set) {
                if (v) w.u8(*v ? 2 : 1);
                return;
            }
        }
        put(v);
    }
    void put(const std::string& s) { w.str(s); }
    void put(bool b) { w.u8(b ? 1 : 0); }
    void put(double d) { w.f64(d); }
    void put(std::uint64_t n) { w.varint(n); }
    void put(const Timestamp& t) { w.time(t); }
    void put(const RecordId& id) { w.id(id); }
    template <class E>
        requires std::is_enum_v<E>
    void put(E e) {
        w.u8(static_cast<std::uint8_t>(e));
    }
    template <class T>
    void put(const std::optional<T>& v) {
        w.u8(v ? 1 : 0);
        if (v) put(*v);
    }
    template <class T>
    void put(const std::vector<T>& items) {
        w.varint(items.size());
        for (const auto& item : items) {
            if constexpr (std::is_same_v<T, std::string>) put(item);
            else fields::Schema<T>::visit(item, *this);
        }
    }
};

// The fewest bytes one item of type T takes in a record of codec `version` (bounds a count).
template <class T>
std::size_t min_size(std::uint8_t version) {
    std::size_t n = 0;
    T item{};
    fields::Schema<T>::visit(item, [&]<class M>(const char*, const M&, fields::Field field) {
        if (field.since > version || field.only_when_set) return;
        if constexpr (std::is_same_v<M, double>) n += 8;
        else if constexpr (std::is_same_v<M, RecordId>) n += 16;
        else if constexpr (std::is_same_v<M, Timestamp>) n += 2;
        else n += 1;  // a byte, a varint, a length or a presence flag
    });
    return n;
}

// Reads a record's fields as record_fields.hpp lists them, for a record of codec `version`.
struct Decode {
    Reader& r;
    std::uint8_t version;
    template <class T>
    void operator()(const char*, T& v, fields::Field field) {
        if (field.since > version) return;
        if constexpr (std::is_same_v<T, std::optional<bool>>) {
            if (field.only_when_set) {
                if (!r.at_end()) v = r.boolean_from(1);
                return;
            }
        }
        get(v);
    }
    void get(std::string& s) { r.str_into(s); }
    void get(bool& b) { b = r.boolean(); }
    void get(double& d) { d = r.f64(); }
    void get(std::uint64_t& n) { n = r.varint(); }
    void get(Timestamp& t) {
        t.utc = r.svarint();
        r.str_into(t.zone);
    }
    void get(RecordId& id) { id = r.id(); }
    template <class E>
        requires std::is_enum_v<E>
    void get(E& e) {
        e = r.enumeration<E>();
    }
    template <class T>
    void get(std::optional<T>& v) {
        if (!r.boolean()) return;
        get(v.emplace());
    }
    template <class T>
    void get(std::vector<T>& items) {
        if constexpr (std::is_same_v<T, std::string>) {
            items.resize(r.count());
            for (auto& s : items) r.str_into(s);
        } else {
            // Worked out once per type (it builds and visits an item): a record has several lists.
            static const std::size_t min_v1 = min_size<T>(kCodecV1), min_v2 = min_size<T>(kCodecVersion);
            items.resize(r.count(version == kCodecV1 ? min_v1 : min_v2));
            for (auto& item : items) fields::Schema<T>::visit(item, *this);
        }
    }
};

}  // namespace

Bytes encode(const Record& record) {
    Writer w;
    w.u8(kCodecVersion);
    std::visit(
        [&](const auto& r) {
            w.u8(fields::Schema<std::decay_t<decltype(r)>>::code);
            fields::visit_record(r, Encode{w});
        },
        record);
    return w.finish();
}

std::optional<Record> decode(std::span<const std::uint8_t> bytes) {
    std::optional<Record> out(std::in_place);
    if (!decode_into(bytes, *out)) return std::nullopt;
    return out;
}

bool decode_into(std::span<const std::uint8_t> bytes, Record& out) {
    Reader r(bytes);
    const std::uint8_t version = r.u8();
    if (version != kCodecVersion && version != kCodecV1) return false;
    bool known = false;
    fields::with_record_type(r.u8(), [&]<class R>(std::type_identity<R>) {
        if (version < fields::Schema<R>::since) return;  // a type added after that version
        fields::visit_record(out.emplace<R>(), Decode{r, version});
        known = true;
    });
    if (known && r.ok() && r.at_end()) return true;
    if (known) wipe_record(out);  // what a malformed record decoded so far
    return false;
}

bool is_entry(std::span<const std::uint8_t> bytes) {
    return bytes.size() >= 2 && bytes[1] == fields::Schema<Entry>::code;
}

bool decode_entry_into(std::span<const std::uint8_t> bytes, Entry& out) {
    Reader r(bytes);
    const std::uint8_t version = r.u8();
    if (version != kCodecVersion && version != kCodecV1) return false;
    if (r.u8() != fields::Schema<Entry>::code || version < fields::Schema<Entry>::since) return false;
    fields::visit_record(out, Decode{r, version});
    if (r.ok() && r.at_end()) return true;
    wipe_entry(out);  // what a malformed record decoded so far
    return false;
}

Bytes encode_note(const QuickNote& n, const RecordId& capture_id) {
    Writer w;
    w.u8(kNoteManifestVersion);
    w.u8(static_cast<std::uint8_t>(Type::capture));
    w.id(capture_id);
    w.str(n.title);
    w.str(n.body);
    w.time(n.at);
    return w.finish();
}

std::optional<QuickNote> decode_note(std::span<const std::uint8_t> bytes, const RecordId& capture_id) {
    Reader r(bytes);
    if (r.u8() != kNoteManifestVersion) return std::nullopt;
    const auto type = static_cast<Type>(r.u8());
    if (type == Type::capture) {
        if (r.id() != capture_id) return std::nullopt;  // moved to another row: a replay
    } else if (type != Type::note) {
        return std::nullopt;
    }
    QuickNote n;
    n.title = r.str();
    n.body = r.str();
    n.at = r.time();
    if (!r.ok() || !r.at_end()) return std::nullopt;
    return n;
}

Bytes encode_manifest(const Manifest& m) {
    Writer w;
    w.out.reserve(16 + m.records.size() * 20);
    w.u8(kNoteManifestVersion);
    w.u8(static_cast<std::uint8_t>(Type::manifest));
    w.varint(m.generation);
    w.varint(m.records.size());
    for (const auto& [id, version] : m.records) {
        w.id(id);
        w.varint(version);
    }
    return w.finish();
}

std::optional<Manifest> decode_manifest(std::span<const std::uint8_t> bytes) {
    Reader r(bytes);
    if (r.u8() != kNoteManifestVersion || r.u8() != static_cast<std::uint8_t>(Type::manifest))
        return std::nullopt;
    Manifest m;
    m.generation = r.varint();
    m.records.resize(r.count(17));
    for (auto& [id, version] : m.records) {
        id = r.id();
        version = r.varint();
    }
    if (!r.ok() || !r.at_end()) return std::nullopt;
    return m;
}

Bytes pad(Bytes plain, std::size_t block) {
    crypto::pad_in_place(plain, block);
    return plain;
}

std::optional<std::size_t> unpadded_size(std::span<const std::uint8_t> padded, std::size_t block) {
    return crypto::unpadded_size(padded, block);
}

std::optional<Bytes> unpad(Bytes padded, std::size_t block) {
    auto len = unpadded_size(padded, block);
    if (!len) return std::nullopt;
    padded.resize(*len);
    return padded;
}

}  // namespace afterglow::journal::codec
