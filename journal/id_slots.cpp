#include "journal/id_slots.hpp"

#include <utility>

namespace afterglow::journal {

void IdSlots::clear() {
    std::vector<Cell>().swap(cells_);
    count_ = 0;
}

void IdSlots::reserve(std::size_t n) {
    std::size_t capacity = 16;
    while (capacity / 4 * 3 < n) capacity *= 2;
    if (capacity > cells_.size()) grow_to(capacity);
}

void IdSlots::grow_to(std::size_t capacity) {
    std::vector<Cell> old(capacity);
    old.swap(cells_);
    count_ = 0;
    for (const Cell& c : old)
        if (c.used) put(c.id, c.slot);
}

const IdSlots::Slot* IdSlots::find(const RecordId& id) const {
    if (cells_.empty()) return nullptr;
    const std::size_t mask = cells_.size() - 1;
    for (std::size_t i = home(id);; i = (i + 1) & mask) {
        const Cell& c = cells_[i];
        if (!c.used) return nullptr;
        if (c.id == id) return &c.slot;
    }
}

void IdSlots::put(const RecordId& id, Slot slot) {
    if ((count_ + 1) > cells_.size() / 4 * 3) grow_to(cells_.empty() ? 16 : cells_.size() * 2);
    const std::size_t mask = cells_.size() - 1;
    for (std::size_t i = home(id);; i = (i + 1) & mask) {
        Cell& c = cells_[i];
        if (c.used && c.id != id) continue;
        if (!c.used) {
            c.used = true;
            c.id = id;
            ++count_;
        }
        c.slot = slot;
        return;
    }
}

bool IdSlots::erase(const RecordId& id) {
    if (cells_.empty()) return false;
    const std::size_t mask = cells_.size() - 1;
    std::size_t i = home(id);
    for (;; i = (i + 1) & mask) {
        if (!cells_[i].used) return false;
        if (cells_[i].id == id) break;
    }
    // Backward-shift deletion: each later cell of the run moves into the gap when the gap lies
    // between its home and where it is (so every id stays reachable from its home; no markers).
    for (std::size_t j = (i + 1) & mask;; j = (j + 1) & mask) {
        if (!cells_[j].used) break;
        const std::size_t h = home(cells_[j].id);
        const bool movable = i <= j ? (h <= i || h > j) : (h <= i && h > j);
        if (!movable) continue;
        cells_[i] = cells_[j];
        i = j;
    }
    cells_[i] = Cell{};
    --count_;
    return true;
}

}  // namespace afterglow::journal
