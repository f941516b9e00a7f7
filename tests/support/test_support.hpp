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

// The session the frozen vault fixtures hold: medicine, intramuscular, with "Dr. Fixture",
// at SCHEDULED.
journal::Session fixture_session(const journal::Timestamp& scheduled);

// Saves an entry holding BODY in V and returns its id (throws when the save fails).
journal::RecordId add_entry(journal::Vault& v, const std::string& body);

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

// True when R failed with CODE: CHECK(test::fails_with(v->save(e), Errc::locked)).
template <class R, class C>
bool fails_with(const R& r, C code) {
    return !r.ok() && r.error().code == code;
}

std::string source_dir();  // the checkout
// The schema version (SQLite's user_version) of the vault file at PATH, read without changing it.
int user_version(const std::filesystem::path& path);
// Copies tests/fixtures/NAME (with its -wal and -shm where kept) into DIR and returns the
// copy: tests open only copies, so SQLite never changes or removes the tracked files.
std::filesystem::path copy_fixture(const std::string& name, const std::filesystem::path& dir);
// The copy of tests/fixtures/NAME in DIR (copy_fixture), checked to be still at schema
// SCHEMA, opened and unlocked with PASSPHRASE: the test fails otherwise.
std::unique_ptr<journal::Vault> open_fixture(const std::string& name, const std::filesystem::path& dir, int schema,
                                             const std::string& passphrase);
std::string cli_path();    // the built afterglow-cli

}  // namespace afterglow::test
