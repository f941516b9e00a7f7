// Passkeys (docs/vault.md "Passkeys"): the web app adds them; the CLI lists them and removes
// one. It never unlocks with one (a terminal has no WebAuthn): the passphrase opens such a vault.
#include <iostream>

#include "cli/command.hpp"

namespace afterglow::cli {
namespace {

std::string describe(const journal::Passkey& p) {
    return "\u201c" + p.name + "\u201d, added " + p.added + " (" + p.row + ")" +
           (p.intact ? "" : " DAMAGED: it cannot unlock; remove it and add it again in the app");
}

int cmd_passkey(Context& ctx, Args& args) {
    const std::string verb = args.empty() ? "list" : args.front();
    if (!args.empty()) args.erase(args.begin());
    if (verb == "list" && args.empty()) {
        auto vault = journal::Vault::open(ctx.vault_path);  // the list is plaintext: no passphrase
        if (!vault) return fail(vault.error());
        auto keys = (*vault)->passkeys();
        if (keys.empty()) std::cout << "No passkeys: only the passphrase and the recovery key open this vault.\n";
        for (const auto& p : keys) std::cout << describe(p) << "\n";
        return kOk;
    }
    if (verb != "remove" || args.size() != 1) return usage_error("usage: passkey [list | remove NAME-OR-ROW]");
    int code = kOk;
    auto vault = ctx.open_unlocked(code);  // the owner removes a key: the passphrase first
    if (!vault) return code;
    std::vector<journal::Passkey> match;
    for (auto& p : vault->passkeys())
        if (p.name == args[0] || p.row == args[0]) match.push_back(std::move(p));
    if (match.empty()) return usage_error("no passkey named \u201c" + args[0] + "\u201d (see: passkey list)");
    if (match.size() > 1) return usage_error("several passkeys are named \u201c" + args[0] + "\u201d: give its row (see: passkey list)");
    if (auto st = vault->remove_passkey(match[0].row); !st) return fail(st.error());
    std::cout << "Removed " << describe(match[0]) << ". It no longer opens this vault.\n";
    return kOk;
}

Registrar r_passkey{{"passkey", "passkey [list | remove NAME-OR-ROW]",
                     "Lists the passkeys that open this vault in the web app (name, date added,\n"
                     "key row; no passphrase needed), or removes one by its name or row (asks the\n"
                     "passphrase; the wrap is deleted from the file). The desktop and the CLI\n"
                     "unlock with the passphrase.",
                     cmd_passkey}};

}  // namespace
}  // namespace afterglow::cli
