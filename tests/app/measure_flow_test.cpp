// Taking a questionnaire item by item in the app (measure_flow.hpp) with the shipped PHQ-9 and
// GAD-7. The flow itself (enableWhen, the risk rule, finishing) is tested with the journal:
// tests/journal/test_questionnaire_flow.cpp.
#include <doctest/doctest.h>

#include "app/core/measure_flow.hpp"
#include "journal/content/pack.hpp"

using namespace afterglow;
using namespace afterglow::app;
namespace content = afterglow::journal::content;

namespace {
const content::Instrument& phq9() {
    const auto* i = content::default_pack().instrument("phq-9");
    REQUIRE(i);
    return *i;
}
}  // namespace

TEST_CASE("measure flow: PHQ-9 progress counts the questions that can still be asked") {
    MeasureForm f;
    f.instrument = "phq-9";
    QuestionView q = question_at(phq9(), f);
    REQUIRE(q.item);
    CHECK(q.number == 1);
    CHECK(q.count == 10);  // "how difficult" counts until every problem is answered "not at all"
    CHECK(q.item->text == "Little interest or pleasure in doing things");
    CHECK(q.stem.find("Over the last 2 weeks") == 0);
    CHECK_FALSE(q.chosen);
    const AnswerOutcome a = answer_current(phq9(), f, 1);
    CHECK_FALSE(a.risk);
    CHECK_FALSE(a.finished);
    q = question_at(phq9(), f);
    CHECK(q.number == 2);
    CHECK(q.count == 10);  // a problem checked: the difficulty question stays
    MeasureForm none;
    for (int i = 0; i < 8; ++i) answer_current(phq9(), none, 0);
    CHECK(question_at(phq9(), none).count == 10);  // item 9 unanswered: not "not at all" yet
    answer_current(phq9(), none, 0);
    CHECK(question_at(phq9(), none).count == 9);
}

TEST_CASE("measure flow: a risk answer opens help at once with the instrument's rule") {
    MeasureForm f;
    for (int i = 0; i < 8; ++i) CHECK_FALSE(answer_current(phq9(), f, 0).risk);
    const AnswerOutcome a = answer_current(phq9(), f, 1);  // item 9 above not at all
    REQUIRE(a.risk);
    CHECK(a.risk->message == "Thoughts of being better off dead or of self-harm");
    CHECK(f.index == 9);  // the difficulty question follows
    CHECK_FALSE(a.finished);
    CHECK(answer_current(phq9(), f, 0).finished);
    CHECK_FALSE(question_at(phq9(), f).item);
}

TEST_CASE("measure flow: an option the question does not have changes nothing") {
    MeasureForm f;
    const AnswerOutcome a = answer_current(phq9(), f, 4);
    CHECK_FALSE(a.risk);
    CHECK_FALSE(a.finished);
    CHECK(f.answers.empty());
    CHECK(f.index == 0);
}

TEST_CASE("measure flow: going back shows the answer given and changing it keeps the rest") {
    MeasureForm f;
    answer_current(phq9(), f, 2);
    answer_current(phq9(), f, 1);
    f.index = 0;
    QuestionView q = question_at(phq9(), f);
    REQUIRE(q.chosen);
    CHECK(*q.chosen == 2);
    answer_current(phq9(), f, 0);
    CHECK(f.index == 1);
    CHECK(f.answers.size() == 2);
    CHECK(*question_at(phq9(), f).chosen == 1);
    CHECK(first_unanswered(phq9(), f.answers) == 2);
}

TEST_CASE("measure flow: digits pick by score") {
    const auto* gad = content::default_pack().instrument("gad-7");
    REQUIRE(gad);
    const auto& item = *gad->scored_items().front();
    CHECK(option_for_digit(item, 0) == std::optional<std::size_t>(0));
    CHECK(option_for_digit(item, 3) == std::optional<std::size_t>(3));
    CHECK_FALSE(option_for_digit(item, 4));
    CHECK_FALSE(option_for_digit(item, -1));
}
