// The WebDAV protocol over any HttpTransport (webdav_store.hpp): addresses, the four
// operations, and HTTP answers turned into the store's errors with sentences for the patient.
#include "journal/sync/webdav_store.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <set>

namespace afterglow::sync {
namespace {

using webdav_detail::percent_decode;
using webdav_detail::percent_encode_path;

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

const char* kPropfindBody =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/><D:getcontentlength/></D:prop></D:propfind>\n";

constexpr std::size_t kMaxFolders = 4096;  // a hostile or looping server cannot walk us forever
constexpr int kMaxDepth = 8;

bool ok_status(long s) { return s >= 200 && s < 300; }

}  // namespace

bool is_webdav_url(const std::string& target) {
    const std::string t = lower(target.substr(0, 8));
    return t.rfind("http://", 0) == 0 || t.rfind("https://", 0) == 0;
}

Result<WebDavAddress> parse_webdav_url(const std::string& url) {
    const auto bad = [](std::string why) { return make_error(Errc::invalid_argument, std::move(why)); };
    const auto sep = url.find("://");
    if (!is_webdav_url(url) || sep == std::string::npos)
        return bad("A WebDAV address starts with https:// (for example "
                   "https://cloud.example/remote.php/dav/files/you/Afterglow/).");
    const std::string scheme = lower(url.substr(0, sep));
    const auto path_at = url.find('/', sep + 3);
    const std::string authority = url.substr(sep + 3, path_at == std::string::npos ? std::string::npos : path_at - sep - 3);
    if (authority.find('@') != std::string::npos)
        return bad("The address holds a user name or password. Give them in their own fields: "
                   "they are kept encrypted, never in an address.");
    if (authority.empty()) return bad("The address has no server name.");
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || c == '?' || c == '#' || c == '\\')
            return bad("The address holds a space, '?', '#' or '\\': give the folder's address alone.");
    std::string host = lower(authority);
    if (host[0] == '[') host = host.substr(0, host.find(']') + 1);
    else host = host.substr(0, host.find(':'));
    const bool loopback = host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
    if (scheme == "http" && !loopback)
        return bad("Use an https:// address: over plain http the app password would cross the "
                   "network readable.");
    WebDavAddress a;
    std::string path = path_at == std::string::npos ? "/" : url.substr(path_at);
    if (path.back() != '/') path += '/';
    a.origin = scheme + "://" + authority;
    a.url = a.origin + path;
    a.root_path = percent_decode(path);
    return a;
}

WebDavStore::WebDavStore(WebDavAddress address, std::unique_ptr<HttpTransport> transport)
    : address_(std::move(address)), transport_(std::move(transport)) {}

std::string WebDavStore::describe() const { return address_.url; }

Result<HttpResponse> WebDavStore::send(const std::string& method, const std::string& name,
                                       const std::vector<std::string>& headers,
                                       const crypto::Bytes* body) {
    const std::string url = address_.url + percent_encode_path(name);
    auto r = transport_->send(method, url, headers, body);
    // A kept-alive connection the server closed meanwhile fails at once: one more try on a new
    // connection (every request here is idempotent: a PUT is the whole file) gives the real answer.
    if (!r.ok()) r = transport_->send(method, url, headers, body);
    if (!r.ok()) return make_error(Errc::io, "the server did not answer: " + r.error().message, name);
    return r;
}

// Short reasons, as FolderStore gives them: the engine (and the app's "Test connection") puts
// them into a sentence that names the store and says the journal is safe.
Error WebDavStore::http_error(long status, const std::string& doing, const std::string& name) const {
    if (status == 401)
        return make_error(Errc::wrong_passphrase,
                          "the server did not accept the user name and app password: check the user and app password",
                          name);
    if (status == 403)
        return make_error(Errc::read_only, "the server does not let this account change the folder", name);
    if (status == 404 || status == 410)
        return make_error(Errc::not_found, "\"" + name + "\" is not there", name);
    if (status == 507 || status == 413) return make_error(Errc::disk_full, "the server is full", name);
    if (status >= 300 && status < 400)
        return make_error(Errc::io,
                          "the server sent the request elsewhere (HTTP " + std::to_string(status) +
                              "): check the address",
                          name);
    return make_error(Errc::io, "the server answered HTTP " + std::to_string(status) + " while " + doing, name);
}

Result<std::vector<StoreEntry>> WebDavStore::list() {
    std::vector<StoreEntry> out;
    std::deque<std::pair<std::string, int>> folders{{"", 0}};  // relative, ends with '/' unless root
    std::set<std::string> seen{""};
    const crypto::Bytes body(kPropfindBody, kPropfindBody + std::char_traits<char>::length(kPropfindBody));
    while (!folders.empty()) {
        const auto [folder, depth] = folders.front();
        folders.pop_front();
        auto r = send("PROPFIND", folder, {"Depth: 1", "Content-Type: application/xml; charset=utf-8"}, &body);
        if (!r.ok()) return r.error();
        if ((r->status == 404 || r->status == 410) && folder.empty()) return out;  // no folder yet
        if (r->status == 404 && !folder.empty()) continue;  // removed while we walked
        if (r->status != 207) return http_error(r->status, "listing the sync folder", folder);
        std::vector<webdav_detail::DavItem> items;
        const std::string xml(r->body.begin(), r->body.end());
        if (!webdav_detail::parse_multistatus(xml, items))
            return make_error(Errc::damaged, "the server's answer to a listing was not WebDAV: check the address",
                              folder);
        const std::string base = address_.root_path + folder;
        for (const auto& item : items) {
            if (item.path.size() < base.size() || item.path.compare(0, base.size(), base) != 0) continue;
            std::string rel = item.path.substr(address_.root_path.size());
            while (!rel.empty() && rel.back() == '/') rel.pop_back();
            if (rel.empty() || rel + "/" == folder || rel == folder) continue;
            if (item.collection) {
                if (depth + 1 < kMaxDepth && seen.insert(rel + "/").second) {
                    if (seen.size() > kMaxFolders)
                        return make_error(Errc::damaged, "the folder holds too many folders to be Afterglow's");
                    folders.emplace_back(rel + "/", depth + 1);
                }
            } else {
                out.push_back(StoreEntry{rel, item.size});
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const StoreEntry& a, const StoreEntry& b) { return a.name < b.name; });
    return out;
}

Result<crypto::Bytes> WebDavStore::get(const std::string& name) {
    auto r = send("GET", name, {}, nullptr);
    if (!r.ok()) return r.error();
    if (r->status != 200) return http_error(r->status, "reading \"" + name + "\"", name);
    return std::move(r->body);
}

Status WebDavStore::make_folders(const std::string& name) {
    // The root, then each folder on the way to `name`.
    std::vector<std::string> chain{""};
    for (std::size_t at = name.find('/'); at != std::string::npos; at = name.find('/', at + 1))
        chain.push_back(name.substr(0, at + 1));
    for (const auto& folder : chain) {
        auto r = send("MKCOL", folder, {}, nullptr);
        if (!r.ok()) return r.error();
        // 201 made; 405 (or 301 to the slash form) it exists already.
        if (r->status == 201 || r->status == 405 || r->status == 301 || ok_status(r->status)) continue;
        if (r->status == 409 && folder.empty())
            return make_error(Errc::not_found,
                              "the folder that should hold the sync folder does not exist: check the address");
        return http_error(r->status, "making a folder", folder);
    }
    return {};
}

Status WebDavStore::put(const std::string& name, const crypto::Bytes& data) {
    const std::vector<std::string> headers{"Content-Type: application/octet-stream"};
    auto r = send("PUT", name, headers, &data);
    if (!r.ok()) return r.error();
    if (r->status == 409 || r->status == 404) {  // a folder on the way is missing
        if (auto made = make_folders(name); !made.ok()) return made;
        r = send("PUT", name, headers, &data);
        if (!r.ok()) return r.error();
    }
    if (!ok_status(r->status)) return http_error(r->status, "writing \"" + name + "\"", name);
    return {};
}

Status WebDavStore::remove(const std::string& name) {
    auto r = send("DELETE", name, {}, nullptr);
    if (!r.ok()) return r.error();
    if (!ok_status(r->status)) return http_error(r->status, "removing \"" + name + "\"", name);
    return {};
}

Status WebDavStore::check() {
    const crypto::Bytes probe(crypto::random_bytes(16));
    const std::string name = "probe-" + crypto::to_hex(probe) + ".tmp";
    if (auto listed = list(); !listed.ok()) return listed.error();
    if (auto put_ok = put(name, probe); !put_ok.ok()) return put_ok;
    auto back = get(name);
    if (!back.ok()) return back.error();
    if (*back != probe)
        return make_error(Errc::damaged, "the server gave back something else than was written");
    return remove(name);
}

}  // namespace afterglow::sync
