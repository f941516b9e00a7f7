// Taking a questionnaire item by item: which question is asked now, what "3 of 9" says, and
// what an answer does (advance, finish, or a risk answer that opens the crisis screen at
// once). Pure functions over the instrument and the form; unit-tested in
// tests/app/measure_flow_test.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "app/core/measure_forms.hpp"
#include "journal/content/instrument.hpp"

namespace afterglow::app {

struct QuestionView {
    const journal::content::ItemDef* item = nullptr;  // nullptr: every question is answered
    std::size_t number = 0, count = 0;                // "Question 3 of 9" (number is 1-based)
    std::optional<std::size_t> chosen;                // the option picked before (back, resume)
    std::string stem;  // the instrument's instruction shown above its questions, if any
};
QuestionView question_at(const journal::content::Instrument& ins, const MeasureForm& f);

// The first enabled question without an answer (== count when all are answered).
std::size_t first_unanswered(const journal::content::Instrument& ins,
                             const std::vector<journal::content::Answer>& answers);

// Whether picking `option` for `item` is a risk answer (PHQ-9 item 9 above "not at all").
bool is_risk_answer(const journal::content::ItemDef& item, std::size_t option);

struct AnswerOutcome {
    bool risk = false;      // open the crisis screen now (the answer is kept and flagged)
    bool finished = false;  // no question left: score and show the result
};
// Records `option` as the answer to the current question and moves to the next one.
// An answer to an earlier question that disables later ones drops their answers (score()).
AnswerOutcome answer_current(const journal::content::Instrument& ins, MeasureForm& f, std::size_t option);

// The option a typed digit picks ("0" = the option scored 0, else the option at that
// position counting from 1), or nullopt.
std::optional<std::size_t> option_for_digit(const journal::content::ItemDef& item, int digit);

}  // namespace afterglow::app
