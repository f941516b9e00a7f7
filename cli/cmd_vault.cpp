// Vault-level commands: init, passwd, recover, verify, stats, capture.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/command.hpp"
#include "crypto/secret.hpp"
#include "journal/content/pack.hpp"

namespace afterglow::cli {
namespace {

using journal::Vault;

// A new passphrase: from --new-passphrase-file F, else $AFTERGLOW_NEW_PASSPHRASE, else asked
// twice on the terminal. For init the normal passphrase sources count as "new".
std::optional<std::string> read_new_passphrase(const Context& ctx, Args& args, bool for_init,
                                               int& code) {
    bool bad = false;
    auto file = take_option(args, "--new-passphrase-file", bad);
    if (bad) { code = usage_error("--new-passphrase-file needs a file"); return std::nullopt; }
    if (file) {
        Context c = ctx;
        c.passphrase_file = *file;
        auto p = c.read_passphrase("");
        if (!p) code = usage_error("cannot read " + *file);
        return p;
    }
    if (const char* env = std::getenv("AFTERGLOW_NEW_PASSPHRASE")) return std::string(env);
    if (for_init && (ctx.passphrase_file || std::getenv("AFTERGLOW_PASSPHRASE")))
        return ctx.read_passphrase("");
    Context term;  // terminal only
    auto a = term.read_passphrase("New passphrase: ");
    if (!a) { code = usage_error("no passphrase given (no terminal; use --new-passphrase-file)"); return std::nullopt; }
    auto b = term.read_passphrase("Repeat it: ");
    if (!b || *a != *b) {
        if (b) crypto::wipe(*b);
        crypto::wipe(*a);
        code = usage_error("the two passphrases differ; nothing was changed");
        return std::nullopt;
    }
    crypto::wipe(*b);
    return a;
}

std::optional<crypto::KdfParams> kdf_from_args(Args& args, bool& weak_ok, bool& bad) {
    auto mem = take_option(args, "--kdf-memory-mib", bad);
    auto ops = take_option(args, "--kdf-passes", bad);
    weak_ok = take_flag(args, "--i-accept-weaker-protection");
    if (!mem && !ops) return std::nullopt;
    try {
        std::uint64_t m = mem ? std::stoull(*mem) << 20 : crypto::KdfParams::kDefaultMemlimit;
        std::uint64_t o = ops ? std::stoull(*ops) : 3;
        return crypto::KdfParams::with_limits(o, m);
    } catch (...) {
        bad = true;
        return std::nullopt;
    }
}

int cmd_init(Context& ctx, Args& args) {
    bool bad = false, weak_ok = false;
    auto kdf = kdf_from_args(args, weak_ok, bad);
    if (bad || !args.empty()) return usage_error("usage: init [--kdf-memory-mib N] [--kdf-passes N]");
    int code = kOk;
    auto pass = read_new_passphrase(ctx, args, true, code);
    if (!pass) return code;
    journal::CreateOptions opt;
    opt.kdf = kdf;
    opt.allow_weak_kdf = weak_ok;
    if (ctx.test_fast_kdf) {
        opt.kdf = crypto::KdfParams::insecure_for_tests();
        opt.allow_weak_kdf = true;
    }
    if (!opt.kdf) std::cerr << "Calibrating key derivation for this machine (about a second)…\n";
    if (opt.kdf && opt.kdf->memlimit < crypto::KdfParams::kMinUserMemlimit && weak_ok && !ctx.test_fast_kdf)
        std::cerr << "Warning: this key-derivation setting is weaker than recommended; a stolen "
                     "vault file is easier to attack.\n";
    auto created = Vault::create(ctx.vault_path, *pass, opt);
    crypto::wipe(*pass);
    if (!created) return fail(created.error());
    std::cout << "Created " << ctx.vault_path.string() << "\n\n"
              << "Your recovery key (write it down and keep it somewhere safe; it is shown only "
                 "once):\n\n    "
              << created->recovery_key << "\n\n"
              << journal::content::default_pack().notices.not_medical_advice << "\n";
    crypto::wipe(created.value().recovery_key);
    return kOk;
}

int cmd_passwd(Context& ctx, Args& args) {
    bool bad = false, weak_ok = false;
    auto kdf = kdf_from_args(args, weak_ok, bad);
    if (bad) return usage_error("bad KDF option");
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    auto pass = read_new_passphrase(ctx, args, false, code);
    if (!pass) return code;
    auto st = vault->change_passphrase(*pass, kdf, weak_ok);
    crypto::wipe(*pass);
    if (!st) return fail(st.error());
    std::cout << "Passphrase changed. The old passphrase no longer opens this vault.\n";
    return kOk;
}

int cmd_recover(Context& ctx, Args& args) {
    bool bad = false, weak_ok = false;
    auto key_file = take_option(args, "--recovery-key-file", bad);
    if (bad) return usage_error("--recovery-key-file needs a file");
    auto kdf = kdf_from_args(args, weak_ok, bad);
    if (bad) return usage_error("bad KDF option");
    if (ctx.test_fast_kdf) {
        kdf = crypto::KdfParams::insecure_for_tests();
        weak_ok = true;
    }
    auto vault = Vault::open(ctx.vault_path);
    if (!vault) return fail(vault.error());
    std::optional<std::string> key;
    if (key_file) {
        std::ifstream in(*key_file);
        std::string line;
        if (in && std::getline(in, line)) key = line;
    } else if (const char* env = std::getenv("AFTERGLOW_RECOVERY_KEY")) {
        key = env;
    } else {
        key = Context{}.read_passphrase("Recovery key: ");
    }
    if (!key) return usage_error("no recovery key given");
    auto st = (*vault)->unlock_with_recovery_key(*key);
    crypto::wipe(*key);
    if (!st) return fail(st.error());
    int code = kOk;
    auto pass = read_new_passphrase(ctx, args, false, code);
    if (!pass) return code;
    // Never the file's KDF rows: nothing authenticated them (the library calibrates afresh).
    if (!kdf) std::cerr << "Calibrating key derivation for this machine (about a second)…\n";
    st = (*vault)->change_passphrase(*pass, kdf, weak_ok);
    crypto::wipe(*pass);
    if (!st) return fail(st.error());
    std::cout << "Vault unlocked with the recovery key and a new passphrase set.\n";
    return kOk;
}

int cmd_verify(Context& ctx, Args&) {
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    auto report = vault->verify();
    if (!report) return fail(report.error());
    std::cout << "records ok: " << report->records_ok << "\n"
              << "captured notes waiting: " << report->captures_pending << "\n"
              << "sqlite integrity: " << report->sqlite_check << "\n";
    for (const auto& p : report->problems) std::cout << "DAMAGED " << p.record_id << ": " << p.what << "\n";
    if (!report->ok()) {
        std::cerr << "afterglow-cli: the vault has " << report->problems.size()
                  << " damaged or inconsistent item(s); the rest is readable.\n";
        for (const auto& p : report->problems)
            if (p.what.rfind("fails authentication", 0) == 0 && journal::RecordId::parse(p.record_id)) {
                std::cerr << "afterglow-cli: 'afterglow-cli rm ID' removes a record that fails "
                             "authentication (a copy of the file is kept first).\n";
                break;
            }
        return kDamaged;
    }
    std::cout << "The vault is intact.\n";
    return kOk;
}

int cmd_repair(Context& ctx, Args& args) {
    if (!args.empty()) return usage_error("usage: repair");
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    auto report = vault->repair();
    if (!report) return fail(report.error());
    if (!report->changed()) {
        std::cout << "Nothing to repair: the manifest lists every record (" << report->listed
                  << ").\n";
        return kOk;
    }
    std::cout << "Kept a copy of the vault as it was: " << report->backup.string() << "\n";
    if (!report->manifest_was_readable)
        std::cout << "The manifest could not be read; it was rebuilt from the records.\n";
    if (report->schema_rebuilt)
        std::cout << "The records table had lost its one-row-per-id rule; it was remade with one "
                     "copy of each record.\n";
    auto list = [](const char* what, const std::vector<std::string>& ids) {
        for (const auto& id : ids) std::cout << what << " " << id << "\n";
    };
    list("relisted", report->relisted);
    list("rolled-back (kept as found)", report->rolled_back);
    list("missing (dropped from the list)", report->missing);
    list("damaged (left in the file, not listed)", report->damaged);
    std::cout << "Repaired: " << report->listed << " record(s) listed.\n";
    return kOk;
}

int cmd_stats(Context& ctx, Args&) {
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    auto s = vault->stats();
    std::cout << "vault:      " << vault->path().string() << "\n"
              << "sessions:   " << s.sessions << "\n"
              << "entries:    " << s.entries << "\n"
              << "check-ins:  " << s.checkins << "\n"
              << "goals:      " << s.goals << "\n"
              << "captured notes waiting: " << s.captures_pending << "\n"
              << "file size:  " << s.file_bytes << " bytes\n"
              << "format:     " << s.schema_version << "\n"
              << "key derivation: Argon2id, " << crypto::describe_memory(s.kdf.memlimit) << ", "
              << s.kdf.opslimit << " passes\n";
    return kOk;
}

int cmd_capture(Context& ctx, Args& args) {
    bool bad = false;
    auto title = take_option(args, "--title", bad);
    if (bad || !args.empty()) return usage_error("usage: capture [--title T] < note");
    if (isatty(0)) std::cerr << "Type the note, then Ctrl+D:\n";
    journal::QuickNote note;
    note.title = title.value_or("");
    auto body = read_stdin_limited();
    if (!body) return body_too_large();
    note.body = std::move(*body);
    while (!note.body.empty() && (note.body.back() == '\n' || note.body.back() == '\r')) note.body.pop_back();
    auto vault = Vault::open(ctx.vault_path);
    if (!vault) return fail(vault.error());
    auto st = (*vault)->capture(note);
    crypto::wipe(note.body);
    if (!st) return fail(st.error());
    std::cout << "Saved. The note is sealed; it joins your journal the next time you unlock.\n";
    return kOk;
}

Registrar r_init{{"init", "init [--kdf-memory-mib N --kdf-passes N [--i-accept-weaker-protection]]",
                  "Creates a new vault and prints its recovery key once. The passphrase is asked\n"
                  "twice on the terminal, or read from --passphrase-file / AFTERGLOW_PASSPHRASE.\n"
                  "Key derivation is calibrated to about one second with 256 MiB of memory;\n"
                  "less than 64 MiB needs --i-accept-weaker-protection.",
                  cmd_init}};
Registrar r_passwd{{"passwd", "passwd [--new-passphrase-file F] [--kdf-memory-mib N --kdf-passes N]",
                    "Changes the passphrase (asks the current one, then the new one twice, or\n"
                    "reads AFTERGLOW_NEW_PASSPHRASE / --new-passphrase-file). No entry is\n"
                    "re-encrypted; the old passphrase stops working.",
                    cmd_passwd}};
Registrar r_recover{{"recover", "recover [--recovery-key-file F] [--new-passphrase-file F] [--kdf-memory-mib N --kdf-passes N]",
                     "Unlocks with the recovery key (asked on the terminal, or\n"
                     "AFTERGLOW_RECOVERY_KEY / --recovery-key-file) and sets a new passphrase.\n"
                     "The new passphrase gets key derivation calibrated afresh on this machine\n"
                     "(never the file's settings, which nothing authenticates after a recovery).",
                     cmd_recover}};
Registrar r_verify{{"verify", "verify",
                    "Opens every record and names each damaged or inconsistent one.\n"
                    "Exit 0 when intact, 4 when anything is damaged.",
                    cmd_verify}};
Registrar r_repair{{"repair", "repair",
                    "Rebuilds a damaged manifest from every record that authenticates, after\n"
                    "keeping a copy of the file beside it (NAME.before-repair-TIME). Names each\n"
                    "record it relisted, found rolled back, missing or damaged. Until a damaged\n"
                    "manifest is repaired, changes are refused (they would hide older entries).",
                    cmd_repair}};
Registrar r_stats{{"stats", "stats", "Counts of records, file size and key-derivation settings.", cmd_stats}};
Registrar r_capture{{"capture", "capture [--title T] < note",
                     "Adds a quick note without the passphrase: it is sealed to the vault's public\n"
                     "key, cannot be read back until the vault is unlocked, and then joins the\n"
                     "journal marked as captured.",
                     cmd_capture}};

}  // namespace
}  // namespace afterglow::cli
