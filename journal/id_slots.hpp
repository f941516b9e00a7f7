// Where each record of the index is: record id → (sort key, list), in one flat table (open
// addressing, linear probing, keyed hash). The index fills it with every record at unlock: a
// node-based map allocated one node per record there (and freed one per record on lock).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "journal/types.hpp"

namespace afterglow::journal {

class IdSlots {
public:
    struct Slot {
        std::int64_t key;   // the record's sort key in its list
        std::uint8_t kind;  // which list
    };
    void clear();                      // frees the table
    void reserve(std::size_t n);       // room for n ids without growing
    const Slot* find(const RecordId& id) const;
    void put(const RecordId& id, Slot slot);  // inserts or replaces
    bool erase(const RecordId& id);
    std::size_t size() const { return count_; }

private:
    struct Cell {
        RecordId id;
        Slot slot{};
        bool used = false;
    };
    std::size_t home(const RecordId& id) const { return RecordIdHash{}(id) & (cells_.size() - 1); }
    void grow_to(std::size_t capacity);
    std::vector<Cell> cells_;  // a power of two long, at most 3/4 used (or empty)
    std::size_t count_ = 0;
};

}  // namespace afterglow::journal
