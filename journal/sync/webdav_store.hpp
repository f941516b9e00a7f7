// WebDavStore: the sync Store (store.hpp) over WebDAV. The protocol lives here once; how the
// bytes travel is an HttpTransport: libcurl on the desktop and in the CLI (webdav_curl.hpp),
// the browser's fetch on the phone (app/web/sync_fetch.cpp).
//   list   PROPFIND Depth: 1 on the root, then on every folder found (servers refuse
//          Depth: infinity); a missing root is an empty list
//   get    GET
//   put    PUT of the whole body (a server writes it completely or not at all); a missing
//          folder (409/404) is made with MKCOL, root first, and the PUT tried once more
//   remove DELETE
// Credentials belong to the transport, never to a URL: an address holding "user:password@" is
// refused. Plain http is allowed only to this computer (127.0.0.1, ::1, localhost): elsewhere
// the app password would cross the network readable. Errors are short reasons, as FolderStore's
// ("the server is full"); the engine puts them in a sentence naming describe() (the address as
// given: no credentials can be in it). A refused user or app password (401) is
// Errc::wrong_passphrase, a refused change (403) read_only, a full server (507) disk_full.
// Not thread-safe: one store per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/result.hpp"
#include "journal/sync/store.hpp"

namespace afterglow::sync {

// True for an address a WebDAV store handles (http:// or https://, any case).
bool is_webdav_url(const std::string& target);

// A checked address: ends with '/', no credentials, https unless loopback.
struct WebDavAddress {
    std::string url;        // scheme://host[:port]/path/
    std::string origin;     // scheme://host[:port]
    std::string root_path;  // /path/ (percent-decoded, for comparing PROPFIND hrefs)
};
Result<WebDavAddress> parse_webdav_url(const std::string& url);

struct HttpResponse {
    long status = 0;
    crypto::Bytes body;
};

class HttpTransport {
public:
    virtual ~HttpTransport() = default;
    // One request. No HTTP answer at all (refused, unreachable, timed out, blocked by the
    // browser) is an Error whose message is a short reason ("the connection was refused"),
    // which the store puts into a sentence. `headers` are "Name: value" lines.
    virtual Result<HttpResponse> send(const std::string& method, const std::string& url,
                                      const std::vector<std::string>& headers,
                                      const crypto::Bytes* body) = 0;
};

class WebDavStore final : public Store {
public:
    WebDavStore(WebDavAddress address, std::unique_ptr<HttpTransport> transport);

    Result<std::vector<StoreEntry>> list() override;
    Result<crypto::Bytes> get(const std::string& name) override;
    Status put(const std::string& name, const crypto::Bytes& data) override;
    Status remove(const std::string& name) override;
    std::string describe() const override;

    // "Test connection": the server answers, the credentials are accepted and the folder can
    // be written (a probe file is put and removed). A missing folder is made.
    Status check();

private:
    Result<HttpResponse> send(const std::string& method, const std::string& name,
                              const std::vector<std::string>& headers, const crypto::Bytes* body);
    Status make_folders(const std::string& name);
    Error http_error(long status, const std::string& doing, const std::string& name) const;

    WebDavAddress address_;
    std::unique_ptr<HttpTransport> transport_;
};

namespace webdav_detail {
// One PROPFIND answer's entry: the href's path (percent-decoded), a folder or not, the size.
struct DavItem {
    std::string path;
    bool collection = false;
    std::uint64_t size = 0;
};
// Parses a 207 Multi-Status body (any namespace prefix); false when it is not one.
bool parse_multistatus(const std::string& xml, std::vector<DavItem>& out);
std::string percent_decode(const std::string& s);
std::string percent_encode_path(const std::string& name);  // keeps '/', encodes the rest
}  // namespace webdav_detail

}  // namespace afterglow::sync
