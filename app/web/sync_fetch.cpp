// WebDAV from the phone's web app: sync::HttpTransport over the browser's networking, for
// sync::WebDavStore (the protocol is there, unchanged). It runs on the sync worker's thread
// (SyncRunner: a pthread, i.e. a Web Worker), where a synchronous XMLHttpRequest is allowed:
// the request blocks that thread only, never the page's, so typing and drawing go on (the
// other choices: an async fetch proxied to the page with the worker waiting on a futex — more
// code, and the page's own event loop then carries every byte — or Asyncify, which the build
// does not use). Custom methods (PROPFIND, MKCOL) and binary bodies work as with fetch; the
// browser applies CORS the same way (a preflight for Authorization and Depth).
// The app password becomes a Basic Authorization header built in sodium memory and handed to
// the page for this one request; it is never in a URL, a log or browser storage.
// A request the browser refuses gives no status and no reason (CORS and an unreachable server
// look the same to a page): it is NetFailure::blocked, or offline when navigator.onLine says
// so; the controller words it (assets/pack/sync.json). Module keys: bridge.hpp.
#include <emscripten.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "app/core/http_service.hpp"
#include "crypto/bytes.hpp"
#include "app/web/bridge.hpp"

// One request. Returns the HTTP status (> 0), or -1 blocked / unreachable, -2 offline,
// -3 timed out; the body waits in Module.agDavBody (this worker's Module) for web_dav_take.
EM_JS(int, web_dav_send, (const char* method, const char* url, const char* headers, const char* auth, int auth_len,
                          const unsigned char* body, int body_len, int timeout_ms), {
    Module['agDavBody'] = null;
    var xhr = new XMLHttpRequest();
    try {
        xhr.open(UTF8ToString(method), UTF8ToString(url), false);
        xhr.responseType = 'arraybuffer';
        xhr.timeout = timeout_ms;
        var lines = UTF8ToString(headers).split('\n');
        for (var i = 0; i < lines.length; i++) {
            var at = lines[i].indexOf(':');
            if (at > 0) xhr.setRequestHeader(lines[i].slice(0, at).trim(), lines[i].slice(at + 1).trim());
        }
        if (auth_len > 0) xhr.setRequestHeader('Authorization', 'Basic ' + UTF8ToString(auth, auth_len));
        // A copy out of the shared wasm memory (XHR refuses views of a SharedArrayBuffer).
        xhr.send(body_len > 0 ? new Uint8Array(wasmMemory.buffer).slice(body, body + body_len) : null);
    } catch (e) {
        if (e && e.name === 'TimeoutError') return -3;
        return navigator.onLine === false ? -2 : -1;
    }
    if (!xhr.status) return navigator.onLine === false ? -2 : -1;
    Module['agDavBody'] = new Uint8Array(xhr.response || new ArrayBuffer(0));
    return xhr.status;
});

EM_JS(int, web_dav_body_size, (), { return Module['agDavBody'] ? Module['agDavBody'].length : 0; });

EM_JS(void, web_dav_take, (unsigned char* out), {
    if (Module['agDavBody'] && out) new Uint8Array(wasmMemory.buffer).set(Module['agDavBody'], out);
    Module['agDavBody'] = null;
});

EM_JS(void, web_page_origin, (char* out, int cap), { stringToUTF8(String(self.location.origin), out, cap); });

namespace afterglow::app::web {
namespace {

constexpr int kTimeoutMs = 30000;  // one request (lock does not wait for it: SyncRunner::stop)
constexpr int kMaxBody = 256 << 20;

class XhrTransport final : public sync::HttpTransport {
public:
    XhrTransport(HttpLogin login, bool hooks) : login_(std::move(login)), hooks_(hooks) {
        if (login_.user.empty()) return;
        // "user:password" and its base64, both in sodium memory.
        crypto::SecretBuffer plain(login_.user.size() + 1 + login_.password.size());
        std::memcpy(plain.data(), login_.user.data(), login_.user.size());
        plain.data()[login_.user.size()] = ':';
        if (!login_.password.empty())
            std::memcpy(plain.data() + login_.user.size() + 1, login_.password.data(), login_.password.size());
        login_.password.wipe();
        std::string b64 = crypto::to_base64(plain.span());  // wiped as soon as it is copied
        auth_ = crypto::SecretBuffer::copy_of(std::string_view(b64));
        crypto::wipe(b64);
        auth_len_ = static_cast<int>(auth_.size());
    }

    Result<sync::HttpResponse> send(const std::string& method, const std::string& url,
                                    const std::vector<std::string>& headers, const crypto::Bytes* body) override {
        if (login_.cancel && login_.cancel->load())
            return make_error(Errc::io, "the transfer was stopped (the journal was locked or closed)");
        std::string lines;
        for (const auto& h : headers) lines += h + "\n";
        if (hooks_ && method == "PUT") {  // test hook: an upload starts (its size, never its name or bytes)
            std::printf("dav_put %zu\n", body ? body->size() : std::size_t{0});
            std::fflush(stdout);
        }
        const int status = web_dav_send(method.c_str(), url.c_str(), lines.c_str(),
                                        reinterpret_cast<const char*>(auth_.data()), auth_len_,
                                        body ? body->data() : nullptr, body ? static_cast<int>(body->size()) : 0,
                                        kTimeoutMs);
        if (status <= 0) {
            // No answer after this server had answered in this run: the connection broke (a
            // server killed mid-upload), not a refusal by CORS.
            const NetFailure f = status == -2   ? NetFailure::offline
                                 : status == -1 ? (answered_ ? NetFailure::dropped : NetFailure::blocked)
                                                : NetFailure::none;
            if (login_.failure) login_.failure->store(static_cast<int>(f));
            return make_error(Errc::io, status == -2   ? "this device is offline"
                                        : status == -3 ? "it did not answer in time"
                                        : answered_    ? "the connection was lost"
                                                       : "the browser could not reach it, or it did not allow this app");
        }
        answered_ = true;
        if (login_.failure) login_.failure->store(static_cast<int>(NetFailure::none));
        sync::HttpResponse r;
        r.status = status;
        const int n = web_dav_body_size();
        if (n > kMaxBody) {
            web_dav_take(nullptr);
            return make_error(Errc::io, "it sent more than a sync file can hold");
        }
        r.body.resize(static_cast<std::size_t>(n));
        web_dav_take(r.body.data());
        return r;
    }

private:
    HttpLogin login_;
    bool hooks_ = false;
    bool answered_ = false;  // this server answered a request of this run
    crypto::SecretBuffer auth_;  // base64("user:password")
    int auth_len_ = 0;
};

}  // namespace

HttpTransportMaker http_transport(bool hooks) {
    return [hooks](HttpLogin login) -> std::unique_ptr<sync::HttpTransport> {
        return std::make_unique<XhrTransport>(std::move(login), hooks);
    };
}

std::string page_origin() {
    char out[512] = {};
    web_page_origin(out, sizeof out);
    return out;
}

}  // namespace afterglow::app::web
