#include "journal/testing.hpp"

namespace afterglow::journal::testing {
namespace {
thread_local Determinism* current = nullptr;  // per thread: another thread's run is untouched
}

Determinism::Determinism(std::function<std::int64_t()> clock, std::function<RecordId()> new_id)
    : clock_(std::move(clock)), new_id_(std::move(new_id)), outer_(current) {
    current = this;
}

Determinism::~Determinism() { current = outer_; }

std::optional<std::int64_t> Determinism::clock() {
    if (!current || !current->clock_) return std::nullopt;
    return current->clock_();
}

std::optional<RecordId> Determinism::new_id() {
    if (!current || !current->new_id_) return std::nullopt;
    return current->new_id_();
}

}  // namespace afterglow::journal::testing
