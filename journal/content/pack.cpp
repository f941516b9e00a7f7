#include "journal/content/pack.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "journal/content/json_read.hpp"

namespace afterglow::journal::content {
namespace {

using detail::Bad;
using detail::json;
using detail::Obj;

// Returns the text of a file named inside a pack (instrument paths), or nullopt.
using Resolver = std::function<std::optional<std::string>(const std::string&)>;

template <class T>
const std::string& id_of(const T& x) { return x.id; }
const std::string& id_of(const std::string& s) { return s; }

// A section that is a list of items with ids. Either a list (each item overrides the one with
// its id, or is added at the end) or {"replace": bool, "items": […], "remove": [ids]}.
template <class T, class Read>
void merge_list(std::vector<T>& target, const json& v, const std::string& path, Read read,
                std::size_t max_items = 1000) {
    const json* items = nullptr;
    std::string items_path = path;
    std::vector<std::string> remove;
    bool replace = false;
    json empty = json::array();
    if (v.is_array()) {
        items = &v;
    } else if (v.is_object()) {
        Obj o(v, path);
        replace = o.opt_bool("replace", false);
        if (o.has("items")) {
            items = &o.list("items", max_items);
            items_path = o.at("items");
        }
        remove = o.strings("remove", max_items);
        o.done();
    } else {
        throw Bad(path, "must be a list, or an object with items, replace and remove");
    }
    if (!items) items = &empty;
    if (items->size() > max_items) throw Bad(path, "has too many items (at most " + std::to_string(max_items) + ")");
    std::vector<T> read_items;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string ip = detail::index_path(items_path, i);
        T item = read((*items)[i], ip);
        if (!ids.insert(id_of(item)).second)
            throw Bad(ip, "repeats the id \"" + id_of(item) + "\"");
        read_items.push_back(std::move(item));
    }
    if (replace) target.clear();
    for (std::size_t i = 0; i < remove.size(); ++i) {
        auto it = std::find_if(target.begin(), target.end(), [&](const T& x) { return id_of(x) == remove[i]; });
        if (it == target.end())
            throw Bad(detail::index_path(path + ".remove", i), "\"" + remove[i] + "\" is not in the pack");
        target.erase(it);
    }
    for (auto& item : read_items) {
        auto it = std::find_if(target.begin(), target.end(), [&](const T& x) { return id_of(x) == id_of(item); });
        if (it != target.end()) *it = std::move(item);
        else target.push_back(std::move(item));
    }
}

// How a pack item's field is read. A text is required unless `optional` (then it keeps its
// current value when absent); the key "id" is a stable id (Obj::id); a number or a yes/no is
// optional and keeps its current value; a list of texts may be absent (empty); a list of
// items (each with its own fields) is required, at most `max_items` long.
struct How {
    bool optional = false;
    std::size_t max_items = 100;
};
constexpr How kOptional{.optional = true};

// The fields of each pack item, in the order they are read; read_item reads them all.
void fields(Prompt& p, auto&& f) {
    f("id", p.id); f("heading", p.heading); f("helper", p.helper, kOptional); f("formerly", p.formerly);
}
void fields(ChecklistDef& c, auto&& f) { f("id", c.id); f("label", c.label); f("formerly", c.formerly); }
void fields(ScaleDef& s, auto&& f) { f("id", s.id); f("question", s.question); f("min", s.min); f("max", s.max); }
void fields(SafetyAnswer& a, auto&& f) { f("id", a.id); f("label", a.label); f("opens_crisis", a.opens_crisis); }
void fields(SafetyQuestion& q, auto&& f) {
    f("id", q.id); f("question", q.question); f("answers", q.answers, How{.max_items = 10});
}
void fields(CrisisStep& s, auto&& f) { f("id", s.id); f("text", s.text); f("regions", s.regions); }
void fields(CrisisLine& l, auto&& f) {
    f("id", l.id); f("name", l.name); f("phone", l.phone);
    f("dial", l.dial, kOptional); f("text", l.text, kOptional); f("hours", l.hours, kOptional); f("note", l.note, kOptional);
}
void fields(JourneyText& t, auto&& f) { f("id", t.id); f("heading", t.heading); f("body", t.body, kOptional); }
void fields(ClinicContact& c, auto&& f) {
    f("name", c.name); f("phone", c.phone, kOptional); f("note", c.note, kOptional);
}
void fields(Notices& n, auto&& f) {
    f("not_medical_advice", n.not_medical_advice, kOptional);
    f("not_emergency_service", n.not_emergency_service, kOptional);
    f("ask_care_team", n.ask_care_team, kOptional);
}

// The rules an item must meet beyond its fields' own.
void check(const ScaleDef& s, Obj& o) {
    if (s.max <= s.min) throw Bad(o.at("max"), "must be above min");
}
void check(const SafetyQuestion& q, Obj& o) {
    if (q.answers.size() < 2) throw Bad(o.at("answers"), "needs at least two answers");
    if (std::none_of(q.answers.begin(), q.answers.end(), [](const SafetyAnswer& a) { return a.opens_crisis; }))
        throw Bad(o.at("answers"), "needs one answer with \"opens_crisis\": true");
}

// Reads one pack item as fields(T) lists it, onto `item` (a default one, or the one a pack
// before set: what is not given stays).
template <class T>
T read_item(const json& v, const std::string& path, T item = {}) {
    Obj o(v, path);
    fields(item, [&]<class M>(const char* key, M& m, How how = {}) {
        if constexpr (std::is_same_v<M, std::string>) {
            m = std::string_view(key) == "id" ? o.id() : how.optional ? o.opt_str(key, m) : o.str(key);
        } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
            m = o.strings(key, how.max_items);
        } else if constexpr (std::is_same_v<M, double>) {
            m = o.opt_number(key).value_or(m);
        } else if constexpr (std::is_same_v<M, bool>) {
            m = o.opt_bool(key, m);
        } else {  // a list of items
            const json& list = o.list(key, how.max_items);
            m.clear();
            for (std::size_t i = 0; i < list.size(); ++i)
                m.push_back(read_item<typename M::value_type>(list[i], detail::index_path(o.at(key), i)));
        }
    });
    if constexpr (requires { check(item, o); }) check(item, o);
    o.done();
    return item;
}

template <class T>
constexpr auto reader = [](const json& v, const std::string& path) { return read_item<T>(v, path); };

std::string read_emotion(const json& v, const std::string& path) { return detail::as_str(v, path); }

// Regions merge by id too; a region given again keeps what it does not mention.
void merge_regions(std::vector<CrisisRegion>& target, const json& v, const std::string& path) {
    merge_list(target, v, path, [&](const json& r, const std::string& rp) {
        Obj o(r, rp);
        CrisisRegion region;
        region.id = o.id();
        auto old = std::find_if(target.begin(), target.end(), [&](const CrisisRegion& x) { return x.id == region.id; });
        if (old != target.end()) region = *old;
        region.name = o.opt_str("name", region.name);
        region.emergency = o.opt_str("emergency", region.emergency);
        if (o.has("lines")) merge_list(region.lines, o.get("lines"), o.at("lines"), reader<CrisisLine>, 50);
        if (region.name.empty()) throw Bad(o.at("name"), "is missing");
        o.done();
        return region;
    }, 300);
}

void read_crisis(Crisis& c, const json& v, const std::string& path) {
    Obj o(v, path);
    c.heading = o.opt_str("heading", c.heading);
    c.intro = o.opt_str("intro", c.intro);
    if (o.has("steps")) merge_list(c.steps, o.get("steps"), o.at("steps"), reader<CrisisStep>, 50);
    if (o.has("regions")) merge_regions(c.regions, o.get("regions"), o.at("regions"));
    o.done();
}

// A Questionnaire's own error, already naming its file and field: passed on as it is.
struct Failed {
    Error error;
};

void read_instruments(std::vector<Instrument>& target, const json& v, const std::string& path,
                      const Resolver& resolve, std::string_view file) {
    if (!v.is_array()) throw Bad(path, "must be a list of Questionnaires (or file names in a pack folder)");
    if (v.size() > 100) throw Bad(path, "has too many instruments (at most 100)");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::string ip = detail::index_path(path, i);
        Result<Instrument> ins = make_error(Errc::invalid_argument, "");
        if (v[i].is_string()) {
            std::string rel = v[i].get<std::string>();
            auto found = resolve ? resolve(rel) : std::nullopt;
            if (!found)
                throw Bad(ip, resolve ? "names \"" + rel + "\", which is not in the pack"
                                      : "is a file name; a pack file must hold its Questionnaires inline");
            ins = parse_questionnaire(*found, rel);
        } else if (v[i].is_object()) {
            ins = detail::parse_questionnaire_at(v[i].dump(), file, ip);
        } else {
            throw Bad(ip, "must be a Questionnaire object");
        }
        if (!ins) throw Failed{ins.error()};
        if (!ids.insert(ins->id).second) throw Bad(ip, "repeats the instrument id \"" + ins->id + "\"");
        auto it = std::find_if(target.begin(), target.end(), [&](const Instrument& x) { return x.id == ins->id; });
        if (it != target.end()) *it = std::move(*ins);
        else target.push_back(std::move(*ins));
    }
}

// Applies one parsed pack document onto `p` (a copy the caller owns). Throws Bad.
void apply_doc(Pack& p, const json& root, const Resolver& resolve, std::vector<std::string>* files,
               std::string_view file) {
    Obj o(root, "");
    const json& format = o.get("format");
    if (!format.is_string() || format.get<std::string>() != kPackFormat)
        throw Bad("format", std::string("must be \"") + kPackFormat + "\" (this is not an Afterglow content pack)");
    const json& version = o.get("format_version");
    if (!version.is_number_integer() || version.get<long long>() < 1)
        throw Bad("format_version", "must be a whole number of at least 1");
    if (version.get<long long>() > kPackFormatVersion)
        throw Bad("format_version", "is " + version.dump() + "; this Afterglow reads version " +
                                        std::to_string(kPackFormatVersion) + " (update Afterglow to use this pack)");
    std::string id = o.opt_str("id"), name = o.opt_str("name"), ver = o.opt_str("version");
    if (!id.empty()) {
        p.id = id;
        p.name = name.empty() ? id : name;
        p.version = ver;
        p.sources.push_back(ver.empty() ? id : id + " " + ver);
    }
    if (o.has("files")) {
        if (!files) throw Bad("files", "is only allowed in a pack folder's manifest.json");
        *files = o.strings("files");
    }
    if (const json* v = o.find("notices")) p.notices = read_item(*v, "notices", p.notices);
    if (const json* v = o.find("intention_prompts")) merge_list(p.intention_prompts, *v, "intention_prompts", reader<Prompt>, 50);
    if (const json* v = o.find("integration_prompts")) merge_list(p.integration_prompts, *v, "integration_prompts", reader<Prompt>, 50);
    if (const json* v = o.find("emotions")) merge_list(p.emotions, *v, "emotions", read_emotion, 200);
    if (const json* v = o.find("checklist")) merge_list(p.checklist, *v, "checklist", reader<ChecklistDef>, 100);
    if (const json* v = o.find("checkin_scales")) merge_list(p.checkin_scales, *v, "checkin_scales", reader<ScaleDef>, 20);
    if (const json* v = o.find("safety_question")) p.safety = read_item<SafetyQuestion>(*v, "safety_question");
    if (const json* v = o.find("crisis")) read_crisis(p.crisis, *v, "crisis");
    if (const json* v = o.find("clinic")) p.clinic = read_item<ClinicContact>(*v, "clinic");
    if (const json* v = o.find("welcome")) merge_list(p.welcome, *v, "welcome", reader<JourneyText>, 12);
    if (const json* v = o.find("journey_texts")) merge_list(p.journey_texts, *v, "journey_texts", reader<JourneyText>, 100);
    if (const json* v = o.find("instruments")) read_instruments(p.instruments, *v, "instruments", resolve, file);
    o.done();
}

void check_complete(const Pack& p) {
    // What the app cannot do without (a pack may remove items, not whole sections).
    if (p.notices.not_medical_advice.empty()) throw Bad("notices.not_medical_advice", "is missing");
    if (p.intention_prompts.empty()) throw Bad("intention_prompts", "must keep at least one prompt");
    if (p.integration_prompts.empty()) throw Bad("integration_prompts", "must keep at least one prompt");
    if (p.safety.answers.empty()) throw Bad("safety_question", "is missing");
    if (p.crisis.heading.empty() || p.crisis.steps.empty()) throw Bad("crisis", "must keep a heading and at least one step");
}

void finish(Pack& p) {
    std::vector<Instrument> known = p.instruments;
    for (auto& i : p.instruments) adopt_rules(i, known);
}

Result<Pack> apply_with(const Pack& base, std::string_view text, std::string_view file,
                        const Resolver& resolve, std::vector<std::string>* files) {
    try {
        Pack p = base;
        json root = detail::parse_text(text);
        apply_doc(p, root, resolve, files, file);
        if (!files) {
            check_complete(p);
            finish(p);
        }
        return p;
    } catch (const Bad& b) {
        return detail::content_error(file, b.field, b.what());
    } catch (const Failed& f) {
        return f.error;
    } catch (const std::exception& e) {
        return detail::content_error(file, "", std::string("could not be read (") + e.what() + ")");
    }
}

// The item with id `id`, or nullptr.
template <class T>
const T* find_id(const std::vector<T>& items, std::string_view id) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
    return it == items.end() ? nullptr : &*it;
}

std::string folded_id(std::string_view s) {
    std::string out;
    for (char c : s) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

}  // namespace

const Prompt* Pack::intention_prompt(std::string_view id) const { return find_id(intention_prompts, id); }
const ScaleDef* Pack::scale(std::string_view id) const { return find_id(checkin_scales, id); }
const CrisisRegion* Pack::region(std::string_view id) const { return find_id(crisis.regions, id); }
const JourneyText* Pack::journey_text(std::string_view id) const { return find_id(journey_texts, id); }
const Instrument* Pack::instrument(std::string_view name) const {
    const std::string want = folded_id(name);
    for (const auto& i : instruments)
        if (folded_id(i.id) == want || folded_id(i.name) == want || folded_id(i.title) == want) return &i;
    return nullptr;
}

Result<Pack> apply_pack(const Pack& base, std::string_view json_text, std::string_view file,
                        const std::filesystem::path& dir) {
    Resolver resolve;
    if (!dir.empty())
        resolve = [dir](const std::string& rel) -> std::optional<std::string> {
            std::ifstream in(dir / rel, std::ios::binary);
            if (!in) return std::nullopt;
            std::ostringstream ss;
            ss << in.rdbuf();
            return ss.str();
        };
    return apply_with(base, json_text, file, resolve, nullptr);
}

Result<Pack> load_pack_files(const std::map<std::string, std::string>& files, const std::string& manifest) {
    auto m = files.find(manifest);
    if (m == files.end()) return detail::content_error(manifest, "", "is missing");
    const std::filesystem::path base_dir = std::filesystem::path(manifest).parent_path();
    Resolver resolve = [&](const std::string& rel) -> std::optional<std::string> {
        auto key = (base_dir / rel).lexically_normal().generic_string();
        auto it = files.find(key);
        if (it == files.end()) return std::nullopt;
        return it->second;
    };
    std::vector<std::string> parts;
    auto pack = apply_with(Pack{}, m->second, manifest, resolve, &parts);
    if (!pack) return pack;
    Pack p = std::move(*pack);
    for (const auto& part : parts) {
        auto text = resolve(part);
        if (!text) return detail::content_error(manifest, "files", "names \"" + part + "\", which is not in the pack");
        auto next = apply_with(p, *text, (base_dir / part).generic_string(), resolve, &parts);
        if (!next) return next;
        p = std::move(*next);
    }
    try {
        check_complete(p);
        finish(p);
    } catch (const Bad& b) {
        return detail::content_error(manifest, b.field, b.what());
    }
    return p;
}

const Pack& default_pack() {
    static const Pack pack = [] {
        auto p = load_pack_files(embedded_assets());
        return p ? std::move(*p) : Pack{};
    }();
    return pack;
}

}  // namespace afterglow::journal::content
