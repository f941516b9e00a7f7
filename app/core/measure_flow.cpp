#include "app/core/measure_flow.hpp"

namespace afterglow::app {
namespace content = journal::content;

namespace {

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
    return content::next_unanswered(ins, answers).position;
}

QuestionView question_at(const content::Instrument& ins, const MeasureForm& f) {
    QuestionView v;
    const auto qs = content::enabled_questions(ins, f.answers);
    v.count = qs.size();
    v.stem = stem_of(ins.items);
    if (f.index >= qs.size()) return v;
    v.item = qs[f.index];
    v.number = f.index + 1;
    if (const auto* a = content::answer_to(f.answers, v.item->link_id)) v.chosen = a->option;
    return v;
}

AnswerOutcome answer_current(const content::Instrument& ins, MeasureForm& f, std::size_t option) {
    const QuestionView q = question_at(ins, f);
    if (!q.item) return {};
    auto step = content::record_answer(ins, f.answers, {q.item->link_id, option, std::nullopt}, f.index);
    if (!step) return {};
    f.index = step->next;
    return *step;
}

std::optional<std::size_t> option_for_digit(const content::ItemDef& item, int digit) {
    if (digit < 0 || digit > 9) return std::nullopt;
    return content::option_for_value(item, static_cast<double>(digit));
}

}  // namespace afterglow::app
