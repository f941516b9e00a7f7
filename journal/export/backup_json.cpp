#include "journal/export/backup_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "journal/export/json_stream.hpp"
#include "journal/text.hpp"
#include "journal/time.hpp"

namespace afterglow::journal::exports {
namespace {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

// ---- writing ----------------------------------------------------------------------------
ojson ts_json(const Timestamp& t) { return ojson{{"utc", t.utc}, {"zone", t.zone}}; }
ojson opt_ts_json(const std::optional<Timestamp>& t) { return t ? ts_json(*t) : ojson(nullptr); }
ojson opt_id_json(const std::optional<RecordId>& id) { return id ? ojson(id->hex()) : ojson(nullptr); }

ojson meta_json(const char* type, const RecordMeta& m) {
    return ojson{{"type", type},
                 {"id", m.id.hex()},
                 {"version", m.version},
                 {"created", ts_json(m.created)},
                 {"updated", ts_json(m.updated)}};
}

ojson record_json(const Record& r) {
    if (const auto* s = std::get_if<Session>(&r)) {
        ojson j = meta_json("session", s->meta);
        j["kind"] = to_string(s->kind);
        j["protocol"] = to_string(s->protocol);
        j["route"] = to_string(s->route);
        j["scheduled"] = opt_ts_json(s->scheduled);
        j["started"] = opt_ts_json(s->started);
        j["ended"] = opt_ts_json(s->ended);
        j["provider"] = s->provider;
        j["notes"] = s->notes;
        return j;
    }
    if (const auto* e = std::get_if<Entry>(&r)) {
        ojson j = meta_json("entry", e->meta);
        j["kind"] = to_string(e->kind);
        j["title"] = e->title;
        j["body"] = e->body;
        j["prompts"] = ojson::array();
        for (const auto& p : e->prompts)
            j["prompts"].push_back({{"prompt", p.prompt}, {"answer", p.answer}, {"id", p.id}});
        j["emotions"] = e->emotions;
        j["tags"] = e->tags;
        j["actions"] = ojson::array();
        for (const auto& a : e->actions) j["actions"].push_back({{"text", a.text}, {"done", a.done}});
        j["checklist"] = ojson::array();
        for (const auto& c : e->checklist)
            j["checklist"].push_back({{"label", c.label}, {"done", c.done}, {"id", c.id}});
        j["session"] = opt_id_json(e->session);
        j["captured"] = e->captured;
        return j;
    }
    if (const auto* c = std::get_if<CheckIn>(&r)) {
        ojson j = meta_json("checkin", c->meta);
        j["at"] = ts_json(c->at);
        j["scores"] = ojson::array();
        for (const auto& s : c->scores)
            j["scores"].push_back({{"measure", s.measure}, {"value", s.value}, {"min", s.min}, {"max", s.max}});
        j["note"] = c->note;
        j["session"] = opt_id_json(c->session);
        if (c->harm_thoughts) j["harm_thoughts"] = *c->harm_thoughts;  // the safety question
        return j;
    }
    if (const auto* m = std::get_if<MeasureResponse>(&r)) {
        ojson j = meta_json("measure-response", m->meta);
        j["instrument"] = m->instrument;
        j["title"] = m->title;
        j["questionnaire"] = m->questionnaire;
        j["status"] = to_string(m->status);
        j["authored"] = ts_json(m->authored);
        j["answers"] = ojson::array();
        for (const auto& a : m->answers)
            j["answers"].push_back({{"link_id", a.link_id}, {"system", a.system}, {"code", a.code},
                                    {"display", a.display}, {"value", a.value}, {"scored", a.scored}});
        j["total"] = m->total ? ojson(*m->total) : ojson(nullptr);
        j["total_max"] = m->total_max;
        j["total_link_id"] = m->total_link_id;
        j["band"] = m->band;
        j["flags"] = m->flags;
        j["session"] = opt_id_json(m->session);
        j["note"] = m->note;
        return j;
    }
    if (const auto* d = std::get_if<Document>(&r)) {
        ojson j = meta_json("document", d->meta);
        j["kind"] = to_string(d->kind);
        j["name"] = d->name;
        j["body"] = d->body;
        return j;
    }
    const auto& g = std::get<Goal>(r);
    ojson j = meta_json("goal", g.meta);
    j["title"] = g.title;
    j["description"] = g.description;
    j["status"] = to_string(g.status);
    j["target"] = opt_ts_json(g.target);
    j["reviews"] = g.reviews;
    return j;
}

// ---- reading ----------------------------------------------------------------------------
// The times a backup may hold: 0001-01-01T00:00:00Z … 9999-12-31T23:59:59Z (ISO 8601's
// four-digit years; anything else would print as nonsense such as "-219246529-01-00").
constexpr std::int64_t kFirstSecond = -62135596800;
constexpr std::int64_t kLastSecond = 253402300799;

struct Bad : std::runtime_error {
    Bad(std::string field, std::string what)
        : std::runtime_error(what), field(std::move(field)) {}
    std::string field;
};

// Reads one record's fields, remembering which were used so unknown ones are refused.
class Fields {
public:
    Fields(const json& obj, std::string path) : obj_(obj), path_(std::move(path)) {
        if (!obj_.is_object()) throw Bad(path_, "must be an object");
    }
    std::string path(const char* key) const { return path_ + "." + key; }

    // done() then only has to compare counts (used_ holds each key once).
    const json& get(const char* key) {
        auto it = obj_.find(key);
        if (it == obj_.end()) throw Bad(path(key), "is missing");
        if (std::find(used_.begin(), used_.end(), std::string_view(key)) == used_.end()) used_.push_back(key);
        return *it;
    }
    std::string str(const char* key) { return as_string(get(key), path(key)); }
    // A string field added later (absent in older backups): "" when missing.
    std::string added_str(const char* key) {
        if (!obj_.contains(key)) return {};
        return str(key);
    }
    bool has(const char* key) const { return obj_.find(key) != obj_.end(); }
    bool boolean(const char* key) {
        const json& v = get(key);
        if (!v.is_boolean()) throw Bad(path(key), "must be true or false");
        return v.get<bool>();
    }
    std::uint64_t version(const char* key) {
        const json& v = get(key);
        if (!v.is_number_unsigned() || v.get<std::uint64_t>() == 0)
            throw Bad(path(key), "must be a whole number of at least 1");
        return v.get<std::uint64_t>();
    }
    Timestamp ts(const char* key) { return as_ts(get(key), path(key)); }
    std::optional<Timestamp> opt_ts(const char* key) {
        const json& v = get(key);
        if (v.is_null()) return std::nullopt;
        return as_ts(v, path(key));
    }
    RecordId id(const char* key) { return as_id(get(key), path(key)); }
    std::optional<RecordId> opt_id(const char* key) {
        const json& v = get(key);
        if (v.is_null()) return std::nullopt;
        return as_id(v, path(key));
    }
    const json& list(const char* key) {
        const json& v = get(key);
        if (!v.is_array()) throw Bad(path(key), "must be a list");
        if (v.size() > kMaxListItems) throw Bad(path(key), "has too many items");
        return v;
    }
    std::vector<std::string> strings(const char* key) {
        const json& v = list(key);
        std::vector<std::string> out;
        out.reserve(v.size());
        for (std::size_t i = 0; i < v.size(); ++i)
            out.push_back(as_string(v[i], path(key) + "[" + std::to_string(i) + "]"));
        return out;
    }
    template <class T>
    T enumeration(const char* key, std::optional<T> (*parse)(std::string_view)) {
        std::string s = str(key);
        auto v = parse(s);
        if (!v) throw Bad(path(key), "has an unknown value");
        return *v;
    }
    void done() const {
        if (obj_.size() == used_.size()) return;
        for (auto it = obj_.begin(); it != obj_.end(); ++it)
            if (std::find(used_.begin(), used_.end(), it.key()) == used_.end())
                throw Bad(path_ + "." + it.key(), "is not a known field");
    }

    static std::string as_string(const json& v, const std::string& where) {
        if (!v.is_string()) throw Bad(where, "must be a string");
        const auto& s = v.get_ref<const std::string&>();
        if (s.size() > kMaxStringBytes) throw Bad(where, "is too long");
        return s;
    }
    static Timestamp as_ts(const json& v, const std::string& where) {
        Fields f(v, where);
        Timestamp t;
        const json& utc = f.get("utc");
        if (!utc.is_number_integer()) throw Bad(f.path("utc"), "must be a whole number of seconds");
        if (utc.is_number_unsigned()) {
            auto u = utc.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                throw Bad(f.path("utc"), "is out of range");
            t.utc = static_cast<std::int64_t>(u);
        } else {
            t.utc = utc.get<std::int64_t>();
        }
        if (t.utc < kFirstSecond || t.utc > kLastSecond)
            throw Bad(f.path("utc"), "is outside the years 1 to 9999");
        t.zone = f.str("zone");
        if (t.zone.size() > 64) throw Bad(f.path("zone"), "is not a time zone name");
        for (char c : t.zone) {
            bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '/' || c == '_' || c == '-' || c == '+';
            if (!ok) throw Bad(f.path("zone"), "is not a time zone name");
        }
        f.done();
        return t;
    }
    static RecordId as_id(const json& v, const std::string& where) {
        std::string s = as_string(v, where);
        auto id = RecordId::parse(s);
        if (!id || id->empty()) throw Bad(where, "must be 32 hex digits");
        return *id;
    }

private:
    const json& obj_;
    std::string path_;
    std::vector<std::string_view> used_;
};

RecordMeta read_meta(Fields& f) {
    RecordMeta m;
    m.id = f.id("id");
    m.version = f.version("version");
    m.created = f.ts("created");
    m.updated = f.ts("updated");
    return m;
}

double read_number(const json& v, const std::string& where) {
    if (!v.is_number()) throw Bad(where, "must be a number");
    double d = v.get<double>();
    if (!std::isfinite(d)) throw Bad(where, "must be a finite number");
    return d;
}

Record read_record(const json& v, const std::string& where) {
    Fields f(v, where);
    std::string type = f.str("type");
    if (type == "session") {
        Session s;
        s.meta = read_meta(f);
        s.kind = f.enumeration("kind", parse_session_kind);
        s.protocol = f.enumeration("protocol", parse_protocol);
        s.route = f.enumeration("route", parse_route);
        s.scheduled = f.opt_ts("scheduled");
        s.started = f.opt_ts("started");
        s.ended = f.opt_ts("ended");
        s.provider = f.str("provider");
        s.notes = f.str("notes");
        f.done();
        return s;
    }
    if (type == "entry") {
        Entry e;
        e.meta = read_meta(f);
        e.kind = f.enumeration("kind", parse_entry_kind);
        e.title = f.str("title");
        e.body = f.str("body");
        const json& prompts = f.list("prompts");
        for (std::size_t i = 0; i < prompts.size(); ++i) {
            Fields p(prompts[i], f.path("prompts") + "[" + std::to_string(i) + "]");
            e.prompts.push_back({p.str("prompt"), p.str("answer"), p.added_str("id")});
            p.done();
        }
        e.emotions = f.strings("emotions");
        e.tags = f.strings("tags");
        const json& actions = f.list("actions");
        for (std::size_t i = 0; i < actions.size(); ++i) {
            Fields a(actions[i], f.path("actions") + "[" + std::to_string(i) + "]");
            e.actions.push_back({a.str("text"), a.boolean("done")});
            a.done();
        }
        const json& checklist = f.list("checklist");
        for (std::size_t i = 0; i < checklist.size(); ++i) {
            Fields c(checklist[i], f.path("checklist") + "[" + std::to_string(i) + "]");
            e.checklist.push_back({c.str("label"), c.boolean("done"), c.added_str("id")});
            c.done();
        }
        e.session = f.opt_id("session");
        e.captured = f.boolean("captured");
        f.done();
        return e;
    }
    if (type == "checkin") {
        CheckIn c;
        c.meta = read_meta(f);
        c.at = f.ts("at");
        const json& scores = f.list("scores");
        for (std::size_t i = 0; i < scores.size(); ++i) {
            Fields s(scores[i], f.path("scores") + "[" + std::to_string(i) + "]");
            Score sc;
            sc.measure = s.str("measure");
            sc.value = read_number(s.get("value"), s.path("value"));
            sc.min = read_number(s.get("min"), s.path("min"));
            sc.max = read_number(s.get("max"), s.path("max"));
            s.done();
            c.scores.push_back(std::move(sc));
        }
        c.note = f.str("note");
        c.session = f.opt_id("session");
        if (f.has("harm_thoughts")) c.harm_thoughts = f.boolean("harm_thoughts");
        f.done();
        return c;
    }
    if (type == "goal") {
        Goal g;
        g.meta = read_meta(f);
        g.title = f.str("title");
        g.description = f.str("description");
        g.status = f.enumeration("status", parse_goal_status);
        g.target = f.opt_ts("target");
        g.reviews = f.strings("reviews");
        f.done();
        return g;
    }
    if (type == "measure-response") {
        MeasureResponse m;
        m.meta = read_meta(f);
        m.instrument = f.str("instrument");
        m.title = f.str("title");
        m.questionnaire = f.str("questionnaire");
        m.status = f.enumeration("status", parse_response_status);
        m.authored = f.ts("authored");
        const json& answers = f.list("answers");
        for (std::size_t i = 0; i < answers.size(); ++i) {
            Fields a(answers[i], f.path("answers") + "[" + std::to_string(i) + "]");
            ItemAnswer ia;
            ia.link_id = a.str("link_id");
            ia.system = a.str("system");
            ia.code = a.str("code");
            ia.display = a.str("display");
            ia.value = read_number(a.get("value"), a.path("value"));
            ia.scored = a.boolean("scored");
            a.done();
            m.answers.push_back(std::move(ia));
        }
        const json& total = f.get("total");
        if (!total.is_null()) m.total = read_number(total, f.path("total"));
        m.total_max = read_number(f.get("total_max"), f.path("total_max"));
        m.total_link_id = f.str("total_link_id");
        m.band = f.str("band");
        m.flags = f.strings("flags");
        m.session = f.opt_id("session");
        m.note = f.str("note");
        f.done();
        return m;
    }
    if (type == "document") {
        Document d;
        d.meta = read_meta(f);
        d.kind = f.enumeration("kind", parse_document_kind);
        d.name = f.str("name");
        d.body = f.str("body");
        f.done();
        return d;
    }
    throw Bad(f.path("type"),
              "must be session, entry, checkin, goal, measure-response or document");
}

Error damaged(std::string message, std::string subject = {}) {
    return make_error(Errc::damaged, std::move(message), std::move(subject));
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t n = s.size(), i = 0;
    while (i < n) {
        if (i + 8 <= n) {  // eight ASCII bytes at a time
            std::uint64_t word;
            std::memcpy(&word, p + i, 8);
            if ((word & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        unsigned char c = p[i];
        if (c < 0x80) { ++i; continue; }
        std::size_t len;
        std::uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
        else return i;
        if (i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

Result<std::string> to_backup_json(const std::vector<Record>& records) {
    try {
        ojson doc;
        doc["format"] = kBackupFormatName;
        doc["format_version"] = kBackupFormatVersion;
        doc["exported_at"] = to_iso8601_utc(now().utc);
        doc["records"] = ojson::array();
        for (const auto& r : records) doc["records"].push_back(record_json(r));
        return doc.dump(1);
    } catch (const ojson::type_error&) {
        return make_error(Errc::invalid_argument, "A record holds text that is not valid UTF-8.");
    } catch (const std::bad_alloc&) {
        return make_error(Errc::io, "Not enough memory to write the backup.");
    }
}

Result<std::vector<Record>> parse_backup(std::string_view text) {
    if (text.empty()) return damaged("The backup is empty.");
    if (text.size() > kMaxBackupBytes) return damaged("The backup is larger than Afterglow accepts.");
    if (auto bad = find_invalid_utf8(text); bad != std::string_view::npos)
        return damaged("The backup is not valid UTF-8 text (at byte " + std::to_string(bad) + ").");
    if (!json_nesting_within(text, kMaxNesting)) return damaged("The backup is nested deeper than the format allows.");

    // Records are decoded as the parser finishes each one (memory stays at one record's
    // JSON); the first bad one is remembered and reported after the document-level checks,
    // in the order a whole-document reader would find them.
    std::vector<Record> out;
    std::set<RecordId> seen;
    std::optional<Bad> first_bad;
    bool too_many = false;
    auto on_record = [&](json&& v, std::size_t i) {
        if (i >= kMaxBackupRecords) too_many = true;
        if (first_bad || too_many) return;
        const std::string where = "records[" + std::to_string(i) + "]";
        try {
            out.push_back(read_record(v, where));
            if (!seen.insert(meta_of(out.back()).id).second)
                throw Bad(where + ".id", "repeats an earlier record's id");
        } catch (const Bad& b) {
            first_bad = b;
        }
    };
    json_stream::Parsed parsed;
    try {
        parsed = json_stream::parse(text, "records", on_record);
    } catch (const std::bad_alloc&) {
        return make_error(Errc::io, "Not enough memory to read the backup.");
    } catch (const std::exception&) {
        return damaged("The backup is not valid JSON.");
    }
    if (parsed.outcome == json_stream::Outcome::duplicate_key)
        return damaged("The backup names the same field twice in one object.");
    if (parsed.outcome == json_stream::Outcome::syntax_error) {
        bool truncated = parsed.error_byte >= text.size();
        return damaged(truncated ? "The backup is cut off (truncated JSON)."
                                 : "The backup is not valid JSON (at byte " +
                                       std::to_string(parsed.error_byte) + ").");
    }
    const json& doc = parsed.document;

    try {
        if (!doc.is_object()) return damaged("The backup is not a JSON object.", "format");
        auto fmt = doc.find("format");
        if (fmt == doc.end() || !fmt->is_string() || fmt->get<std::string>() != kBackupFormatName)
            return damaged("This is not an Afterglow backup (field \"format\").", "format");
        auto ver = doc.find("format_version");
        if (ver == doc.end() || !ver->is_number_integer())
            return damaged("The backup has no valid \"format_version\".", "format_version");
        if (!ver->is_number_unsigned() || ver->get<std::uint64_t>() != kBackupFormatVersion)
            return make_error(Errc::unsupported,
                              "This backup uses format version " + ver->dump() +
                                  "; this Afterglow reads version " +
                                  std::to_string(kBackupFormatVersion) + ".",
                              "format_version");
        Fields top(doc, "backup");
        top.get("format");
        top.get("format_version");
        if (!top.get("exported_at").is_string()) throw Bad("exported_at", "must be a string");
        if (!top.get("records").is_array()) throw Bad("records", "must be a list");
        top.done();
        if (too_many) return damaged("The backup holds too many records.");
        if (first_bad) throw *first_bad;
        return out;
    } catch (const Bad& b) {
        std::string field = b.field.rfind("backup.", 0) == 0 ? b.field.substr(7) : b.field;
        return damaged("The backup is damaged: field \"" + field + "\" " + b.what() + ".", field);
    } catch (const std::bad_alloc&) {
        return make_error(Errc::io, "Not enough memory to read the backup.");
    } catch (const std::exception&) {
        return damaged("The backup is damaged.");
    }
}

}  // namespace afterglow::journal::exports
