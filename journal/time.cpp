#include "journal/time.hpp"

#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "journal/testing.hpp"

namespace afterglow::journal {
namespace {

std::string detect_zone() {
    if (const char* tz = std::getenv("TZ"); tz && *tz) {
        std::string z = tz;
        if (z[0] == ':') z.erase(0, 1);
        return z;
    }
    std::ifstream f("/etc/timezone");
    std::string z;
    if (f && std::getline(f, z) && !z.empty()) return z;
    std::error_code ec;
    auto target = std::filesystem::read_symlink("/etc/localtime", ec);
    if (!ec) {
        auto s = target.string();
        auto pos = s.find("zoneinfo/");
        if (pos != std::string::npos) return s.substr(pos + 9);
    }
    return "UTC";
}

// Days from civil date (proleptic Gregorian), H. Hinnant's algorithm.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = 0; i < n; ++i) {
        char c = s[pos + i];
        if (c < '0' || c > '9') return false;
        out = out * 10 + (c - '0');
    }
    return true;
}

}  // namespace

const std::string& local_zone() {
    static const std::string zone = detect_zone();
    return zone;
}

Timestamp from_utc(std::int64_t utc) { return Timestamp{utc, local_zone()}; }

Timestamp now() {
    if (auto t = testing::Determinism::clock()) return from_utc(*t);  // a test's clock (testing.hpp)
    return from_utc(static_cast<std::int64_t>(std::time(nullptr)));
}

std::string to_iso8601(const Timestamp& t) {
    std::time_t tt = static_cast<std::time_t>(t.utc);
    std::tm tm{};
    localtime_r(&tt, &tm);
    long off = tm.tm_gmtoff;
    char buf[64];
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    off %= 100 * 3600;
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off / 3600,
                  (off % 3600) / 60);
    return buf;
}

namespace {
std::string format_tm(std::int64_t utc, const char* strftime_format, bool local) {
    std::time_t tt = static_cast<std::time_t>(utc);
    std::tm tm{};
    if (local) localtime_r(&tt, &tm);
    else gmtime_r(&tt, &tm);
    char buf[96];
    std::size_t n = std::strftime(buf, sizeof buf, strftime_format, &tm);
    return std::string(buf, n);
}
}  // namespace

std::string format_local(std::int64_t utc, const char* f) { return format_tm(utc, f, true); }
std::string format_utc(std::int64_t utc, const char* f) { return format_tm(utc, f, false); }

std::string to_iso8601_utc(std::int64_t utc) { return format_utc(utc, "%Y-%m-%dT%H:%M:%SZ"); }

std::string to_local_date(std::int64_t utc) { return format_local(utc, "%Y-%m-%d"); }

std::int64_t end_of_local_day(std::int64_t utc) {
    std::time_t tt = static_cast<std::time_t>(utc);
    std::tm tm{};
    localtime_r(&tt, &tm);
    std::tm next{};
    next.tm_year = tm.tm_year;
    next.tm_mon = tm.tm_mon;
    next.tm_mday = tm.tm_mday + 1;  // mktime normalises the month and year
    next.tm_isdst = -1;             // midnight's own offset, whatever today's was
    return static_cast<std::int64_t>(mktime(&next)) - 1;
}

std::optional<std::int64_t> parse_iso8601(std::string_view s) {
    int y, mo, d, h = 0, mi = 0, se = 0;
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) ||
        s[7] != '-' || !digits(s, 8, 2, d))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
    std::size_t pos = 10;
    if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
        if (!digits(s, pos + 1, 2, h) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, mi))
            return std::nullopt;
        pos += 6;
        if (pos < s.size() && s[pos] == ':') {
            if (!digits(s, pos + 1, 2, se)) return std::nullopt;
            pos += 3;
        }
        if (h > 23 || mi > 59 || se > 60) return std::nullopt;
    }
    std::int64_t local = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                         h * 3600 + mi * 60 + se;
    if (pos == s.size()) {
        // Local wall time: let the C library apply this zone's offset (and DST).
        std::tm tm{};
        tm.tm_year = y - 1900;
        tm.tm_mon = mo - 1;
        tm.tm_mday = d;
        tm.tm_hour = h;
        tm.tm_min = mi;
        tm.tm_sec = se;
        tm.tm_isdst = -1;
        std::time_t t = mktime(&tm);
        if (t == static_cast<std::time_t>(-1)) return std::nullopt;
        return static_cast<std::int64_t>(t);
    }
    if (s[pos] == 'Z' && pos + 1 == s.size()) return local;
    if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':') {
        int oh, om;
        if (!digits(s, pos + 1, 2, oh) || !digits(s, pos + 4, 2, om)) return std::nullopt;
        std::int64_t off = oh * 3600 + om * 60;
        return s[pos] == '+' ? local - off : local + off;
    }
    return std::nullopt;
}

}  // namespace afterglow::journal
