// A real Apache 2.4 + mod_dav for one test (tests/sync/apache/apache.sh): started on 127.0.0.1
// at a free port in a temp dir, stopped when the object goes away. Missing apache2 is a
// visible skip (a failure under CI=true): check ok() through test::have.
#pragma once

#include <filesystem>
#include <string>

#include "tests/support/test_support.hpp"

namespace afterglow::test {

inline const char* kDavUser = "patient";
inline const char* kDavPass = "app password 1";

class ApacheDav {
public:
    explicit ApacheDav(const std::string& origin = "http://127.0.0.1") {
        present_ = std::filesystem::exists("/usr/sbin/apache2") && std::filesystem::exists("/usr/bin/htpasswd");
        if (!present_) return;
        auto r = script("start", origin);
        started_ = r.exit_code == 0;
        start_log_ = r.err;
        const auto at = r.out.find("url=");
        if (started_ && at != std::string::npos) url_ = r.out.substr(at + 4, r.out.find_first_of("\r\n", at) - at - 4);
    }
    ~ApacheDav() {
        if (started_) (void)script("stop");
    }
    ApacheDav(const ApacheDav&) = delete;
    ApacheDav& operator=(const ApacheDav&) = delete;

    // apache2 is installed (else the caller skips through test::have).
    bool present() const { return present_; }
    bool started() const { return started_; }
    const std::string& start_log() const { return start_log_; }
    const std::string& url() const { return url_; }  // http://127.0.0.1:PORT/dav/
    // The WebDAV folder on disk, and the server's request log.
    std::filesystem::path disk() const { return dir_.path() / "www" / "dav"; }
    std::string access_log() const { return read_file(dir_.path() / "access.log"); }

    bool stop() { return script("stop").exit_code == 0; }
    bool kill() { return script("kill").exit_code == 0; }
    bool restart() { return script("restart").exit_code == 0; }

private:
    RunResult script(const std::string& cmd, const std::string& origin = {}) {
        std::vector<std::string> argv{"bash", source_dir() + "/tests/sync/apache/apache.sh", cmd, dir_.path().string()};
        if (!origin.empty()) argv.push_back(origin);
        return run(argv);
    }
    TempDir dir_;
    bool present_ = false;
    bool started_ = false;
    std::string start_log_;
    std::string url_;
};

}  // namespace afterglow::test
