// The CLI under test as a subprocess on a vault in a temp dir (shared by tests/cli/*.cpp).
#pragma once

#include <doctest/doctest.h>

#include "tests/support/test_support.hpp"

namespace afterglow::test {

struct Cli {
    TempDir dir;
    std::string vault = (dir / "journal.afterglow").string();
    std::string pass = "AFTERGLOW_PASSPHRASE=a calm passphrase";

    RunResult operator()(std::vector<std::string> args, const std::string& input = {},
                         std::vector<std::string> env = {}) const {
        std::vector<std::string> argv{cli_path(), "--vault", vault};
        argv.insert(argv.end(), args.begin(), args.end());
        if (env.empty()) env.push_back(pass);
        return run(argv, input, env);
    }
    void init() const {
        std::vector<std::string> argv{cli_path(), "--vault", vault, "--insecure-test-kdf", "init"};
        auto created = run(argv, {}, {pass});
        REQUIRE_MESSAGE(created.exit_code == 0, created.err);
    }
};

}  // namespace afterglow::test
