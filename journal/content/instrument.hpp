// Standard instruments as HL7 FHIR R4 Questionnaire resources (docs/content.md).
//
// Reads: item.linkId/text/type/required/readOnly/code/prefix, nested groups,
// answerOption.value[Coding|String|Integer], answerValueSet pointing at a contained ValueSet,
// per-option scores from the ordinalValue extension or its newer name itemWeight (on the
// option, its coding, or the ValueSet concept), enableWhen (+ enableBehavior), a total item
// (sdc calculatedExpression, or our urn:afterglow:fhir:total), and our own extensions for
// severity bands, risk items and the missing-answer rule. Everything else in the resource is
// ignored, not refused. No I/O, no GUI.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/result.hpp"
#include "journal/types.hpp"

namespace afterglow::journal::content {

inline constexpr const char* kOrdinalValueUrl = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
inline constexpr const char* kItemWeightUrl = "http://hl7.org/fhir/StructureDefinition/itemWeight";
inline constexpr const char* kCalculatedExpressionUrl =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";
inline constexpr const char* kSeverityBandUrl = "urn:afterglow:fhir:severity-band";
inline constexpr const char* kRiskItemUrl = "urn:afterglow:fhir:risk-item";
inline constexpr const char* kMissingAnswersUrl = "urn:afterglow:fhir:missing-answers";
inline constexpr const char* kTotalItemUrl = "urn:afterglow:fhir:total";

inline constexpr std::size_t kMaxInstrumentItems = 1000;
inline constexpr int kMaxGroupDepth = 8;

enum class ItemType { group, display, choice, open_choice, integer, decimal, quantity, boolean, string, text };

struct OptionDef {
    std::string system, code, display;
    std::optional<double> score;  // ordinalValue / itemWeight
};

struct EnableWhen {
    std::string question;  // linkId
    std::string op;        // exists = != > < >= <=
    std::optional<std::string> code, system;  // answerCoding
    std::optional<double> number;             // answerInteger / answerDecimal
    std::optional<bool> boolean;              // answerBoolean, and the value of "exists"
};

struct RiskRule {
    double above = 0;     // an answer scoring more than this is a risk
    std::string message;  // what exports and the app say ("Thoughts of … self-harm")
};

struct ItemDef {
    std::string link_id, text, prefix;
    ItemType type = ItemType::display;
    bool required = false, read_only = false, is_total = false;
    std::vector<std::string> codes;  // item.code[].code
    std::vector<OptionDef> options;
    std::vector<EnableWhen> enable_when;
    bool enable_any = false;  // enableBehavior "any"
    std::optional<RiskRule> risk;
    std::vector<ItemDef> items;  // children (groups, or items nested under a question)

    bool answerable() const;  // a question the patient answers (not group/display/total/free text)
    bool scored() const;      // a choice whose options carry scores
    double max_score() const;
};

struct Band {
    double min = 0, max = 0;
    std::string label;
};

enum class MissingRule { incomplete, prorate };

struct Instrument {
    std::string id;  // Questionnaire.id (else name); what the pack and the CLI call it
    std::string url, version, name, title, description, copyright;
    std::vector<std::string> codes;  // Questionnaire.code[].code (LOINC panel)
    std::vector<ItemDef> items;
    std::vector<Band> bands;
    MissingRule missing = MissingRule::incomplete;
    int max_missing = 0;  // prorate: at most this many scored items may be missing

    std::string canonical() const { return version.empty() ? url : url + "|" + version; }
    std::string display_name() const { return title.empty() ? (name.empty() ? id : name) : title; }
    std::vector<const ItemDef*> questions() const;  // answerable items, document order
    std::vector<const ItemDef*> scored_items() const;
    const ItemDef* total_item() const;
    const ItemDef* find(std::string_view link_id) const;
    double max_total() const;
    const Band* band_for(double total) const;
};

// Parses one Questionnaire. `file` names it in messages ("phq-9.json: item[3].linkId is
// missing. Nothing was changed."). Errc::invalid_argument on any problem.
Result<Instrument> parse_questionnaire(std::string_view json_text, std::string_view file);

// An imported Questionnaire with no severity bands / risk items of its own adopts those of a
// known instrument with the same code (its Questionnaire.code or its total item's code):
// bands as they are, risk rules by the position of the scored item (PHQ-9 item 9).
void adopt_rules(Instrument& imported, const std::vector<Instrument>& known);

// ---- answering and scoring --------------------------------------------------------------
struct Answer {
    std::string link_id;
    std::optional<std::size_t> option;  // index into the item's options (choice)
    std::optional<double> number;       // integer / decimal
};

// The answer given to `link_id`, or nullptr.
const Answer* answer_to(const std::vector<Answer>& answers, std::string_view link_id);
// What an option stands for: its score, else its position (what the CLI asks for).
double option_value(const ItemDef& item, std::size_t option);
// What an answer stands for: its option's option_value, or the number entered (nullopt for an
// option the item does not have).
std::optional<double> answer_value(const ItemDef& item, const Answer& a);
// The safety rule, the one place it is decided: the item's risk rule when the answer's value is
// above its threshold (PHQ-9 item 9 above "not at all"), else nullptr. Its message is the
// instrument's own wording; score() stores it in the flags.
const RiskRule* broken_risk_rule(const ItemDef& item, const Answer& a);

bool is_enabled(const Instrument& ins, const ItemDef& item, const std::vector<Answer>& answers);
// The questions to ask now, in order: answerable and enabled by the answers so far.
std::vector<const ItemDef*> enabled_questions(const Instrument& ins, const std::vector<Answer>& answers);

struct Scored {
    bool complete = false;            // every required enabled question answered and a total
    std::optional<double> total;      // nullopt: incomplete (never a silent partial sum)
    double max_total = 0;
    std::string band;                 // "" without a total or bands
    std::vector<std::string> missing; // linkIds of required enabled questions not answered
    std::vector<std::string> flags;   // risk messages of answers above their threshold
    std::vector<ItemAnswer> answers;  // resolved answers of enabled items, document order
};
// Errc::invalid_argument for an unknown linkId, an option out of range, a number outside the
// item's kind, or two answers to one item. Answers to disabled items are dropped.
Result<Scored> score(const Instrument& ins, const std::vector<Answer>& answers);

// Finds the option of `item` whose score (else position) is `value`: the CLI's --answers.
std::optional<std::size_t> option_for_value(const ItemDef& item, double value);

// A MeasureResponse record from a scored set of answers.
MeasureResponse make_response(const Instrument& ins, const Scored& s, const Timestamp& authored);
// A score-only record (a measure taken at the clinic). Errc::invalid_argument when the total
// is outside 0…max_total or not a whole number for an instrument of whole scores.
Result<MeasureResponse> make_score_only(const Instrument& ins, double total, const Timestamp& when);

}  // namespace afterglow::journal::content
