// Crash consistency: a child process saves entries and reports each acknowledged id; the
// parent kills it with SIGKILL at random moments. Every time, the vault opens and every
// acknowledged entry is intact. Also: a write that hits the file-size limit (a full disk)
// fails with a clear error and loses nothing.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <set>
#include <random>
#include <thread>

#include "journal/vault.hpp"
#include "tests/support/test_support.hpp"

using namespace afterglow;
using namespace afterglow::journal;

namespace {

const char* kPass = "crash test";

std::string body_for(int round, int n) {
    return "round " + std::to_string(round) + " item " + std::to_string(n) + " " + std::string(static_cast<std::size_t>(n % 7) * 300, 'z');
}

[[noreturn]] void child_writer(const std::filesystem::path& path, int round, int fd) {
    auto v = Vault::open(path);
    if (!v || !(*v)->unlock(kPass)) _exit(3);
    for (int n = 0;; ++n) {
        Entry e;
        e.title = "r" + std::to_string(round);
        e.body = body_for(round, n);
        auto id = (*v)->save(e);
        if (!id) _exit(4);
        std::string line = id->hex() + " " + std::to_string(n) + "\n";
        if (write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
    }
}

}  // namespace

TEST_CASE("kill -9 at random moments never loses an acknowledged entry (120 rounds)") {
    test::TempDir dir;
    auto path = dir / "v.afterglow";
    { auto v = test::make_vault(path, kPass); }
    std::mt19937 rng(12345);
    std::map<std::string, std::string> acknowledged;  // id -> body
    const int rounds = 120;
    for (int round = 0; round < rounds; ++round) {
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            child_writer(path, round, fds[1]);
        }
        close(fds[1]);
        std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(2000, 40000)(rng)));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        CHECK_MESSAGE((WIFSIGNALED(status) || WEXITSTATUS(status) == 0), "child failed on its own: " << WEXITSTATUS(status));
        std::string out;
        char buf[4096];
        ssize_t got;
        while ((got = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(got));
        close(fds[0]);
        std::size_t pos = 0;
        while (true) {
            auto nl = out.find('\n', pos);
            if (nl == std::string::npos) break;  // a torn last line was not acknowledged
            auto line = out.substr(pos, nl - pos);
            auto sp = line.find(' ');
            acknowledged[line.substr(0, sp)] = body_for(round, std::stoi(line.substr(sp + 1)));
            pos = nl + 1;
        }
        // Every few rounds, check everything so far (and at the end).
        if (round % 20 == 19 || round == rounds - 1) {
            auto v = Vault::open(path);
            REQUIRE_MESSAGE(v.ok(), test::error_of(v));
            REQUIRE((*v)->unlock(kPass).ok());
            CHECK((*v)->problems().empty());
            for (const auto& [hex, body] : acknowledged) {
                const Entry* e = (*v)->find_entry(*RecordId::parse(hex));
                REQUIRE_MESSAGE(e != nullptr, "acknowledged entry lost: " << hex);
                CHECK(e->body == body);
            }
        }
    }
    MESSAGE("acknowledged entries across rounds: " << acknowledged.size());
    CHECK(acknowledged.size() > 100);
}

TEST_CASE("a full disk (file-size limit) fails the save with a clear error and loses nothing") {
    test::TempDir dir;
    auto path = dir / "v.afterglow";
    RecordId keep;
    {
        auto v = test::make_vault(path, kPass);
        Entry e;
        e.body = "precious";
        keep = v->save(e).value();
    }
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        signal(SIGXFSZ, SIG_IGN);
        auto v = Vault::open(path);
        if (!v || !(*v)->unlock(kPass)) _exit(3);
        rlimit lim{256 * 1024, 256 * 1024};
        setrlimit(RLIMIT_FSIZE, &lim);
        Entry big;
        big.body = std::string(2u << 20, 'q');
        auto r = (*v)->save(big);
        std::string msg = r.ok() ? "SAVED" : r.error().message;
        (void)!write(fds[1], msg.data(), msg.size());
        _exit(r.ok() ? 1 : 0);
    }
    close(fds[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    std::string msg;
    char buf[1024];
    ssize_t got;
    while ((got = read(fds[0], buf, sizeof buf)) > 0) msg.append(buf, static_cast<std::size_t>(got));
    close(fds[0]);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    INFO("error shown: " << msg);
    CHECK(msg.find("Nothing was changed") != std::string::npos);
    auto v = Vault::open(path);
    REQUIRE(v.ok());
    REQUIRE((*v)->unlock(kPass).ok());
    CHECK((*v)->entries().size() == 1);
    CHECK((*v)->find_entry(keep)->body == "precious");
    CHECK((*v)->problems().empty());
}

TEST_CASE("several processes unlocking at once merge each captured note exactly once") {
    test::TempDir dir;
    auto path = dir / "v.afterglow";
    { auto v = test::make_vault(path, kPass); }
    int expected = 0;
    for (int round = 0; round < 8; ++round) {
        {
            auto v = Vault::open(path);
            REQUIRE(v.ok());
            for (int i = 0; i < 5; ++i, ++expected)
                REQUIRE((*v)->capture({"note", "round " + std::to_string(round) + " #" + std::to_string(i), {}}).ok());
        }
        std::vector<pid_t> kids;
        for (int k = 0; k < 4; ++k) {
            pid_t pid = fork();
            REQUIRE(pid >= 0);
            if (pid == 0) {
                auto v = Vault::open(path);
                _exit(v && (*v)->unlock(kPass) ? 0 : 1);
            }
            kids.push_back(pid);
        }
        for (pid_t pid : kids) {
            int status = 0;
            waitpid(pid, &status, 0);
            CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
        }
    }
    auto v = Vault::open(path);
    REQUIRE((*v)->unlock(kPass).ok());
    CHECK((*v)->captures_pending() == 0);
    CHECK(static_cast<int>((*v)->entries().size()) == expected);
    std::set<std::string> bodies;
    for (const auto& e : (*v)->entries()) bodies.insert(e.body);
    CHECK(static_cast<int>(bodies.size()) == expected);  // no note merged twice
    CHECK((*v)->problems().empty());
}
