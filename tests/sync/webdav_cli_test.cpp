// afterglow-cli against a real Apache + mod_dav (tests/sync/apache/): the WebDAV credentials
// sealed in the vault (`webdav set/show/test/forget`), two vaults syncing through the server,
// and the server killed in the middle of an upload.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/support/test_support.hpp"
#include "tests/sync/webdav_apache.hpp"

using namespace afterglow;

namespace {

struct CliVault {
    test::TempDir dir;
    std::string vault = (dir / "journal.afterglow").string();
    std::string pass_file = (dir / "pass").string();
    CliVault() { test::write_file(pass_file, "correct horse battery\n"); }
    test::RunResult cli(std::vector<std::string> args, const std::string& input = {},
                        const std::vector<std::string>& env = {}) {
        std::vector<std::string> argv{test::cli_path(), "--vault", vault, "--passphrase-file", pass_file,
                                      "--insecure-test-kdf"};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run(argv, input, env);
    }
};

// A CLI run in the background (the test kills the server while it uploads).
struct Background {
    pid_t pid = -1;
    Background(const std::vector<std::string>& argv, const std::vector<std::string>& env, const std::string& out) {
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_adddup2(&fa, 1, 2);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        std::vector<char*> args, envp;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        for (char** e = environ; *e; ++e) envp.push_back(*e);
        for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
        envp.push_back(nullptr);
        if (posix_spawn(&pid, args[0], &fa, nullptr, args.data(), envp.data()) != 0) pid = -1;
        posix_spawn_file_actions_destroy(&fa);
    }
    int wait() {
        int status = 0;
        if (pid > 0) waitpid(pid, &status, 0);
        pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    ~Background() {
        if (pid > 0) kill(pid, SIGKILL), wait();
    }
};

// A file whose name starts with `prefix` somewhere under `dir` (Apache's upload in progress).
bool has_file_starting(const std::filesystem::path& dir, const std::string& prefix) {
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        if (it->path().filename().string().rfind(prefix, 0) == 0) return true;
    return false;
}

}  // namespace

TEST_CASE("webdav: two CLI vaults sync through Apache and a killed upload loses nothing") {
    test::ApacheDav dav;
    if (!test::have(dav.present(), "apache2 and htpasswd (Debian package apache2)")) return;
    REQUIRE_MESSAGE(dav.started(), dav.start_log());
    const std::string url = dav.url() + "Afterglow/";
    const std::vector<std::string> creds{std::string("AFTERGLOW_WEBDAV_USER=") + test::kDavUser,
                                         std::string("AFTERGLOW_WEBDAV_PASSWORD=") + test::kDavPass};
    CliVault a, b;
    REQUIRE(a.cli({"init"}).exit_code == 0);
    REQUIRE(a.cli({"add", "--title", "Written on the laptop"}, "after the second session").exit_code == 0);
    auto first = a.cli({"sync", "--target", url}, {}, creds);
    REQUIRE_MESSAGE(first.exit_code == 0, first.err);

    auto joined = b.cli({"sync", "join", "--target", url}, {}, creds);
    REQUIRE_MESSAGE(joined.exit_code == 0, joined.err);
    CHECK(b.cli({"list"}).out.find("Written on the laptop") != std::string::npos);
    REQUIRE(b.cli({"add", "--title", "Written on the phone"}, "on the bus home").exit_code == 0);
    auto from_b = b.cli({"sync"}, {}, creds);  // the target was remembered at join
    REQUIRE_MESSAGE(from_b.exit_code == 0, from_b.err);
    auto back = a.cli({"sync"}, {}, creds);
    REQUIRE_MESSAGE(back.exit_code == 0, back.err);
    CHECK(a.cli({"list"}).out.find("Written on the phone") != std::string::npos);

    // The server dies while A uploads a large entry: A says so, keeps the entry, and the next
    // sync (server back) completes; B then has it.
    std::string big = "Canary-Large-Entry ";
    while (big.size() < 700000) big += "a long letter written after a hard session, line after line. ";
    REQUIRE(a.cli({"add", "--title", "The long letter"}, big).exit_code == 0);
    std::vector<std::string> slow = creds;
    slow.push_back("AFTERGLOW_TEST_WEBDAV_RATE=100000");  // bytes per second: the PUT lasts ~7 s
    std::vector<std::string> argv{test::cli_path(), "--vault", a.vault, "--passphrase-file", a.pass_file,
                                  "--insecure-test-kdf", "sync"};
    Background upload(argv, slow, (a.dir / "upload.log").string());
    REQUIRE(upload.pid > 0);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!has_file_starting(dav.disk(), ".davfs.tmp") && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE_MESSAGE(has_file_starting(dav.disk(), ".davfs.tmp"), "the upload never started");
    REQUIRE(dav.kill());
    const int code = upload.wait();
    const std::string log = test::read_file(a.dir / "upload.log");
    CHECK(code == 1);
    CHECK_MESSAGE(log.find("Your journal is safe") != std::string::npos, log);
    CHECK(a.cli({"list"}).out.find("The long letter") != std::string::npos);

    REQUIRE(dav.restart());
    auto b_meanwhile = b.cli({"sync"}, {}, creds);  // the half upload is not a segment B reads
    REQUIRE_MESSAGE(b_meanwhile.exit_code == 0, b_meanwhile.err);
    CHECK(b.cli({"list"}).out.find("The long letter") == std::string::npos);
    auto again = a.cli({"sync"}, {}, creds);
    REQUIRE_MESSAGE(again.exit_code == 0, again.err);
    auto b_after = b.cli({"sync"}, {}, creds);
    REQUIRE_MESSAGE(b_after.exit_code == 0, b_after.err);
    CHECK(b.cli({"list"}).out.find("The long letter") != std::string::npos);
    CHECK(b.cli({"search", "Canary-Large-Entry"}).out.find("The long letter") != std::string::npos);
    for (const auto& f : std::filesystem::recursive_directory_iterator(dav.disk()))
        if (f.is_regular_file()) CHECK_MESSAGE(test::read_file(f.path()).find("Canary-Large") == std::string::npos, f.path().string());
}

TEST_CASE("webdav: the CLI keeps the address and app password sealed and tests the connection") {
    test::ApacheDav dav;
    if (!test::have(dav.present(), "apache2 and htpasswd (Debian package apache2)")) return;
    REQUIRE_MESSAGE(dav.started(), dav.start_log());
    CliVault a;
    REQUIRE(a.cli({"init"}).exit_code == 0);
    const std::string url = dav.url() + "Afterglow/";
    test::write_file(a.dir / "app-pass", std::string(test::kDavPass) + "\n");

    auto set = a.cli({"webdav", "set", url, "--user", test::kDavUser, "--password-file", (a.dir / "app-pass").string()});
    REQUIRE_MESSAGE(set.exit_code == 0, set.err);
    auto show = a.cli({"webdav", "show"});
    CHECK(show.out == url + " as patient\n");
    CHECK(show.out.find(test::kDavPass) == std::string::npos);
    auto ok = a.cli({"webdav", "test"});
    CHECK_MESSAGE(ok.exit_code == 0, ok.err);
    CHECK(ok.out.find("Connected") == 0);

    // A wrong app password (from the environment this time): exit 3 and words that say so.
    auto wrong = a.cli({"webdav", "set", url, "--user", test::kDavUser}, {}, {"AFTERGLOW_WEBDAV_PASSWORD=not it"});
    REQUIRE(wrong.exit_code == 0);
    auto refused = a.cli({"webdav", "test"});
    CHECK(refused.exit_code == 3);
    CHECK(refused.err.find("check the user and app password") != std::string::npos);

    // Credentials in the address are refused, and the server stopped is named plainly.
    auto in_url = a.cli({"webdav", "set", "http://patient:secret@127.0.0.1/dav/"});
    CHECK(in_url.exit_code == 2);
    CHECK(in_url.err.find("secret") == std::string::npos);
    REQUIRE(dav.stop());
    auto down = a.cli({"webdav", "test"});
    CHECK(down.exit_code == 1);
    CHECK(down.err.find("the connection was refused") != std::string::npos);

    REQUIRE(a.cli({"webdav", "forget"}).exit_code == 0);
    CHECK(a.cli({"webdav", "show"}).out.find("No WebDAV address saved") == 0);
    for (const auto& f : std::filesystem::directory_iterator(a.dir.path())) {
        if (f.path().filename() == "app-pass") continue;
        CHECK_MESSAGE(test::read_file(f.path()).find(test::kDavPass) == std::string::npos, f.path().string());
    }
    CHECK(dav.access_log().find(test::kDavPass) == std::string::npos);
}
