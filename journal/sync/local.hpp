// The vault's records as sync sees them: id → version and a way to copy the record.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>
#include <variant>

#include "journal/types.hpp"
#include "journal/vault.hpp"

namespace afterglow::sync {

struct LocalRef {
    std::uint64_t version = 0;
    std::variant<const journal::Session*, const journal::Entry*, const journal::CheckIn*, const journal::Goal*,
                 const journal::MeasureResponse*, const journal::Document*>
        ptr;
    journal::Record record() const {
        return std::visit([](const auto* p) { return journal::Record{*p}; }, ptr);
    }
};

// Sorted by id, so every run stamps changes in the same order: one sorted vector (a join
// builds it three times over the whole journal; a map allocated once per record).
class LocalRecords {
public:
    using value_type = std::pair<journal::RecordId, LocalRef>;
    using const_iterator = std::vector<value_type>::const_iterator;
    const_iterator begin() const { return items_.begin(); }
    const_iterator end() const { return items_.end(); }
    std::size_t size() const { return items_.size(); }
    const_iterator find(const journal::RecordId& id) const {
        auto it = std::lower_bound(items_.begin(), items_.end(), id,
                                   [](const value_type& v, const journal::RecordId& k) { return v.first < k; });
        return it != items_.end() && it->first == id ? it : items_.end();
    }
    std::size_t count(const journal::RecordId& id) const { return find(id) != end() ? 1 : 0; }

private:
    friend LocalRecords local_records(const journal::Vault& v);
    std::vector<value_type> items_;
};

inline LocalRecords local_records(const journal::Vault& v) {
    LocalRecords out;
    out.items_.reserve(v.sessions().size() + v.entries().size() + v.checkins().size() + v.goals().size() +
                       v.responses().size() + v.documents().size());
    auto add = [&](const auto& list) {
        for (const auto& r : list) out.items_.emplace_back(r.meta.id, LocalRef{r.meta.version, &r});
    };
    add(v.sessions());
    add(v.entries());
    add(v.checkins());
    add(v.goals());
    add(v.responses());
    add(v.documents());
    // As a map's emplace did: one per id, the first kind listed above wins.
    std::stable_sort(out.items_.begin(), out.items_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    out.items_.erase(std::unique(out.items_.begin(), out.items_.end(),
                                 [](const auto& a, const auto& b) { return a.first == b.first; }),
                     out.items_.end());
    return out;
}

}  // namespace afterglow::sync
