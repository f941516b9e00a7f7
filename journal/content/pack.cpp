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

Prompt read_prompt(const json& v, const std::string& path) {
    Obj o(v, path);
    Prompt p;
    p.id = o.id();
    p.heading = o.str("heading");
    p.helper = o.opt_str("helper");
    p.formerly = o.strings("formerly");
    o.done();
    return p;
}

ChecklistDef read_checklist_item(const json& v, const std::string& path) {
    Obj o(v, path);
    ChecklistDef c;
    c.id = o.id();
    c.label = o.str("label");
    c.formerly = o.strings("formerly");
    o.done();
    return c;
}

ScaleDef read_scale(const json& v, const std::string& path) {
    Obj o(v, path);
    ScaleDef s;
    s.id = o.id();
    s.question = o.str("question");
    s.min = o.opt_number("min").value_or(0);
    s.max = o.opt_number("max").value_or(10);
    if (s.max <= s.min) throw Bad(o.at("max"), "must be above min");
    o.done();
    return s;
}

std::string read_emotion(const json& v, const std::string& path) { return detail::as_str(v, path); }

SafetyQuestion read_safety(const json& v, const std::string& path) {
    Obj o(v, path);
    SafetyQuestion q;
    q.id = o.id();
    q.question = o.str("question");
    const json& answers = o.list("answers", 10);
    bool any_crisis = false;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        Obj a(answers[i], detail::index_path(o.at("answers"), i));
        SafetyAnswer sa;
        sa.id = a.id();
        sa.label = a.str("label");
        sa.opens_crisis = a.opt_bool("opens_crisis", false);
        any_crisis = any_crisis || sa.opens_crisis;
        a.done();
        q.answers.push_back(std::move(sa));
    }
    if (q.answers.size() < 2) throw Bad(o.at("answers"), "needs at least two answers");
    if (!any_crisis) throw Bad(o.at("answers"), "needs one answer with \"opens_crisis\": true");
    o.done();
    return q;
}

CrisisStep read_step(const json& v, const std::string& path) {
    Obj o(v, path);
    CrisisStep s;
    s.id = o.id();
    s.text = o.str("text");
    s.regions = o.strings("regions");
    o.done();
    return s;
}

CrisisLine read_line(const json& v, const std::string& path) {
    Obj o(v, path);
    CrisisLine l;
    l.id = o.id();
    l.name = o.str("name");
    l.phone = o.str("phone");
    l.dial = o.opt_str("dial");
    l.text = o.opt_str("text");
    l.hours = o.opt_str("hours");
    l.note = o.opt_str("note");
    o.done();
    return l;
}

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
        if (o.has("lines")) merge_list(region.lines, o.get("lines"), o.at("lines"), read_line, 50);
        if (region.name.empty()) throw Bad(o.at("name"), "is missing");
        o.done();
        return region;
    }, 300);
}

void read_crisis(Crisis& c, const json& v, const std::string& path) {
    Obj o(v, path);
    c.heading = o.opt_str("heading", c.heading);
    c.intro = o.opt_str("intro", c.intro);
    if (o.has("steps")) merge_list(c.steps, o.get("steps"), o.at("steps"), read_step, 50);
    if (o.has("regions")) merge_regions(c.regions, o.get("regions"), o.at("regions"));
    o.done();
}

JourneyText read_journey_text(const json& v, const std::string& path) {
    Obj o(v, path);
    JourneyText t;
    t.id = o.id();
    t.heading = o.str("heading");
    t.body = o.opt_str("body");
    o.done();
    return t;
}

void read_notices(Notices& n, const json& v, const std::string& path) {
    Obj o(v, path);
    n.not_medical_advice = o.opt_str("not_medical_advice", n.not_medical_advice);
    n.not_emergency_service = o.opt_str("not_emergency_service", n.not_emergency_service);
    n.ask_care_team = o.opt_str("ask_care_team", n.ask_care_team);
    o.done();
}

ClinicContact read_clinic(const json& v, const std::string& path) {
    Obj o(v, path);
    ClinicContact c;
    c.name = o.str("name");
    c.phone = o.opt_str("phone");
    c.note = o.opt_str("note");
    o.done();
    return c;
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
    if (const json* v = o.find("notices")) read_notices(p.notices, *v, "notices");
    if (const json* v = o.find("intention_prompts")) merge_list(p.intention_prompts, *v, "intention_prompts", read_prompt, 50);
    if (const json* v = o.find("integration_prompts")) merge_list(p.integration_prompts, *v, "integration_prompts", read_prompt, 50);
    if (const json* v = o.find("emotions")) merge_list(p.emotions, *v, "emotions", read_emotion, 200);
    if (const json* v = o.find("checklist")) merge_list(p.checklist, *v, "checklist", read_checklist_item, 100);
    if (const json* v = o.find("checkin_scales")) merge_list(p.checkin_scales, *v, "checkin_scales", read_scale, 20);
    if (const json* v = o.find("safety_question")) p.safety = read_safety(*v, "safety_question");
    if (const json* v = o.find("crisis")) read_crisis(p.crisis, *v, "crisis");
    if (const json* v = o.find("clinic")) p.clinic = read_clinic(*v, "clinic");
    if (const json* v = o.find("welcome")) merge_list(p.welcome, *v, "welcome", read_journey_text, 12);
    if (const json* v = o.find("journey_texts")) merge_list(p.journey_texts, *v, "journey_texts", read_journey_text, 100);
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

std::string folded_id(std::string_view s) {
    std::string out;
    for (char c : s) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

}  // namespace

const Prompt* Pack::intention_prompt(std::string_view id) const {
    for (const auto& p : intention_prompts)
        if (p.id == id) return &p;
    return nullptr;
}
const Prompt* Pack::integration_prompt(std::string_view id) const {
    for (const auto& p : integration_prompts)
        if (p.id == id) return &p;
    return nullptr;
}
const ChecklistDef* Pack::checklist_item(std::string_view id) const {
    for (const auto& c : checklist)
        if (c.id == id) return &c;
    return nullptr;
}
const ScaleDef* Pack::scale(std::string_view id) const {
    for (const auto& s : checkin_scales)
        if (s.id == id) return &s;
    return nullptr;
}
const CrisisRegion* Pack::region(std::string_view id) const {
    for (const auto& r : crisis.regions)
        if (r.id == id) return &r;
    return nullptr;
}
const JourneyText* Pack::journey_text(std::string_view id) const {
    for (const auto& t : journey_texts)
        if (t.id == id) return &t;
    return nullptr;
}
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

Result<Pack> load_pack_dir(const std::filesystem::path& dir) {
    std::map<std::string, std::string> files;
    std::error_code ec;
    const auto root = dir.parent_path();
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file() || it->path().extension() != ".json") continue;
        std::ifstream in(it->path(), std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        files[std::filesystem::relative(it->path(), root).generic_string()] = ss.str();
    }
    if (ec) return make_error(Errc::io, "Could not read the pack folder " + dir.string() + ".", dir.string());
    return load_pack_files(files, (dir.filename() / "manifest.json").generic_string());
}

const Pack& default_pack() {
    static const Pack pack = [] {
        auto p = load_pack_files(embedded_assets());
        return p ? std::move(*p) : Pack{};
    }();
    return pack;
}

}  // namespace afterglow::journal::content
