// afterglow-cli against a real Apache + mod_dav (tests/sync/apache/): the WebDAV credentials
// sealed in the vault (`webdav set/show/test/forget`).
#include <doctest/doctest.h>

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

}  // namespace

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
