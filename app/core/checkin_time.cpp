#include "app/core/checkin_time.hpp"

#include "app/core/calendar.hpp"
#include "journal/time.hpp"

namespace afterglow::app {

std::string checkin_time(const CheckInForm& f, std::int64_t now, std::int64_t* at) {
    *at = now;
    if (!f.earlier) return "";
    if (f.date.empty()) return "Which day is this check-in for? Write it as YYYY-MM-DD or pick it on the calendar.";
    if (std::string why = date_problem(f.date); !why.empty()) return why;
    if (std::string why = time_problem(f.time); !why.empty()) return why;
    const auto t = journal::parse_iso8601(f.date + "T" + (f.time.empty() ? std::string("12:00") : f.time));
    if (!t) return "Please write the date as YYYY-MM-DD and the time as HH:MM.";
    if (*t > now) return "That time has not come yet: a check-in can be for now or an earlier time.";
    *at = *t;
    return "";
}

}  // namespace afterglow::app
