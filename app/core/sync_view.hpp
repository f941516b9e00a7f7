// Settings → Sync (docs/sync.md §7): what the sync screen shows (SyncView, in ViewState) and
// what the patient types there (SyncForm, in Forms; the app password is a SecretField, wiped on
// lock and once saved). The controller's side is controller_sync.cpp and sync_runner.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "journal/types.hpp"

namespace afterglow::app {

struct SyncForm {
    bool webdav = true;    // else a folder (desktop)
    std::string folder;    // a folder a sync client keeps in step
    std::string url, user;
    struct Secret {
        std::string text;
        Secret() { text.reserve(256); }
    } password;            // the app password (wiped by controller_sync.cpp)
    bool loaded = false;   // filled from the vault once per unlock
};

// One text edited on two devices: both versions, for the patient to choose.
struct SyncConflictRow {
    journal::RecordId kept, other;
    std::string kept_title, other_title;      // titles (or "Untitled")
    std::string kept_preview, other_preview;  // first line of each text
    std::string kept_date, other_date;
};

struct SyncView {
    bool available = true;    // this build can sync (false: the screen says why)
    bool folder_possible = true;  // a folder store (desktop only)
    bool configured = false;  // a folder or an address is saved in this journal
    std::string target;       // "the folder ~/Sync/Afterglow" or the address (no credentials)
    std::string status;       // "Synced 2 min ago · 2 devices · 0 conflicts"
    std::string last_error;   // the last run's failure, in words (empty: it went well)
    std::string test_result;  // after "Test connection"
    bool test_ok = false;
    std::string page_origin;  // the web app's origin, which a WebDAV server must allow (CORS)
    bool blocked = false;     // the browser blocked the last request (CORS): the screen says how to allow it
    bool running = false;     // a sync or a test is in flight
    std::vector<SyncConflictRow> conflicts;
    std::vector<std::string> skipped;  // "name: reason"
    std::uint64_t runs = 0;   // completed sync runs since start (test hooks)
};

// First run's "Join a journal you already have" (controller_join.cpp): how far a join is and
// what the last attempt ended with (the words are the content pack's, assets/pack/sync.json).
struct JoinView {
    enum class Phase : int { idle = -1, reach = 0, key = 1, fetch = 2, save = 3 };
    Phase phase = Phase::idle;
    int files_read = 0, files_total = 0;  // while fetching
    std::string error;         // the last attempt's failure, in words (empty: none)
    bool empty_store = false;  // the address holds no journal: offer to create one instead
    bool blocked = false;      // the browser refused (CORS): the help shows how to allow this app
    std::string page_origin;   // what a WebDAV server must allow (CORS)
    bool folder_possible = false;  // a folder on this computer may be joined (desktop)
    bool folder = false;       // the last attempt was through a folder
};

// A sync text of the content pack with its placeholder `key` ("{count}") replaced by `by`.
inline std::string replaced(std::string s, std::string_view key, const std::string& by) {
    if (auto at = s.find(key); at != std::string::npos) s.replace(at, key.size(), by);
    return s;
}

// A sync text of the content pack with "{origin}" replaced by the web app's origin (CORS).
inline std::string with_origin(std::string s, const std::string& origin) {
    for (auto at = s.find("{origin}"); at != std::string::npos; at = s.find("{origin}", at + origin.size()))
        s.replace(at, 8, origin);
    return s;
}

}  // namespace afterglow::app
