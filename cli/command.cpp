#include "cli/command.hpp"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "crypto/secret.hpp"

namespace afterglow::cli {

std::vector<Command>& registry() {
    static std::vector<Command> commands;
    return commands;
}

int fail(const Error& e) {
    std::cerr << "afterglow-cli: " << e.message << "\n";
    switch (e.code) {
        case Errc::invalid_argument: return kUsage;
        case Errc::wrong_passphrase: return kWrongPassphrase;
        case Errc::damaged:
        case Errc::not_afterglow:
        case Errc::newer_schema:  // README: 4 is "damaged vault or file", whatever the cause
            return kDamaged;
        case Errc::kdf_limits:  // the file's KDF rows (subject "key:kdf"), or a usage choice
            return e.subject.empty() ? kUsage : kDamaged;
        default: return kOther;
    }
}

int usage_error(const std::string& message) {
    std::cerr << "afterglow-cli: " << message << "\n";
    return kUsage;
}

std::optional<std::string> take_option(Args& args, const std::string& name, bool& bad) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == name) {
            if (i + 1 >= args.size()) {
                bad = true;
                args.erase(args.begin() + static_cast<long>(i));
                return std::nullopt;
            }
            std::string v = args[i + 1];
            args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
            return v;
        }
        if (args[i].rfind(name + "=", 0) == 0) {
            std::string v = args[i].substr(name.size() + 1);
            args.erase(args.begin() + static_cast<long>(i));
            return v;
        }
    }
    return std::nullopt;
}

bool take_flag(Args& args, const std::string& name) {
    for (std::size_t i = 0; i < args.size(); ++i)
        if (args[i] == name) {
            args.erase(args.begin() + static_cast<long>(i));
            return true;
        }
    return false;
}

bool wants_help(const Args& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") return true;
    return false;
}

int print_help(const Command& c) {
    std::cout << "Usage: afterglow-cli [--vault PATH] " << c.synopsis << "\n\n" << c.help << "\n";
    return kOk;
}

std::vector<std::string> take_all(Args& args, const std::string& name, bool& bad) {
    std::vector<std::string> values;
    const std::string prefix = name + "=";
    std::size_t keep = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == name) {
            if (i + 1 >= args.size()) {
                bad = true;
                break;
            }
            values.push_back(std::move(args[++i]));
        } else if (args[i].rfind(prefix, 0) == 0) {
            values.push_back(args[i].substr(prefix.size()));
        } else {
            if (keep != i) args[keep] = std::move(args[i]);
            ++keep;
        }
    }
    args.resize(keep);
    return values;
}

std::optional<std::string> read_stdin_limited(std::size_t max_bytes) {
    std::string text;
    text.reserve(std::min<std::size_t>(max_bytes + 1, 1u << 16));
    char chunk[1u << 16];
    for (;;) {
        ssize_t got = ::read(0, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        const auto n = static_cast<std::size_t>(got);
        if (text.size() + n > max_bytes) {
            crypto::wipe(chunk, sizeof chunk);
            crypto::wipe(text);
            return std::nullopt;
        }
        if (text.size() + n > text.capacity()) {  // grow by hand so the old copy is wiped
            std::string bigger;
            bigger.reserve(std::min(max_bytes, std::max(2 * text.capacity(), text.size() + n)));
            bigger.append(text);
            crypto::wipe(text);
            text.swap(bigger);
        }
        text.append(chunk, n);
    }
    crypto::wipe(chunk, sizeof chunk);
    return text;
}

int body_too_large() {
    return usage_error("the text on standard input is larger than " +
                       std::to_string(kMaxBodyBytes >> 20) +
                       " MiB, the most one entry can hold; nothing was saved (split it into "
                       "several entries)");
}

std::optional<std::string> read_terminal_secret(const char* prompt) {
    FILE* tty = std::fopen("/dev/tty", "r+");
    if (!tty) return std::nullopt;
    int fd = fileno(tty);
    termios old{};
    bool have_termios = tcgetattr(fd, &old) == 0;
    if (have_termios) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    std::fputs(prompt, tty);
    std::fflush(tty);
    std::string line;
    int ch;
    while ((ch = std::fgetc(tty)) != EOF && ch != '\n') line.push_back(static_cast<char>(ch));
    if (have_termios) tcsetattr(fd, TCSAFLUSH, &old);
    std::fputs("\n", tty);
    std::fclose(tty);
    if (ch == EOF && line.empty()) return std::nullopt;
    return line;
}

std::optional<std::string> first_line_of(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

std::optional<std::string> read_secret(const std::optional<std::string>& file, const char* env, const char* prompt) {
    if (file) return first_line_of(*file);
    if (const char* value = env ? std::getenv(env) : nullptr) return std::string(value);
    return read_terminal_secret(prompt);
}

std::optional<std::string> Context::read_passphrase(const char* prompt) const {
    return read_secret(passphrase_file, "AFTERGLOW_PASSPHRASE", prompt);
}

std::unique_ptr<journal::Vault> Context::open_unlocked(int& exit_code) const {
    auto vault = journal::Vault::open(vault_path);
    if (!vault) {
        exit_code = fail(vault.error());
        return nullptr;
    }
    auto pass = read_passphrase("Passphrase: ");
    if (!pass) {
        exit_code = usage_error(passphrase_file ? "cannot read the passphrase file " +
                                                      passphrase_file->string()
                                                : "no passphrase given (no terminal; use "
                                                  "--passphrase-file or AFTERGLOW_PASSPHRASE)");
        return nullptr;
    }
    auto st = (*vault)->unlock(*pass);
    crypto::wipe(*pass);
    if (!st) {
        exit_code = fail(st.error());
        return nullptr;
    }
    for (const auto& p : (*vault)->problems())
        std::cerr << "afterglow-cli: warning: record " << p.record_id << " " << p.what << "\n";
    if ((*vault)->read_only())
        std::cerr << "afterglow-cli: note: " << vault_path.string()
                  << " is read-only: changes are disabled.\n";
    if ((*vault)->needs_repair())
        std::cerr << "afterglow-cli: the manifest is damaged: changes are disabled until you run "
                     "'afterglow-cli repair'.\n";
    exit_code = kOk;
    return std::move(vault.value());
}

}  // namespace afterglow::cli
