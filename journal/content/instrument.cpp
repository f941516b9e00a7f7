#include "journal/content/instrument.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "journal/content/json_read.hpp"

namespace afterglow::journal::content {
namespace {

using detail::Bad;
using detail::json;

// The value[x] of an extension: the first member whose name starts with "value".
const json* extension_value(const json& ext) {
    for (auto it = ext.begin(); it != ext.end(); ++it)
        if (it.key().rfind("value", 0) == 0) return &*it;
    return nullptr;
}

// Extensions of `v` with `url` (FHIR: "extension": [{"url": …, "value…": …}]).
std::vector<const json*> extensions(const json& v, const char* url) {
    std::vector<const json*> out;
    auto it = v.find("extension");
    if (it == v.end() || !it->is_array()) return out;
    for (const auto& e : *it)
        if (e.is_object() && e.value("url", std::string()) == url) out.push_back(&e);
    return out;
}

std::optional<double> number_of(const json* v, const std::string& path) {
    if (!v) return std::nullopt;
    return detail::as_number(*v, path);
}

// A sub-extension's value (complex extensions: "extension": [{"url": "min", "valueDecimal": 5}]).
const json* sub_value(const json& ext, const char* name) {
    for (const json* e : extensions(ext, name)) return extension_value(*e);
    return nullptr;
}

std::optional<double> score_of(const json& v, const std::string& path) {
    for (const char* url : {kItemWeightUrl, kOrdinalValueUrl})
        for (const json* e : extensions(v, url))
            return number_of(extension_value(*e), path + ".extension(" + url + ")");
    return std::nullopt;
}

std::optional<ItemType> parse_type(const std::string& t) {
    static const std::map<std::string, ItemType> kTypes = {
        {"group", ItemType::group},       {"display", ItemType::display},
        {"choice", ItemType::choice},     {"open-choice", ItemType::open_choice},
        {"integer", ItemType::integer},   {"decimal", ItemType::decimal},
        {"quantity", ItemType::quantity}, {"boolean", ItemType::boolean},
        {"string", ItemType::string},     {"text", ItemType::text}};
    auto it = kTypes.find(t);
    if (it == kTypes.end()) return std::nullopt;
    return it->second;
}

bool is_fhir_type_we_skip(const std::string& t) {
    return t == "date" || t == "dateTime" || t == "time" || t == "url" || t == "attachment" ||
           t == "reference" || t == "coding" || t == "question";
}

struct Parser {
    const json& root;
    std::map<std::string, std::vector<OptionDef>> value_sets;  // contained, by "#id"
    std::set<std::string> link_ids;
    std::size_t count = 0;

    OptionDef option(const json& o, const std::string& path) {
        if (!o.is_object()) throw Bad(path, "must be an object");
        OptionDef d;
        if (auto it = o.find("valueCoding"); it != o.end()) {
            detail::Obj c(*it, path + ".valueCoding");
            d.system = c.opt_str("system");
            d.code = c.str("code");
            d.display = c.opt_str("display", d.code);
            d.score = score_of(*it, path + ".valueCoding");
        } else if (auto s = o.find("valueString"); s != o.end()) {
            d.code = d.display = detail::as_str(*s, path + ".valueString");
        } else if (auto n = o.find("valueInteger"); n != o.end()) {
            double v = detail::as_number(*n, path + ".valueInteger");
            d.code = d.display = std::to_string(static_cast<long long>(v));
        } else {
            throw Bad(path, "needs a valueCoding, valueString or valueInteger");
        }
        if (auto s = score_of(o, path)) d.score = s;
        return d;
    }

    void contained() {
        auto it = root.find("contained");
        if (it == root.end() || !it->is_array()) return;
        for (std::size_t i = 0; i < it->size(); ++i) {
            const json& r = (*it)[i];
            if (!r.is_object() || r.value("resourceType", "") != "ValueSet" || !r.contains("id")) continue;
            std::string path = detail::index_path("contained", i);
            std::vector<OptionDef> opts;
            const json* include = nullptr;
            if (auto c = r.find("compose"); c != r.end() && c->is_object())
                if (auto inc = c->find("include"); inc != c->end() && inc->is_array()) include = &*inc;
            if (include) {
                for (std::size_t k = 0; k < include->size(); ++k) {
                    const json& in = (*include)[k];
                    if (!in.is_object()) continue;
                    std::string system = in.value("system", "");
                    auto concepts = in.find("concept");
                    if (concepts == in.end() || !concepts->is_array()) continue;
                    for (std::size_t n = 0; n < concepts->size(); ++n) {
                        std::string cpath = path + ".compose.include[" + std::to_string(k) + "].concept[" + std::to_string(n) + "]";
                        detail::Obj c((*concepts)[n], cpath);
                        OptionDef d;
                        d.system = system;
                        d.code = c.str("code");
                        d.display = c.opt_str("display", d.code);
                        d.score = score_of((*concepts)[n], cpath);
                        opts.push_back(std::move(d));
                    }
                }
            }
            value_sets["#" + detail::as_str(r["id"], path + ".id")] = std::move(opts);
        }
    }

    EnableWhen enable_when(const json& v, const std::string& path) {
        detail::Obj o(v, path);
        EnableWhen w;
        w.question = o.str("question");
        w.op = o.str("operator");
        static const std::set<std::string> kOps = {"exists", "=", "!=", ">", "<", ">=", "<="};
        if (!kOps.count(w.op)) throw Bad(o.at("operator"), "must be one of exists, =, !=, >, <, >=, <= (got \"" + w.op + "\")");
        if (const json* c = o.find("answerCoding")) {
            detail::Obj coding(*c, o.at("answerCoding"));
            w.code = coding.str("code");
            if (coding.has("system")) w.system = coding.str("system");
        } else if (const json* n = o.find("answerInteger")) {
            w.number = detail::as_number(*n, o.at("answerInteger"));
        } else if (const json* d = o.find("answerDecimal")) {
            w.number = detail::as_number(*d, o.at("answerDecimal"));
        } else if (const json* b = o.find("answerBoolean")) {
            if (!b->is_boolean()) throw Bad(o.at("answerBoolean"), "must be true or false");
            w.boolean = b->get<bool>();
        } else if (const json* s = o.find("answerString")) {
            w.code = detail::as_str(*s, o.at("answerString"));
        } else {
            throw Bad(path, "needs an answer (answerCoding, answerInteger, answerDecimal, answerBoolean or answerString)");
        }
        if (w.op == "exists" && !w.boolean) throw Bad(path, "with operator exists needs answerBoolean");
        return w;
    }

    ItemDef item(const json& v, const std::string& path, int depth) {
        if (++count > kMaxInstrumentItems)
            throw Bad(path, "is one item too many: a Questionnaire may have at most " +
                                std::to_string(kMaxInstrumentItems) + " items");
        if (depth > kMaxGroupDepth)
            throw Bad(path, "nests items deeper than " + std::to_string(kMaxGroupDepth) + " levels");
        detail::Obj o(v, path);
        ItemDef d;
        if (!o.has("linkId")) throw Bad(o.at("linkId"), "is missing");
        d.link_id = o.str("linkId");
        if (!link_ids.insert(d.link_id).second)
            throw Bad(o.at("linkId"), "\"" + d.link_id + "\" is used by an earlier item too (linkIds must be unique)");
        std::string type = o.str("type");
        auto t = parse_type(type);
        if (!t) {
            if (is_fhir_type_we_skip(type))
                throw Bad(o.at("type"), "\"" + type + "\" is a FHIR item type Afterglow does not support in instruments");
            throw Bad(o.at("type"), "\"" + type + "\" is not a FHIR R4 item type");
        }
        d.type = *t;
        d.text = o.opt_str("text");
        d.prefix = o.opt_str("prefix");
        d.required = o.opt_bool("required", false);
        d.read_only = o.opt_bool("readOnly", false);
        if (const json* codes = o.find("code"); codes && codes->is_array())
            for (const auto& c : *codes)
                if (c.is_object() && c.contains("code") && c["code"].is_string()) d.codes.push_back(c["code"]);
        if (const json* opts = o.find("answerOption")) {
            if (!opts->is_array()) throw Bad(o.at("answerOption"), "must be a list");
            for (std::size_t i = 0; i < opts->size(); ++i)
                d.options.push_back(option((*opts)[i], detail::index_path(o.at("answerOption"), i)));
        }
        if (const json* vs = o.find("answerValueSet")) {
            std::string ref = detail::as_str(*vs, o.at("answerValueSet"));
            auto it = value_sets.find(ref);
            if (it == value_sets.end())
                throw Bad(o.at("answerValueSet"), "\"" + ref + "\" is not a ValueSet contained in the Questionnaire");
            d.options = it->second;
        }
        if ((d.type == ItemType::choice || d.type == ItemType::open_choice) && d.options.empty())
            throw Bad(path, "is a choice without answer options");
        if (const json* ew = o.find("enableWhen")) {
            if (!ew->is_array()) throw Bad(o.at("enableWhen"), "must be a list");
            for (std::size_t i = 0; i < ew->size(); ++i)
                d.enable_when.push_back(enable_when((*ew)[i], detail::index_path(o.at("enableWhen"), i)));
        }
        std::string behavior = o.opt_str("enableBehavior", "all");
        if (behavior != "all" && behavior != "any")
            throw Bad(o.at("enableBehavior"), "must be all or any");
        d.enable_any = behavior == "any";
        d.is_total = !extensions(v, kCalculatedExpressionUrl).empty() || !extensions(v, kTotalItemUrl).empty();
        if (d.is_total && d.type != ItemType::integer && d.type != ItemType::decimal && d.type != ItemType::quantity)
            throw Bad(path, "is a calculated total but not of type integer, decimal or quantity");
        for (const json* r : extensions(v, kRiskItemUrl)) {
            RiskRule rule;
            rule.above = number_of(sub_value(*r, "above"), path + ".extension(risk-item).above").value_or(0);
            const json* m = sub_value(*r, "message");
            rule.message = m ? detail::as_str(*m, path + ".extension(risk-item).message") : d.text;
            d.risk = rule;
        }
        if (const json* kids = o.find("item")) {
            if (!kids->is_array()) throw Bad(o.at("item"), "must be a list");
            for (std::size_t i = 0; i < kids->size(); ++i)
                d.items.push_back(item((*kids)[i], detail::index_path(o.at("item"), i), depth + 1));
        }
        if (d.type == ItemType::group && d.items.empty()) throw Bad(path, "is a group without items");
        return d;
    }
};

void collect(const std::vector<ItemDef>& items, std::vector<const ItemDef*>& out, bool answerable_only) {
    for (const auto& i : items) {
        if (!answerable_only || i.answerable()) out.push_back(&i);
        collect(i.items, out, answerable_only);
    }
}

std::vector<const ItemDef*> all_items(const Instrument& ins) {
    std::vector<const ItemDef*> out;
    collect(ins.items, out, false);
    return out;
}

void check_enable_when_targets(const Instrument& ins) {
    std::set<std::string> ids;
    for (const auto* i : all_items(ins)) ids.insert(i->link_id);
    for (const auto* i : all_items(ins))
        for (const auto& w : i->enable_when)
            if (!ids.count(w.question))
                throw Bad("item \"" + i->link_id + "\".enableWhen",
                          "refers to question \"" + w.question + "\", which the Questionnaire does not have");
}

bool condition_holds(const Instrument& ins, const EnableWhen& w, const std::vector<Answer>& answers) {
    const ItemDef* q = ins.find(w.question);
    const Answer* a = answer_to(answers, w.question);
    if (w.op == "exists") return (a != nullptr) == *w.boolean;
    if (!a || !q) return w.op == "!=";  // FHIR: an unanswered question is "not equal"
    if (w.code) {
        if (!a->option || *a->option >= q->options.size()) return false;
        const auto& o = q->options[*a->option];
        bool same = o.code == *w.code && (!w.system || o.system == *w.system);
        return w.op == "=" ? same : w.op == "!=" ? !same : false;
    }
    double value;
    if (a->number) value = *a->number;
    else if (a->option && *a->option < q->options.size() && q->options[*a->option].score) value = *q->options[*a->option].score;
    else return false;
    if (w.boolean) value = value != 0;
    double want = w.number ? *w.number : (w.boolean ? (*w.boolean ? 1 : 0) : 0);
    if (w.op == "=") return value == want;
    if (w.op == "!=") return value != want;
    if (w.op == ">") return value > want;
    if (w.op == "<") return value < want;
    if (w.op == ">=") return value >= want;
    return value <= want;
}

bool enabled_in(const Instrument& ins, const std::vector<ItemDef>& items, const ItemDef& target,
                const std::vector<Answer>& answers, bool parent_enabled, bool& found) {
    for (const auto& i : items) {
        bool here = parent_enabled && is_enabled(ins, i, answers);
        if (&i == &target) {
            found = true;
            return here;
        }
        bool r = enabled_in(ins, i.items, target, answers, here, found);
        if (found) return r;
    }
    return false;
}

}  // namespace

bool ItemDef::answerable() const {
    if (is_total) return false;
    // Free-text items are shown but not collected: a measure stores codes and numbers only.
    return type != ItemType::group && type != ItemType::display && type != ItemType::string &&
           type != ItemType::text;
}

bool ItemDef::scored() const {
    if (type != ItemType::choice && type != ItemType::open_choice) return false;
    return std::any_of(options.begin(), options.end(), [](const OptionDef& o) { return o.score.has_value(); });
}

double ItemDef::max_score() const {
    double m = 0;
    for (const auto& o : options)
        if (o.score) m = std::max(m, *o.score);
    return m;
}

std::vector<const ItemDef*> Instrument::questions() const {
    std::vector<const ItemDef*> out;
    collect(items, out, true);
    return out;
}

std::vector<const ItemDef*> Instrument::scored_items() const {
    std::vector<const ItemDef*> out;
    for (const auto* q : questions())
        if (q->scored()) out.push_back(q);
    return out;
}

const ItemDef* Instrument::total_item() const {
    for (const auto* i : all_items(*this))
        if (i->is_total) return i;
    return nullptr;
}

const ItemDef* Instrument::find(std::string_view link_id) const {
    for (const auto* i : all_items(*this))
        if (i->link_id == link_id) return i;
    return nullptr;
}

double Instrument::max_total() const {
    double m = 0;
    for (const auto* q : scored_items()) m += q->max_score();
    return m;
}

const Band* Instrument::band_for(double total) const {
    for (const auto& b : bands)
        if (total >= b.min && total <= b.max) return &b;
    return nullptr;
}

Result<Instrument> parse_questionnaire(std::string_view text, std::string_view file) {
    return detail::parse_questionnaire_at(text, file, "");
}

namespace detail {
Result<Instrument> parse_questionnaire_at(std::string_view text, std::string_view file, const std::string& at) {
    auto where = [&](const std::string& field) {
        if (at.empty()) return field;
        return field.empty() || field == "the file" ? at : at + "." + field;
    };
    try {
        json root = detail::parse_text(text);
        if (!root.is_object()) throw Bad("the file", "must be a JSON object");
        if (root.value("resourceType", "") != "Questionnaire")
            throw Bad("resourceType", "must be \"Questionnaire\"");
        Instrument ins;
        detail::Obj o(root, "");
        ins.id = o.opt_str("id");
        ins.url = o.opt_str("url");
        ins.version = o.opt_str("version");
        ins.name = o.opt_str("name");
        ins.title = o.opt_str("title");
        ins.description = o.opt_str("description");
        ins.copyright = o.opt_str("copyright");
        if (ins.id.empty()) ins.id = ins.name;
        if (ins.id.empty()) throw Bad("id", "is missing (and there is no name to use instead)");
        if (ins.url.empty()) ins.url = "urn:afterglow:fhir:Questionnaire/" + ins.id;
        if (const json* codes = o.find("code"); codes && codes->is_array())
            for (const auto& c : *codes)
                if (c.is_object() && c.contains("code") && c["code"].is_string()) ins.codes.push_back(c["code"]);
        Parser p{root, {}, {}, 0};
        p.contained();
        const json& items = o.get("item");
        if (!items.is_array() || items.empty()) throw Bad("item", "must be a non-empty list");
        if (items.size() > kMaxInstrumentItems)
            throw Bad("item", "has " + std::to_string(items.size()) + " items (at most " +
                                  std::to_string(kMaxInstrumentItems) + ")");
        for (std::size_t i = 0; i < items.size(); ++i)
            ins.items.push_back(p.item(items[i], detail::index_path("item", i), 1));
        check_enable_when_targets(ins);
        for (const json* b : extensions(root, kSeverityBandUrl)) {
            Band band;
            band.min = number_of(sub_value(*b, "min"), "extension(severity-band).min").value_or(0);
            band.max = number_of(sub_value(*b, "max"), "extension(severity-band).max").value_or(0);
            const json* label = sub_value(*b, "label");
            if (!label) throw Bad("extension(severity-band)", "needs a label");
            band.label = detail::as_str(*label, "extension(severity-band).label");
            if (band.max < band.min) throw Bad("extension(severity-band)", "has max below min");
            ins.bands.push_back(std::move(band));
        }
        std::sort(ins.bands.begin(), ins.bands.end(), [](const Band& a, const Band& b) { return a.min < b.min; });
        for (std::size_t i = 1; i < ins.bands.size(); ++i)
            if (ins.bands[i].min <= ins.bands[i - 1].max)
                throw Bad("extension(severity-band)", "bands \"" + ins.bands[i - 1].label + "\" and \"" +
                                                          ins.bands[i].label + "\" overlap");
        for (const json* m : extensions(root, kMissingAnswersUrl)) {
            const json* rule = sub_value(*m, "rule");
            std::string r = rule ? detail::as_str(*rule, "extension(missing-answers).rule") : "incomplete";
            if (r == "prorate") ins.missing = MissingRule::prorate;
            else if (r != "incomplete") throw Bad("extension(missing-answers).rule", "must be incomplete or prorate");
            ins.max_missing = static_cast<int>(number_of(sub_value(*m, "max-missing"), "extension(missing-answers).max-missing").value_or(0));
        }
        return ins;
    } catch (const Bad& b) {
        return content_error(file, where(b.field), b.what());
    } catch (const std::exception& e) {
        return content_error(file, where(""), std::string("could not be read (") + e.what() + ")");
    }
}
}  // namespace detail

void adopt_rules(Instrument& imported, const std::vector<Instrument>& known) {
    auto codes_of = [](const Instrument& i) {
        std::set<std::string> c(i.codes.begin(), i.codes.end());
        if (const ItemDef* t = i.total_item()) c.insert(t->codes.begin(), t->codes.end());
        return c;
    };
    auto mine = codes_of(imported);
    bool has_risk = false;
    for (const auto* q : imported.questions()) has_risk = has_risk || q->risk.has_value();
    for (const auto& k : known) {
        auto theirs = codes_of(k);
        bool match = std::any_of(mine.begin(), mine.end(), [&](const std::string& c) { return theirs.count(c) > 0; });
        if (!match || &k == &imported) continue;
        if (imported.bands.empty()) imported.bands = k.bands;
        auto ks = k.scored_items();
        auto is = imported.scored_items();
        if (!has_risk && ks.size() == is.size())
            for (std::size_t i = 0; i < ks.size(); ++i)
                if (ks[i]->risk) const_cast<ItemDef*>(is[i])->risk = ks[i]->risk;
        return;
    }
}

const Answer* answer_to(const std::vector<Answer>& answers, std::string_view link_id) {
    for (const auto& a : answers)
        if (a.link_id == link_id) return &a;
    return nullptr;
}

double option_value(const ItemDef& item, std::size_t option) {
    return item.options.at(option).score.value_or(static_cast<double>(option));
}

std::optional<double> answer_value(const ItemDef& item, const Answer& a) {
    if (a.option) {
        if (*a.option >= item.options.size()) return std::nullopt;
        return option_value(item, *a.option);
    }
    return a.number;
}

const RiskRule* broken_risk_rule(const ItemDef& item, const Answer& a) {
    if (!item.risk) return nullptr;
    const auto value = answer_value(item, a);
    return value && *value > item.risk->above ? &*item.risk : nullptr;
}

bool is_enabled(const Instrument& ins, const ItemDef& item, const std::vector<Answer>& answers) {
    if (item.enable_when.empty()) return true;
    if (item.enable_any)
        return std::any_of(item.enable_when.begin(), item.enable_when.end(),
                           [&](const EnableWhen& w) { return condition_holds(ins, w, answers); });
    return std::all_of(item.enable_when.begin(), item.enable_when.end(),
                       [&](const EnableWhen& w) { return condition_holds(ins, w, answers); });
}

std::vector<const ItemDef*> enabled_questions(const Instrument& ins, const std::vector<Answer>& answers) {
    std::vector<const ItemDef*> out;
    for (const auto* q : ins.questions()) {
        bool found = false;
        if (enabled_in(ins, ins.items, *q, answers, true, found)) out.push_back(q);
    }
    return out;
}

std::optional<std::size_t> option_for_value(const ItemDef& item, double value) {
    for (std::size_t i = 0; i < item.options.size(); ++i)
        if (item.options[i].score && *item.options[i].score == value) return i;
    if (!item.scored() && value >= 0 && value == std::floor(value) && value < static_cast<double>(item.options.size()))
        return static_cast<std::size_t>(value);
    return std::nullopt;
}

Result<Scored> score(const Instrument& ins, const std::vector<Answer>& answers) {
    std::set<std::string> seen;
    for (const auto& a : answers) {
        const ItemDef* q = ins.find(a.link_id);
        if (!q || !q->answerable())
            return make_error(Errc::invalid_argument, ins.display_name() + " has no question \"" + a.link_id + "\".");
        if (!seen.insert(a.link_id).second)
            return make_error(Errc::invalid_argument, "Question \"" + a.link_id + "\" was answered twice.");
        bool choice = q->type == ItemType::choice || q->type == ItemType::open_choice;
        if (choice && (!a.option || *a.option >= q->options.size()))
            return make_error(Errc::invalid_argument, "Question \"" + a.link_id + "\" has " +
                                  std::to_string(q->options.size()) + " options; that answer is not one of them.");
        if (!choice && !a.number)
            return make_error(Errc::invalid_argument, "Question \"" + a.link_id + "\" needs a number.");
        if (q->type == ItemType::integer && a.number && *a.number != std::floor(*a.number))
            return make_error(Errc::invalid_argument, "Question \"" + a.link_id + "\" needs a whole number.");
    }
    Scored s;
    s.max_total = ins.max_total();
    auto enabled = enabled_questions(ins, answers);
    double sum = 0;
    int scored_total = 0, scored_answered = 0;
    for (const auto* q : enabled) {
        const Answer* a = answer_to(answers, q->link_id);
        if (q->scored()) ++scored_total;
        if (!a) {
            if (q->required || q->scored()) s.missing.push_back(q->link_id);
            continue;
        }
        ItemAnswer out;
        out.link_id = q->link_id;
        if (a->option) {
            const auto& o = q->options[*a->option];
            out.system = o.system;
            out.code = o.code;
            out.display = o.display;
            if (q->scored()) {
                out.scored = o.score.has_value();
                sum += o.score.value_or(0);
                ++scored_answered;
            }
        }
        out.value = answer_value(*q, *a).value_or(0);  // the answers were checked above
        if (const RiskRule* r = broken_risk_rule(*q, *a)) s.flags.push_back(r->message);
        s.answers.push_back(std::move(out));
    }
    int missing_scored = scored_total - scored_answered;
    if (scored_total > 0) {
        if (missing_scored == 0) {
            s.total = sum;
        } else if (ins.missing == MissingRule::prorate && missing_scored <= ins.max_missing && scored_answered > 0) {
            s.total = std::round(sum * scored_total / scored_answered);
        }
    }
    if (s.total)
        if (const Band* b = ins.band_for(*s.total)) s.band = b->label;
    bool required_missing = false;
    for (const auto& id : s.missing) {
        const ItemDef* q = ins.find(id);
        required_missing = required_missing ||
                           (q && q->required && !(q->scored() && ins.missing == MissingRule::prorate && s.total));
    }
    s.complete = s.total.has_value() && !required_missing;
    return s;
}

MeasureResponse make_response(const Instrument& ins, const Scored& s, const Timestamp& authored) {
    MeasureResponse m;
    m.instrument = ins.id;
    m.title = ins.display_name();
    m.questionnaire = ins.canonical();
    m.status = s.complete ? ResponseStatus::completed : ResponseStatus::in_progress;
    m.authored = authored;
    m.answers = s.answers;
    m.total = s.complete ? s.total : std::nullopt;
    m.total_max = s.max_total;
    if (const ItemDef* t = ins.total_item()) m.total_link_id = t->link_id;
    m.band = s.complete ? s.band : std::string();
    m.flags = s.flags;
    return m;
}

Result<MeasureResponse> make_score_only(const Instrument& ins, double total, const Timestamp& when) {
    double max = ins.max_total();
    bool whole = true;
    for (const auto* q : ins.scored_items())
        for (const auto& o : q->options) whole = whole && (!o.score || *o.score == std::floor(*o.score));
    if (!std::isfinite(total) || total < 0 || total > max || (whole && total != std::floor(total))) {
        char range[64];
        std::snprintf(range, sizeof range, "%g to %g", 0.0, max);
        return make_error(Errc::invalid_argument, ins.display_name() + " totals run from " + range +
                                                      (whole ? " in whole numbers" : "") + ".");
    }
    MeasureResponse m;
    m.instrument = ins.id;
    m.title = ins.display_name();
    m.questionnaire = ins.canonical();
    m.status = ResponseStatus::score_only;
    m.authored = when;
    m.total = total;
    m.total_max = max;
    if (const ItemDef* t = ins.total_item()) m.total_link_id = t->link_id;
    if (const Band* b = ins.band_for(total)) m.band = b->label;
    return m;
}

}  // namespace afterglow::journal::content
