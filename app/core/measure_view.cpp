#include "app/core/measure_view.hpp"

#include <algorithm>

#include "app/core/journey.hpp"
#include "crypto/secret.hpp"
#include "journal/content/measures.hpp"

namespace afterglow::app {
namespace content = journal::content;

namespace {

MeasurePoint point_of(const journal::MeasureResponse& r) {
    MeasurePoint p;
    p.id = r.meta.id;
    p.time = r.authored.utc;
    p.date = format_date(p.time);
    p.total = r.total.value_or(0);
    p.max = r.total_max;
    p.band = r.band;
    p.score_only = r.status == journal::ResponseStatus::score_only;
    p.flags = r.flags;
    return p;
}

}  // namespace

const InstrumentRow* MeasuresView::find(std::string_view instrument_id) const {
    for (const auto& i : instruments)
        if (i.id == instrument_id) return &i;
    return nullptr;
}

const MeasurePoint* MeasuresView::find_point(const journal::RecordId& id) const {
    for (const auto& i : instruments)
        for (const auto& p : i.history)
            if (p.id == id) return &p;
    return nullptr;
}

void MeasuresView::drop() {
    for (auto& i : instruments)
        for (auto& p : i.history)
            for (auto& f : p.flags) crypto::wipe(f);
    if (care_team)
        for (auto* c : {&care_team->therapist, &care_team->clinic, &care_team->trusted})
            crypto::wipe(c->name), crypto::wipe(c->phone);
    crypto::wipe(imported_pack);
    *this = MeasuresView{};
}

MeasuresView build_measures_view(const journal::Vault& vault, const content::Pack& pack) {
    MeasuresView v;
    for (const auto& ins : pack.instruments) {
        InstrumentRow row;
        row.id = ins.id;
        row.title = ins.display_name();
        row.description = ins.name != row.title ? ins.name : ins.description;
        row.questions = ins.questions().size();
        row.max_total = ins.max_total();
        v.instruments.push_back(std::move(row));
    }
    for (const auto& r : vault.responses()) {  // oldest first
        auto it = std::find_if(v.instruments.begin(), v.instruments.end(),
                               [&](const InstrumentRow& i) { return i.id == r.instrument; });
        if (it == v.instruments.end()) {  // an instrument no longer in the pack: its history stays
            InstrumentRow row;
            row.id = r.instrument;
            row.title = r.title.empty() ? r.instrument : r.title;
            row.max_total = r.total_max;
            v.instruments.push_back(std::move(row));
            it = v.instruments.end() - 1;
        }
        if (r.status == journal::ResponseStatus::in_progress) {
            it->draft = r.meta.id;  // the newest draft wins
            it->draft_answered = r.answers.size();
        } else if (r.total) {
            it->history.push_back(point_of(r));
        }
    }
    for (auto& i : v.instruments)
        std::stable_sort(i.history.begin(), i.history.end(),
                         [](const MeasurePoint& a, const MeasurePoint& b) { return a.time < b.time; });
    v.care_team = content::load_care_team(vault);
    v.pack_in_use = pack.sources.empty() ? pack.name : pack.sources.front();
    for (std::size_t i = 1; i < pack.sources.size(); ++i) v.pack_in_use += " + " + pack.sources[i];
    return v;
}

}  // namespace afterglow::app
