#include "tests/support/test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <string_view>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace afterglow::test {

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::filesystem::path root = base ? base : "/tmp";
    std::string tmpl = (root / "afterglow-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

journal::CreateOptions fast_options() {
    journal::CreateOptions o;
    o.kdf = crypto::KdfParams::insecure_for_tests();
    o.allow_weak_kdf = true;
    return o;
}

std::unique_ptr<journal::Vault> make_vault(const std::filesystem::path& path,
                                           const std::string& passphrase) {
    auto created = journal::Vault::create(path, passphrase, fast_options());
    if (!created) throw std::runtime_error("create failed: " + created.error().message);
    return std::move(created.value().vault);
}

journal::Session fixture_session(const journal::Timestamp& scheduled) {
    journal::Session s;
    s.kind = journal::SessionKind::medicine;
    s.route = journal::Route::im;
    s.scheduled = scheduled;
    s.provider = "Dr. Fixture";
    return s;
}

journal::RecordId add_entry(journal::Vault& v, const std::string& body) {
    journal::Entry e;
    e.body = body;
    auto id = v.save(e);
    if (!id) throw std::runtime_error("save failed: " + id.error().message);
    return *id;
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const std::filesystem::path& p, const std::string& data) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << data;
}

RunResult run(const std::vector<std::string>& argv, const std::string& input,
              const std::vector<std::string>& env) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork");
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
            close(fd);
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    RunResult r;
    std::size_t written = 0;
    int in_fd = in_pipe[1];
    if (input.empty()) {
        close(in_fd);
        in_fd = -1;
    } else {
        fcntl(in_fd, F_SETFL, O_NONBLOCK);
    }
    bool out_open = true, err_open = true;
    char buf[65536];
    while (out_open || err_open || in_fd >= 0) {
        pollfd fds[3];
        int n = 0;
        if (out_open) fds[n++] = {out_pipe[0], POLLIN, 0};
        if (err_open) fds[n++] = {err_pipe[0], POLLIN, 0};
        if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
        if (poll(fds, n, 120000) <= 0) break;
        for (int i = 0; i < n; ++i) {
            if (!fds[i].revents) continue;
            if (fds[i].fd == in_fd) {
                ssize_t w = write(in_fd, input.data() + written, input.size() - written);
                if (w > 0) written += static_cast<std::size_t>(w);
                if (w < 0 || written == input.size()) {
                    close(in_fd);
                    in_fd = -1;
                }
                continue;
            }
            ssize_t got = read(fds[i].fd, buf, sizeof buf);
            if (got <= 0) {
                if (fds[i].fd == out_pipe[0]) out_open = false;
                else err_open = false;
                continue;
            }
            (fds[i].fd == out_pipe[0] ? r.out : r.err).append(buf, static_cast<std::size_t>(got));
        }
    }
    if (in_fd >= 0) close(in_fd);
    close(out_pipe[0]);
    close(err_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci && *ci && std::string_view(ci) != "0" && std::string_view(ci) != "false";
}

bool have(bool present, const std::string& what) {
    if (present) return true;
    if (in_ci()) FAIL_CHECK("missing under CI: " << what << " (CI must provide it: this test may not be skipped there)");
    else MESSAGE("SKIPPED: " << what << " is not available here");
    return false;
}

std::optional<std::filesystem::path> vectors_dir() {
    if (const char* env = std::getenv("AFTERGLOW_VECTORS")) {
        if (!std::filesystem::is_directory(env)) return std::nullopt;  // asked for, and missing
        return std::filesystem::path(env);
    }
    std::filesystem::path p = std::filesystem::path(AFTERGLOW_SOURCE_DIR) / ".." / "shared" / "vectors";
    if (std::filesystem::is_directory(p)) return std::filesystem::canonical(p);
    return std::nullopt;
}

std::string source_dir() { return AFTERGLOW_SOURCE_DIR; }

int user_version(const std::filesystem::path& path) {
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    return db.execAndGet("PRAGMA user_version").getInt();
}

std::filesystem::path copy_fixture(const std::string& name, const std::filesystem::path& dir) {
    const auto from = std::filesystem::path(source_dir()) / "tests/fixtures";
    REQUIRE_MESSAGE(std::filesystem::exists(from / name), "no fixture tests/fixtures/" << name);
    for (const char* suffix : {"", "-wal", "-shm"}) {
        if (std::filesystem::exists(from / (name + suffix)))
            std::filesystem::copy_file(from / (name + suffix), dir / (name + suffix),
                                       std::filesystem::copy_options::overwrite_existing);
    }
    return dir / name;
}

std::unique_ptr<journal::Vault> open_fixture(const std::string& name, const std::filesystem::path& dir, int schema,
                                             const std::string& passphrase) {
    const auto copy = copy_fixture(name, dir);
    REQUIRE(user_version(copy) == schema);  // the fixture itself stays at its schema
    auto v = journal::Vault::open(copy);
    REQUIRE_MESSAGE(v.ok(), error_of(v));
    REQUIRE((*v)->unlock(passphrase).ok());
    return std::move(*v);
}

std::string cli_path() { return AFTERGLOW_CLI; }

}  // namespace afterglow::test
