// Passkeys in the browser (issue 21): navigator.credentials with the WebAuthn PRF extension.
// The PRF output is written by the page straight into a SecretBuffer this side allocated
// (secure memory), and the page zeroes its own copy at once; the salts the page was given
// are zeroed too. The Module keys used are listed in bridge.hpp.
#include <emscripten.h>

#include <cstdlib>
#include <map>
#include <memory>

#include "app/core/passkeys.hpp"
#include "app/web/bridge.hpp"

// req: the request's number; create: 1 registers a passkey (PRF evaluated for `salt`, 32
// bytes), 0 asks for one of `list` (u16 length, credential id, 32-byte salt; repeated).
// prf_out: 32 bytes of secure memory for the answer. Answers through _afterglow_web_passkey.
EM_JS(void, web_passkey_ask, (int req, int create, const unsigned char* salt, const unsigned char* list, int list_len,
                              unsigned char* prf_out), {
    var heap = function() { return new Uint8Array(wasmMemory.buffer); };
    var copy = function(p, n) { return heap().slice(p, p + n); };
    var b64u = function(u8) {
        var s = "";
        for (var i = 0; i < u8.length; i++) s += String.fromCharCode(u8[i]);
        return btoa(s).split("+").join("-").split("/").join("_").split("=").join("");
    };
    var newSalt = create ? copy(salt, 32) : null;
    var raw = copy(list, list_len), creds = [];
    for (var i = 0; i + 2 <= raw.length;) {
        var n = raw[i] | (raw[i + 1] << 8);
        i += 2;
        creds.push({id: raw.slice(i, i + n), salt: raw.slice(i + n, i + n + 32)});
        i += n + 32;
    }
    raw.fill(0);
    var answered = false;
    // status: 0 ok, 1 no PRF, 2 cancelled, 3 unsupported, 4 failed.
    var answer = function(status, rawId, prf) {
        if (answered) return;
        answered = true;
        var idPtr = 0, idLen = 0;
        if (prf) {
            var p = new Uint8Array(prf);
            if (p.length === 32 && rawId) heap().set(p, prf_out); else status = 1;
            p.fill(0);  // the page copy lives no longer than this call
        }
        if (status === 0 && rawId) {
            var r = new Uint8Array(rawId);
            idLen = r.length;
            idPtr = Module["_malloc"](idLen);
            heap().set(r, idPtr);
        }
        if (newSalt) newSalt.fill(0);
        creds.forEach(function(c) { c.salt.fill(0); });
        Module["_afterglow_web_passkey"](req, status, idPtr, idLen);
    };
    var fail = function(e) {
        var name = e && e.name;
        if (Module["afterglowTestHooks"]) console.log("passkey error " + name + " " + (e && e.message));
        answer(name === "NotAllowedError" || name === "AbortError" ? 2
               : name === "NotSupportedError" || name === "SecurityError" ? 3 : 4, null, null);
    };
    if (!window.PublicKeyCredential || !navigator.credentials) {
        setTimeout(function() { answer(3, null, null); }, 0);
        return;
    }
    var challenge = crypto.getRandomValues(new Uint8Array(32));
    var get = function(list) {
        var by = {};
        list.forEach(function(c) { by[b64u(c.id)] = {first: c.salt}; });
        return navigator.credentials.get({publicKey: {
            challenge: challenge, userVerification: "required", timeout: 120000,
            allowCredentials: list.map(function(c) { return {type: "public-key", id: c.id}; }),
            extensions: {prf: {evalByCredential: by}}}});
    };
    var fromGet = function(a) {
        var r = a.getClientExtensionResults().prf;
        if (!r || !r.results || !r.results.first) { answer(1, null, null); return; }
        answer(0, a.rawId, r.results.first);
    };
    if (!create) {
        get(creds).then(fromGet).catch(fail);
        return;
    }
    navigator.credentials.create({publicKey: {
        rp: {name: "Afterglow"},
        user: {id: crypto.getRandomValues(new Uint8Array(16)), name: "Afterglow journal", displayName: "Afterglow journal"},
        challenge: challenge,
        pubKeyCredParams: [{type: "public-key", alg: -7}, {type: "public-key", alg: -257}],
        authenticatorSelection: {residentKey: "preferred", userVerification: "required"},
        timeout: 120000,
        extensions: {prf: {eval: {first: newSalt}}}}}).then(function(cred) {
        var ext = cred.getClientExtensionResults().prf;
        if (!ext || !ext.enabled) { answer(1, null, null); return; }  // nothing is written
        if (ext.results && ext.results.first) { answer(0, cred.rawId, ext.results.first); return; }
        // Most authenticators evaluate the PRF only when asked for the passkey: ask once more.
        creds = [{id: new Uint8Array(cred.rawId), salt: newSalt.slice()}];
        return get(creds).then(fromGet);
    }).catch(fail);
});

// The test site's ?test-clock-days=N (boot.js): the passkey reminder's clock runs N days ahead.
EM_JS(int, web_test_clock_days, (), { return +(Module["agTestClockDays"] || 0); });

namespace afterglow::app::web {

int test_clock_days() { return web_test_clock_days(); }

namespace {

struct Pending {
    std::shared_ptr<crypto::SecretBuffer> prf;
    std::function<void(PasskeyAnswer)> done;
};
std::map<int, Pending>& pending() {
    static std::map<int, Pending> p;
    return p;
}

}  // namespace

PasskeyService passkey_service() {
    return [](const PasskeyRequest& r, std::function<void(PasskeyAnswer)> done) {
        static int next = 0;
        const int id = ++next;
        Pending p{std::make_shared<crypto::SecretBuffer>(32), std::move(done)};
        crypto::Bytes list;
        for (const auto& a : r.allow) {
            list.push_back(static_cast<std::uint8_t>(a.credential_id.size() & 0xff));
            list.push_back(static_cast<std::uint8_t>(a.credential_id.size() >> 8));
            list.insert(list.end(), a.credential_id.begin(), a.credential_id.end());
            crypto::Bytes salt = a.salt;
            salt.resize(32);
            list.insert(list.end(), salt.begin(), salt.end());
        }
        crypto::Bytes salt = r.salt;
        salt.resize(32);
        unsigned char* out = p.prf->data();
        pending()[id] = std::move(p);
        web_passkey_ask(id, r.create ? 1 : 0, salt.data(), list.data(), static_cast<int>(list.size()), out);
    };
}

}  // namespace afterglow::app::web

extern "C" EMSCRIPTEN_KEEPALIVE void afterglow_web_passkey(int req, int status, unsigned char* id, int id_len) {
    using afterglow::app::PasskeyAnswer;
    auto& all = afterglow::app::web::pending();
    auto it = all.find(req);
    if (it == all.end()) {
        if (id) std::free(id);
        return;
    }
    auto p = std::move(it->second);
    all.erase(it);
    PasskeyAnswer a;
    a.status = static_cast<PasskeyAnswer::Status>(status >= 0 && status <= 4 ? status : 4);
    if (id && id_len > 0) a.credential_id.assign(id, id + id_len);
    if (id) std::free(id);
    if (a.status == PasskeyAnswer::Status::ok) a.prf = p.prf;
    else p.prf->wipe();
    p.done(std::move(a));
}
