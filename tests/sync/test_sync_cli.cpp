// afterglow-cli sync, sync join and sync status as a patient runs them, on two vaults and a
// real folder.
#include <doctest/doctest.h>

#include "tests/support/test_support.hpp"

using namespace afterglow::test;

namespace {

struct Device {
    std::string vault;
    RunResult operator()(std::vector<std::string> args, const std::string& input = {},
                         std::vector<std::string> env = {"AFTERGLOW_PASSPHRASE=a calm passphrase"}) const {
        std::vector<std::string> argv{cli_path(), "--insecure-test-kdf", "--vault", vault};
        argv.insert(argv.end(), args.begin(), args.end());
        return run(argv, input, env);
    }
};

std::string recovery_key_in(const std::string& out) {
    auto at = out.find("once):\n\n    ");
    REQUIRE(at != std::string::npos);
    auto key = out.substr(at + 12);
    return key.substr(0, key.find('\n'));
}

}  // namespace

TEST_CASE("sync cli: sync, join with the recovery key, a concurrent edit listed by sync status") {
    TempDir dir;
    const std::string store = (dir / "Sync" / "Afterglow").string();
    Device a{(dir / "a.afterglow").string()}, b{(dir / "b.afterglow").string()};
    auto init = a({"init"});
    REQUIRE_MESSAGE(init.exit_code == 0, init.err);
    const auto key = recovery_key_in(init.out);
    auto add = a({"add", "--title", "after session 2"}, "first words");
    REQUIRE_MESSAGE(add.exit_code == 0, add.err);
    const std::string id = add.out.substr(0, 32);

    CHECK(b({"sync", "status"}).exit_code != 0);  // no vault yet
    auto s1 = a({"sync", "--target", store});
    REQUIRE_MESSAGE(s1.exit_code == 0, s1.err);
    CHECK(s1.out.find("1 sent") != std::string::npos);

    write_file(dir / "key.txt", key + "\n");
    write_file(dir / "new.txt", "the phone's own passphrase\n");
    auto wrong = b({"sync", "join", "--target", store}, {}, {"AFTERGLOW_PASSPHRASE=not it"});
    CHECK(wrong.exit_code == 3);
    CHECK_FALSE(std::filesystem::exists(b.vault));
    auto joined = b({"sync", "join", "--target", store, "--recovery-key-file", (dir / "key.txt").string(),
                     "--new-passphrase-file", (dir / "new.txt").string()});
    REQUIRE_MESSAGE(joined.exit_code == 0, joined.err);
    CHECK(joined.out.find("1 entry") != std::string::npos);
    const std::vector<std::string> phone{"AFTERGLOW_PASSPHRASE=the phone's own passphrase"};
    CHECK(b({"show", id}, {}, phone).out.find("first words") != std::string::npos);

    REQUIRE(a({"edit", id, "--body-from-stdin"}, "the laptop's words").exit_code == 0);
    REQUIRE(b({"edit", id, "--body-from-stdin"}, "the phone's words", phone).exit_code == 0);
    REQUIRE(a({"sync"}).exit_code == 0);  // the target was remembered
    REQUIRE(b({"sync"}, {}, phone).exit_code == 0);
    REQUIRE(a({"sync"}).exit_code == 0);
    auto st = a({"sync", "status"});
    REQUIRE_MESSAGE(st.exit_code == 0, st.err);
    CHECK(st.out.find("2 devices · 1 conflict") != std::string::npos);
    CHECK(st.out.find("Edited on two devices") != std::string::npos);
    CHECK(st.out.find("the laptop's words") != std::string::npos);
    CHECK(st.out.find("the phone's words") != std::string::npos);

    // Another journal's folder is refused by name, and nothing is written there.
    Device x{(dir / "x.afterglow").string()};
    REQUIRE(x({"init"}).exit_code == 0);
    auto other = x({"sync", "--target", store});
    CHECK(other.exit_code == 2);
    CHECK(other.err.find("This folder holds another journal") != std::string::npos);
}
