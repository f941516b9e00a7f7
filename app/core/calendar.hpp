// Calendar arithmetic for the date picker and typed date fields: a month as a grid of weeks
// (Monday first), strict YYYY-MM-DD parsing (2026-02-30 is not a date) and local-day steps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace afterglow::app {

struct Ymd {
    int year = 0, month = 0, day = 0;  // month 1–12, day 1–31
    friend bool operator==(const Ymd&, const Ymd&) = default;
};

int days_in_month(int year, int month);
// 0 = Monday … 6 = Sunday.
int weekday(const Ymd& d);

// "YYYY-MM-DD" exactly, with a day that exists in that month.
std::optional<Ymd> parse_ymd(std::string_view text);
std::string ymd_text(const Ymd& d);  // "2026-12-03"
// The same month moved by `months` (day set to 1).
Ymd add_months(const Ymd& d, int months);
// The local date of a UTC time, and that local date + `days` at the same local time of day.
Ymd local_ymd(std::int64_t utc);
std::int64_t add_local_days(std::int64_t utc, int days);

// A sentence for the field when `text` is not a date ("" when it is one, or is empty).
std::string date_problem(std::string_view text);
// The same for a time of day typed as HH:MM ("25:99" is not one).
std::string time_problem(std::string_view text);

// A month laid out in weeks: cell (row, col) is a day number or 0 (outside the month).
struct MonthGrid {
    int year = 0, month = 0;
    int first_col = 0;  // column of day 1 (0 = Monday)
    int days = 0;
    int rows() const { return (first_col + days + 6) / 7; }
    int day_at(int row, int col) const {
        const int d = row * 7 + col - first_col + 1;
        return d >= 1 && d <= days ? d : 0;
    }
};
MonthGrid month_grid(int year, int month);
const char* month_name(int month);  // "December"

}  // namespace afterglow::app
