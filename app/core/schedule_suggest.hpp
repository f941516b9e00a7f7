// Schedule suggestions, never prescriptions (DESIGN §2): after the first medicine session,
// the rest of an induction series as dates (default 6 sessions in all, twice a week: every
// 3 then 4 days, so 6 sessions take 2.5 weeks); after the series, one maintenance session
// (often every 4–12 weeks; suggested 4 weeks after the last). Pure: sessions and a time in,
// dates out (tests/app/schedule_suggest_test.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "journal/types.hpp"

namespace afterglow::app {

inline constexpr int kSeriesMin = 3, kSeriesMax = 6, kSeriesDefault = 6;
inline constexpr int kMaintenanceWeeksMin = 4, kMaintenanceWeeksMax = 12;

enum class SuggestionKind : std::uint8_t { induction, maintenance };

struct ScheduleSuggestion {
    SuggestionKind kind = SuggestionKind::induction;
    journal::RecordId after;          // the last medicine session (route, provider, length copied)
    int in_series = 0;                // medicine sessions in the first series so far
    std::vector<std::int64_t> dates;  // suggested start times (the last session's time of day)
};

// Twice a week after `last`: +3 days, +4, +3, … at the same local time of day, `count` dates;
// none earlier than `not_before` (the series shifts forward as a whole).
std::vector<std::int64_t> induction_dates(std::int64_t last, int count, std::int64_t not_before);

// nullopt when nothing should be suggested: no medicine session yet, one is still to come, or
// the last one has not ended.
std::optional<ScheduleSuggestion> suggest_schedule(const std::vector<journal::Session>& all, std::int64_t now,
                                                   int series_total = kSeriesDefault);

}  // namespace afterglow::app
