// Taking a questionnaire one question at a time: the one flow that the app's questionnaire
// screen (app/core/measure_flow.hpp) and `afterglow-cli measure take|score` both follow.
// Which questions are asked follows enableWhen (enabled_questions); an answer replaces an
// earlier answer to its question and drops the answers of the questions it disables; the risk
// rule is broken_risk_rule's (instrument.hpp). No I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "journal/content/instrument.hpp"

namespace afterglow::journal::content {

struct NextQuestion {
    const ItemDef* item = nullptr;  // nullptr: every question asked now has an answer
    std::size_t position = 0;       // among the questions asked now (== count without an item)
    std::size_t count = 0;          // how many questions are asked now
};
// The first question asked now that has no answer.
NextQuestion next_unanswered(const Instrument& ins, const std::vector<Answer>& answers);

struct AnswerStep {
    const RiskRule* risk = nullptr;  // the rule the answer broke: say its message, show help now
    bool finished = false;           // past the last question, and every question has an answer
    std::size_t next = 0;            // the position of the question to ask next
};
// Records `a` as the answer to the question at `position` (among those asked now) and says
// what comes next: the question after it or, past the last, the first one left unanswered.
// nullopt (nothing recorded) when `a` does not fit its question: an unknown or unanswerable
// linkId, an option the item does not have, or a number for a choice (or none for a number).
std::optional<AnswerStep> record_answer(const Instrument& ins, std::vector<Answer>& answers, Answer a,
                                        std::size_t position);

}  // namespace afterglow::journal::content
