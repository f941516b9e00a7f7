#include "journal/export/fhir_bundle.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include <nlohmann/json.hpp>

#include "crypto/hash.hpp"
#include "journal/content/fhir_response.hpp"
#include "journal/content/pack.hpp"
#include "journal/export/wording.hpp"

namespace afterglow::journal::exports {
namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* kLoinc = "http://loinc.org";
constexpr std::string_view kOwnCanonical = "urn:afterglow:fhir:Questionnaire/";

// The standard instruments by their LOINC panel: LOINC's Questionnaire canonical and the
// code of their total score.
struct Standard {
    const char* panel;
    const char* total;
    const char* total_display;
};
constexpr Standard kStandards[] = {
    {"44249-1", "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"},
    {"69737-5", "70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"},
};

const Standard* standard_by_panel(const std::vector<std::string>& codes) {
    for (const auto& s : kStandards)
        if (std::find(codes.begin(), codes.end(), s.panel) != codes.end()) return &s;
    return nullptr;
}

const Standard* standard_by_total(std::string_view code) {
    for (const auto& s : kStandards)
        if (code == s.total) return &s;
    return nullptr;
}

// The definition of a response: the pack in use, else (for our own instruments) the default's.
const content::Instrument* definition(const MeasureResponse& r, const std::vector<content::Instrument>& in_use) {
    for (const auto& i : in_use)
        if (i.id == r.instrument) return &i;
    for (const auto& i : content::default_pack().instruments)
        if (i.id == r.instrument && r.questionnaire.starts_with(i.url)) return &i;
    return nullptr;
}

// A stable UUID for the Observation of a response's total (the same on every export, so a
// record system that reads two exports sees one Observation).
std::string observation_urn(const RecordId& response) {
    static constexpr std::string_view kContext = "afterglow fhir observation of a total";
    auto h = crypto::hash_parts({crypto::as_bytes(kContext), response.bytes}, 16);
    RecordId id;
    std::copy(h.begin(), h.end(), id.bytes.begin());
    id.bytes[6] = static_cast<std::uint8_t>((id.bytes[6] & 0x0f) | 0x80);  // RFC 9562 version 8
    id.bytes[8] = static_cast<std::uint8_t>((id.bytes[8] & 0x3f) | 0x80);
    return content::uuid_urn(id);
}

// The total's code: the Questionnaire total item's LOINC code (PHQ-9 44261-6, GAD-7 70274-6),
// else the standard's by its panel; without either only its words.
ojson total_code(const MeasureResponse& r, const content::Instrument* def) {
    const Standard* std_total = nullptr;
    if (def)
        if (const auto* item = def->total_item())
            for (const auto& c : item->codes)
                if ((std_total = standard_by_total(c))) break;
    if (!std_total && r.total_link_id.starts_with('/')) std_total = standard_by_total(std::string_view(r.total_link_id).substr(1));
    if (!std_total && def) std_total = standard_by_panel(def->codes);
    ojson code;
    if (std_total)
        code["coding"] = ojson::array({ojson{{"system", kLoinc}, {"code", std_total->total}, {"display", std_total->total_display}}});
    code["text"] = r.title + " total score";
    return code;
}

ojson observation(const MeasureResponse& r, const content::Instrument* def, const std::string& id,
                  const std::string& response_urn) {
    ojson o;
    o["resourceType"] = "Observation";
    o["id"] = id;
    o["status"] = "final";
    o["category"] = ojson::array({ojson{{"coding", ojson::array({ojson{
        {"system", "http://terminology.hl7.org/CodeSystem/observation-category"}, {"code", "survey"}, {"display", "Survey"}}})}}});
    o["code"] = total_code(r, def);
    o["effectiveDateTime"] = to_iso8601(r.authored);
    const double v = *r.total;
    o["valueQuantity"] = {{"value", v == std::floor(v) ? ojson(static_cast<long long>(v)) : ojson(v)},
                          {"unit", "{score}"}, {"system", "http://unitsofmeasure.org"}, {"code", "{score}"}};
    if (!r.band.empty()) o["interpretation"] = ojson::array({ojson{{"text", r.band}}});
    o["derivedFrom"] = ojson::array({ojson{{"reference", response_urn}}});
    return o;
}

// A response's total becomes an Observation.
bool has_observation(const MeasureResponse& r) { return r.total.has_value(); }

}  // namespace

std::string fhir_contents(const std::vector<MeasureResponse>& responses) {
    const auto totals = static_cast<std::size_t>(std::count_if(responses.begin(), responses.end(), has_observation));
    return plural(responses.size(), "questionnaire response", "questionnaire responses") + " with " +
           plural(totals, "total score", "total scores");
}

std::string questionnaire_canonical(const MeasureResponse& r, const content::Instrument* def) {
    if (!r.questionnaire.starts_with(kOwnCanonical) || !def) return r.questionnaire;
    if (const Standard* s = standard_by_panel(def->codes)) return std::string("http://loinc.org/q/") + s->panel;
    return r.questionnaire;
}

FhirBundle fhir_bundle(const std::vector<MeasureResponse>& responses,
                       const std::vector<content::Instrument>& instruments, const Timestamp& generated) {
    FhirBundle out;
    ojson b;
    b["resourceType"] = "Bundle";
    b["type"] = "collection";
    b["timestamp"] = to_iso8601(generated);
    b["entry"] = ojson::array();
    for (const auto& r : responses) {
        const content::Instrument* def = definition(r, instruments);
        ojson qr = ojson::parse(content::questionnaire_response_json(r, def));
        qr["questionnaire"] = questionnaire_canonical(r, def);
        const std::string urn = content::uuid_urn(r.meta.id);
        b["entry"].push_back({{"fullUrl", urn}, {"resource", std::move(qr)}});
        ++out.responses;
        if (!has_observation(r)) continue;
        const std::string obs_urn = observation_urn(r.meta.id);
        b["entry"].push_back({{"fullUrl", obs_urn}, {"resource", observation(r, def, obs_urn.substr(9), urn)}});
        ++out.observations;
    }
    out.json = b.dump(2) + "\n";
    return out;
}

}  // namespace afterglow::journal::exports
