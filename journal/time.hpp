// Time as the journal stores it: a UTC instant (seconds since the Unix epoch) plus the IANA
// zone it was recorded in. Shown and exported as ISO 8601 with the UTC offset.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace afterglow::journal {

struct Timestamp {
    std::int64_t utc = 0;  // seconds since 1970-01-01T00:00:00Z
    std::string zone;      // IANA zone name, e.g. "Europe/Berlin"; empty means UTC

    friend bool operator==(const Timestamp&, const Timestamp&) = default;
    friend auto operator<=>(const Timestamp& a, const Timestamp& b) { return a.utc <=> b.utc; }
};

// The zone this process runs in: $TZ, else /etc/timezone, else /etc/localtime's link, else "UTC".
const std::string& local_zone();
Timestamp now();
Timestamp from_utc(std::int64_t utc);  // with local_zone()

// "2026-11-25T21:49:28+01:00": local wall time of this process's zone with its offset.
std::string to_iso8601(const Timestamp& t);
// "2026-11-25T20:49:28Z"
std::string to_iso8601_utc(std::int64_t utc);
// "2026-11-25" in local time
std::string to_local_date(std::int64_t utc);
// The last second of the local calendar day that holds `utc` (a day is 23, 24 or 25 hours
// long across a DST change; never assume 86,400 seconds).
std::int64_t end_of_local_day(std::int64_t utc);
// strftime() of an instant in this process's zone, or in UTC ("%Y%m%dT%H%M%SZ" for iCalendar).
std::string format_local(std::int64_t utc, const char* strftime_format);
std::string format_utc(std::int64_t utc, const char* strftime_format);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" (local time) and either with "Z" or "±HH:MM".
std::optional<std::int64_t> parse_iso8601(std::string_view text);

}  // namespace afterglow::journal
