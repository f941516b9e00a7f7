// A goal's review as stored in journal::Goal::reviews: one readable line per visit,
// "2026-12-01: progress 7/10 — slept through three nights", so the CLI, Markdown and PDF
// exports show it as it is. Older free-form notes ("2026-10-01: better") read back too.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace afterglow::app {

struct GoalReview {
    std::string date;   // "2026-12-01" (local), "" when the line has none
    int progress = -1;  // 0–10, -1 when not rated
    std::string note;
};

std::string review_text(const GoalReview& r);
GoalReview parse_review(std::string_view line);
// The local time of a review's date (noon), or `fallback` when it has none.
std::int64_t review_time(const GoalReview& r, std::int64_t fallback);

}  // namespace afterglow::app
