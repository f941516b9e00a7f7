// Argon2id where its memory is given back (issue 19): crypto::derive_key's runner on the web.
// The app's heap can grow but never shrink, so a derivation run in it kept Argon2id's 256 MiB
// for as long as the page lived (353 MiB after an unlock). The app's key-derivation thread asks
// the page (web/kdf.js, Module.agKdfDerive) for a dedicated worker with a module of its own
// (app/web/kdf/pwhash.c: libsodium's crypto_pwhash alone); the worker ends after the answer.
// The parameters are the ones derive_key has checked (crypto::check_kdf_params), and the
// function is the same crypto_pwhash (tests/web/kdf_worker.mjs compares the two).
// Secrets: the passphrase is copied from this heap into a buffer of its own that is handed over
// (transferred) to the worker, which zeroes it; the key comes back the same way and is written
// straight into the SecretBuffer derive_key allocated, the page's copy zeroed at once (as the
// passkey PRF output is: app/web/passkey.cpp).
// When the worker cannot run (an old cached page without its files, a browser that refuses),
// on the page's own thread (which must not wait), or for less than 16 MiB, derive_key derives
// in this heap as before.
#include <emscripten.h>
#include <emscripten/threading.h>

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>

#include "app/web/bridge.hpp"
#include "crypto/kdf.hpp"

namespace {

constexpr int kPending = 2;

struct KdfRequest {
    const std::uint8_t* pass = nullptr;
    int pass_len = 0;
    const std::uint8_t* salt = nullptr;
    int salt_len = 0;
    unsigned ops = 0, mem = 0;
    std::uint8_t* out = nullptr;
    int out_len = 0;
    std::mutex m;
    std::condition_variable cv;
    int status = kPending;  // then 0 derived, 1 failed (out of memory), -1 the worker did not run
};

}  // namespace

// On the page's thread: hands the request to Module.agKdfDerive; answers through
// _afterglow_web_kdf_done. The main module's memory is under 2 GiB (app/web.cmake), so its
// pointers are positive; `mem` (at most 2 GiB: kMaxMemlimit) is read back unsigned.
EM_JS(void, web_kdf_start, (void* req, const unsigned char* pass, int pass_len, const unsigned char* salt, int salt_len,
                            unsigned ops, unsigned mem, unsigned char* out, int out_len), {
    var answer = function(status) { Module["_afterglow_web_kdf_done"](req, status); };
    if (!Module["agKdfDerive"]) {
        answer(-1);
        return;
    }
    var heap = function() { return new Uint8Array(wasmMemory.buffer); };
    var p = heap().slice(pass, pass + pass_len);  // a buffer of its own, handed over to the worker
    Module["agKdfDerive"](p, heap().slice(salt, salt + salt_len), ops >>> 0, mem >>> 0, out_len).then(function(key) {
        var ok = key.length === out_len;
        if (ok) heap().set(key, out);
        key.fill(0);
        answer(ok ? 0 : -1);
    }, function(e) {
        if (!(e && e.agFailed)) console.warn("afterglow: key derivation in the app's memory (" + e + ")");
        answer(e && e.agFailed ? 1 : -1);
    });
});

namespace {

void start_on_page(void* r) {
    auto* q = static_cast<KdfRequest*>(r);
    web_kdf_start(q, q->pass, q->pass_len, q->salt, q->salt_len, q->ops, q->mem, q->out, q->out_len);
}

int run_in_worker(std::span<std::uint8_t> key, std::string_view passphrase, const afterglow::crypto::KdfParams& p) {
    // The page's own thread cannot wait for the worker (it delivers the answer). A derivation
    // of less than 16 MiB (the test KDF's 8 KiB) hardly grows the heap, and starting a worker
    // would cost more than it: it runs here.
    if (emscripten_is_main_runtime_thread() || p.memlimit < (16u << 20)) return -1;
    KdfRequest r;
    r.pass = reinterpret_cast<const std::uint8_t*>(passphrase.data());
    r.pass_len = static_cast<int>(passphrase.size());
    r.salt = p.salt.data();
    r.salt_len = static_cast<int>(p.salt.size());
    r.ops = static_cast<unsigned>(p.opslimit);  // checked: at most kMaxOpslimit
    r.mem = static_cast<unsigned>(p.memlimit);  // checked: at most kMaxMemlimit (2 GiB)
    r.out = key.data();
    r.out_len = static_cast<int>(key.size());
    emscripten_async_run_in_main_runtime_thread(EM_FUNC_SIG_VI, start_on_page, &r);
    std::unique_lock<std::mutex> lock(r.m);
    r.cv.wait(lock, [&] { return r.status != kPending; });
    return r.status == 0 ? 1 : r.status == 1 ? 0 : -1;
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void afterglow_web_kdf_done(void* req, int status) {
    auto* r = static_cast<KdfRequest*>(req);
    std::lock_guard<std::mutex> lock(r->m);
    r->status = status;
    r->cv.notify_one();
}

namespace afterglow::app::web {

void use_kdf_worker() { crypto::set_pwhash_runner(run_in_worker); }

}  // namespace afterglow::app::web
