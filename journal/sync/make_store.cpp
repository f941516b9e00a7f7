// make_store: the store for a --target or a saved setting. SYNC-WEBDAV adds http(s) URLs here.
#include <memory>

#include "journal/sync/engine.hpp"
#include "journal/sync/folder_store.hpp"
#ifdef AFTERGLOW_SYNC_WEBDAV
#include "journal/sync/webdav_curl.hpp"
#endif

namespace afterglow::sync {

Result<std::unique_ptr<Store>> make_store(const std::string& target, const journal::Vault* vault) {
    if (target.empty()) return make_error(Errc::invalid_argument, "No sync folder or address was given.");
#ifdef AFTERGLOW_SYNC_WEBDAV
    if (is_webdav_url(target)) return make_webdav_store(target, vault);
#else
    (void)vault;
    if (target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0)
        return make_error(Errc::unsupported, "This build cannot sync to a web address; use a folder.");
#endif
    if (target.find("://") != std::string::npos)
        return make_error(Errc::invalid_argument, "Sync targets are a folder path or an https:// address.");
    return std::unique_ptr<Store>(new FolderStore(std::filesystem::absolute(target)));
}

}  // namespace afterglow::sync
