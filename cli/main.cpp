// afterglow-cli: parses global options and dispatches to the registered commands.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "cli/command.hpp"
#include "crypto/secret.hpp"

namespace {

using afterglow::cli::Args;
using afterglow::cli::Context;
using afterglow::cli::registry;

void print_usage(std::ostream& out) {
    out << "afterglow-cli — the Afterglow journal from the command line\n\n"
           "Usage: afterglow-cli [--vault PATH] [--passphrase-file F] COMMAND [ARGS…]\n\n"
           "Global options:\n"
           "  --vault PATH          the vault file (default: "
        << afterglow::journal::default_vault_path().string()
        << ")\n"
           "  --passphrase-file F   read the passphrase from the first line of F\n"
           "                        (or set AFTERGLOW_PASSPHRASE; otherwise you are asked\n"
           "                        on the terminal, without echo)\n"
           "  --help                this text; COMMAND --help for a command\n\n"
           "Commands:\n";
    for (const auto& c : registry()) {
        std::string name = c.name;
        out << "  " << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ') << c.synopsis
            << "\n";
    }
    out << "\nExit codes: 0 ok, 1 other error, 2 usage error, 3 wrong passphrase or key,\n"
           "4 damaged vault or file.\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (!afterglow::crypto::init()) {
        std::fprintf(stderr, "afterglow-cli: the system's random source is unavailable.\n");
        return afterglow::cli::kOther;
    }
    Args args(argv + 1, argv + argc);
    Context ctx;
    ctx.vault_path = afterglow::journal::default_vault_path();
    bool bad = false;
    // Global options come before the command.
    while (!args.empty() && args.front().rfind("--", 0) == 0) {
        std::string opt = args.front();
        if (opt == "--help" || opt == "-h") {
            print_usage(std::cout);
            return afterglow::cli::kOk;
        }
        args.erase(args.begin());
        auto value = [&]() -> std::string {
            if (args.empty()) {
                bad = true;
                return {};
            }
            std::string v = args.front();
            args.erase(args.begin());
            return v;
        };
        if (opt == "--vault") ctx.vault_path = value();
        else if (opt == "--passphrase-file") ctx.passphrase_file = value();
        else if (opt == "--insecure-test-kdf") ctx.test_fast_kdf = true;
        else return afterglow::cli::usage_error("unknown option " + opt);
        if (bad) return afterglow::cli::usage_error(opt + " needs a value");
    }
    if (args.empty()) {
        print_usage(std::cerr);
        return afterglow::cli::kUsage;
    }
    std::string name = args.front();
    args.erase(args.begin());
    if (name == "help") {
        print_usage(std::cout);
        return afterglow::cli::kOk;
    }
    for (const auto& c : registry()) {
        if (name == c.name) {
            if (afterglow::cli::wants_help(args)) return afterglow::cli::print_help(c);
            return c.run(ctx, args);
        }
    }
    return afterglow::cli::usage_error("unknown command '" + name + "' (see afterglow-cli --help)");
}
