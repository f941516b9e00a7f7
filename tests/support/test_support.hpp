// Shared test helpers: temp dirs, fast vaults, subprocesses, test vectors.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "journal/vault.hpp"

namespace afterglow::test {

// A fresh directory under $TMPDIR, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// Creation options with the explicit test-only fast KDF.
journal::CreateOptions fast_options();
// A new unlocked vault with the fast KDF at dir/name.
std::unique_ptr<journal::Vault> make_vault(const std::filesystem::path& path,
                                           const std::string& passphrase = "correct horse");

std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& data);

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
// Runs argv (no shell) with optional stdin and extra environment ("NAME=value").
RunResult run(const std::vector<std::string>& argv, const std::string& input = {},
              const std::vector<std::string>& env = {});

// For a test that needs something this machine may lack (a tool, the shared test vectors,
// root for a tmpfs): true when `present`. Otherwise the test cannot run: under CI (in_ci())
// that is a failure; elsewhere it prints "SKIPPED: <what>", which CTest reports as a skipped
// test (SKIP_REGULAR_EXPRESSION, tests/CMakeLists.txt). Never a silent pass.
// Use: `if (!test::have(exists, "the age binary")) return;`
bool have(bool present, const std::string& what);
// The environment variable CI is set to anything but "", "0" or "false".
bool in_ci();

// $AFTERGLOW_VECTORS when set (nullopt when it is not a folder), else ../shared/vectors
// (nullopt when it does not exist).
std::optional<std::filesystem::path> vectors_dir();

// The error message of a result, or "" when it holds a value, for
// REQUIRE_MESSAGE(r.ok(), test::error_of(r)): doctest builds the message of a check that
// passes too (with -s), and error() of a good result throws std::bad_variant_access.
template <class R>
std::string error_of(const R& r) {
    return r.ok() ? std::string() : r.error().message;
}

std::string source_dir();  // the checkout
std::string cli_path();    // the built afterglow-cli

}  // namespace afterglow::test
