#include "journal/content/measures.hpp"

#include <algorithm>
#include <cstdio>

namespace afterglow::journal::content {

const MeasureResponse* find_draft(const Vault& vault, std::string_view instrument_id) {
    const MeasureResponse* found = nullptr;
    for (const auto& r : vault.responses())
        if (r.status == ResponseStatus::in_progress && r.instrument == instrument_id) found = &r;
    return found;
}

std::vector<Answer> answers_of(const MeasureResponse& r, const Instrument& ins) {
    std::vector<Answer> out;
    for (const auto& a : r.answers) {
        const ItemDef* q = ins.find(a.link_id);
        if (!q || !q->answerable()) continue;
        Answer in;
        in.link_id = a.link_id;
        if (!a.code.empty()) {
            for (std::size_t i = 0; i < q->options.size(); ++i)
                if (q->options[i].code == a.code && q->options[i].system == a.system) in.option = i;
            if (!in.option) continue;  // the Questionnaire changed: ask again
        } else {
            in.number = a.value;
        }
        out.push_back(std::move(in));
    }
    return out;
}

Result<MeasureResponse> save_answers(Vault& vault, const Instrument& ins, const std::vector<Answer>& answers,
                                     const MeasureResponse* draft, std::optional<RecordId> session) {
    auto s = score(ins, answers);
    if (!s) return s.error();
    MeasureResponse r = make_response(ins, *s, now());
    if (draft) {
        r.meta = draft->meta;
        if (!session) session = draft->session;
        r.note = draft->note;
    }
    r.session = session;
    auto id = vault.save(r);
    if (!id) return id.error();
    for (const auto& x : vault.responses())
        if (x.meta.id == *id) return x;
    return r;
}

std::vector<const MeasureResponse*> history(const Vault& vault, std::string_view instrument_id) {
    std::vector<const MeasureResponse*> out;
    for (const auto& r : vault.responses())
        if (r.instrument == instrument_id && r.status != ResponseStatus::in_progress) out.push_back(&r);
    return out;
}

std::string summary(const MeasureResponse& r) {
    std::string s;
    if (r.total) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g of %g", *r.total, r.total_max);
        s = buf;
        if (!r.band.empty()) s += " — " + r.band;
    } else {
        s = "incomplete";
    }
    if (!r.flags.empty()) {
        s += "; flagged: ";
        for (std::size_t i = 0; i < r.flags.size(); ++i) s += (i ? "; " : "") + r.flags[i];
    }
    return s;
}

std::vector<std::vector<const MeasureResponse*>> by_instrument(const std::vector<MeasureResponse>& responses) {
    std::vector<std::vector<const MeasureResponse*>> out;
    for (const auto& r : responses) {
        if (r.status == ResponseStatus::in_progress) continue;
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& g) { return g.front()->instrument == r.instrument; });
        if (it == out.end()) out.push_back({&r});
        else it->push_back(&r);
    }
    for (auto& g : out)
        std::stable_sort(g.begin(), g.end(), [](const MeasureResponse* a, const MeasureResponse* b) {
            return a->authored.utc < b->authored.utc;
        });
    return out;
}

std::string trend_text(const std::vector<const MeasureResponse*>& series) {
    std::string s;
    for (const auto* r : series) {
        if (!r->total) continue;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", *r->total);
        s += (s.empty() ? "" : " → ") + std::string(buf);
    }
    return s;
}

std::vector<CheckIn> as_chart_points(const std::vector<MeasureResponse>& responses) {
    std::vector<CheckIn> out;
    for (const auto& r : responses) {
        if (!r.total || r.status == ResponseStatus::in_progress) continue;
        CheckIn c;
        c.meta.id = r.meta.id;
        c.at = r.authored;
        c.scores = {{r.title, *r.total, 0, r.total_max}};
        out.push_back(std::move(c));
    }
    std::stable_sort(out.begin(), out.end(), [](const CheckIn& a, const CheckIn& b) { return a.at.utc < b.at.utc; });
    return out;
}

}  // namespace afterglow::journal::content
