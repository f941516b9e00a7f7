#include "app/core/journey.hpp"

#include "journal/text.hpp"
#include "journal/time.hpp"

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

std::string format_when(std::int64_t utc) { return journal::format_local(utc, "%a %d %b, %H:%M"); }

std::string format_date(std::int64_t utc) { return journal::format_local(utc, "%d %b %Y"); }

}  // namespace afterglow::app
