#include "app/core/calendar.hpp"

#include <cstdio>
#include <ctime>

namespace afterglow::app {

int days_in_month(int year, int month) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

int weekday(const Ymd& d) {
    // Sakamoto's method: 0 = Sunday; shifted so that 0 = Monday.
    static constexpr int t[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = d.year - (d.month < 3 ? 1 : 0);
    const int sunday_first = (y + y / 4 - y / 100 + y / 400 + t[d.month - 1] + d.day) % 7;
    return (sunday_first + 6) % 7;
}

std::optional<Ymd> parse_ymd(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    auto num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    Ymd d{num(0, 4), num(5, 2), num(8, 2)};
    if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month))
        return std::nullopt;
    return d;
}

std::string ymd_text(const Ymd& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

Ymd add_months(const Ymd& d, int months) {
    int m = d.year * 12 + (d.month - 1) + months;
    return Ymd{m / 12, m % 12 + 1, 1};
}

Ymd local_ymd(std::int64_t utc) {
    const std::time_t t = static_cast<std::time_t>(utc);
    std::tm tm{};
    localtime_r(&t, &tm);
    return Ymd{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::int64_t add_local_days(std::int64_t utc, int days) {
    const std::time_t t = static_cast<std::time_t>(utc);
    std::tm tm{};
    localtime_r(&t, &tm);
    tm.tm_mday += days;
    tm.tm_isdst = -1;  // the same wall-clock time across a DST change
    return static_cast<std::int64_t>(mktime(&tm));
}

std::string date_problem(std::string_view text) {
    if (text.empty() || parse_ymd(text)) return "";
    if (text.size() == 10 && text[4] == '-' && text[7] == '-')
        return "That day does not exist. Pick it on the calendar, or write it as YYYY-MM-DD.";
    return "Not a date yet: write it as YYYY-MM-DD (e.g. 2026-12-03), or pick it on the calendar.";
}

std::string time_problem(std::string_view text) {
    if (text.empty()) return "";
    const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4))
        return "Not a time yet: write it as HH:MM (e.g. 14:30).";
    const int h = (text[0] - '0') * 10 + (text[1] - '0'), m = (text[3] - '0') * 10 + (text[4] - '0');
    if (h > 23 || m > 59) return "That time does not exist: hours go from 00 to 23 and minutes from 00 to 59.";
    return "";
}

MonthGrid month_grid(int year, int month) {
    MonthGrid g;
    g.year = year;
    g.month = month;
    g.days = days_in_month(year, month);
    g.first_col = weekday(Ymd{year, month, 1});
    return g;
}

const char* month_name(int month) {
    static constexpr const char* kNames[12] = {"January", "February", "March",     "April",   "May",      "June",
                                               "July",    "August",   "September", "October", "November", "December"};
    return month >= 1 && month <= 12 ? kNames[month - 1] : "";
}

}  // namespace afterglow::app
