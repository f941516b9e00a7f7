// Taking a questionnaire item by item (measure_flow.hpp) with the shipped PHQ-9 and GAD-7.
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

TEST_CASE("measure flow: all zero finishes after nine and item 9 at 0 is no risk") {
    MeasureForm f;
    AnswerOutcome a;
    for (int i = 0; i < 9; ++i) {
        a = answer_current(phq9(), f, 0);
        CHECK_FALSE(a.risk);
    }
    CHECK(a.finished);
    CHECK(f.answers.size() == 9);
    CHECK_FALSE(question_at(phq9(), f).item);
}

TEST_CASE("measure flow: item 9 above not at all is a risk answer") {
    MeasureForm f;
    for (int i = 0; i < 8; ++i) CHECK_FALSE(answer_current(phq9(), f, 0).risk);
    REQUIRE(question_at(phq9(), f).item->text.find("better off dead") != std::string::npos);
    MeasureForm g = f;
    const AnswerOutcome a = answer_current(phq9(), f, 1);
    CHECK(a.risk);
    CHECK(answer_current(phq9(), g, 3).risk);
    const auto* item9 = phq9().scored_items().at(8);
    CHECK_FALSE(is_risk_answer(*item9, 0));
    CHECK(is_risk_answer(*item9, 2));
    CHECK_FALSE(is_risk_answer(*phq9().scored_items().at(0), 3));  // only item 9 is a risk item
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

TEST_CASE("measure flow: unchecking every problem drops the difficulty answer") {
    MeasureForm f;
    answer_current(phq9(), f, 1);
    for (int i = 1; i < 9; ++i) answer_current(phq9(), f, 0);
    CHECK(question_at(phq9(), f).item->link_id == "/69722-7");
    answer_current(phq9(), f, 2);  // somewhat difficult
    CHECK(f.answers.size() == 10);
    f.index = 0;
    answer_current(phq9(), f, 0);  // no problem checked now: the difficulty question goes
    CHECK(f.answers.size() == 9);
    CHECK(first_unanswered(phq9(), f.answers) == 9);
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
