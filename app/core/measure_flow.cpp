#include "app/core/measure_flow.hpp"

#include <algorithm>

namespace afterglow::app {
namespace content = journal::content;

namespace {

const content::Answer* answer_to(const std::vector<content::Answer>& answers, const std::string& link_id) {
    for (const auto& a : answers)
        if (a.link_id == link_id) return &a;
    return nullptr;
}

// The first display item's text (PHQ-9's "Over the last 2 weeks, how often…").
std::string stem_of(const std::vector<content::ItemDef>& items) {
    for (const auto& i : items) {
        if (i.type == content::ItemType::display && !i.text.empty()) return i.text;
        if (i.type == content::ItemType::group) {
            std::string s = stem_of(i.items);
            if (!s.empty()) return s;
        }
    }
    return {};
}

}  // namespace

std::size_t first_unanswered(const content::Instrument& ins, const std::vector<content::Answer>& answers) {
    const auto qs = content::enabled_questions(ins, answers);
    for (std::size_t i = 0; i < qs.size(); ++i)
        if (!answer_to(answers, qs[i]->link_id)) return i;
    return qs.size();
}

QuestionView question_at(const content::Instrument& ins, const MeasureForm& f) {
    QuestionView v;
    const auto qs = content::enabled_questions(ins, f.answers);
    v.count = qs.size();
    v.stem = stem_of(ins.items);
    if (f.index >= qs.size()) return v;
    v.item = qs[f.index];
    v.number = f.index + 1;
    if (const auto* a = answer_to(f.answers, v.item->link_id)) v.chosen = a->option;
    return v;
}

bool is_risk_answer(const content::ItemDef& item, std::size_t option) {
    if (!item.risk || option >= item.options.size()) return false;
    const auto& o = item.options[option];
    const double value = o.score ? *o.score : static_cast<double>(option);
    return value > item.risk->above;
}

AnswerOutcome answer_current(const content::Instrument& ins, MeasureForm& f, std::size_t option) {
    AnswerOutcome out;
    const QuestionView q = question_at(ins, f);
    if (!q.item || option >= q.item->options.size()) return out;
    auto it = std::find_if(f.answers.begin(), f.answers.end(),
                           [&](const content::Answer& a) { return a.link_id == q.item->link_id; });
    content::Answer a{q.item->link_id, option, std::nullopt};
    if (it == f.answers.end()) f.answers.push_back(std::move(a));
    else *it = std::move(a);
    // Answers to questions this answer disabled are left out (score() drops them too).
    const auto enabled = content::enabled_questions(ins, f.answers);
    std::erase_if(f.answers, [&](const content::Answer& x) {
        return std::none_of(enabled.begin(), enabled.end(), [&](const content::ItemDef* d) { return d->link_id == x.link_id; });
    });
    out.risk = is_risk_answer(*q.item, option);
    f.index = std::min(f.index + 1, enabled.size());
    out.finished = f.index >= enabled.size() && first_unanswered(ins, f.answers) >= enabled.size();
    if (f.index >= enabled.size() && !out.finished) f.index = first_unanswered(ins, f.answers);
    return out;
}

std::optional<std::size_t> option_for_digit(const content::ItemDef& item, int digit) {
    if (digit < 0 || digit > 9) return std::nullopt;
    return content::option_for_value(item, static_cast<double>(digit));
}

}  // namespace afterglow::app
