// Taking a questionnaire item by item: which question is asked now, what "3 of 9" says, and
// what an answer does (advance, finish, or a risk answer that opens the crisis screen at
// once). The flow itself is journal/content/questionnaire_flow.hpp, which the CLI follows too;
// this adapts it to the form. Unit-tested in tests/app/measure_flow_test.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "app/core/measure_forms.hpp"
#include "journal/content/instrument.hpp"
#include "journal/content/questionnaire_flow.hpp"

namespace afterglow::app {

struct QuestionView {
    const journal::content::ItemDef* item = nullptr;  // nullptr: every question is answered
    std::size_t number = 0, count = 0;                // "Question 3 of 9" (number is 1-based)
    std::optional<std::size_t> chosen;                // the option picked before (back, resume)
    std::string stem;  // the instrument's instruction shown above its questions, if any
};
QuestionView question_at(const journal::content::Instrument& ins, const MeasureForm& f);

// The position of the first question asked now without an answer (== count when all are).
std::size_t first_unanswered(const journal::content::Instrument& ins,
                             const std::vector<journal::content::Answer>& answers);

// risk: the rule the answer broke (open the crisis screen now; the answer is kept and
// flagged); finished: no question left (score and show the result).
using AnswerOutcome = journal::content::AnswerStep;
// Records `option` as the answer to the current question and moves to the next one
// (content::record_answer). An answer that disables later questions drops their answers.
AnswerOutcome answer_current(const journal::content::Instrument& ins, MeasureForm& f, std::size_t option);

// The option a typed digit picks ("0" = the option scored 0, else the option at that
// position counting from 1), or nullopt.
std::optional<std::size_t> option_for_digit(const journal::content::ItemDef& item, int digit);

}  // namespace afterglow::app
