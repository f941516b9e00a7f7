#include "journal/content/questionnaire_flow.hpp"

#include <algorithm>

namespace afterglow::journal::content {

NextQuestion next_unanswered(const Instrument& ins, const std::vector<Answer>& answers) {
    const auto asked = enabled_questions(ins, answers);
    NextQuestion next;
    next.count = asked.size();
    for (next.position = 0; next.position < asked.size(); ++next.position) {
        if (!answer_to(answers, asked[next.position]->link_id)) {
            next.item = asked[next.position];
            break;
        }
    }
    return next;
}

std::optional<AnswerStep> record_answer(const Instrument& ins, std::vector<Answer>& answers, Answer a,
                                        std::size_t position) {
    const ItemDef* item = ins.find(a.link_id);
    if (!item || !item->answerable()) return std::nullopt;
    const bool choice = item->type == ItemType::choice || item->type == ItemType::open_choice;
    if (choice ? !a.option || *a.option >= item->options.size() : !a.number) return std::nullopt;

    AnswerStep step;
    step.risk = broken_risk_rule(*item, a);
    auto it = std::find_if(answers.begin(), answers.end(), [&](const Answer& x) { return x.link_id == a.link_id; });
    if (it == answers.end()) answers.push_back(std::move(a));
    else *it = std::move(a);
    // The answers to questions this answer disabled go (score() would drop them too).
    const auto asked = enabled_questions(ins, answers);
    std::erase_if(answers, [&](const Answer& x) {
        return std::none_of(asked.begin(), asked.end(), [&](const ItemDef* q) { return q->link_id == x.link_id; });
    });
    const NextQuestion left = next_unanswered(ins, answers);
    step.next = std::min(position + 1, asked.size());
    step.finished = step.next == asked.size() && !left.item;
    if (step.next == asked.size() && left.item) step.next = left.position;
    return step;
}

}  // namespace afterglow::journal::content
