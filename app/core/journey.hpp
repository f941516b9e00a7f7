// Words the app shows about the journey: countdown texts, prompt sets, the preparation
// checklist and the emotion list. Our own wording; pure functions, no UI.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "journal/content/pack.hpp"
#include "journal/schedule.hpp"
#include "journal/types.hpp"

namespace afterglow::app {

// "integration window: 31 h left of 48", "integration window opens in 3 h",
// "integration window: 40 min left of 48 h", "integration window closed".
std::string countdown_text(const journal::IntegrationWindow& w, std::int64_t now);
// Seconds until countdown_text(w, now) can change (for the loop's wake-up timer).
std::int64_t seconds_until_countdown_changes(const journal::IntegrationWindow& w, std::int64_t now);
// Where a medicine session stands at `now`: the session screen's main action follows it
// (before: intention and checklist; window open: "Write about it" with the countdown;
// after: a reflection). A session without a window (not medicine, or no date) is `undated`.
enum class SessionStage : std::uint8_t { undated, before, window_open, after };
SessionStage session_stage(const std::optional<journal::IntegrationWindow>& w, std::int64_t now);
// The session screen's line above its main action at each stage ("" when none).
const char* stage_hint(SessionStage s);

// Whether `now` is in the ideal 24–48 h part of the window.
bool in_ideal_part(const journal::IntegrationWindow& w, std::int64_t now);

// The wizard's and the editor's prompts, the emotion words and the check-in scales are the
// content pack's (journal/content/pack.hpp). The preparation checklist a new intention
// starts with: the pack's, each item with its id.
std::vector<journal::ChecklistItem> default_checklist(const journal::content::Pack& pack);
struct Completion {
    std::size_t done = 0, total = 0;
    bool complete() const { return total > 0 && done == total; }
};
Completion checklist_completion(const std::vector<journal::ChecklistItem>& items);
// "Preparation: 4 of 6 ready", "Preparation: all ready", "No intention yet".
std::string preparation_status(const journal::Entry* intention);

// An intention entry's stored title; shown as intention_title(its session's phase now).
inline constexpr const char* kIntentionTitle = "Intention";
// "Intention for induction 2 of 6". `stored` is the entry's title: the stored default (or an
// older stored "Intention for …" whose phase may be stale) gets today's phase; a title the
// user wrote is kept.
std::string intention_title(std::string_view stored, std::string_view phase);

std::size_t count_words(std::string_view text);
// "Tue 24 Nov, 14:30" in local time.
std::string format_when(std::int64_t utc);
std::string format_date(std::int64_t utc);  // "24 Nov 2026"

}  // namespace afterglow::app
