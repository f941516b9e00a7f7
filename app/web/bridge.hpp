// The contract between the C++ web platform and the page (web/*.js): every call into the
// page goes through these functions (app/web/bridge.cpp holds their EM_JS bodies), and these
// are all the keys of the page's Module that the two sides share.
//
// Set by the page, read by C++:
//   agDirty                 a file under /data changed since the last flush (chunk_store.js)
//   agPersisted             persistent storage: 1 granted, 0 refused, else unknown (boot.js)
//   agTestAutolockSeconds   the test site's ?test-autolock-seconds=N (boot.js)
//   agTestHookKey           the test site's ?hook-key=HEX: the key of the text hooks' fingerprints
//   agTestTabForgets        the test site's ?test-tab-forgets=1 (boot.js)
//   agHoldsLock             this page holds the journal's Web Lock (boot.js); false: never flush
// Set by C++ (or the flush), read by the page:
//   agText                  {hover, active, password, multiline} of the frame's text field (shim.js)
//   agLastStorageError      the last storage error, for the banner (pre.js, the flush)
//   agStorageBanner         the storage-failure banner is up
//   agSyncId, agSyncAnswered  one answer per flush (the flush's own bookkeeping)
//   agLastExport            the last export as a File, for the share sheet (pre.js)
// Page functions C++ calls:
//   agBanner, agDeliver, agCanShare, agShare, agPickFile, agFocusKeyboard, agBlurKeyboard,
//   agKeepStorage, agLockReleased, agOpenLink (shim.js: a tel:/sms: link),
//   agBusy (boot.js: the busy veil over the canvas while a job runs)
// C++ functions the page calls (EMSCRIPTEN_KEEPALIVE in platform_web.cpp):
//   _afterglow_web_text, _afterglow_web_key, _afterglow_web_scroll (shim.js),
//   _afterglow_web_flushed (the flush), _afterglow_web_release (boot.js: another tab asks),
//   afterglow_web_file_picked (pre.js, through ccall)
// Passkeys (app/web/passkey.cpp, navigator.credentials with the PRF extension):
//   _afterglow_web_passkey  the page's answer (request, status, credential id); the PRF
//                           output is written into secure memory C++ passed, then zeroed
//   agTestClockDays         the test site's ?test-clock-days=N (boot.js): the reminder's clock
//   agTestReadCacheOff      the test site's ?test-read-cache=0 (boot.js): the VFS only counts
//                           (app/web/read_cache.hpp), for the bench's before and after
//   agTestBusyFrameMs       the test site's ?test-busy-frame-ms=N (boot.js): how often a frame
//                           runs while a job runs (app/platform_web.cpp), for the bench
// Key derivation (app/web/kdf_worker.cpp; Argon2id in a worker whose memory is freed after it):
//   agKdfDerive             web/kdf.js: derives in a worker of its own (web/kdf_worker.js)
//   _afterglow_web_kdf_done its answer to the thread that waits for the key, which the page
//                           wrote straight into that thread's secure memory
// WebDAV sync (app/web/sync_fetch.cpp, on the sync worker's thread: that worker's own Module):
//   agDavBody               the last response's body (a Uint8Array) until C++ copies it out;
//                           the app password's Authorization header lives only in the request
// Page-only keys (boot.js): agReleaseLock, agStarted, agUpdateAccepted.
#pragma once

#include "app/core/http_service.hpp"
#include "app/core/passkeys.hpp"

#include <string>

namespace afterglow::app::web {

bool take_dirty();     // a write under /data since the last call (and clears the mark)
void sync();           // starts FS.syncfs (chunk_store.js: the changed chunks); the answer comes to afterglow_web_flushed
void lock_released();  // this tab let go of the journal: the page releases its Web Lock
void storage_banner(bool failed);
void publish_text_state(bool hover, bool active, bool password);  // the shim's keyboard
void first_frame();    // hides "Opening Afterglow…"
// The busy veil (web/index.html #busy): shown over the canvas from `top` CSS px down, saying
// `what` (and `progress` 0..1 when known, else < 0), in the theme's colours (0xRRGGBB); hidden.
void show_busy(const char* what, float progress, float top, unsigned bg, unsigned fg, unsigned accent);
void hide_busy();
void deliver(const char* path);  // an export becomes a download
bool can_share();
void share();
void forget_export();
void pick_file();
double test_autolock_seconds();
std::string test_hook_key();  // "" when the page gave none
void keep_storage();   // asks for persistent storage (from a tap)
bool tab_forgets();    // iOS Safari in a tab: storage goes after 7 days without a visit
int storage_persisted();
PasskeyService passkey_service();  // app/web/passkey.cpp
int test_clock_days();             // ?test-clock-days=N on the test site, else 0  // 1 granted, 0 refused, -1 not known yet
void open_link(const char* uri);  // a tel:/sms: link: the phone's dialler or messages app
bool test_read_cache_off();  // ?test-read-cache=0 on the test site
double test_busy_frame_ms();  // ?test-busy-frame-ms=N on the test site, else -1
void use_kdf_worker();  // crypto::derive_key runs Argon2id in a worker of its own (kdf_worker.cpp)
HttpTransportMaker http_transport(bool hooks = false);  // WebDAV requests (app/web/sync_fetch.cpp); hooks: "dav_put N"
std::string page_origin();            // location.origin: what a WebDAV server must allow

}  // namespace afterglow::app::web
