#include "journal/codec.hpp"

#include "crypto/hash.hpp"
#include "crypto/secret.hpp"

#include <cstring>

namespace afterglow::journal::codec {
namespace {

// Records: version 2 adds prompt and checklist ids to entries and the measure response and
// document types; version 1 records (every vault written before) still decode. Quick notes
// and the manifest keep their version 1 layout.
constexpr std::uint8_t kCodecVersion = 2;
constexpr std::uint8_t kCodecV1 = 1;
constexpr std::uint8_t kNoteManifestVersion = 1;
constexpr std::size_t kPadReserve = 256;
// note: a quick note captured before schema 3; capture: one bound to its capture id.
enum class Type : std::uint8_t {
    session = 1, entry = 2, checkin = 3, goal = 4, note = 5, manifest = 6,
    measure_response = 7, document = 8, capture = 9
};

// Plaintext is written into a wiping buffer, so growing it leaves no copy in freed heap; the
// result is copied once into a buffer with room for the padding (codec::pad never regrows it).
class Writer {
public:
    crypto::WipedBytes out;
    Bytes finish() {
        Bytes b;
        b.reserve(out.size() + kPadReserve);
        b.assign(out.begin(), out.end());
        return b;
    }
    void u8(std::uint8_t v) { out.push_back(v); }
    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            out.push_back(static_cast<std::uint8_t>(v | 0x80));
            v >>= 7;
        }
        out.push_back(static_cast<std::uint8_t>(v));
    }
    void svarint(std::int64_t v) {
        varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
    }
    void str(const std::string& s) {
        varint(s.size());
        out.insert(out.end(), s.begin(), s.end());
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
    void opt_time(const std::optional<Timestamp>& t) {
        u8(t ? 1 : 0);
        if (t) time(*t);
    }
    void opt_id(const std::optional<RecordId>& r) {
        u8(r ? 1 : 0);
        if (r) id(*r);
    }
    void strings(const std::vector<std::string>& v) {
        varint(v.size());
        for (const auto& s : v) str(s);
    }
    void meta(const RecordMeta& m) {
        id(m.id);
        varint(m.version);
        time(m.created);
        time(m.updated);
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
    std::optional<Timestamp> opt_time() {
        std::uint8_t has = u8();
        if (has > 1) return fail<std::optional<Timestamp>>();
        if (!has) return std::nullopt;
        return time();
    }
    std::optional<RecordId> opt_id() {
        std::uint8_t has = u8();
        if (has > 1) return fail<std::optional<RecordId>>();
        if (!has) return std::nullopt;
        return id();
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
    RecordMeta meta() {
        RecordMeta m;
        m.id = id();
        m.version = varint();
        m.created = time();
        m.updated = time();
        return m;
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

void write_fields(Writer& w, const Session& s) {
    w.u8(static_cast<std::uint8_t>(s.kind));
    w.u8(static_cast<std::uint8_t>(s.protocol));
    w.u8(static_cast<std::uint8_t>(s.route));
    w.opt_time(s.scheduled);
    w.opt_time(s.started);
    w.opt_time(s.ended);
    w.str(s.provider);
    w.str(s.notes);
}

void write_fields(Writer& w, const Entry& e) {
    w.u8(static_cast<std::uint8_t>(e.kind));
    w.str(e.title);
    w.str(e.body);
    w.varint(e.prompts.size());
    for (const auto& p : e.prompts) {
        w.str(p.prompt);
        w.str(p.answer);
        w.str(p.id);
    }
    w.strings(e.emotions);
    w.strings(e.tags);
    w.varint(e.actions.size());
    for (const auto& a : e.actions) {
        w.str(a.text);
        w.u8(a.done ? 1 : 0);
    }
    w.varint(e.checklist.size());
    for (const auto& c : e.checklist) {
        w.str(c.label);
        w.u8(c.done ? 1 : 0);
        w.str(c.id);
    }
    w.opt_id(e.session);
    w.u8(e.captured ? 1 : 0);
}

void write_fields(Writer& w, const CheckIn& c) {
    w.time(c.at);
    w.varint(c.scores.size());
    for (const auto& s : c.scores) {
        w.str(s.measure);
        w.f64(s.value);
        w.f64(s.min);
        w.f64(s.max);
    }
    w.str(c.note);
    w.opt_id(c.session);
    // Added later, at the end: only when answered, so older records read unchanged.
    if (c.harm_thoughts) w.u8(*c.harm_thoughts ? 2 : 1);
}

void write_fields(Writer& w, const Goal& g) {
    w.str(g.title);
    w.str(g.description);
    w.u8(static_cast<std::uint8_t>(g.status));
    w.opt_time(g.target);
    w.strings(g.reviews);
}

void write_fields(Writer& w, const MeasureResponse& m) {
    w.str(m.instrument);
    w.str(m.title);
    w.str(m.questionnaire);
    w.u8(static_cast<std::uint8_t>(m.status));
    w.time(m.authored);
    w.varint(m.answers.size());
    for (const auto& a : m.answers) {
        w.str(a.link_id);
        w.str(a.system);
        w.str(a.code);
        w.str(a.display);
        w.f64(a.value);
        w.u8(a.scored ? 1 : 0);
    }
    w.u8(m.total ? 1 : 0);
    if (m.total) w.f64(*m.total);
    w.f64(m.total_max);
    w.str(m.total_link_id);
    w.str(m.band);
    w.strings(m.flags);
    w.opt_id(m.session);
    w.str(m.note);
}

void write_fields(Writer& w, const Document& d) {
    w.u8(static_cast<std::uint8_t>(d.kind));
    w.str(d.name);
    w.str(d.body);
}

Type type_of(const Session&) { return Type::session; }
Type type_of(const MeasureResponse&) { return Type::measure_response; }
Type type_of(const Document&) { return Type::document; }
Type type_of(const Entry&) { return Type::entry; }
Type type_of(const CheckIn&) { return Type::checkin; }
Type type_of(const Goal&) { return Type::goal; }

Session read_session(Reader& r) {
    Session s;
    s.meta = r.meta();
    s.kind = r.enumeration<SessionKind>();
    s.protocol = r.enumeration<Protocol>();
    s.route = r.enumeration<Route>();
    s.scheduled = r.opt_time();
    s.started = r.opt_time();
    s.ended = r.opt_time();
    s.provider = r.str();
    s.notes = r.str();
    return s;
}

Entry read_entry(Reader& r, std::uint8_t version) {
    const bool ids = version >= 2;
    Entry e;
    e.meta = r.meta();
    e.kind = r.enumeration<EntryKind>();
    e.title = r.str();
    e.body = r.str();
    e.prompts.resize(r.count(ids ? 3 : 2));
    for (auto& p : e.prompts) {
        p.prompt = r.str();
        p.answer = r.str();
        if (ids) p.id = r.str();
    }
    e.emotions = r.strings();
    e.tags = r.strings();
    e.actions.resize(r.count(2));
    for (auto& a : e.actions) {
        a.text = r.str();
        a.done = r.boolean();
    }
    e.checklist.resize(r.count(ids ? 3 : 2));
    for (auto& c : e.checklist) {
        c.label = r.str();
        c.done = r.boolean();
        if (ids) c.id = r.str();
    }
    e.session = r.opt_id();
    e.captured = r.boolean();
    return e;
}

CheckIn read_checkin(Reader& r) {
    CheckIn c;
    c.meta = r.meta();
    c.at = r.time();
    c.scores.resize(r.count(25));
    for (auto& s : c.scores) {
        s.measure = r.str();
        s.value = r.f64();
        s.min = r.f64();
        s.max = r.f64();
    }
    c.note = r.str();
    c.session = r.opt_id();
    if (!r.at_end()) c.harm_thoughts = r.boolean_from(1);  // 1 no, 2 yes (added later)
    return c;
}

Goal read_goal(Reader& r) {
    Goal g;
    g.meta = r.meta();
    g.title = r.str();
    g.description = r.str();
    g.status = r.enumeration<GoalStatus>();
    g.target = r.opt_time();
    g.reviews = r.strings();
    return g;
}

MeasureResponse read_measure_response(Reader& r) {
    MeasureResponse m;
    m.meta = r.meta();
    m.instrument = r.str();
    m.title = r.str();
    m.questionnaire = r.str();
    m.status = r.enumeration<ResponseStatus>();
    m.authored = r.time();
    m.answers.resize(r.count(13));
    for (auto& a : m.answers) {
        a.link_id = r.str();
        a.system = r.str();
        a.code = r.str();
        a.display = r.str();
        a.value = r.f64();
        a.scored = r.boolean();
    }
    if (r.boolean()) m.total = r.f64();
    m.total_max = r.f64();
    m.total_link_id = r.str();
    m.band = r.str();
    m.flags = r.strings();
    m.session = r.opt_id();
    m.note = r.str();
    return m;
}

Document read_document(Reader& r) {
    Document d;
    d.meta = r.meta();
    d.kind = r.enumeration<DocumentKind>();
    d.name = r.str();
    d.body = r.str();
    return d;
}

}  // namespace

Bytes encode(const Record& record) {
    Writer w;
    w.u8(kCodecVersion);
    std::visit(
        [&](const auto& r) {
            w.u8(static_cast<std::uint8_t>(type_of(r)));
            w.meta(r.meta);
            write_fields(w, r);
        },
        record);
    return w.finish();
}

std::optional<Record> decode(std::span<const std::uint8_t> bytes) {
    Reader r(bytes);
    const std::uint8_t version = r.u8();
    if (version != kCodecVersion && version != kCodecV1) return std::nullopt;
    std::optional<Record> out;
    const auto type = static_cast<Type>(r.u8());
    if (version == kCodecV1 && (type == Type::measure_response || type == Type::document))
        return std::nullopt;
    switch (type) {
        case Type::session: out = read_session(r); break;
        case Type::entry: out = read_entry(r, version); break;
        case Type::checkin: out = read_checkin(r); break;
        case Type::goal: out = read_goal(r); break;
        case Type::measure_response: out = read_measure_response(r); break;
        case Type::document: out = read_document(r); break;
        default: return std::nullopt;
    }
    if (!r.ok() || !r.at_end()) return std::nullopt;
    return out;
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
