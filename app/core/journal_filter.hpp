// The journal list's filter and its cached result: rebuilt only when the filter or the data
// generation changes, never per frame.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "journal/types.hpp"

namespace afterglow::app {

struct EntryRow;

struct JournalFilter {
    std::optional<journal::EntryKind> kind;
    std::optional<journal::RecordId> session;
    std::string tag;                      // empty = any
    std::optional<std::int64_t> from, to;  // created time bounds, inclusive/exclusive
    std::string query;                    // search words
    friend bool operator==(const JournalFilter&, const JournalFilter&) = default;
};

class FilteredList {
public:
    // search_hits: ids matching filter.query (from Vault::search), ignored when query is empty.
    // Returns true if the list was rebuilt.
    bool refresh(const std::vector<EntryRow>& rows, std::uint64_t generation, const JournalFilter& f,
                 const std::vector<journal::RecordId>* search_hits);
    const std::vector<std::uint32_t>& indices() const { return indices_; }
    std::size_t rebuilds() const { return rebuilds_; }
    void invalidate() { valid_ = false; }
    // Forgets the cached filter (its search words and tag) on lock.
    void wipe();

private:
    std::vector<std::uint32_t> indices_;
    JournalFilter filter_;
    std::uint64_t generation_ = 0;
    bool valid_ = false;
    std::size_t rebuilds_ = 0;
};

}  // namespace afterglow::app
