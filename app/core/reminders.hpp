// Reminders while the app runs (an in-app banner on home, a desktop notification once per
// run): the integration window opening, closing soon and closed, a planned session tomorrow
// (the banner lists its open checklist items), a goal due for review. Pure: the view rows and
// a time in, reminders out. A reminder's words come from assets/pack/journey.json by
// `text_id` and never hold journal text, so the notification shows nothing private.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "journal/types.hpp"

namespace afterglow::app {

struct VaultView;

inline constexpr std::int64_t kClosingSoon = 6 * 3600;        // before the window closes
inline constexpr std::int64_t kClosedShown = 12 * 3600;       // after it closed
inline constexpr std::int64_t kGoalReviewAfter = 14 * 24 * 3600;

enum class ReminderKind : std::uint8_t { window_open, window_closing, window_closed, session_tomorrow, goal_review };

struct Reminder {
    std::string key;      // kind + subject: notified once per run, dismissed per run
    ReminderKind kind = ReminderKind::window_open;
    const char* text_id = "";  // journey text id ("reminder.window_open")
    journal::RecordId subject;  // the session or goal
};

// A desktop notification: the reminder's words from the pack, nothing from the journal.
struct Notification {
    std::string title, body;
};

// What the running app did with reminders, kept across lock and unlock so a reminder is
// notified once and stays dismissed (auto-lock would otherwise bring it back at every
// unlock); forgotten on exit. Keys are a kind and a record id: no journal text.
struct ReminderLog {
    std::vector<std::string> notified, dismissed;  // reminder keys
    std::vector<Notification> outbox;              // to hand to platform::notify
    bool has(const std::vector<std::string>& keys, const std::string& k) const;
};

std::vector<Reminder> due_reminders(const VaultView& v, std::int64_t now);
// The next time (> now) at which due_reminders can change, if any (the loop's wake-up).
std::optional<std::int64_t> next_reminder_change(const VaultView& v, std::int64_t now);

}  // namespace afterglow::app
