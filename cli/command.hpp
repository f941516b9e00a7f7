// Command registry of afterglow-cli. Each cmd_*.cpp defines its commands and registers them
// with a static Registrar; main.cpp parses global options and dispatches.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "journal/vault.hpp"

namespace afterglow::cli {

// Documented exit codes (README, --help).
enum Exit : int { kOk = 0, kOther = 1, kUsage = 2, kWrongPassphrase = 3, kDamaged = 4 };

struct Context {
    std::filesystem::path vault_path;
    std::optional<std::filesystem::path> passphrase_file;  // --passphrase-file
    bool test_fast_kdf = false;  // --insecure-test-kdf (hidden, tests only)

    // Reads the passphrase: --passphrase-file, else $AFTERGLOW_PASSPHRASE, else the terminal
    // without echo. `prompt` is shown on the terminal only.
    std::optional<std::string> read_passphrase(const char* prompt) const;
    // Opens the vault and unlocks it with read_passphrase(). On failure prints the error
    // and sets `exit_code`.
    std::unique_ptr<journal::Vault> open_unlocked(int& exit_code) const;
};

using Args = std::vector<std::string>;

struct Command {
    const char* name;
    const char* synopsis;  // "add [--kind K] [--session ID] [--title T] < body"
    const char* help;      // a paragraph
    std::function<int(Context&, Args&)> run;
};

std::vector<Command>& registry();

struct Registrar {
    explicit Registrar(Command c) { registry().push_back(std::move(c)); }
};

// Helpers shared by commands.
int fail(const Error& e);  // prints "afterglow-cli: <message>" and maps Errc to an exit code
int usage_error(const std::string& message);
// Takes "--name value" out of args; nullopt if absent. Sets `bad` if the value is missing.
std::optional<std::string> take_option(Args& args, const std::string& name, bool& bad);
bool take_flag(Args& args, const std::string& name);
bool wants_help(const Args& args);
int print_help(const Command& c);
// Every value of a repeatable option ("--tag a --tag b", "--tag=c"), in order, in one pass
// over args. Sets `bad` if the last one is missing its value.
std::vector<std::string> take_all(Args& args, const std::string& name, bool& bad);

// The most text one record may hold (the vault refuses more).
inline constexpr std::size_t kMaxBodyBytes = journal::kMaxRecordBytes;
// Standard input up to `max_bytes`; stops reading at the limit and returns nullopt (what
// was read is wiped) when there is more. The buffer grows without leaving unwiped copies.
std::optional<std::string> read_stdin_limited(std::size_t max_bytes = kMaxBodyBytes);
// The usage error for a body over kMaxBodyBytes (exit 2).
int body_too_large();
// A secret typed on the terminal without echo; nullopt when there is no terminal.
std::optional<std::string> read_terminal_secret(const char* prompt);
// The first line of the file at PATH (a trailing CR dropped); nullopt when it cannot be read.
std::optional<std::string> first_line_of(const std::string& path);
// A secret: FILE's first line when FILE is given, else the environment variable ENV when it
// is set (ENV may be null), else typed on the terminal after PROMPT.
std::optional<std::string> read_secret(const std::optional<std::string>& file, const char* env, const char* prompt);

}  // namespace afterglow::cli
