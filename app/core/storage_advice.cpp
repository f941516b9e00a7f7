#include "app/core/storage_advice.hpp"

#include "journal/time.hpp"

namespace afterglow::app {

std::optional<CopyReminder> copy_reminder(bool storage_kept, const Settings& s, std::int64_t now_utc) {
    if (storage_kept) return std::nullopt;
    const auto last = journal::parse_iso8601(s.last_copy);
    const auto since = last ? last : journal::parse_iso8601(s.first_use);
    if (!since) return std::nullopt;  // first use not noted yet (it is, at the next unlock)
    const long days = static_cast<long>((now_utc - *since) / 86400);
    if (days < kCopyReminderDays) return std::nullopt;
    return CopyReminder{days, last.has_value()};
}

void note_first_use(Settings& s, std::int64_t now_utc) {
    if (s.first_use.empty() || !journal::parse_iso8601(s.first_use)) s.first_use = journal::to_iso8601_utc(now_utc);
}

void note_copy_made(Settings& s, std::int64_t now_utc) { s.last_copy = journal::to_iso8601_utc(now_utc); }

}  // namespace afterglow::app
