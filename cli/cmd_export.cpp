// afterglow-cli export / import: exports for the therapist (encrypted by default) and
// restoring a JSON backup. See journal/export/ for the formats.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.hpp"
#include "crypto/age.hpp"
#include "crypto/secret.hpp"
#include "journal/export/backup_import.hpp"
#include "journal/export/backup_json.hpp"
#include "journal/export/fhir_bundle.hpp"
#include "journal/export/selection.hpp"
#include "journal/export/writer.hpp"
#include "journal/time.hpp"

namespace afterglow::cli {
namespace {

namespace ex = journal::exports;

constexpr std::uintmax_t kMaxImportFile = 1ull << 30;


std::optional<std::string> slurp(const std::string& path, std::uintmax_t max) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec || size > max) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string text(static_cast<std::size_t>(size), '\0');  // one copy, sized once
    if (!in.read(text.data(), static_cast<std::streamsize>(text.size()))) return std::nullopt;
    return text;
}

// "2026-10-01" as the start or (inclusive) end of that local day; full times as given.
std::optional<std::int64_t> parse_day(const std::string& text, bool end_of_day) {
    auto t = journal::parse_iso8601(text);
    if (!t) return std::nullopt;
    if (end_of_day && text.size() == 10) *t += 86400 - 1;
    return t;
}

int run_export(Context& ctx, Args& args) {
    bool bad = false;
    auto format_text = take_option(args, "--format", bad);
    auto recipients = take_all(args, "--recipient", bad);
    auto more = take_all(args, "-r", bad);
    recipients.insert(recipients.end(), more.begin(), more.end());
    bool passphrase_protect = take_flag(args, "--passphrase-protect");
    auto passphrase_file = take_option(args, "--export-passphrase-file", bad);
    bool plaintext = take_flag(args, "--plaintext");
    bool armor = take_flag(args, "--armor");
    auto from_text = take_option(args, "--from", bad);
    auto to_text = take_option(args, "--to", bad);
    auto sessions = take_all(args, "--session", bad);
    auto entries = take_all(args, "--entry", bad);
    auto name = take_option(args, "--name", bad);
    bool no_checkins = take_flag(args, "--no-checkins");
    bool no_goals = take_flag(args, "--no-goals");
    auto out = take_option(args, "-o", bad);
    if (!out) out = take_option(args, "--output", bad);
    if (bad) return usage_error("an option is missing its value (see export --help)");
    if (!args.empty()) return usage_error("unexpected argument: " + args.front());
    if (!format_text) return usage_error("choose a format: --format markdown|pdf|json|ics|fhir");
    auto format = ex::parse_format(*format_text);
    if (!format) return usage_error("unknown format '" + *format_text + "' (markdown, pdf, json, ics, fhir)");
    if (!out) return usage_error("name the output file with -o FILE");
    if (passphrase_file) passphrase_protect = true;

    ex::Protection protection;
    protection.recipients = recipients;
    protection.plaintext_confirmed = plaintext;
    protection.armor = armor;
    if (passphrase_protect) protection.passphrase = "placeholder";  // checked before asking
    if (auto st = ex::check_protection(*format, protection); !st) return usage_error(st.error().message);

    ex::Selection sel;
    if (from_text) {
        sel.from = parse_day(*from_text, false);
        if (!sel.from) return usage_error("--from: not a date (YYYY-MM-DD): " + *from_text);
    }
    if (to_text) {
        sel.to = parse_day(*to_text, true);
        if (!sel.to) return usage_error("--to: not a date (YYYY-MM-DD): " + *to_text);
    }
    sel.include_checkins = !no_checkins;
    sel.include_goals = !no_goals;
    if (name) sel.name = *name;

    if (passphrase_protect) {
        auto pass = read_secret(passphrase_file, nullptr, "Passphrase for the export: ");
        if (passphrase_file && !pass) return usage_error("cannot read the export passphrase file " + *passphrase_file);
        if (!passphrase_file) {
            auto again = pass ? read_terminal_secret("Repeat it: ") : std::nullopt;
            if (!pass || !again)
                return usage_error("no terminal to ask for the export passphrase; use --export-passphrase-file F");
            bool same = *pass == *again;
            crypto::wipe(*again);
            if (!same) return usage_error("the two passphrases differ");
        }
        if (pass->empty()) return usage_error("the export passphrase is empty");
        protection.passphrase = std::move(pass);
    }

    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    for (const auto& [list, target] : {std::pair{&sessions, &sel.sessions}, std::pair{&entries, &sel.entries}}) {
        for (const auto& text : *list) {
            auto id = vault->resolve(text);
            if (!id) return usage_error("no record matches id '" + text + "'");
            target->push_back(*id);
        }
    }
    const bool whole = *format == ex::Format::json && sessions.empty() && entries.empty() &&
                       !from_text && !to_text;
    ex::ExportData data = whole ? ex::snapshot_all(*vault) : ex::select(*vault, sel);
    if (whole) data.name = sel.name;
    vault->lock();

    Status st = ex::export_to_file(data, *format, protection, *out);
    if (protection.passphrase) crypto::wipe(*protection.passphrase);
    if (!st) return fail(st.error());
    // What the file holds: a FHIR bundle holds questionnaire responses and their totals only.
    std::cout << "Exported " << (*format == ex::Format::fhir ? ex::fhir_contents(data.responses) : ex::preview(data).text)
              << " to " << *out;
    if (!protection.recipients.empty())
        std::cout << " (age-encrypted for " << protection.recipients.size() << " recipient"
                  << (protection.recipients.size() == 1 ? "" : "s") << ")";
    else if (protection.passphrase) std::cout << " (age-encrypted with a passphrase)";
    else std::cout << " (NOT encrypted: readable by anyone who gets the file)";
    std::cout << "\n";
    return kOk;
}

int run_import(Context& ctx, Args& args) {
    bool bad = false;
    auto identity_files = take_all(args, "-i", bad);
    auto more = take_all(args, "--identity", bad);
    identity_files.insert(identity_files.end(), more.begin(), more.end());
    auto passphrase_file = take_option(args, "--backup-passphrase-file", bad);
    if (bad) return usage_error("an option is missing its value (see import --help)");
    if (args.size() != 1) return usage_error("name one backup file to import");
    const std::string file = args.front();

    auto raw = slurp(file, kMaxImportFile);
    if (!raw) return fail(make_error(Errc::io, "Cannot read " + file + " (missing, unreadable or too large).", file));
    Result<std::vector<journal::Record>> records = make_error(Errc::damaged, "unread");
    if (crypto::age::is_age_file(crypto::as_bytes(*raw))) {
        auto info = crypto::age::inspect(crypto::as_bytes(*raw));
        if (!info) return fail(info.error());
        crypto::age::DecryptOptions opts;
        std::vector<crypto::age::Identity> ids;
        if (info->passphrase) {
            auto pass = read_secret(passphrase_file, nullptr, "Passphrase of the backup: ");
            if (passphrase_file && !pass) return usage_error("cannot read the backup passphrase file " + *passphrase_file);
            if (!pass) {
                std::cerr << "afterglow-cli: the backup is passphrase-protected; use --backup-passphrase-file F\n";
                return kWrongPassphrase;
            }
            opts.passphrase = std::move(pass);
        } else {
            for (const auto& f : identity_files) {
                auto text = slurp(f, 1 << 20);
                if (!text) return usage_error("cannot read the identity file " + f);
                auto parsed = crypto::age::parse_identity_file(*text);
                crypto::wipe(*text);
                if (!parsed) return fail(parsed.error());
                for (auto& id : parsed.value()) ids.push_back(std::move(id));
            }
            if (ids.empty()) {
                std::cerr << "afterglow-cli: the backup is encrypted to a key; give its identity file with -i FILE\n";
                return kWrongPassphrase;
            }
            opts.identities = &ids;
        }
        records = ex::open_backup(crypto::as_bytes(*raw), opts);
        if (opts.passphrase) crypto::wipe(*opts.passphrase);
    } else {
        records = ex::parse_backup(*raw);
    }
    crypto::wipe(*raw);
    if (!records) {
        Error e = records.error();
        if (e.code == Errc::damaged || e.code == Errc::unsupported)
            e.message = file + ": " + e.message + " Nothing was imported.";
        return fail(e);
    }
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    auto counts = ex::import_backup(*vault, std::move(records.value()));
    if (!counts) return fail(counts.error());
    std::cout << "Imported " << file << ": " << counts->added << " added, " << counts->skipped
              << " skipped (already here)\n";
    for (const auto& [local, copy] : counts->kept_both)
        std::cout << "kept both: " << local.hex() << " (yours, unchanged) and " << copy.hex()
                  << " (the backup's different version)\n";
    return kOk;
}

Registrar export_command{Command{
    "export",
    "export --format markdown|pdf|json|ics|fhir [--recipient age1…]… [--passphrase-protect "
    "[--export-passphrase-file F]] [--plaintext] [--armor] [--from DATE] [--to DATE] "
    "[--session ID]… [--entry ID]… [--name NAME] [--no-checkins] [--no-goals] -o FILE",
    "Exports the journal for your therapist. The file is age-encrypted: to each --recipient\n"
    "(their age1… public key) or, with --passphrase-protect, to a passphrase read from\n"
    "--export-passphrase-file F or asked on the terminal. A readable (unencrypted) Markdown,\n"
    "PDF or calendar file needs --plaintext: anyone who gets it can read it. --format json is\n"
    "a full backup and is always encrypted. --format fhir is a FHIR R4 Bundle for a clinic's\n"
    "records: each questionnaire response (QuestionnaireResponse) and its total score (an\n"
    "Observation with its LOINC code), always encrypted. --from/--to take YYYY-MM-DD (inclusive);\n"
    "--session and --entry take ids or unique prefixes and may repeat.\n"
    "Exit codes: 0 ok, 1 other error, 2 usage, 3 wrong passphrase, 4 damaged vault.",
    run_export}};

Registrar import_command{Command{
    "import",
    "import FILE [-i IDENTITY]… [--backup-passphrase-file F]",
    "Restores a JSON backup (made by export --format json) into the vault. An age-encrypted\n"
    "backup opens with an identity file (-i, as age-keygen writes) or its passphrase\n"
    "(--backup-passphrase-file F, else asked on the terminal). Records are matched by id: a\n"
    "record the vault holds at the same or a newer version is kept, an older one is replaced.\n"
    "All or nothing: a damaged backup imports nothing. Prints added/updated/skipped.\n"
    "A bare JSON backup (decrypted by hand with age -d) is read too.\n"
    "Exit codes: 0 ok, 1 other error, 2 usage, 3 wrong passphrase or no matching identity,\n"
    "4 damaged backup or vault.",
    run_import}};

}  // namespace
}  // namespace afterglow::cli
