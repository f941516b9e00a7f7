// The vault's records as sync sees them: id → version and a way to copy the record.
#pragma once

#include <cstdint>
#include <map>
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

// Sorted by id, so every run stamps changes in the same order.
using LocalRecords = std::map<journal::RecordId, LocalRef>;

inline LocalRecords local_records(const journal::Vault& v) {
    LocalRecords out;
    auto add = [&](const auto& list) {
        for (const auto& r : list) out.emplace(r.meta.id, LocalRef{r.meta.version, &r});
    };
    add(v.sessions());
    add(v.entries());
    add(v.checkins());
    add(v.goals());
    add(v.responses());
    add(v.documents());
    return out;
}

}  // namespace afterglow::sync
