// The desktop's and CLI's WebDAV transport: libcurl (Debian's libcurl4-openssl). Not built
// for the browser (journal/sync/CMakeLists.txt, NOT EMSCRIPTEN). The password lives in sodium
// memory and reaches libcurl as an option (Basic authentication), never in a URL; nothing is
// logged (no CURLOPT_VERBOSE, no error buffer kept). Redirects are not followed.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "crypto/secret.hpp"
#include "journal/sync/webdav_store.hpp"
#include "journal/vault.hpp"

namespace afterglow::sync {

struct WebDavOptions {
    std::string url;                // the folder, e.g. https://cloud.example/remote.php/dav/files/me/Afterglow/
    std::string user;               // empty: no authentication
    crypto::SecretBuffer password;  // the app password
    long connect_timeout_s = 10;    // reaching the server
    long stall_timeout_s = 30;      // no byte moving for this long ends a transfer
    long total_timeout_s = 300;     // the longest one request may take
    long max_send_bytes_per_s = 0;  // 0: as fast as the network allows
    // Set from another thread to end the transfer in flight (the app's lock and quit).
    std::shared_ptr<std::atomic<bool>> cancel;
};

// Checks the address (parse_webdav_url); makes no request.
Result<std::unique_ptr<WebDavStore>> open_webdav(WebDavOptions options);

// make_store's http(s) branch: the store for `url` with the credentials the vault holds
// (webdav_credentials.hpp) when they are for this address; else $AFTERGLOW_WEBDAV_USER and
// $AFTERGLOW_WEBDAV_PASSWORD (joining from the CLI, before a vault exists); else without
// authentication (the server's 401 then says to check the user and app password). `vault` may
// be null.
// $AFTERGLOW_TEST_WEBDAV_RATE (bytes per second) slows uploads, for the test that stops the
// server in the middle of one.
Result<std::unique_ptr<Store>> make_webdav_store(const std::string& url, const journal::Vault* vault);

}  // namespace afterglow::sync
