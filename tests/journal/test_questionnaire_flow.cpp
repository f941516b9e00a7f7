// Taking a questionnaire one question at a time (journal/content/questionnaire_flow.hpp), the
// flow the app and the CLI share: with the shipped PHQ-9 (enableWhen on the difficulty
// question, the item-9 risk rule) and a clinic's own Questionnaire with its own risk wording.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "journal/content/pack.hpp"
#include "journal/content/questionnaire_flow.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal::content;

namespace {

const Instrument& phq9() {
    const auto* i = default_pack().instrument("phq-9");
    REQUIRE(i);
    return *i;
}

// Answers the next unanswered question with `option`, as the CLI does.
AnswerStep answer_next(const Instrument& ins, std::vector<Answer>& answers, std::size_t option) {
    const NextQuestion q = next_unanswered(ins, answers);
    REQUIRE(q.item);
    auto step = record_answer(ins, answers, {q.item->link_id, option, std::nullopt}, q.position);
    REQUIRE(step.has_value());
    return *step;
}

// A clinic's own instrument: a number with a risk rule in its own words, and a follow-up that
// only a high number asks.
Instrument sleep_check() {
    auto r = parse_questionnaire(R"({"resourceType": "Questionnaire", "id": "sleep",
      "item": [
        {"linkId": "nights", "type": "integer", "text": "Nights without sleep this week", "extension": [
          {"url": "urn:afterglow:fhir:risk-item", "extension": [
            {"url": "above", "valueDecimal": 4}, {"url": "message", "valueString": "Most nights without sleep"}]}]},
        {"linkId": "why", "type": "decimal", "text": "Hours slept last night",
         "enableWhen": [{"question": "nights", "operator": ">", "answerInteger": 2}]}]})",
                                    "sleep.json");
    REQUIRE_MESSAGE(r.ok(), test::error_of(r));
    return std::move(r.value());
}

}  // namespace

TEST_CASE("questionnaire flow: PHQ-9 asks ten questions until every problem is answered not at all") {
    std::vector<Answer> answers;
    NextQuestion q = next_unanswered(phq9(), answers);
    REQUIRE(q.item);
    CHECK(q.position == 0);
    CHECK(q.count == 10);  // "how difficult" counts until every problem is answered "not at all"
    CHECK(q.item->text == "Little interest or pleasure in doing things");
    for (int i = 0; i < 8; ++i) CHECK_FALSE(answer_next(phq9(), answers, 0).finished);
    CHECK(next_unanswered(phq9(), answers).count == 10);  // item 9 unanswered: not "not at all" yet
    const AnswerStep last = answer_next(phq9(), answers, 0);
    CHECK(last.finished);
    CHECK_FALSE(last.risk);
    CHECK(answers.size() == 9);
    q = next_unanswered(phq9(), answers);
    CHECK_FALSE(q.item);
    CHECK(q.position == 9);
    CHECK(q.count == 9);
}

TEST_CASE("questionnaire flow: PHQ-9 item 9 above not at all breaks the risk rule that score flags") {
    std::vector<Answer> answers;
    for (int i = 0; i < 8; ++i) CHECK_FALSE(answer_next(phq9(), answers, 0).risk);
    const ItemDef* item9 = next_unanswered(phq9(), answers).item;
    REQUIRE(item9);
    REQUIRE(item9->text.find("better off dead") != std::string::npos);
    CHECK_FALSE(broken_risk_rule(*item9, {item9->link_id, 0, std::nullopt}));
    for (std::size_t option : {1, 2, 3}) {
        const RiskRule* rule = broken_risk_rule(*item9, {item9->link_id, option, std::nullopt});
        REQUIRE(rule);
        CHECK(rule->message == "Thoughts of being better off dead or of self-harm");
    }
    CHECK_FALSE(broken_risk_rule(*item9, {item9->link_id, 4, std::nullopt}));  // no such option
    const ItemDef* item1 = phq9().scored_items().front();
    CHECK_FALSE(broken_risk_rule(*item1, {item1->link_id, 3, std::nullopt}));  // only item 9 has a rule

    const AnswerStep step = answer_next(phq9(), answers, 1);
    REQUIRE(step.risk);
    CHECK(step.risk == &*item9->risk);
    CHECK_FALSE(step.finished);  // the difficulty question follows a problem
    auto scored = score(phq9(), answers);
    REQUIRE(scored.ok());
    CHECK(scored.value().flags == std::vector<std::string>{step.risk->message});
}

TEST_CASE("questionnaire flow: changing an earlier answer keeps the rest and drops what it disables") {
    std::vector<Answer> answers;
    answer_next(phq9(), answers, 1);
    for (int i = 1; i < 9; ++i) answer_next(phq9(), answers, 0);
    const NextQuestion difficulty = next_unanswered(phq9(), answers);
    REQUIRE(difficulty.item);
    CHECK(difficulty.item->link_id == "/69722-7");
    CHECK(answer_next(phq9(), answers, 2).finished);  // somewhat difficult
    CHECK(answers.size() == 10);

    // Back to question 1: answered "not at all" now, no problem is left and the difficulty
    // question goes with its answer; the flow moves on to question 2, not to the end.
    const auto first = phq9().scored_items().front()->link_id;
    auto step = record_answer(phq9(), answers, {first, 0, std::nullopt}, 0);
    REQUIRE(step);
    CHECK(step->next == 1);
    CHECK_FALSE(step->finished);
    CHECK(answers.size() == 9);
    CHECK_FALSE(next_unanswered(phq9(), answers).item);
}

TEST_CASE("questionnaire flow: past the last question it goes back to the first one left") {
    std::vector<Answer> answers;
    const auto items = phq9().scored_items();
    for (std::size_t i = 1; i < 9; ++i) REQUIRE(record_answer(phq9(), answers, {items[i]->link_id, 1, std::nullopt}, i));
    const NextQuestion difficulty = next_unanswered(phq9(), answers);
    REQUIRE(difficulty.item);
    CHECK(difficulty.position == 0);  // question 1 comes first
    auto step = record_answer(phq9(), answers, {"/69722-7", 1, std::nullopt}, 9);
    REQUIRE(step);
    CHECK_FALSE(step->finished);  // question 1 has no answer yet
    CHECK(step->next == 0);
    step = record_answer(phq9(), answers, {items[0]->link_id, 0, std::nullopt}, 0);
    REQUIRE(step);
    CHECK(step->next == 1);  // every question answered, but not past the last: not finished
    CHECK_FALSE(step->finished);
    CHECK_FALSE(next_unanswered(phq9(), answers).item);
}

TEST_CASE("questionnaire flow: an answer that does not fit its question records nothing") {
    std::vector<Answer> answers;
    const auto& item1 = *phq9().scored_items().front();
    CHECK_FALSE(record_answer(phq9(), answers, {item1.link_id, 4, std::nullopt}, 0));  // 4 options: 0-3
    CHECK_FALSE(record_answer(phq9(), answers, {item1.link_id, std::nullopt, 2.0}, 0));  // a number for a choice
    CHECK_FALSE(record_answer(phq9(), answers, {"no-such-item", 0, std::nullopt}, 0));
    CHECK(answers.empty());
}

TEST_CASE("questionnaire flow: a clinic's instrument flags numbers in its own words and follows enableWhen") {
    const Instrument ins = sleep_check();
    std::vector<Answer> answers;
    CHECK(next_unanswered(ins, answers).count == 1);
    auto step = record_answer(ins, answers, {"nights", std::nullopt, 2.0}, 0);
    REQUIRE(step);
    CHECK_FALSE(step->risk);
    CHECK(step->finished);  // two nights: the follow-up is not asked

    step = record_answer(ins, answers, {"nights", std::nullopt, 5.0}, 0);
    REQUIRE(step);
    REQUIRE(step->risk);
    CHECK(step->risk->message == "Most nights without sleep");
    CHECK_FALSE(step->finished);
    const NextQuestion q = next_unanswered(ins, answers);
    REQUIRE(q.item);
    CHECK(q.item->link_id == "why");
    CHECK(q.count == 2);
    CHECK_FALSE(record_answer(ins, answers, {"why", 0, std::nullopt}, 1));  // an option for a number
    step = record_answer(ins, answers, {"why", std::nullopt, 3.5}, 1);
    REQUIRE(step);
    CHECK(step->finished);
    auto scored = score(ins, answers);
    REQUIRE(scored.ok());
    CHECK(scored.value().flags == std::vector<std::string>{"Most nights without sleep"});
}
