// The WebDAV store the app syncs or joins through (controller_sync.cpp): libcurl where the
// build has it (desktop), else the platform's transport (the browser's, app/web/sync_fetch.cpp).
// Made on the UI thread, used by a worker from then on.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "app/core/controller.hpp"
#include "journal/sync/store.hpp"

namespace afterglow::app {

// `cancel`: set by lock and quit (the transfers watch it); `failure`: the NetFailure of the
// last request that got no answer (the browser's transport); `test`: "Test connection"'s
// shorter timeouts.
Result<std::unique_ptr<sync::Store>> open_webdav_store(const PlatformServices& services, const std::string& url,
                                                       std::string user, crypto::SecretBuffer password,
                                                       const std::shared_ptr<std::atomic<bool>>& cancel,
                                                       const std::shared_ptr<std::atomic<int>>& failure, bool test);

// A folder as typed ("~/Sync/Afterglow", "Sync/Afterglow") as the absolute path kept as the
// sync target: "~/" is the home folder, a relative path is from the current folder.
std::string folder_target(const std::string& typed);

}  // namespace afterglow::app
