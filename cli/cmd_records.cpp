// Record commands: add, list, show, edit, rm, search, session, checkin, goal.
#include <cctype>
#include <iostream>

#include "cli/command.hpp"
#include "cli/format.hpp"
#include "journal/export/backup_json.hpp"
#include "journal/schedule.hpp"

namespace afterglow::cli {
namespace {

using namespace journal;

std::string trim_newlines(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

// Lists longer than a backup may hold would make an entry that cannot be restored.
std::optional<int> check_list_sizes(std::initializer_list<std::pair<const char*, std::size_t>> lists) {
    for (const auto& [name, n] : lists)
        if (n > exports::kMaxListItems)
            return usage_error(std::string("too many ") + name + " (" + std::to_string(n) +
                               "; an entry holds at most " + std::to_string(exports::kMaxListItems) + ")");
    return std::nullopt;
}

std::optional<Timestamp> parse_time(const std::optional<std::string>& s, bool& bad) {
    if (!s) return std::nullopt;
    auto t = parse_iso8601(*s);
    if (!t) {
        bad = true;
        std::cerr << "afterglow-cli: '" << *s << "' is not a date (use 2026-11-25 or 2026-11-25T14:30 or with +01:00)\n";
        return std::nullopt;
    }
    return from_utc(*t);
}

// Unlocks, saves one record, prints its id.
int save_and_print(const Context& ctx, Record record) {
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    auto id = vault->save(std::move(record));
    if (!id) return fail(id.error());
    std::cout << id->hex() << "\n";
    return kOk;
}

// "list" prints every record of one kind; anything else but "add" is a usage error.
template <class Print>
std::optional<int> list_or_add(const Context& ctx, Args& args, const char* usage, Print print) {
    if (args.empty()) return usage_error(usage);
    std::string sub = args.front();
    args.erase(args.begin());
    if (sub == "list") {
        int code = kOk;
        auto vault = ctx.open_unlocked(code);
        if (!vault) return code;
        print(*vault);
        return kOk;
    }
    if (sub != "add") return usage_error(usage);
    return std::nullopt;
}

int cmd_add(Context& ctx, Args& args) {
    bool bad = false;
    auto kind = take_option(args, "--kind", bad);
    auto session = take_option(args, "--session", bad);
    auto title = take_option(args, "--title", bad);
    auto tags = take_all(args, "--tag", bad);
    auto emotions = take_all(args, "--emotion", bad);
    auto actions = take_all(args, "--action", bad);
    if (bad || !args.empty()) return usage_error("usage: add [--kind K] [--session ID] [--title T] < body");
    if (auto code = check_list_sizes({{"--tag", tags.size()}, {"--emotion", emotions.size()},
                                      {"--action", actions.size()}}))
        return *code;
    Entry e;
    if (kind) {
        auto k = parse_entry_kind(*kind);
        if (!k) return usage_error("unknown kind '" + *kind + "' (intention, session-note, integration, reflection)");
        e.kind = *k;
    }
    e.title = title.value_or("");
    e.tags = tags;
    e.emotions = emotions;
    for (auto& a : actions) e.actions.push_back({a, false});
    auto body = read_stdin_limited();
    if (!body) return body_too_large();
    e.body = trim_newlines(std::move(*body));
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    if (session) {
        auto id = vault->resolve(*session);
        if (!id || !vault->find_session(*id)) return usage_error("no session '" + *session + "'");
        e.session = id;
    }
    auto id = vault->save(std::move(e));
    if (!id) return fail(id.error());
    std::cout << id->hex() << "\n";
    return kOk;
}

int cmd_list(Context& ctx, Args& args) {
    bool bad = false;
    auto kind = take_option(args, "--kind", bad);
    if (bad || !args.empty()) return usage_error("usage: list [--kind K]");
    std::optional<EntryKind> k;
    if (kind && !(k = parse_entry_kind(*kind))) return usage_error("unknown kind '" + *kind + "'");
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    for (const auto& e : vault->entries())
        if (!k || e.kind == *k) print_entry_line(std::cout, e);
    return kOk;
}

int cmd_show(Context& ctx, Args& args) {
    if (args.size() != 1) return usage_error("usage: show ID");
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    auto id = vault->resolve(args[0]);
    if (!id) return fail(make_error(Errc::not_found, "no record '" + args[0] + "' (or the prefix is ambiguous)"));
    if (auto* e = vault->find_entry(*id)) print_entry(std::cout, *e);
    else if (auto* s = vault->find_session(*id)) print_session(std::cout, *s, phase_label(*s, vault->sessions()));
    else if (auto* c = vault->find_checkin(*id)) print_checkin(std::cout, *c);
    else if (auto* g = vault->find_goal(*id)) print_goal(std::cout, *g);
    return kOk;
}

int cmd_edit(Context& ctx, Args& args) {
    bool bad = false;
    auto title = take_option(args, "--title", bad);
    auto kind = take_option(args, "--kind", bad);
    bool body = take_flag(args, "--body-from-stdin");
    auto tags = take_all(args, "--tag", bad);
    if (bad || args.size() != 1) return usage_error("usage: edit ID [--title T] [--kind K] [--tag T]… [--body-from-stdin]");
    if (auto code = check_list_sizes({{"--tag", tags.size()}})) return *code;
    std::optional<std::string> new_body;
    if (body && !(new_body = read_stdin_limited())) return body_too_large();
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    auto id = vault->resolve(args[0]);
    const Entry* found = id ? vault->find_entry(*id) : nullptr;
    if (!found) return fail(make_error(Errc::not_found, "no entry '" + args[0] + "'"));
    Entry e = *found;
    if (title) e.title = *title;
    if (kind) {
        auto k = parse_entry_kind(*kind);
        if (!k) return usage_error("unknown kind '" + *kind + "'");
        e.kind = *k;
    }
    if (!tags.empty()) e.tags = tags;
    if (new_body) e.body = trim_newlines(std::move(*new_body));
    auto saved = vault->save(std::move(e));
    if (!saved) return fail(saved.error());
    std::cout << saved->hex() << "\n";
    return kOk;
}

// A record named at unlock as damaged (it is not in the index), by full id or unique prefix.
std::optional<journal::RecordId> resolve_damaged(const Vault& vault, std::string prefix) {
    if (prefix.size() < 4) return std::nullopt;
    for (auto& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::optional<journal::RecordId> found;
    for (const auto& p : vault.problems()) {
        auto id = journal::RecordId::parse(p.record_id);
        if (!id || p.record_id.compare(0, prefix.size(), prefix) != 0 || id == found) continue;
        if (found) return std::nullopt;  // ambiguous
        found = id;
    }
    return found;
}

int cmd_rm(Context& ctx, Args& args) {
    if (args.size() != 1) return usage_error("usage: rm ID");
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    auto id = vault->resolve(args[0]);
    if (!id) {
        auto damaged = resolve_damaged(*vault, args[0]);
        if (!damaged) return fail(make_error(Errc::not_found, "no record '" + args[0] + "'"));
        auto copy = vault->remove_damaged(*damaged);
        if (!copy) return fail(copy.error());
        std::cout << "Kept a copy of the vault as it was: " << copy->string() << "\n"
                  << "Removed damaged record " << damaged->hex()
                  << " (it no longer authenticates, so its text could not be read).\n";
        return kOk;
    }
    if (auto st = vault->remove(*id); !st) return fail(st.error());
    std::cout << "Deleted " << id->hex() << "\n";
    return kOk;
}

int cmd_search(Context& ctx, Args& args) {
    if (args.empty()) return usage_error("usage: search WORDS…");
    std::string q;
    for (const auto& a : args) q += a + " ";
    int code = kOk;
    auto vault = ctx.open_unlocked(code);
    if (!vault) return code;
    for (const auto& id : vault->search(q)) print_entry_line(std::cout, *vault->find_entry(id));
    return kOk;
}

int cmd_session(Context& ctx, Args& args) {
    if (auto done = list_or_add(ctx, args, "usage: session add|list …", [](const Vault& v) {
            for (const auto& s : v.sessions()) print_session_line(std::cout, s, phase_label(s, v.sessions()));
        }))
        return *done;
    bool bad = false;
    auto kind = take_option(args, "--kind", bad);
    auto protocol = take_option(args, "--protocol", bad);
    auto route = take_option(args, "--route", bad);
    auto at = parse_time(take_option(args, "--at", bad), bad);
    auto start = parse_time(take_option(args, "--start", bad), bad);
    auto end = parse_time(take_option(args, "--end", bad), bad);
    auto provider = take_option(args, "--provider", bad);
    auto notes = take_option(args, "--notes", bad);
    if (bad || !args.empty())
        return usage_error("usage: session add --kind K [--protocol kap|medical-only] [--route R] [--at T] [--start T] [--end T] [--provider P] [--notes N]");
    Session s;
    if (kind) {
        auto k = parse_session_kind(*kind);
        if (!k) return usage_error("unknown session kind '" + *kind + "' (intake, preparation, medicine, integration, maintenance)");
        s.kind = *k;
    }
    if (protocol) {
        auto p = parse_protocol(*protocol);
        if (!p) return usage_error("unknown protocol '" + *protocol + "' (kap, medical-only)");
        s.protocol = *p;
    }
    if (s.kind != SessionKind::medicine && !protocol) s.protocol = Protocol::none;
    if (route) {
        auto r = parse_route(*route);
        if (!r) return usage_error("unknown route '" + *route + "' (im, iv, oral, sublingual, nasal)");
        s.route = *r;
    }
    s.scheduled = at;
    s.started = start;
    s.ended = end;
    s.provider = provider.value_or("");
    s.notes = notes.value_or("");
    return save_and_print(ctx, Record{std::move(s)});
}

int cmd_checkin(Context& ctx, Args& args) {
    if (auto done = list_or_add(ctx, args, "usage: checkin add|list …", [](const Vault& v) {
            for (const auto& c : v.checkins()) print_checkin(std::cout, c);
        }))
        return *done;
    bool bad = false;
    auto scores = take_all(args, "--score", bad);
    auto note = take_option(args, "--note", bad);
    auto at = parse_time(take_option(args, "--at", bad), bad);
    if (bad || !args.empty() || scores.empty())
        return usage_error("usage: checkin add --score MEASURE=VALUE… [--note N] [--at T]");
    CheckIn c;
    c.at = at.value_or(now());
    for (const auto& s : scores) {
        auto eq = s.find('=');
        if (eq == std::string::npos) return usage_error("a score is MEASURE=VALUE, e.g. mood=7");
        try {
            c.scores.push_back({s.substr(0, eq), std::stod(s.substr(eq + 1)), 0, 10});
        } catch (...) {
            return usage_error("'" + s.substr(eq + 1) + "' is not a number");
        }
    }
    c.note = note.value_or("");
    return save_and_print(ctx, Record{std::move(c)});
}

int cmd_goal(Context& ctx, Args& args) {
    if (auto done = list_or_add(ctx, args, "usage: goal add|list …", [](const Vault& v) {
            for (const auto& g : v.goals()) print_goal(std::cout, g);
        }))
        return *done;
    bool bad = false;
    auto title = take_option(args, "--title", bad);
    auto desc = take_option(args, "--description", bad);
    if (bad || !args.empty() || !title) return usage_error("usage: goal add --title T [--description D]");
    Goal g;
    g.title = *title;
    g.description = desc.value_or("");
    return save_and_print(ctx, Record{std::move(g)});
}

Registrar r_add{{"add", "add [--kind K] [--session ID] [--title T] [--tag T]… [--emotion E]… [--action A]… < body",
                 "Adds an entry; the body is read from standard input (at most 16 MiB). Kinds:\n"
                 "intention, session-note, integration, reflection (default). At most 10,000\n"
                 "--tag, --emotion and --action values. Prints the new id.",
                 cmd_add}};
Registrar r_list{{"list", "list [--kind K]", "Lists entries, newest first: short id, date, kind, title.", cmd_list}};
Registrar r_show{{"show", "show ID", "Shows one record in full. ID may be a unique prefix (≥ 4 hex digits).", cmd_show}};
Registrar r_edit{{"edit", "edit ID [--title T] [--kind K] [--tag T]… [--body-from-stdin]",
                  "Changes an entry. With --body-from-stdin the body is replaced by standard input.",
                  cmd_edit}};
Registrar r_rm{{"rm", "rm ID",
                "Deletes a record (its bytes are overwritten in the file). A record that no\n"
                "longer authenticates (verify names it) is removed too, after a copy of the\n"
                "file is kept beside it (NAME.before-removing-damaged-TIME).",
                cmd_rm}};
Registrar r_search{{"search", "search WORDS…",
                    "Finds entries containing every word (case- and accent-insensitive).", cmd_search}};
Registrar r_session{{"session", "session add|list …",
                     "session add --kind K [--protocol kap|medical-only] [--route im|iv|oral|sublingual|nasal]\n"
                     "            [--at T] [--start T] [--end T] [--provider P] [--notes N]\n"
                     "session list   (with phase labels such as 'induction 2 of 6')",
                     cmd_session}};
Registrar r_checkin{{"checkin", "checkin add|list …",
                     "checkin add --score mood=7 --score sleep=5 [--note N] [--at T]\ncheckin list",
                     cmd_checkin}};
Registrar r_goal{{"goal", "goal add|list …", "goal add --title T [--description D]\ngoal list", cmd_goal}};

}  // namespace
}  // namespace afterglow::cli
