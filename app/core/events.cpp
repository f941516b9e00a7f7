#include "app/core/events.hpp"

#include <array>

namespace afterglow::app {
namespace {

constexpr std::array<const char*, static_cast<std::size_t>(Event::count)> kEventNames = {
    "created", "create_failed", "recovery_confirmed",
    "unlocked", "unlock_failed", "captured",
    "locked", "locked_minimized", "auto_locked",
    "saved_session", "saved_intention", "saved_entry", "saved_checkin", "draft_saved",
    "passphrase_changed", "exported", "reminder",
    "saved_measure", "measure_draft_saved", "saved_score", "pack_imported", "saved_care_team",
    "passkey_added", "passkey_removed", "passkey_unavailable",
    "imported", "synced", "joined", "join_failed",
};

}  // namespace

const char* event_name(Event e) {
    const auto i = static_cast<std::size_t>(e);
    return i < kEventNames.size() ? kEventNames[i] : "unknown";
}

bool ends_secret_input(Event e) {
    return e == Event::unlocked || e == Event::unlock_failed || e == Event::created ||
           e == Event::passphrase_changed || e == Event::captured || e == Event::imported ||
           e == Event::exported || e == Event::joined || e == Event::join_failed;  // its passphrase fields are emptied: the active one too
}

}  // namespace afterglow::app
