// The instrument engine: the shipped PHQ-9 and GAD-7 (wording, notice, scoring at every band
// edge, the item-9 risk flag), Questionnaires as other publishers write them (modelled on
// HL7 SDC's PHQ-9 example and a form tool's GAD-7, tests/fixtures/fhir), enableWhen,
// weighted and reverse options, the missing-answer rule, and bad Questionnaires.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "journal/content/instrument.hpp"
#include "journal/content/measures.hpp"
#include "journal/content/pack.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;
using namespace afterglow::journal::content;

namespace {

const char* kPfizerNotice =
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an "
    "educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.";

const Instrument& shipped(const char* name) {
    const Instrument* i = default_pack().instrument(name);
    REQUIRE_MESSAGE(i != nullptr, name);
    return *i;
}

// Answers giving each scored item the score in `scores` (by the option with that score).
std::vector<Answer> by_scores(const Instrument& ins, const std::vector<double>& scores) {
    std::vector<Answer> out;
    auto items = ins.scored_items();
    REQUIRE(scores.size() <= items.size());
    for (std::size_t i = 0; i < scores.size(); ++i) {
        auto opt = option_for_value(*items[i], scores[i]);
        REQUIRE(opt.has_value());
        out.push_back({items[i]->link_id, opt, std::nullopt});
    }
    return out;
}

// Scores summing to `total` over n items of max 3, filled from the first item.
std::vector<double> spread(int total, std::size_t n) {
    std::vector<double> s(n, 0);
    for (std::size_t i = 0; i < n && total > 0; ++i) {
        s[i] = std::min(3, total);
        total -= static_cast<int>(s[i]);
    }
    return s;
}

Instrument parse(const std::string& json, const char* name = "test.json") {
    auto r = parse_questionnaire(json, name);
    REQUIRE_MESSAGE(r.ok(), test::error_of(r));
    return *r;
}

std::string parse_error(const std::string& json) {
    auto r = parse_questionnaire(json, "bad.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::invalid_argument);
    return r.error().message;
}

std::string fixture(const char* name) {
    return test::read_file(std::filesystem::path(test::source_dir()) / "tests/fixtures/fhir" / name);
}

}  // namespace

TEST_CASE("the shipped PHQ-9 has the official wording codes and notice") {
    const auto& phq = shipped("phq-9");
    CHECK(phq.copyright == kPfizerNotice);
    CHECK(phq.codes == std::vector<std::string>{"44249-1"});
    const std::vector<std::string> wording = {
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so "
        "fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way"};
    const std::vector<std::string> loinc = {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
                                            "44258-2", "44252-5", "44253-3", "44260-8"};
    auto items = phq.scored_items();
    REQUIRE(items.size() == 9);
    for (std::size_t i = 0; i < 9; ++i) {
        CHECK(items[i]->text == wording[i]);
        CHECK(items[i]->codes.at(0) == loinc[i]);
        REQUIRE(items[i]->options.size() == 4);
        CHECK(items[i]->options[0].display == "Not at all");
        CHECK(items[i]->options[1].display == "Several days");
        CHECK(items[i]->options[2].display == "More than half the days");
        CHECK(items[i]->options[3].display == "Nearly every day");
        for (int s = 0; s < 4; ++s) CHECK(items[i]->options[static_cast<std::size_t>(s)].score == s);
    }
    CHECK(phq.max_total() == 27);
    REQUIRE(phq.total_item() != nullptr);
    CHECK(phq.total_item()->codes.at(0) == "44261-6");
    CHECK(items[8]->risk.has_value());
    for (std::size_t i = 0; i < 8; ++i) CHECK_FALSE(items[i]->risk.has_value());
    const ItemDef* difficulty = phq.find("/69722-7");
    REQUIRE(difficulty != nullptr);
    CHECK(difficulty->text.rfind("If you checked off any problems, how difficult", 0) == 0);
    CHECK_FALSE(difficulty->scored());
}

TEST_CASE("the shipped GAD-7 has the official wording codes and notice") {
    const auto& gad = shipped("GAD-7");
    CHECK(gad.copyright == kPfizerNotice);
    CHECK(gad.codes == std::vector<std::string>{"69737-5"});
    const std::vector<std::string> wording = {
        "Feeling nervous, anxious or on edge",          "Not being able to stop or control worrying",
        "Worrying too much about different things",     "Trouble relaxing",
        "Being so restless that it is hard to sit still", "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen"};
    auto items = gad.scored_items();
    REQUIRE(items.size() == 7);
    for (std::size_t i = 0; i < 7; ++i) CHECK(items[i]->text == wording[i]);
    CHECK(gad.max_total() == 21);
    CHECK(gad.total_item()->codes.at(0) == "70274-6");
}

TEST_CASE("PHQ-9 scores 0 to 27 with bands at 5 10 15 20") {
    const auto& phq = shipped("phq-9");
    const std::vector<std::pair<int, std::string>> edges = {
        {0, "minimal"}, {4, "minimal"}, {5, "mild"}, {9, "mild"}, {10, "moderate"}, {14, "moderate"},
        {15, "moderately severe"}, {19, "moderately severe"}, {20, "severe"}, {27, "severe"}};
    for (const auto& [total, band] : edges) {
        CAPTURE(total);
        // Item 9 stays 0 here so the band is all that changes (risk is tested below).
        auto scores = spread(total, 9);
        if (scores[8] > 0 && total < 27) std::swap(scores[8], scores[0]);
        auto s = score(phq, by_scores(phq, scores));
        REQUIRE(s.ok());
        CHECK(s->complete);
        CHECK(s->total == total);
        CHECK(s->band == band);
        CHECK(s->max_total == 27);
    }
}

TEST_CASE("GAD-7 scores 0 to 21 with bands at 5 10 15") {
    const auto& gad = shipped("gad-7");
    const std::vector<std::pair<int, std::string>> edges = {
        {0, "minimal"}, {4, "minimal"}, {5, "mild"}, {9, "mild"},
        {10, "moderate"}, {14, "moderate"}, {15, "severe"}, {21, "severe"}};
    for (const auto& [total, band] : edges) {
        CAPTURE(total);
        auto s = score(gad, by_scores(gad, spread(total, 7)));
        REQUIRE(s.ok());
        CHECK(s->total == total);
        CHECK(s->band == band);
        CHECK(s->flags.empty());
    }
}

TEST_CASE("PHQ-9 item 9 above not at all is a risk flag and 0 says nothing") {
    const auto& phq = shipped("phq-9");
    for (double item9 : {1.0, 2.0, 3.0}) {
        std::vector<double> scores(9, 0);
        scores[8] = item9;
        auto s = score(phq, by_scores(phq, scores));
        REQUIRE(s.ok());
        REQUIRE(s->flags.size() == 1);
        CHECK(s->flags[0].find("self-harm") != std::string::npos);
        auto r = make_response(phq, *s, Timestamp{1796000000, "UTC"});
        CHECK(r.flags == s->flags);
        CHECK(summary(r).find("flagged") != std::string::npos);
    }
    // Item 9 alone, the rest unanswered: still flagged (an incomplete form does not hide it).
    auto partial = score(phq, {{"/44260-8", 2, std::nullopt}});
    REQUIRE(partial.ok());
    CHECK_FALSE(partial->complete);
    CHECK(partial->flags.size() == 1);
    // 0 on item 9: no flag, and no reassuring words either.
    auto zero = score(phq, by_scores(phq, std::vector<double>(9, 0)));
    REQUIRE(zero.ok());
    CHECK(zero->flags.empty());
    auto text = summary(make_response(phq, *zero, Timestamp{1796000000, "UTC"}));
    CHECK(text == "0 of 27 — minimal");
    for (const char* reassuring : {"no risk", "safe", "not at risk", "no thoughts"})
        CHECK(text.find(reassuring) == std::string::npos);
}

TEST_CASE("a missing answer makes the total incomplete never a partial sum") {
    const auto& phq = shipped("phq-9");
    auto answers = by_scores(phq, {3, 3, 3, 3, 3, 3, 3, 3});  // item 9 left out
    auto s = score(phq, answers);
    REQUIRE(s.ok());
    CHECK_FALSE(s->complete);
    CHECK_FALSE(s->total.has_value());
    CHECK(s->band.empty());
    CHECK(s->missing == std::vector<std::string>{"/44260-8"});
    auto r = make_response(phq, *s, Timestamp{1796000000, "UTC"});
    CHECK(r.status == ResponseStatus::in_progress);
    CHECK(summary(r) == "incomplete");
}

TEST_CASE("the missing-answer rule a resource states is followed") {
    // Prorate up to one missing item: 3 items of max 2, two answered 2 and 1 -> round(3 * 3/2) = 5.
    auto ins = parse(R"({"resourceType": "Questionnaire", "id": "prorated",
      "extension": [{"url": "urn:afterglow:fhir:missing-answers", "extension": [
          {"url": "rule", "valueCode": "prorate"}, {"url": "max-missing", "valueInteger": 1}]}],
      "item": [
        {"linkId": "a", "type": "choice", "answerOption": [
          {"valueCoding": {"code": "0"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 0}]},
          {"valueCoding": {"code": "1"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 1}]},
          {"valueCoding": {"code": "2"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 2}]}]},
        {"linkId": "b", "type": "choice", "answerOption": [
          {"valueCoding": {"code": "0"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 0}]},
          {"valueCoding": {"code": "1"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 1}]},
          {"valueCoding": {"code": "2"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 2}]}]},
        {"linkId": "c", "type": "choice", "answerOption": [
          {"valueCoding": {"code": "0"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 0}]},
          {"valueCoding": {"code": "1"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 1}]},
          {"valueCoding": {"code": "2"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 2}]}]}]})");
    auto one_missing = score(ins, {{"a", 2, std::nullopt}, {"b", 1, std::nullopt}});
    REQUIRE(one_missing.ok());
    CHECK(one_missing->complete);
    CHECK(one_missing->total == 5);
    auto two_missing = score(ins, {{"a", 2, std::nullopt}});
    REQUIRE(two_missing.ok());
    CHECK_FALSE(two_missing->total.has_value());
}

TEST_CASE("enableWhen shows the difficulty question only after a problem") {
    const auto& phq = shipped("phq-9");
    auto none = by_scores(phq, std::vector<double>(9, 0));
    auto asked = enabled_questions(phq, none);
    CHECK(asked.size() == 9);  // the difficulty question stays hidden
    auto some = by_scores(phq, {0, 1, 0, 0, 0, 0, 0, 0, 0});
    asked = enabled_questions(phq, some);
    REQUIRE(asked.size() == 10);
    CHECK(asked.back()->link_id == "/69722-7");
    // An answer to a question that is not enabled is dropped, not scored or exported.
    none.push_back({"/69722-7", 1, std::nullopt});
    auto s = score(phq, none);
    REQUIRE(s.ok());
    CHECK(s->answers.size() == 9);
    some.push_back({"/69722-7", 1, std::nullopt});
    auto t = score(phq, some);
    REQUIRE(t.ok());
    CHECK(t->answers.size() == 10);
    CHECK(t->total == 1);  // the difficulty question has no score
}

TEST_CASE("enableWhen on numbers and booleans with any and all") {
    auto ins = parse(R"({"resourceType": "Questionnaire", "id": "ew",
      "item": [
        {"linkId": "n", "type": "integer"},
        {"linkId": "b", "type": "boolean"},
        {"linkId": "big", "type": "decimal", "enableWhen": [{"question": "n", "operator": ">=", "answerInteger": 10}]},
        {"linkId": "both", "type": "decimal", "enableBehavior": "all", "enableWhen": [
            {"question": "n", "operator": "<", "answerInteger": 5}, {"question": "b", "operator": "exists", "answerBoolean": true}]},
        {"linkId": "either", "type": "decimal", "enableBehavior": "any", "enableWhen": [
            {"question": "n", "operator": "=", "answerInteger": 7}, {"question": "b", "operator": "=", "answerBoolean": true}]}]})");
    auto ids = [&](const std::vector<Answer>& a) {
        std::vector<std::string> out;
        for (const auto* q : enabled_questions(ins, a)) out.push_back(q->link_id);
        return out;
    };
    CHECK(ids({}) == std::vector<std::string>{"n", "b"});
    CHECK(ids({{"n", std::nullopt, 12}}) == std::vector<std::string>{"n", "b", "big"});
    CHECK(ids({{"n", std::nullopt, 3}, {"b", std::nullopt, 0}}) == std::vector<std::string>{"n", "b", "both"});
    CHECK(ids({{"n", std::nullopt, 7}}) == std::vector<std::string>{"n", "b", "either"});
    CHECK(ids({{"n", std::nullopt, 1}, {"b", std::nullopt, 1}}) == std::vector<std::string>{"n", "b", "both", "either"});
}

TEST_CASE("reverse and weighted options score by their weights") {
    auto ins = parse(R"({"resourceType": "Questionnaire", "id": "weights",
      "item": [
        {"linkId": "reverse", "type": "choice", "answerOption": [
          {"valueCoding": {"code": "never"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 3}]},
          {"valueCoding": {"code": "sometimes"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 2}]},
          {"valueCoding": {"code": "often"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 1}]},
          {"valueCoding": {"code": "always"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 0}]}]},
        {"linkId": "weighted", "type": "choice", "answerOption": [
          {"valueCoding": {"code": "no", "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 0}]}},
          {"valueCoding": {"code": "yes", "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 2.5}]}}]}]})");
    CHECK(ins.max_total() == 5.5);
    auto s = score(ins, {{"reverse", 0, std::nullopt}, {"weighted", 1, std::nullopt}});
    REQUIRE(s.ok());
    CHECK(s->total == 5.5);
    s = score(ins, {{"reverse", 3, std::nullopt}, {"weighted", 0, std::nullopt}});
    REQUIRE(s.ok());
    CHECK(s->total == 0);
    CHECK(option_for_value(*ins.find("reverse"), 3) == std::size_t{0});
}

TEST_CASE("an SDC style PHQ-9 imports and scores like ours") {
    auto sdc = parse(fixture("sdc-style-phq9.json"), "sdc-style-phq9.json");
    CHECK(sdc.canonical() == "http://example.org/fhir/Questionnaire/sdc-style-phq9|0.0.1");
    auto items = sdc.scored_items();
    REQUIRE(items.size() == 9);
    CHECK(items[0]->options.size() == 4);  // from the contained ValueSet
    CHECK(items[0]->options[3].score == 3);
    REQUIRE(sdc.total_item() != nullptr);
    CHECK(sdc.total_item()->type == ItemType::quantity);
    CHECK(sdc.bands.empty());  // the example has its bands only as prose
    adopt_rules(sdc, default_pack().instruments);  // matched by the total's LOINC code 44261-6
    CHECK(sdc.bands.size() == 5);
    REQUIRE(items[8]->risk.has_value());
    std::vector<double> scores = {1, 2, 0, 3, 1, 0, 2, 1, 1};
    auto a = score(sdc, by_scores(sdc, scores));
    auto b = score(shipped("phq-9"), by_scores(shipped("phq-9"), scores));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->total == 11);
    CHECK(a->total == b->total);
    CHECK(a->band == "moderate");
    CHECK(a->flags.size() == 1);
}

TEST_CASE("a GAD-7 written by a form tool imports and scores") {
    auto gad = parse(fixture("gad7-formtool.json"), "gad7-formtool.json");
    CHECK(gad.questions().size() == 7);
    CHECK(gad.max_total() == 21);
    adopt_rules(gad, default_pack().instruments);  // matched by Questionnaire.code 69737-5
    CHECK(gad.bands.size() == 4);
    auto s = score(gad, by_scores(gad, {3, 3, 3, 3, 3, 0, 0}));
    REQUIRE(s.ok());
    CHECK(s->total == 15);
    CHECK(s->band == "severe");
}

TEST_CASE("bad Questionnaires each get one clear error") {
    auto msg = parse_error(R"({"resourceType": "Questionnaire", "id": "x", "item": [{"type": "display", "text": "hi"}]})");
    CHECK(msg == "bad.json: item[0].linkId is missing. Nothing was changed.");
    msg = parse_error(R"({"resourceType": "Questionnaire", "id": "x", "item": [
        {"linkId": "a", "type": "integer"}, {"linkId": "g", "type": "group", "item": [{"linkId": "a", "type": "integer"}]}]})");
    CHECK(msg.find("item[1].item[0].linkId") != std::string::npos);
    CHECK(msg.find("\"a\" is used by an earlier item") != std::string::npos);
    msg = parse_error(R"({"resourceType": "Questionnaire", "id": "x", "item": [{"linkId": "a", "type": "slider"}]})");
    CHECK(msg.find("item[0].type \"slider\" is not a FHIR R4 item type") != std::string::npos);
    msg = parse_error(R"({"resourceType": "Questionnaire", "id": "x", "item": [{"linkId": "a", "type": "attachment"}]})");
    CHECK(msg.find("does not support") != std::string::npos);
    msg = parse_error(R"({"resourceType": "Patient", "id": "x"})");
    CHECK(msg.find("resourceType must be \"Questionnaire\"") != std::string::npos);
    msg = parse_error(R"({"resourceType": "Questionnaire", "id": "x", "item": [{"linkId": "a", "type": "choice"}]})");
    CHECK(msg.find("choice without answer options") != std::string::npos);
    msg = parse_error(R"({"resourceType": "Questionnaire", "id": "x", "item": [{"linkId": "a", "type": "string",
        "enableWhen": [{"question": "nope", "operator": "exists", "answerBoolean": true}]}]})");
    CHECK(msg.find("\"nope\"") != std::string::npos);
    msg = parse_error(R"({"resourceType": "Questionnaire", "id": "x", "item": [)");
    CHECK(msg.find("is not valid JSON") != std::string::npos);

    std::string many = R"({"resourceType": "Questionnaire", "id": "x", "item": [)";
    for (int i = 0; i < 10000; ++i) many += (i ? "," : "") + std::string(R"({"linkId": "i)") + std::to_string(i) + R"(", "type": "integer"})";
    many += "]}";
    msg = parse_error(many);
    CHECK(msg.find("has 10000 items (at most 1000)") != std::string::npos);

    auto nested = [](int depth) {
        std::string s = R"({"resourceType": "Questionnaire", "id": "x", "item": [)";
        for (int i = 0; i < depth; ++i) s += R"({"linkId": "g)" + std::to_string(i) + R"(", "type": "group", "item": [)";
        s += R"({"linkId": "leaf", "type": "integer"})";
        for (int i = 0; i < depth; ++i) s += "]}";
        return s + "]}";
    };
    CHECK(parse_questionnaire(nested(7), "ok.json").ok());
    msg = parse_error(nested(9));
    CHECK(msg.find("nests items deeper than 8 levels") != std::string::npos);
    msg = parse_error(nested(5000));
    CHECK(msg.find("nests deeper than 32 levels") != std::string::npos);
}

TEST_CASE("answers out of range are refused with a message") {
    const auto& phq = shipped("phq-9");
    auto r = score(phq, {{"/44250-9", 4, std::nullopt}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("4 options") != std::string::npos);
    r = score(phq, {{"nope", 0, std::nullopt}});
    REQUIRE_FALSE(r.ok());
    r = score(phq, {{"/44250-9", 0, std::nullopt}, {"/44250-9", 1, std::nullopt}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("twice") != std::string::npos);
    CHECK_FALSE(option_for_value(*phq.scored_items()[0], 7).has_value());
}

TEST_CASE("score-only entries check the range and get the band") {
    const auto& phq = shipped("phq-9");
    auto r = make_score_only(phq, 16, Timestamp{1796000000, "America/New_York"});
    REQUIRE(r.ok());
    CHECK(r->status == ResponseStatus::score_only);
    CHECK(r->band == "moderately severe");
    CHECK(r->total_link_id == "/44261-6");
    CHECK(r->questionnaire == "urn:afterglow:fhir:Questionnaire/phq-9|1");
    for (double bad : {-1.0, 28.0, 3.5}) CHECK_FALSE(make_score_only(phq, bad, Timestamp{}).ok());
    auto err = make_score_only(phq, 28, Timestamp{});
    CHECK(err.error().message == "PHQ-9 totals run from 0 to 27 in whole numbers.");
}
