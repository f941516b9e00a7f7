#include "app/core/goal_review.hpp"

#include "app/core/calendar.hpp"
#include "journal/time.hpp"

namespace afterglow::app {
namespace {

constexpr std::string_view kProgress = "progress ";
constexpr std::string_view kDash = " — ";

}  // namespace

std::string review_text(const GoalReview& r) {
    std::string out = r.date + ":";
    if (r.progress >= 0) out += " " + std::string(kProgress) + std::to_string(r.progress) + "/10";
    if (!r.note.empty()) out += (r.progress >= 0 ? std::string(kDash) : std::string(" ")) + r.note;
    return out;
}

GoalReview parse_review(std::string_view line) {
    GoalReview r;
    if (line.size() >= 11 && line[10] == ':' && parse_ymd(line.substr(0, 10))) {
        r.date = std::string(line.substr(0, 10));
        line.remove_prefix(11);
        if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    }
    if (line.substr(0, kProgress.size()) == kProgress) {
        std::string_view rest = line.substr(kProgress.size());
        const auto slash = rest.find("/10");
        int v = 0;
        bool digits = slash != std::string_view::npos && slash > 0 && slash <= 2;
        for (std::size_t i = 0; digits && i < slash; ++i) {
            if (rest[i] < '0' || rest[i] > '9') digits = false;
            else v = v * 10 + (rest[i] - '0');
        }
        if (digits && v <= 10) {
            r.progress = v;
            line = rest.substr(slash + 3);
            if (line.substr(0, kDash.size()) == kDash) line.remove_prefix(kDash.size());
        }
    }
    r.note = std::string(line);
    return r;
}

std::int64_t review_time(const GoalReview& r, std::int64_t fallback) {
    if (r.date.empty()) return fallback;
    auto t = journal::parse_iso8601(r.date + "T12:00");
    return t ? *t : fallback;
}

}  // namespace afterglow::app
