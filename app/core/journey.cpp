#include "app/core/journey.hpp"

#include "journal/text.hpp"
#include "journal/time.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace afterglow::app {
std::string countdown_text(const journal::IntegrationWindow& w, std::int64_t now) {
    if (now >= w.closes) return "integration window closed";
    if (now < w.opens) {
        const std::int64_t h = (w.opens - now + 3599) / 3600;
        return "integration window opens in " + std::to_string(h) + " h";
    }
    const std::int64_t total_h = (w.closes - w.opens) / 3600;
    const std::int64_t h = w.hours_left(now);
    if (h >= 1) return "integration window: " + std::to_string(h) + " h left of " + std::to_string(total_h);
    const std::int64_t min = (w.closes - now + 59) / 60;
    return "integration window: " + std::to_string(min) + " min left of " + std::to_string(total_h) + " h";
}

std::int64_t seconds_until_countdown_changes(const journal::IntegrationWindow& w, std::int64_t now) {
    if (now >= w.closes) return INT64_MAX;
    if (now < w.opens) {
        const std::int64_t rem = (w.opens - now) % 3600;
        return rem == 0 ? 3600 : rem;
    }
    const std::int64_t left = w.closes - now;
    if (left < 3600) {
        const std::int64_t rem = left % 60;
        return rem == 0 ? 60 : rem;
    }
    return left % 3600 + 1;  // whole hours drop one second after a full hour is left
}

bool in_ideal_part(const journal::IntegrationWindow& w, std::int64_t now) {
    return now >= w.opens + journal::kIntegrationIdealStart && now < w.closes;
}

std::vector<journal::ChecklistItem> default_checklist(const journal::content::Pack& pack) {
    std::vector<journal::ChecklistItem> items;
    for (const auto& c : pack.checklist) items.push_back({c.label, false, c.id});
    return items;
}

Completion checklist_completion(const std::vector<journal::ChecklistItem>& items) {
    Completion c;
    c.total = items.size();
    for (const auto& i : items) c.done += i.done ? 1 : 0;
    return c;
}

std::string preparation_status(const journal::Entry* intention) {
    if (!intention) return "No intention yet";
    const auto c = checklist_completion(intention->checklist);
    if (c.total == 0) return "Intention written";
    if (c.complete()) return "Preparation: all ready";
    return "Preparation: " + std::to_string(c.done) + " of " + std::to_string(c.total) + " ready";
}

std::string intention_title(std::string_view stored, std::string_view phase) {
    const std::string_view computed_prefix = "Intention for ";
    const bool ours = stored.empty() || stored == kIntentionTitle || stored.substr(0, computed_prefix.size()) == computed_prefix;
    if (!ours) return std::string(stored);
    if (phase.empty()) return kIntentionTitle;
    return std::string(computed_prefix) + std::string(phase);
}

SessionStage session_stage(const std::optional<journal::IntegrationWindow>& w, std::int64_t now) {
    if (!w) return SessionStage::undated;
    if (now < w->opens) return SessionStage::before;
    return w->contains(now) ? SessionStage::window_open : SessionStage::after;
}

const char* stage_hint(SessionStage s) {
    switch (s) {
        case SessionStage::window_open:
            return "The window after a session is open: a good time to write what happened and what you felt.";
        case SessionStage::after:
            return "The window has closed. Reflections are welcome any time: what has stayed with you?";
        case SessionStage::before:
        case SessionStage::undated:
            break;
    }
    return "";
}

std::size_t count_words(std::string_view text) { return journal::word_count(text); }

// The C locale's names, as strftime's %a and %b give them. These two are formatted here, not
// by strftime: every entry row has a date (build_view), and in the browser emscripten's
// strftime is JavaScript that builds ~70 regular expressions a call (~20 us): 10,000 entries'
// dates took ~200 ms of the phone's unlock (issue 19). view_model_test checks that both give
// what strftime gives.
namespace {
constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::tm local_tm(std::int64_t utc) {
    const std::time_t tt = static_cast<std::time_t>(utc);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return tm;
}
}  // namespace

std::string format_when(std::int64_t utc) {  // "%a %d %b, %H:%M"
    const std::tm tm = local_tm(utc);
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%s %02d %s, %02d:%02d", kDays[(tm.tm_wday % 7 + 7) % 7], tm.tm_mday,
                                kMonths[(tm.tm_mon % 12 + 12) % 12], tm.tm_hour, tm.tm_min);
    return std::string(buf, static_cast<std::size_t>(std::clamp(n, 0, static_cast<int>(sizeof buf) - 1)));
}

std::string format_date(std::int64_t utc) {  // "%d %b %Y"
    const std::tm tm = local_tm(utc);
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%02d %s %d", tm.tm_mday, kMonths[(tm.tm_mon % 12 + 12) % 12],
                                tm.tm_year + 1900);
    return std::string(buf, static_cast<std::size_t>(std::clamp(n, 0, static_cast<int>(sizeof buf) - 1)));
}

}  // namespace afterglow::app
