// The FHIR R4 export for a clinic's records (docs/exports.md "FHIR"): a Bundle (type
// "collection") holding, per questionnaire response, its QuestionnaireResponse
// (journal/content/fhir_response.hpp) and, when it has a total, an Observation of that total
// with its LOINC code, derivedFrom the response — what EHR charts of measurement-based care
// read. Our PHQ-9 and GAD-7 are named by LOINC's Questionnaire canonicals
// (http://loinc.org/q/44249-1, http://loinc.org/q/69737-5); an imported Questionnaire keeps
// its own url.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "journal/content/instrument.hpp"
#include "journal/types.hpp"

namespace afterglow::journal::exports {

// The canonical a response names: LOINC's Questionnaire URL for our own PHQ-9 and GAD-7
// ("http://loinc.org/q/44249-1"), else the one it was answered under (an imported
// Questionnaire's own url|version).
std::string questionnaire_canonical(const MeasureResponse& r, const content::Instrument* def);

struct FhirBundle {
    std::string json;
    std::size_t responses = 0;     // QuestionnaireResponses in it
    std::size_t observations = 0;  // Observations of totals in it
};

// What a bundle of `responses` holds: "1 questionnaire response with 1 total score" (the
// CLI's and the app's summary; counted as fhir_bundle() writes them).
std::string fhir_contents(const std::vector<MeasureResponse>& responses);

// `instruments`: the definitions in use (items nest and carry text when found by id).
FhirBundle fhir_bundle(const std::vector<MeasureResponse>& responses,
                       const std::vector<content::Instrument>& instruments, const Timestamp& generated);

}  // namespace afterglow::journal::exports
