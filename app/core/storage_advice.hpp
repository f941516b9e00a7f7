// Keeping a journal that lives in browser storage: browsers may delete a site's storage
// (Safari after 7 days without a visit unless the app is on the Home Screen; any browser
// under storage pressure unless it granted persistent storage). Home then reminds the patient
// to keep a copy, once a week has passed since the last one (or since first use).
#pragma once

#include <cstdint>
#include <optional>

#include "app/core/settings.hpp"

namespace afterglow::app {

struct CopyReminder {
    long days = 0;       // since the last copy, or since first use when there is none
    bool ever = false;   // a copy was made on this device
};

inline constexpr long kCopyReminderDays = 7;

// The reminder Home shows now, if any. `storage_kept`: the browser promised to keep the
// journal (persistent storage); then no reminder is needed.
std::optional<CopyReminder> copy_reminder(bool storage_kept, const Settings& s, std::int64_t now_utc);

// Settings' clock for the reminder: first use (set once) and the last full backup made here.
void note_first_use(Settings& s, std::int64_t now_utc);  // only once
void note_copy_made(Settings& s, std::int64_t now_utc);

}  // namespace afterglow::app
