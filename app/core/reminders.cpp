#include "app/core/reminders.hpp"

#include <algorithm>
#include <ctime>

#include "app/core/calendar.hpp"
#include "app/core/view_state.hpp"

namespace afterglow::app {
namespace {

struct Kind {
    ReminderKind kind;
    const char* name;
    const char* text_id;
};
constexpr Kind kKinds[] = {
    {ReminderKind::window_open, "window_open", "reminder.window_open"},
    {ReminderKind::window_closing, "window_closing", "reminder.window_closing"},
    {ReminderKind::window_closed, "window_closed", "reminder.window_closed"},
    {ReminderKind::session_tomorrow, "session_tomorrow", "reminder.session_tomorrow"},
    {ReminderKind::goal_review, "goal_review", "reminder.goal_review"},
};

Reminder make(ReminderKind k, const journal::RecordId& subject) {
    const Kind& d = kKinds[static_cast<int>(k)];
    return Reminder{std::string(d.name) + ":" + subject.hex(), k, d.text_id, subject};
}

// The local midnight that starts the day before the one holding `t`.
std::int64_t start_of_day_before(std::int64_t t) {
    const Ymd d = local_ymd(add_local_days(t, -1));
    std::tm tm{};
    tm.tm_year = d.year - 1900;
    tm.tm_mon = d.month - 1;
    tm.tm_mday = d.day;
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(mktime(&tm));
}

// Calls f(from, until, kind, subject) for every reminder's time span.
template <class F>
void spans(const VaultView& v, F&& f) {
    for (const auto& s : v.sessions) {
        if (s.window) {
            const auto& w = *s.window;
            f(w.opens, w.closes - kClosingSoon, ReminderKind::window_open, s.id);
            f(w.closes - kClosingSoon, w.closes, ReminderKind::window_closing, s.id);
            f(w.closes, w.closes + kClosedShown, ReminderKind::window_closed, s.id);
        }
        if (s.time > 0) {
            const std::int64_t from = start_of_day_before(s.time);
            f(from, std::min(s.time, add_local_days(from, 1)), ReminderKind::session_tomorrow, s.id);
        }
    }
    for (const auto& g : v.goals)
        if (g.status == journal::GoalStatus::active) f(g.last_visit + kGoalReviewAfter, INT64_MAX, ReminderKind::goal_review, g.id);
}

}  // namespace

bool ReminderLog::has(const std::vector<std::string>& keys, const std::string& k) const {
    return std::find(keys.begin(), keys.end(), k) != keys.end();
}

std::vector<Reminder> due_reminders(const VaultView& v, std::int64_t now) {
    std::vector<Reminder> out;
    spans(v, [&](std::int64_t from, std::int64_t until, ReminderKind k, const journal::RecordId& id) {
        if (now >= from && now < until) out.push_back(make(k, id));
    });
    return out;
}

std::optional<std::int64_t> next_reminder_change(const VaultView& v, std::int64_t now) {
    std::optional<std::int64_t> best;
    auto consider = [&](std::int64_t t) {
        if (t > now && t != INT64_MAX && (!best || t < *best)) best = t;
    };
    spans(v, [&](std::int64_t from, std::int64_t until, ReminderKind, const journal::RecordId&) {
        consider(from);
        consider(until);
    });
    return best;
}

}  // namespace afterglow::app
