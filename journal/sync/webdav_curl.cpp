// libcurl as the WebDAV transport (webdav_curl.hpp). One easy handle per store, reused so the
// connection stays open across a sync's requests.
#include "journal/sync/webdav_curl.hpp"

#include "journal/sync/webdav_credentials.hpp"

#include <curl/curl.h>

#include <cstdlib>
#include <cstring>
#include <mutex>

namespace afterglow::sync {
namespace {

constexpr std::size_t kMaxBody = std::size_t{1} << 30;  // a hostile server cannot fill memory

struct Upload {
    const crypto::Bytes* data;
    std::size_t at = 0;
};

std::size_t on_read(char* buffer, std::size_t size, std::size_t n, void* user) {
    auto* up = static_cast<Upload*>(user);
    const std::size_t left = up->data->size() - up->at;
    const std::size_t take = std::min(left, size * n);
    if (take) std::memcpy(buffer, up->data->data() + up->at, take);
    up->at += take;
    return take;
}

std::size_t on_write(char* data, std::size_t size, std::size_t n, void* user) {
    auto* out = static_cast<crypto::Bytes*>(user);
    if (out->size() + size * n > kMaxBody) return 0;  // CURLE_WRITE_ERROR
    out->insert(out->end(), data, data + size * n);
    return size * n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* cancel = static_cast<const std::atomic<bool>*>(user);
    return cancel && cancel->load() ? 1 : 0;  // nonzero: CURLE_ABORTED_BY_CALLBACK
}

std::string reason(CURLcode code) {
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY: return "its name was not found (check the address and the network)";
        case CURLE_COULDNT_CONNECT: return "the connection was refused (the server is off or the address is wrong)";
        case CURLE_OPERATION_TIMEDOUT: return "it did not answer in time";
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CACERT_BADFILE: return "its certificate could not be checked (a secure connection failed)";
        case CURLE_WRITE_ERROR: return "it sent more than a sync file can hold";
        case CURLE_UNSUPPORTED_PROTOCOL: return "the address is not http or https";
        case CURLE_ABORTED_BY_CALLBACK: return "the transfer was stopped (the journal was locked or closed)";
        default: return "the connection broke off";
    }
}

class CurlTransport final : public HttpTransport {
public:
    explicit CurlTransport(WebDavOptions o) : opt_(std::move(o)) {
        static std::once_flag once;
        std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
        curl_ = curl_easy_init();
        // The password with a terminating zero, for libcurl (which keeps its own copy).
        pass_ = crypto::SecretBuffer(opt_.password.size() + 1);
        if (!opt_.password.empty()) std::memcpy(pass_.data(), opt_.password.data(), opt_.password.size());
        opt_.password.wipe();
    }
    ~CurlTransport() override {
        if (curl_) curl_easy_cleanup(curl_);
    }

    Result<HttpResponse> send(const std::string& method, const std::string& url,
                              const std::vector<std::string>& headers, const crypto::Bytes* body) override {
        if (!curl_) return make_error(Errc::io, "the network library could not start");
        CURL* c = curl_;
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);  // resets method, upload and post state
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, nullptr);
        curl_easy_setopt(c, CURLOPT_URL, url.c_str());
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, opt_.connect_timeout_s);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, opt_.total_timeout_s);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, opt_.stall_timeout_s);
        curl_easy_setopt(c, CURLOPT_USERAGENT, "Afterglow");
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, opt_.cancel ? 0L : 1L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, static_cast<void*>(opt_.cancel.get()));
        curl_easy_setopt(c, CURLOPT_MAX_SEND_SPEED_LARGE, static_cast<curl_off_t>(opt_.max_send_bytes_per_s));
        if (!opt_.user.empty()) {
            curl_easy_setopt(c, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
            curl_easy_setopt(c, CURLOPT_USERNAME, opt_.user.c_str());
            curl_easy_setopt(c, CURLOPT_PASSWORD, reinterpret_cast<const char*>(pass_.data()));
        }
        curl_slist* list = nullptr;
        for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
        list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);

        Upload up{body};
        if (method == "PUT" && body) {
            curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
            curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
            curl_easy_setopt(c, CURLOPT_READDATA, &up);
            curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body->size()));
        } else if (body) {
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, reinterpret_cast<const char*>(body->data()));
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
        } else if (method != "GET") {
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
        }
        HttpResponse response;
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
        const CURLcode code = curl_easy_perform(c);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
        curl_slist_free_all(list);
        if (code != CURLE_OK) return make_error(Errc::io, reason(code));
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
        return response;
    }

private:
    WebDavOptions opt_;
    crypto::SecretBuffer pass_;
    CURL* curl_ = nullptr;
};

}  // namespace

Result<std::unique_ptr<WebDavStore>> open_webdav(WebDavOptions options) {
    auto address = parse_webdav_url(options.url);
    if (!address.ok()) return address.error();
    return std::make_unique<WebDavStore>(std::move(*address),
                                         std::make_unique<CurlTransport>(std::move(options)));
}

Result<std::unique_ptr<Store>> make_webdav_store(const std::string& url, const journal::Vault* vault) {
    auto address = parse_webdav_url(url);
    if (!address.ok()) return address.error();
    WebDavOptions o;
    o.url = url;
    if (vault) {
        if (auto c = load_webdav_credentials(*vault); c && parse_webdav_url(c->url).ok() &&
                                                      parse_webdav_url(c->url)->url == address->url) {
            o.user = c->user;
            o.password = std::move(c->password);
        }
    }
    // No vault yet (joining from the CLI) or none saved: the environment, as the CLI's scripts
    // give the passphrase.
    const char* env_user = std::getenv("AFTERGLOW_WEBDAV_USER");
    const char* env_pass = std::getenv("AFTERGLOW_WEBDAV_PASSWORD");
    if (o.user.empty() && env_user && *env_user) {
        o.user = env_user;
        o.password = crypto::SecretBuffer::copy_of(std::string_view(env_pass ? env_pass : ""));
    }
    if (const char* rate = std::getenv("AFTERGLOW_TEST_WEBDAV_RATE")) o.max_send_bytes_per_s = std::atol(rate);
    auto store = open_webdav(std::move(o));
    if (!store.ok()) return store.error();
    return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace afterglow::sync
