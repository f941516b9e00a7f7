// What the controller tells the shell happened (test hooks print their names; some make the
// shell clear Dear ImGui's text-field state). Typed, so a misspelt event cannot compile.
#pragma once

#include <cstdint>

namespace afterglow::app {

enum class Event : std::uint8_t {
    created, create_failed, recovery_confirmed,
    unlocked, unlock_failed, captured,
    locked, locked_minimized, auto_locked,
    saved_session, saved_intention, saved_entry, saved_checkin, draft_saved,
    passphrase_changed, exported, reminder,
    saved_measure, measure_draft_saved, saved_score, pack_imported, saved_care_team,
    passkey_added, passkey_removed, passkey_unavailable,
    imported,
    synced,  // a sync run ended (Settings → Sync)
    joined, join_failed,  // first run: a journal that already syncs was joined, or not
    count
};

// Stable lower-case names ("unlocked", "saved_entry"), printed by the test hooks.
const char* event_name(Event e);
// After these the shell wipes Dear ImGui's copy of the text fields (a passphrase was typed).
bool ends_secret_input(Event e);

}  // namespace afterglow::app
