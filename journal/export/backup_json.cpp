#include "journal/export/backup_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <set>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "journal/export/json_stream.hpp"
#include "journal/record_fields.hpp"
#include "journal/text.hpp"
#include "journal/time.hpp"

namespace afterglow::journal::exports {
namespace {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

// ---- writing ----------------------------------------------------------------------------
// Writes a record's fields as journal/record_fields.hpp lists them, as JSON values.
struct ToJson {
    ojson& obj;
    template <class T>
    void operator()(const char* key, const T& v, fields::Field field) {
        if constexpr (std::is_same_v<T, std::optional<bool>>) {
            if (field.only_when_set) {
                if (v) obj[key] = *v;
                return;
            }
        }
        obj[key] = value(v);
    }
    static ojson value(const std::string& s) { return s; }
    static ojson value(bool b) { return b; }
    static ojson value(double d) { return d; }
    static ojson value(std::uint64_t n) { return n; }
    static ojson value(const Timestamp& t) { return ojson{{"utc", t.utc}, {"zone", t.zone}}; }
    static ojson value(const RecordId& id) { return id.hex(); }
    template <class E>
        requires std::is_enum_v<E>
    static ojson value(E e) {
        return to_string(e);
    }
    template <class T>
    static ojson value(const std::optional<T>& v) {
        return v ? value(*v) : ojson(nullptr);
    }
    template <class T>
    static ojson value(const std::vector<T>& items) {
        ojson list = ojson::array();
        for (const auto& item : items) {
            if constexpr (std::is_same_v<T, std::string>) {
                list.push_back(item);
            } else {
                ojson o = ojson::object();
                fields::Schema<T>::visit(item, ToJson{o});
                list.push_back(std::move(o));
            }
        }
        return list;
    }
};

ojson record_json(const Record& record) {
    return std::visit(
        [](const auto& r) {
            ojson j;
            j["type"] = fields::Schema<std::decay_t<decltype(r)>>::name;
            fields::visit_record(r, ToJson{j});
            return j;
        },
        record);
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
    bool has(const char* key) const { return obj_.find(key) != obj_.end(); }
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

double read_number(const json& v, const std::string& where) {
    if (!v.is_number()) throw Bad(where, "must be a number");
    double d = v.get<double>();
    if (!std::isfinite(d)) throw Bad(where, "must be a finite number");
    return d;
}

template <class E>
E read_enum(const json& v, const std::string& where) {
    const std::string s = Fields::as_string(v, where);
    for (std::size_t i = 0; i < static_cast<std::size_t>(E::count); ++i)
        if (s == to_string(static_cast<E>(i))) return static_cast<E>(i);
    throw Bad(where, "has an unknown value");
}

// Reads a record's fields as journal/record_fields.hpp lists them, refusing what does not fit.
struct FromJson {
    Fields& f;
    template <class T>
    void operator()(const char* key, T& v, fields::Field field) {
        if ((field.since > 1 || field.only_when_set) && !f.has(key)) return;  // added later
        if constexpr (std::is_same_v<T, std::optional<bool>>) {
            if (field.only_when_set) {  // present: true or false, never null
                read(f.get(key), f.path(key), v.emplace());
                return;
            }
        }
        if constexpr (std::is_same_v<T, std::uint64_t>) {
            const json& j = f.get(key);
            if (!j.is_number_unsigned() || (field.at_least_one && j.get<std::uint64_t>() == 0))
                throw Bad(f.path(key), field.at_least_one ? "must be a whole number of at least 1"
                                                          : "must be a whole number");
            v = j.get<std::uint64_t>();
        } else {
            read(f.get(key), f.path(key), v);
        }
    }
    static void read(const json& j, const std::string& where, std::string& s) { s = Fields::as_string(j, where); }
    static void read(const json& j, const std::string& where, bool& b) {
        if (!j.is_boolean()) throw Bad(where, "must be true or false");
        b = j.get<bool>();
    }
    static void read(const json& j, const std::string& where, double& d) { d = read_number(j, where); }
    static void read(const json& j, const std::string& where, Timestamp& t) { t = Fields::as_ts(j, where); }
    static void read(const json& j, const std::string& where, RecordId& id) { id = Fields::as_id(j, where); }
    template <class E>
        requires std::is_enum_v<E>
    static void read(const json& j, const std::string& where, E& e) {
        e = read_enum<E>(j, where);
    }
    template <class T>
    static void read(const json& j, const std::string& where, std::optional<T>& v) {
        if (!j.is_null()) read(j, where, v.emplace());
    }
    template <class T>
    static void read(const json& j, const std::string& where, std::vector<T>& items) {
        if (!j.is_array()) throw Bad(where, "must be a list");
        if (j.size() > kMaxListItems) throw Bad(where, "has too many items");
        items.resize(j.size());
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::string at = where + "[" + std::to_string(i) + "]";
            if constexpr (std::is_same_v<T, std::string>) {
                read(j[i], at, items[i]);
            } else {
                Fields item(j[i], at);
                fields::Schema<T>::visit(items[i], FromJson{item});
                item.done();
            }
        }
    }
};

// The record type names, for the message that refuses an unknown one.
std::string record_type_names() {
    std::string names;
    constexpr std::size_t n = std::variant_size_v<Record>;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((names += std::string(I == 0 ? "" : I + 1 == n ? " or " : ", ") +
                   fields::Schema<std::variant_alternative_t<I, Record>>::name),
         ...);
    }(std::make_index_sequence<n>{});
    return names;
}

Record read_record(const json& v, const std::string& where) {
    Fields f(v, where);
    std::string type = f.str("type");
    std::optional<Record> out;
    fields::with_record_type(std::string_view(type), [&]<class R>(std::type_identity<R>) {
        R record;
        fields::visit_record(record, FromJson{f});
        f.done();
        out = std::move(record);
    });
    if (!out) throw Bad(f.path("type"), "must be " + record_type_names());
    return std::move(*out);
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
