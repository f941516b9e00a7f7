// HL7 FHIR R4 QuestionnaireResponse JSON for stored responses, and a Bundle of them (the
// export clinics' EHRs read; docs/content.md). Answers go by linkId with valueCoding (each
// scored coding carries its ordinalValue, so any FHIRPath engine can re-add the total); the
// total is an answer to the Questionnaire's total item. Severity band and risk flags are our
// extensions (urn:afterglow:fhir:…).
#pragma once

#include <string>
#include <vector>

#include "journal/content/instrument.hpp"
#include "journal/types.hpp"

namespace afterglow::journal::content {

// `def`: the Questionnaire, when known: items are then nested in its groups and carry its
// text. Without it the items are flat (right for Questionnaires without groups).
std::string questionnaire_response_json(const MeasureResponse& r, const Instrument* def);

// "urn:uuid:…" from a record id (128 random bits shown as a UUID).
std::string uuid_urn(const RecordId& id);

}  // namespace afterglow::journal::content
