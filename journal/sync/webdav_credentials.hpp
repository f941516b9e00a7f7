// Where this device keeps its WebDAV address, user and app password: sealed inside the vault
// (a draft slot of its own, "sync:webdav", under the drafts subkey), so they are encrypted at
// rest, wiped with the vault's keys on lock, never in settings files, logs, URLs or the sync
// store, and never synced (each device has its own app password; revoking one leaves the
// others working). Needs an unlocked vault.
#pragma once

#include <optional>
#include <string>

#include "crypto/result.hpp"
#include "crypto/secret.hpp"
#include "journal/sync/store.hpp"
#include "journal/vault.hpp"

namespace afterglow::sync {

struct WebDavCredentials {
    std::string url;                // the folder's address (no credentials in it)
    std::string user;
    crypto::SecretBuffer password;  // the app password
};

// Checks the address (parse_webdav_url) first; nothing is written when it is unusable.
Status save_webdav_credentials(journal::Vault& vault, const WebDavCredentials& c);
std::optional<WebDavCredentials> load_webdav_credentials(const journal::Vault& vault);
Status forget_webdav_credentials(journal::Vault& vault);

}  // namespace afterglow::sync
