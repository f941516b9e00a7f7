// Content commands: pack import|show|remove (the clinic pack) and careteam set|show|clear.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.hpp"
#include "cli/content_format.hpp"
#include "journal/content/care_team.hpp"
#include "journal/content/clinic_pack.hpp"

namespace afterglow::cli {
namespace {

using namespace journal;
using namespace journal::content;

std::optional<std::string> read_file_arg(const std::string& path, int& code) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "afterglow-cli: cannot read " << path << "\n";
        code = kOther;
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int cmd_pack(Context& ctx, Args& args) {
    const char* usage = "usage: pack import FILE | pack show | pack remove";
    if (args.empty()) return usage_error(usage);
    std::string sub = args.front();
    args.erase(args.begin());
    if (sub == "import") {
        if (args.size() != 1) return usage_error("usage: pack import FILE");
        int code = kOk;
        auto text = read_file_arg(args[0], code);
        if (!text) return code;
        // Validate before asking for the passphrase: a broken file never needs the vault.
        const std::string name = std::filesystem::path(args[0]).filename().string();
        if (auto check = checked_clinic_pack(*text, name); !check) return fail(check.error());
        auto vault = ctx.open_unlocked(code);
        if (!vault) return code;
        auto p = import_pack(*vault, *text, name);
        if (!p) return fail(p.error());
        std::cout << "Imported " << name << " (" << p->name << (p->version.empty() ? "" : " " + p->version)
                  << "), kept encrypted in the vault.\n";
        print_pack_summary(std::cout, *p);
        return kOk;
    }
    if (sub == "show" || sub == "remove") {
        if (!args.empty()) return usage_error(usage);
        int code = kOk;
        auto vault = ctx.open_unlocked(code);
        if (!vault) return code;
        if (sub == "remove") {
            if (auto st = remove_imported_pack(*vault); !st) return fail(st.error());
            std::cout << "The imported pack was removed; the default pack is in use.\n";
            return kOk;
        }
        auto active = active_pack(*vault);
        for (const auto& p : active.problems) std::cerr << "afterglow-cli: not applied: " << p << "\n";
        print_pack(std::cout, active.pack);
        return kOk;
    }
    return usage_error(usage);
}

int cmd_careteam(Context& ctx, Args& args) {
    const char* usage = "usage: careteam set [--therapist-name N] [--therapist-phone P] [--clinic-name N] "
                        "[--clinic-phone P] [--trusted-name N] [--trusted-phone P] | careteam show | careteam clear";
    if (args.empty()) return usage_error(usage);
    std::string sub = args.front();
    args.erase(args.begin());
    if (sub == "show" || sub == "clear") {
        if (!args.empty()) return usage_error(usage);
        int code = kOk;
        auto vault = ctx.open_unlocked(code);
        if (!vault) return code;
        if (sub == "clear") {
            if (auto st = save_care_team(*vault, CareTeam{}); !st) return fail(st.error());
            std::cout << "Care team cleared.\n";
            return kOk;
        }
        auto team = load_care_team(*vault);
        if (!team) {
            std::cout << "No care team saved (careteam set --therapist-name … adds one).\n";
            return kOk;
        }
        print_care_team(std::cout, *team);
        return kOk;
    }
    if (sub != "set") return usage_error(usage);
    bool bad = false;
    auto tn = take_option(args, "--therapist-name", bad), tp = take_option(args, "--therapist-phone", bad);
    auto cn = take_option(args, "--clinic-name", bad), cp = take_option(args, "--clinic-phone", bad);
    auto pn = take_option(args, "--trusted-name", bad), pp = take_option(args, "--trusted-phone", bad);
    if (bad || !args.empty() || !(tn || tp || cn || cp || pn || pp)) return usage_error(usage);
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    CareTeam team = load_care_team(*vault).value_or(CareTeam{});
    if (tn) team.therapist.name = *tn;
    if (tp) team.therapist.phone = *tp;
    if (cn) team.clinic.name = *cn;
    if (cp) team.clinic.phone = *cp;
    if (pn) team.trusted.name = *pn;
    if (pp) team.trusted.phone = *pp;
    if (auto st = save_care_team(*vault, team); !st) return fail(st.error());
    print_care_team(std::cout, team);
    return kOk;
}

int cmd_crisis(Context& ctx, Args& args) {
    if (!args.empty()) return usage_error("usage: crisis");
    // Works without the vault (it may be locked or lost); with it, the care team and the
    // clinic pack's numbers come first.
    std::optional<CareTeam> team;
    Pack pack = default_pack();
    const bool can_unlock = ctx.passphrase_file || std::getenv("AFTERGLOW_PASSPHRASE");  // never prompt here
    if (can_unlock && std::filesystem::exists(ctx.vault_path)) {
        int code = kOk;
        if (auto vault = ctx.open_unlocked(code)) {
            team = load_care_team(*vault);
            pack = active_pack(*vault).pack;
        }
    }
    print_crisis(std::cout, pack, team);
    return kOk;
}

Registrar r_pack{{"pack", "pack import FILE | pack show | pack remove",
                  "pack import FILE   checks a clinic's content pack (JSON, docs/content.md) and keeps it\n"
                  "                   encrypted in the vault; it overrides or extends the default pack.\n"
                  "                   A malformed pack is refused with one message naming the field and\n"
                  "                   changes nothing (exit 2).\n"
                  "pack show          the pack in use: prompts, checklist, scales, crisis lines, instruments\n"
                  "pack remove        back to the default pack",
                  cmd_pack}};
Registrar r_crisis{{"crisis", "crisis",
                    "Shows where to get help right now: emergency numbers, crisis lines (988 in the US,\n"
                    "Fireside Project's psychedelic peer support line), and, when the vault can be opened\n"
                    "(--passphrase-file or AFTERGLOW_PASSPHRASE), your care team and your clinic first.\n"
                    "It never asks for the passphrase.",
                    cmd_crisis}};
Registrar r_careteam{{"careteam", "careteam set|show|clear …",
                      "careteam set [--therapist-name N] [--therapist-phone P] [--clinic-name N]\n"
                      "             [--clinic-phone P] [--trusted-name N] [--trusted-phone P]\n"
                      "careteam show | careteam clear\n"
                      "Your care team is stored encrypted and shown first on the crisis screen.",
                      cmd_careteam}};

}  // namespace
}  // namespace afterglow::cli
