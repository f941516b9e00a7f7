// `afterglow-cli sync`: sync this journal through a folder or a WebDAV address (docs/sync.md).
//   sync [--target PATH|URL]    one run; the target is remembered (sealed in the vault)
//   sync status                 "Synced 2 min ago · 2 devices · 0 conflicts", conflicts, skipped files
//   sync join --target T [--recovery-key-file F] [--new-passphrase-file F]
//                               create this device's vault from the journal in T
//   sync forget-device ID       stop waiting for a lost device (its old segments can go)
#include <fstream>
#include <iostream>

#include "cli/command.hpp"
#include "journal/sync/engine.hpp"
#include "journal/time.hpp"

namespace afterglow::cli {
namespace {

void print_skipped(const std::vector<sync::SkippedFile>& files) {
    for (const auto& f : files) std::cout << "  skipped " << f.name << ": " << f.reason << "\n";
}

std::string first_line(const std::string& s, std::size_t max = 60) {
    std::string line = s.substr(0, s.find('\n'));
    if (line.size() > max) {
        line.resize(max);
        while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) line.pop_back();
        if (!line.empty() && static_cast<unsigned char>(line.back()) >= 0xC0) line.pop_back();
        line += "…";
    }
    return line;
}

void print_version(const journal::Vault& v, const journal::RecordId& id, const char* which) {
    std::cout << "    " << which << " " << id.short_hex();
    if (const auto* e = v.find_entry(id)) std::cout << " \"" << e->title << "\": " << first_line(e->body);
    else if (const auto* s = v.find_session(id)) std::cout << " (session): " << first_line(s->notes);
    std::cout << "\n";
}

int cmd_status(Context& ctx) {
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    auto st = sync::status(*vault);
    if (!st) return fail(st.error());
    std::cout << sync::status_line(*st, journal::now()) << "\n";
    if (!st->target.empty()) std::cout << "Target: " << st->target << "\n";
    if (!st->device_id.empty()) std::cout << "This device: " << st->device_id << "\n";
    for (const auto& d : st->other_devices) std::cout << "Other device: " << d << "\n";
    for (const auto& c : st->conflicts) {
        std::cout << "Edited on two devices (both kept; keep one, combine them, or keep both):\n";
        print_version(*vault, c.kept, "kept: ");
        print_version(*vault, c.other, "other:");
    }
    print_skipped(st->skipped_files);
    return kOk;
}

int cmd_join(Context& ctx, Args& args) {
    bool bad = false;
    auto target = take_option(args, "--target", bad);
    auto key_file = take_option(args, "--recovery-key-file", bad);
    auto new_file = take_option(args, "--new-passphrase-file", bad);
    if (bad || !target || !args.empty())
        return usage_error("usage: sync join --target PATH|URL [--recovery-key-file F] [--new-passphrase-file F]");
    auto store = sync::make_store(*target, nullptr);
    if (!store) return fail(store.error());
    std::string secret;
    if (key_file) {
        std::ifstream in(*key_file);
        if (!in || !std::getline(in, secret)) return usage_error("cannot read " + *key_file);
    } else {
        auto p = ctx.read_passphrase("The journal's passphrase: ");
        if (!p) return usage_error("no passphrase given (use --passphrase-file or AFTERGLOW_PASSPHRASE)");
        secret = std::move(*p);
    }
    std::string fresh = secret;
    if (key_file || new_file) {  // a recovery key is not a passphrase: this device needs one
        Context c = ctx;
        if (new_file) c.passphrase_file = *new_file;
        auto p = c.read_passphrase("New passphrase for this device: ");
        if (!p) return usage_error("no new passphrase given (use --new-passphrase-file)");
        fresh = std::move(*p);
    }
    sync::JoinOptions opt;
    opt.recovery = key_file.has_value();
    if (ctx.test_fast_kdf) {
        opt.kdf = crypto::KdfParams::insecure_for_tests();
        opt.allow_weak_kdf = true;
    } else if (fresh != secret) {  // the journal's own passphrase keeps the journal's parameters
        std::cerr << "Calibrating key derivation for this machine (about a second)…\n";
    }
    auto joined = sync::join(**store, ctx.vault_path, secret, fresh, opt);
    crypto::wipe(secret);
    crypto::wipe(fresh);
    if (!joined) return fail(joined.error());
    (void)sync::remember_target(*joined->vault, *target);
    const auto n = joined->vault->entries().size();
    std::cout << "Joined the journal in " << (*store)->describe() << ": " << n << (n == 1 ? " entry" : " entries")
              << ". This device's vault: " << ctx.vault_path.string() << "\n";
    print_skipped(joined->report.skipped_files);
    return kOk;
}

int cmd_sync(Context& ctx, Args& args) {
    if (!args.empty() && args.front() == "status") {
        args.erase(args.begin());
        if (!args.empty()) return usage_error("usage: sync status");
        return cmd_status(ctx);
    }
    if (!args.empty() && args.front() == "forget-device") {
        args.erase(args.begin());
        if (args.size() != 1) return usage_error("usage: sync forget-device DEVICE-ID (see `sync status`)");
        int code = kOk;
        auto vault = ctx.open_unlocked(code);
        if (!vault) return code;
        if (auto st = sync::forget_device(*vault, args.front()); !st) return fail(st.error());
        std::cout << "This device no longer waits for " << args.front()
                  << "; the others stop waiting after this device's next sync. If that device syncs "
                     "again, it writes its journal again under a new id (nothing is lost).\n";
        return kOk;
    }
    if (!args.empty() && args.front() == "join") {
        args.erase(args.begin());
        return cmd_join(ctx, args);
    }
    bool bad = false;
    auto target = take_option(args, "--target", bad);
    if (bad || !args.empty()) return usage_error("usage: sync [--target PATH|URL] | sync status | sync join …");
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    if (!target) {
        auto st = sync::status(*vault);
        if (!st) return fail(st.error());
        if (st->target.empty()) return usage_error("no sync target yet: give one with --target PATH|URL");
        target = st->target;
    }
    auto store = sync::make_store(*target, vault.get());
    if (!store) return fail(store.error());
    auto report = sync::sync_once(*vault, **store);
    if (!report) return fail(report.error());
    if (auto st = sync::remember_target(*vault, *target); !st) return fail(st.error());
    std::cout << report->message << " " << report->devices << (report->devices == 1 ? " device" : " devices")
              << " in " << (*store)->describe() << ".\n";
    print_skipped(report->skipped_files);
    return kOk;
}

Registrar r_sync{{"sync", "sync [--target PATH|URL] | sync status | sync join --target PATH|URL [--recovery-key-file F] | sync forget-device ID",
                  "Syncs this journal with your other devices through a folder (one that Syncthing, "
                  "Nextcloud, Dropbox or iCloud Drive keeps in step) or a WebDAV address, end-to-end "
                  "encrypted: the store sees only device ids, counters and padded sizes. The target is "
                  "remembered. Texts edited on two devices are both kept (see `sync status`). `sync join` "
                  "creates this device's vault (--vault) from a journal that already syncs there, with its "
                  "passphrase or recovery key. `sync forget-device ID` stops waiting for a device that "
                  "will not sync again (its old segments can then be removed).",
                  cmd_sync}};

}  // namespace
}  // namespace afterglow::cli
