#include "app/core/journal_filter.hpp"

#include <algorithm>
#include <unordered_set>

#include "app/core/view_state.hpp"
#include "crypto/secret.hpp"

namespace afterglow::app {

bool FilteredList::refresh(const std::vector<EntryRow>& rows, std::uint64_t generation, const JournalFilter& f,
                           const std::vector<journal::RecordId>* search_hits) {
    if (valid_ && generation == generation_ && f == filter_) return false;
    std::unordered_set<journal::RecordId, journal::RecordIdHash> hits;
    const bool searching = !f.query.empty() && search_hits;
    if (searching) hits.insert(search_hits->begin(), search_hits->end());
    indices_.clear();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        if (f.kind && r.kind != *f.kind) continue;
        if (f.session && r.session != f.session) continue;
        if (!f.tag.empty() && std::find(r.tags.begin(), r.tags.end(), f.tag) == r.tags.end()) continue;
        if (f.from && r.created < *f.from) continue;
        if (f.to && r.created >= *f.to) continue;
        if (searching && !hits.count(r.id)) continue;
        indices_.push_back(static_cast<std::uint32_t>(i));
    }
    filter_ = f;
    generation_ = generation;
    valid_ = true;
    ++rebuilds_;
    return true;
}

void FilteredList::wipe() {
    crypto::wipe(filter_.query);
    crypto::wipe(filter_.tag);
    filter_ = {};
    indices_.clear();
    valid_ = false;
}

}  // namespace afterglow::app
