// WebDAV credentials sealed in the vault (webdav_credentials.hpp). The draft's title holds the
// address, its body "user\npassword"; every plaintext copy is wiped after use.
#include "journal/sync/webdav_credentials.hpp"

#include "journal/sync/webdav_store.hpp"

namespace afterglow::sync {
namespace {
constexpr const char* kSlot = "sync:webdav";
}

Status save_webdav_credentials(journal::Vault& vault, const WebDavCredentials& c) {
    auto address = parse_webdav_url(c.url);
    if (!address.ok()) return address.error();
    if (c.user.find('\n') != std::string::npos)
        return make_error(Errc::invalid_argument, "The user name holds a line break.");
    journal::Entry e;
    e.title = address->url;
    e.body.reserve(c.user.size() + 1 + c.password.size());
    e.body = c.user;
    e.body += '\n';
    e.body.append(c.password.view());
    Status st = vault.save_draft(kSlot, e);
    crypto::wipe(e.body);
    return st;
}

std::optional<WebDavCredentials> load_webdav_credentials(const journal::Vault& vault) {
    auto e = vault.load_draft(kSlot);
    if (!e) return std::nullopt;
    WebDavCredentials c;
    const auto nl = e->body.find('\n');
    if (nl != std::string::npos) {
        c.url = e->title;
        c.user = e->body.substr(0, nl);
        c.password = crypto::SecretBuffer::copy_of(std::string_view(e->body).substr(nl + 1));
    }
    crypto::wipe(e->body);
    if (c.url.empty()) return std::nullopt;
    return c;
}

Status forget_webdav_credentials(journal::Vault& vault) { return vault.discard_draft(kSlot); }

}  // namespace afterglow::sync
