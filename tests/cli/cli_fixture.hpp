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
    // The recovery key `init` printed (the line after "once):").
    static std::string recovery_key_in(const std::string& init_out) {
        auto at = init_out.find("once):\n\n    ");
        REQUIRE(at != std::string::npos);
        auto key = init_out.substr(at + 12);
        return key.substr(0, key.find('\n'));
    }
    void init() const {
        std::vector<std::string> argv{cli_path(), "--vault", vault, "--insecure-test-kdf", "init"};
        auto created = run(argv, {}, {pass});
        REQUIRE_MESSAGE(created.exit_code == 0, created.err);
    }
};

}  // namespace afterglow::test
