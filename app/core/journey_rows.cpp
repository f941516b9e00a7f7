// The journey's rows beyond sessions and entries: goals with their reviews and linked
// entries, the actions being carried into daily life, and the schedule suggestion.
#include <algorithm>

#include "app/core/journey.hpp"
#include "app/core/view_model.hpp"

namespace afterglow::app {

std::string goal_tag(std::string_view title) { return "goal: " + std::string(title); }

void add_journey_rows(VaultView& v, const journal::Vault& vault, std::int64_t now) {
    const auto& entries = vault.entries();  // newest first
    for (const auto& g : vault.goals()) {
        GoalRow r;
        r.id = g.meta.id;
        r.title = g.title;
        r.description = g.description;
        r.status = g.status;
        r.since = format_date(g.meta.created.utc);
        r.last_visit = g.meta.created.utc;
        for (const auto& line : g.reviews) {
            r.reviews.push_back(parse_review(line));
            r.last_visit = std::max(r.last_visit, review_time(r.reviews.back(), r.last_visit));
        }
        const std::string tag = goal_tag(g.title);
        for (const auto& e : entries)
            if (std::find(e.tags.begin(), e.tags.end(), tag) != e.tags.end()) r.linked.push_back(e.meta.id);
        v.goals.push_back(std::move(r));
    }
    for (const auto& e : entries) {
        if (e.kind != journal::EntryKind::integration) continue;
        for (std::size_t i = 0; i < e.actions.size(); ++i)
            v.carrying.push_back({e.meta.id, i, e.actions[i].text, e.actions[i].done,
                                  std::string(journal::label(e.kind)) + " · " + format_date(e.meta.created.utc)});
    }
    std::stable_partition(v.carrying.begin(), v.carrying.end(), [](const CarryRow& c) { return !c.done; });
    v.suggestion = suggest_schedule(vault.sessions(), now);
}

}  // namespace afterglow::app
