// The WebDAV transport a platform offers (PlatformServices::http): the desktop and the CLI use
// libcurl (journal/sync/webdav_curl.hpp), the phone's web app the browser's networking
// (app/web/sync_fetch.cpp). The protocol stays in sync::WebDavStore either way.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "crypto/secret.hpp"
#include "journal/sync/webdav_store.hpp"

namespace afterglow::app {

// Why a request got no HTTP answer, as far as the platform can tell (the store's own error
// says only "the server did not answer"): the controller picks the patient's words by it.
enum class NetFailure : int {
    none = 0,
    blocked = 1,  // the browser refused the request (CORS), or the server could not be reached
    offline = 2,  // the device has no network
    dropped = 3,  // the connection broke after this server had answered (killed mid-upload)
};

struct HttpLogin {
    std::string user;               // empty: no authentication
    crypto::SecretBuffer password;  // the app password (sodium memory)
    std::shared_ptr<std::atomic<bool>> cancel;   // set by lock and quit
    std::shared_ptr<std::atomic<int>> failure;   // NetFailure of the last failed request
};

using HttpTransportMaker = std::function<std::unique_ptr<sync::HttpTransport>(HttpLogin)>;

}  // namespace afterglow::app
