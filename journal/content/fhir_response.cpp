#include "journal/content/fhir_response.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

namespace afterglow::journal::content {
namespace {

using ojson = nlohmann::ordered_json;

ojson number_value(double v, bool integer_item) {
    if (integer_item || v == std::floor(v)) return ojson{{"valueInteger", static_cast<long long>(v)}};
    return ojson{{"valueDecimal", v}};
}

ojson answer_json(const ItemAnswer& a, const ItemDef* q) {
    if (!a.code.empty()) {
        ojson c;
        if (!a.system.empty()) c["system"] = a.system;
        c["code"] = a.code;
        if (!a.display.empty()) c["display"] = a.display;
        if (a.scored)
            c["extension"] = ojson::array({ojson{{"url", kOrdinalValueUrl}, {"valueDecimal", a.value}}});
        return ojson{{"valueCoding", c}};
    }
    bool integer = q && q->type == ItemType::integer;
    if (q && q->type == ItemType::decimal) return ojson{{"valueDecimal", a.value}};
    return number_value(a.value, integer);
}

const ItemAnswer* answer_to(const MeasureResponse& r, const std::string& link_id) {
    for (const auto& a : r.answers)
        if (a.link_id == link_id) return &a;
    return nullptr;
}

ojson total_item(const MeasureResponse& r, const Instrument* def) {
    ojson t{{"linkId", r.total_link_id}};
    const ItemDef* q = def ? def->find(r.total_link_id) : nullptr;
    if (q && !q->text.empty()) t["text"] = q->text;
    if (q && q->type == ItemType::quantity)
        t["answer"] = ojson::array({ojson{{"valueQuantity", {{"value", *r.total},
                                                             {"unit", "{score}"},
                                                             {"system", "http://unitsofmeasure.org"},
                                                             {"code", "{score}"}}}}});
    else
        t["answer"] = ojson::array({number_value(*r.total, !q || q->type == ItemType::integer)});
    return t;
}

// The response items for `items` (nested like the Questionnaire), only where answered.
ojson items_json(const std::vector<ItemDef>& items, const MeasureResponse& r, const Instrument* def) {
    ojson out = ojson::array();
    for (const auto& q : items) {
        if (q.is_total) {
            if (r.total && q.link_id == r.total_link_id) out.push_back(total_item(r, def));
            continue;
        }
        ojson children = items_json(q.items, r, def);
        const ItemAnswer* a = answer_to(r, q.link_id);
        if (!a && children.empty()) continue;
        ojson item{{"linkId", q.link_id}};
        if (!q.text.empty()) item["text"] = q.text;
        if (a) {
            ojson ans = answer_json(*a, &q);
            if (!children.empty() && q.type != ItemType::group) {
                ans["item"] = children;  // FHIR: items under a question nest in its answer
                children = ojson::array();
            }
            item["answer"] = ojson::array({ans});
        }
        if (!children.empty()) item["item"] = children;
        out.push_back(item);
    }
    return out;
}

bool contains_link_id(const ojson& items, const std::string& link_id) {
    for (const auto& i : items) {
        if (i.value("linkId", "") == link_id) return true;
        if (i.contains("item") && contains_link_id(i["item"], link_id)) return true;
        if (i.contains("answer"))
            for (const auto& a : i["answer"])
                if (a.contains("item") && contains_link_id(a["item"], link_id)) return true;
    }
    return false;
}

ojson response_object(const MeasureResponse& r, const Instrument* def) {
    ojson j;
    j["resourceType"] = "QuestionnaireResponse";
    j["id"] = r.meta.id.hex();
    ojson ext = ojson::array();
    if (r.status == ResponseStatus::score_only)
        ext.push_back({{"url", "urn:afterglow:fhir:score-only"}, {"valueBoolean", true}});
    if (r.total) ext.push_back({{"url", kTotalItemUrl}, {"valueDecimal", *r.total}});
    if (!r.band.empty()) ext.push_back({{"url", kSeverityBandUrl}, {"valueString", r.band}});
    for (const auto& f : r.flags) ext.push_back({{"url", kRiskItemUrl}, {"valueString", f}});
    if (!ext.empty()) j["extension"] = ext;
    j["questionnaire"] = r.questionnaire;
    j["status"] = r.status == ResponseStatus::in_progress ? "in-progress" : "completed";
    j["authored"] = to_iso8601(r.authored);
    ojson items;
    if (def && def->id == r.instrument) {
        items = items_json(def->items, r, def);
    } else {
        items = ojson::array();
        for (const auto& a : r.answers) items.push_back({{"linkId", a.link_id}, {"answer", ojson::array({answer_json(a, nullptr)})}});
        if (r.total && !r.total_link_id.empty()) items.push_back(total_item(r, nullptr));
    }
    if (r.total && !r.total_link_id.empty() && !contains_link_id(items, r.total_link_id))
        items.push_back(total_item(r, def));
    if (!items.empty()) j["item"] = items;
    return j;
}

}  // namespace

std::string uuid_urn(const RecordId& id) {
    std::string h = id.hex();
    return "urn:uuid:" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
           h.substr(16, 4) + "-" + h.substr(20, 12);
}

std::string questionnaire_response_json(const MeasureResponse& r, const Instrument* def) {
    return response_object(r, def).dump(2);
}

}  // namespace afterglow::journal::content
