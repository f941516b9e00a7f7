#include "app/core/schedule_suggest.hpp"

#include <algorithm>

#include "app/core/calendar.hpp"
#include "journal/schedule.hpp"

namespace afterglow::app {
namespace {

constexpr std::int64_t kDay = 24 * 3600;
constexpr std::int64_t kSeriesGap = 21 * kDay;  // as journal::phase_label: the series ends at a 21-day gap

std::optional<std::int64_t> planned(const journal::Session& s) {
    if (s.scheduled) return s.scheduled->utc;
    if (s.started) return s.started->utc;
    return std::nullopt;
}

}  // namespace

std::vector<std::int64_t> induction_dates(std::int64_t last, int count, std::int64_t not_before) {
    std::vector<std::int64_t> out;
    int offset = 0;
    for (int i = 0; i < count; ++i) {
        offset += i % 2 == 0 ? 3 : 4;
        out.push_back(add_local_days(last, offset));
    }
    // Too late to start where the series left off: move it forward in whole days.
    int shift = 0;
    while (!out.empty() && add_local_days(out.front(), shift) < not_before) ++shift;
    for (auto& t : out) t = add_local_days(t, shift);
    return out;
}

std::optional<ScheduleSuggestion> suggest_schedule(const std::vector<journal::Session>& all, std::int64_t now,
                                                   int series_total) {
    std::vector<const journal::Session*> med;
    for (const auto& s : all)
        if (s.kind == journal::SessionKind::medicine && planned(s)) med.push_back(&s);
    if (med.empty()) return std::nullopt;
    std::stable_sort(med.begin(), med.end(), [](auto* a, auto* b) { return *planned(*a) < *planned(*b); });
    for (const auto& s : all)  // a medicine or maintenance session is already planned
        if ((s.kind == journal::SessionKind::medicine || s.kind == journal::SessionKind::maintenance) && planned(s) &&
            *planned(s) > now)
            return std::nullopt;
    const journal::Session& last = *med.back();
    const auto end = journal::session_end(last);
    if (!end || *end > now) return std::nullopt;

    int series = 1;
    for (std::size_t i = 1; i < med.size() && *planned(*med[i]) - *planned(*med[i - 1]) < kSeriesGap; ++i) ++series;
    const bool last_in_series = series == static_cast<int>(med.size());
    const std::int64_t since = now - *planned(last);
    series_total = std::clamp(series_total, kSeriesMin, kSeriesMax);

    ScheduleSuggestion out;
    out.after = last.meta.id;
    out.in_series = series;
    const bool continue_series = last_in_series && series < series_total && since < kSeriesGap &&
                                 (series < kSeriesMin || since < 7 * kDay);
    const std::int64_t tomorrow = now + kDay / 2;
    if (continue_series) {
        out.kind = SuggestionKind::induction;
        out.dates = induction_dates(*planned(last), series_total - series, tomorrow);
    } else {
        out.kind = SuggestionKind::maintenance;
        std::int64_t t = add_local_days(*planned(last), 7 * kMaintenanceWeeksMin);
        while (t < tomorrow) t = add_local_days(t, 7);
        out.dates = {t};
    }
    return out;
}

}  // namespace afterglow::app
