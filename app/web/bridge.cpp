// The page side of the web platform: every EM_JS call of the app, in one place (the keys of
// Module they use are listed in bridge.hpp). platform_web.cpp calls these through web::.
#include "app/web/bridge.hpp"

#include <emscripten.h>


EM_JS(int, web_take_dirty, (), {
    var d = Module['agDirty'] ? 1 : 0;
    Module['agDirty'] = false;
    return d;
});

// One tab holds the journal at a time (web/boot.js, the Web Locks API): told that this tab has
// let go of it (locked, flushed), the page releases the lock and says where the journal went.
EM_JS(void, web_lock_released, (), { Module['agLockReleased'](); });

EM_JS(void, web_sync, (), {
    // Exactly one answer per flush: the callback, a synchronous throw, or a 10 s watchdog; a
    // late callback after that is ignored (web/chunk_store.js keeps a failed flush's chunks).
    var id = (Module['agSyncId'] = (Module['agSyncId'] || 0) + 1);
    var answer = function(err) {
        if (Module['agSyncAnswered'] === id) return;
        Module['agSyncAnswered'] = id;
        clearTimeout(timer);
        if (err) Module['agLastStorageError'] = String(err);
        Module['_afterglow_web_flushed'](err ? 1 : 0);
    };
    var timer = setTimeout(function() { answer('timed out'); }, 10000);
    // A tab that no longer holds the journal (another took it over) never writes it again: its
    // copy of the file is older than the one the other tab loaded.
    if (Module['agHoldsLock'] === false) {
        setTimeout(function() { answer('another tab holds the journal now'); }, 0);
        return;
    }
    try {
        FS.syncfs(false, answer);
    } catch (e) {
        setTimeout(function() { answer(e); }, 0);
    }
});

EM_JS(void, web_storage_banner, (int failed), {
    var b = document.getElementById('banner');
    if (failed && Module['agBanner'])
        Module['agBanner']('Could not save to this browser\u2019s storage (' + Module['agLastStorageError'] +
                           '). Keep this page open and free some space.', null, null);
    else if (!failed && b && Module['agStorageBanner']) b.hidden = true;
    Module['agStorageBanner'] = !!failed;
});

EM_JS(void, web_publish_text_state, (int hover, int active, int password), {
    var t = Module['agText'];
    if (!t) return;
    var was = t.active, wasPassword = t.password;
    t.hover = !!hover;
    t.active = !!active;
    t.password = !!password;
    // A field became active without a tap landing on it (focus request, quick taps): open the
    // keyboard now; a field closed: close the keyboard.
    if (active && (!was || wasPassword != t.password) && Module['agFocusKeyboard']) Module['agFocusKeyboard'](t.password);
    if (!active && was && Module['agBlurKeyboard']) Module['agBlurKeyboard']();
});

EM_JS(void, web_first_frame, (), {
    var l = document.getElementById('loading');
    if (l) l.hidden = true;
});

// The busy veil over the canvas while a job runs (boot.js, agBusy; platform_web.cpp).
EM_JS(void, web_busy, (int show, const char* what, double progress, double top, int bg, int fg, int accent), {
    if (Module['agBusy']) Module['agBusy'](!!show, show ? UTF8ToString(what) : "", progress, top, bg, fg, accent);
});

// Files in and out (web/pre.js): a written export (in memory: /tmp is MEMFS) becomes a
// download, kept as a File for the share sheet until the next export or the lock; the
// picker is a hidden <input type=file> whose file is read into /tmp and named to the app.
EM_JS(void, web_deliver, (const char* path), { Module['agDeliver'](UTF8ToString(path)); });
EM_JS(int, web_can_share, (), { return Module['agCanShare']() ? 1 : 0; });
EM_JS(void, web_share, (), { Module['agShare'](); });
EM_JS(void, web_forget_export, (), { Module['agLastExport'] = null; });
EM_JS(void, web_pick_file, (), { Module['agPickFile'](); });

// The test site's ?test-autolock-seconds=N (boot.js): 0 when absent.
EM_JS(double, web_test_autolock_seconds, (), { return +(Module['agTestAutolockSeconds'] || 0); });
// The test site's ?hook-key=HEX (boot.js) into out (cap bytes); its length, 0 when absent.
EM_JS(int, web_test_hook_key, (char* out, int cap), {
    var k = String(Module['agTestHookKey'] || "");
    if (k.length >= cap) return 0;
    stringToUTF8(k, out, cap);
    return k.length;
});

// The test site's ?test-read-cache=0 (boot.js): the file system read as before (bench/web/phone.mjs).
EM_JS(int, web_test_read_cache_off, (), { return Module['agTestReadCacheOff'] ? 1 : 0; });
// The test site's ?test-busy-frame-ms=N (boot.js): frames while a job runs, -1 when absent.
EM_JS(double, web_test_busy_frame_ms, (), {
    var v = Module['agTestBusyFrameMs'];
    return typeof v === "number" && v >= 0 ? v : -1;
});

// Asks for persistent storage (boot.js, agKeepStorage); called from a tap (Create, Unlock,
// Settings), since browsers grant or ask only within a user's gesture.
EM_JS(void, web_keep_storage, (), { if (Module['agKeepStorage']) Module['agKeepStorage'](); });

// iOS Safari in a tab (not started from the Home Screen): its storage goes after 7 days
// without a visit. iPadOS reports itself as a Mac with touch. The test site can say so
// (?test-tab-forgets=1, boot.js) to test the text.
EM_JS(int, web_tab_forgets, (), {
    if (Module['agTestTabForgets']) return 1;
    var ios = /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
    return ios && navigator.standalone === false ? 1 : 0;
});

// navigator.storage.persist()'s answer (boot.js): 1 granted, 0 refused, -1 not known yet.
EM_JS(int, web_storage_persisted, (), {
    var p = Module['agPersisted'];
    return p === 1 ? 1 : p === 0 ? 0 : -1;
});

// A crisis number tapped (screen_crisis.cpp): the page opens its tel:/sms: link (shim.js).
EM_JS(void, web_open_link, (const char* uri), { if (Module['agOpenLink']) Module['agOpenLink'](UTF8ToString(uri)); });

namespace afterglow::app::web {

bool take_dirty() { return web_take_dirty() != 0; }
void lock_released() { web_lock_released(); }
void sync() { web_sync(); }
void storage_banner(bool failed) { web_storage_banner(failed ? 1 : 0); }
void publish_text_state(bool hover, bool active, bool password) { web_publish_text_state(hover, active, password); }
void first_frame() { web_first_frame(); }
void show_busy(const char* what, float progress, float top, unsigned bg, unsigned fg, unsigned accent) {
    web_busy(1, what, progress, top, static_cast<int>(bg), static_cast<int>(fg), static_cast<int>(accent));
}
void hide_busy() { web_busy(0, nullptr, -1, 0, 0, 0, 0); }
void deliver(const char* path) { web_deliver(path); }
bool can_share() { return web_can_share() != 0; }
void share() { web_share(); }
void forget_export() { web_forget_export(); }
void pick_file() { web_pick_file(); }
double test_autolock_seconds() { return web_test_autolock_seconds(); }
std::string test_hook_key() {
    char k[80] = {};
    return std::string(k, static_cast<std::size_t>(web_test_hook_key(k, sizeof k)));
}
void keep_storage() { web_keep_storage(); }
bool tab_forgets() { return web_tab_forgets() != 0; }
int storage_persisted() { return web_storage_persisted(); }
void open_link(const char* uri) { web_open_link(uri); }
bool test_read_cache_off() { return web_test_read_cache_off() != 0; }
double test_busy_frame_ms() { return web_test_busy_frame_ms(); }

}  // namespace afterglow::app::web
