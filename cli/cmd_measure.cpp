// measure list | import FILE | take NAME | score NAME --answers … | add-score NAME TOTAL |
// history NAME: standard instruments (FHIR Questionnaires) from the command line.
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.hpp"
#include "cli/content_format.hpp"
#include "journal/content/care_team.hpp"
#include "journal/content/clinic_pack.hpp"
#include "journal/content/measures.hpp"
#include "journal/content/questionnaire_flow.hpp"

namespace afterglow::cli {
namespace {

using namespace journal;
using namespace journal::content;

// What the patient types for option i: its score, else its position.
std::string typed_value(const ItemDef& q, std::size_t i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", option_value(q, i));
    return buf;
}

std::string values_of(const ItemDef& q) {
    std::string s;
    for (std::size_t i = 0; i < q.options.size(); ++i) s += (i ? ", " : "") + typed_value(q, i);
    return s;
}

// One answer from text: a choice by its score (or position when unscored), a number as is.
std::optional<Answer> parse_answer(const ItemDef& q, const std::string& text, std::string& why) {
    double v;
    try {
        std::size_t used = 0;
        v = std::stod(text, &used);
        if (used != text.size()) throw std::invalid_argument("trailing");
    } catch (...) {
        why = "'" + text + "' is not a number";
        return std::nullopt;
    }
    Answer a{q.link_id, std::nullopt, std::nullopt};
    if (q.type == ItemType::choice || q.type == ItemType::open_choice) {
        a.option = option_for_value(q, v);
        if (!a.option) {
            why = "'" + text + "' is not one of " + values_of(q);
            return std::nullopt;
        }
    } else {
        if (q.type == ItemType::integer && v != std::floor(v)) {
            why = "'" + text + "' is not a whole number";
            return std::nullopt;
        }
        a.number = v;
    }
    return a;
}

struct Loaded {
    std::unique_ptr<Vault> vault;
    ActivePack active;
    const Instrument* ins = nullptr;
};

// Unlocks and finds NAME (id, name or title, any case); prints the error otherwise.
std::optional<Loaded> load(const Context& ctx, const std::string& name, int& code) {
    Loaded l;
    l.vault = ctx.open_unlocked(code);
    if (!l.vault) return std::nullopt;
    l.active = active_pack(*l.vault);
    l.ins = l.active.pack.instrument(name);
    if (!l.ins) {
        std::string known;
        for (const auto& i : l.active.pack.instruments) known += (known.empty() ? "" : ", ") + i.id;
        code = usage_error("no instrument called '" + name + "' (known: " + known + ")");
        return std::nullopt;
    }
    return l;
}

void report(const Loaded& l, const MeasureResponse& r) {
    std::cout << r.title << ": " << summary(r) << "\n";
    if (!r.flags.empty()) {  // in the instrument's own words (its risk rule's message)
        for (const auto& flag : r.flags)
            std::cout << "\nOne answer was about \"" << flag << "\". Please tell your care team.";
        std::cout << "\n\n";
        print_crisis(std::cout, l.active.pack, load_care_team(*l.vault));
    }
}

std::optional<std::vector<Answer>> answers_from_list(const Instrument& ins, const std::string& list, int& code) {
    std::vector<std::string> values;
    std::stringstream ss(list);
    for (std::string v; std::getline(ss, v, ',');) values.push_back(v);
    std::vector<Answer> answers;
    std::size_t next = 0;
    while (true) {
        const auto [q, position, count] = next_unanswered(ins, answers);
        if (!q) break;
        if (next == values.size()) {
            if (!q->required && !q->scored()) break;  // optional questions may be left out
            code = usage_error(ins.display_name() + " needs an answer to question " + std::to_string(next + 1) +
                               " (\"" + q->text.substr(0, 60) + "\"); " + std::to_string(values.size()) +
                               " answers were given");
            return std::nullopt;
        }
        std::string why;
        auto a = parse_answer(*q, values[next], why);
        if (!a) {
            code = usage_error("answer " + std::to_string(next + 1) + " (\"" + q->text.substr(0, 60) + "\"): " + why);
            return std::nullopt;
        }
        record_answer(ins, answers, std::move(*a), position);
        ++next;
    }
    if (next != values.size()) {
        code = usage_error(ins.display_name() + " has " + std::to_string(next) + " questions to answer here; " +
                           std::to_string(values.size()) + " answers were given");
        return std::nullopt;
    }
    return answers;
}

int cmd_take(Context& ctx, Args& args, bool score_only_args) {
    bool bad = false;
    auto list = take_option(args, "--answers", bad);
    auto session = take_option(args, "--session", bad);
    bool dry = take_flag(args, "--dry-run");
    if (bad || args.size() != 1 || (score_only_args && !list))
        return usage_error(score_only_args ? "usage: measure score NAME --answers 0,1,2,… [--dry-run] [--session ID]"
                                           : "usage: measure take NAME [--answers 0,1,2,…] [--session ID]");
    int code = kOk;
    auto l = load(ctx, args[0], code);
    if (!l) return code;
    const Instrument& ins = *l->ins;
    std::optional<RecordId> sid;
    if (session) {
        sid = l->vault->resolve(*session);
        if (!sid || !l->vault->find_session(*sid)) return usage_error("no session '" + *session + "'");
    }
    std::vector<Answer> answers;
    const MeasureResponse* draft = find_draft(*l->vault, ins.id);
    if (list) {
        auto parsed = answers_from_list(ins, *list, code);
        if (!parsed) return code;
        answers = std::move(*parsed);
    } else {
        // Item by item on the terminal (or from standard input, one answer a line). An empty
        // line or end of input saves what was answered as a draft to resume later.
        if (draft) {
            answers = answers_of(*draft, ins);
            std::cerr << "Resuming the unfinished " << ins.display_name() << " (" << answers.size() << " answered).\n";
        }
        for (const auto& i : ins.items)
            if (i.type == ItemType::display) std::cerr << i.text << "\n";
        while (true) {
            const auto [q, position, count] = next_unanswered(ins, answers);
            if (!q) break;
            std::cerr << "\n" << q->text << "\n";
            for (std::size_t i = 0; i < q->options.size(); ++i)
                std::cerr << "  " << typed_value(*q, i) << "  " << q->options[i].display << "\n";
            std::cerr << "> " << std::flush;
            std::string line;
            if (!std::getline(std::cin, line) || line.empty()) break;
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
            std::string why;
            auto a = parse_answer(*q, line, why);
            if (!a) {
                std::cerr << why << "; try again.\n";
                continue;
            }
            record_answer(ins, answers, std::move(*a), position);
        }
    }
    if (dry) {
        auto s = score(ins, answers);
        if (!s) return fail(s.error());
        report(*l, make_response(ins, *s, now()));
        return kOk;
    }
    auto saved = save_answers(*l->vault, ins, answers, draft, sid);
    if (!saved) return fail(saved.error());
    if (saved->status == ResponseStatus::in_progress)
        std::cout << "Saved as unfinished (" << saved->answers.size() << " answered); run measure take "
                  << ins.id << " to go on.\n";
    report(*l, *saved);
    std::cout << saved->meta.id.hex() << "\n";
    return kOk;
}

int cmd_measure(Context& ctx, Args& args) {
    const char* usage = "usage: measure list | import FILE | take NAME | score NAME --answers … | "
                        "add-score NAME TOTAL [--date D] | history NAME";
    if (args.empty()) return usage_error(usage);
    std::string sub = args.front();
    args.erase(args.begin());
    if (sub == "take") return cmd_take(ctx, args, false);
    if (sub == "score") return cmd_take(ctx, args, true);
    int code = kOk;
    if (sub == "list") {
        if (!args.empty()) return usage_error(usage);
        auto vault = ctx.open_unlocked(code);
        if (!vault) return code;
        auto active = active_pack(*vault);
        for (const auto& p : active.problems) std::cerr << "afterglow-cli: not applied: " << p << "\n";
        for (const auto& i : active.pack.instruments) {
            std::size_t n = history(*vault, i.id).size();
            std::cout << i.id << "  " << i.display_name() << "  0–" << i.max_total() << "  " << n
                      << (n == 1 ? " response" : " responses") << (find_draft(*vault, i.id) ? ", one unfinished" : "")
                      << "\n";
        }
        return kOk;
    }
    if (sub == "import") {
        if (args.size() != 1) return usage_error("usage: measure import FILE");
        std::ifstream in(args[0], std::ios::binary);
        if (!in) return fail(make_error(Errc::io, "cannot read " + args[0]));
        std::ostringstream ss;
        ss << in.rdbuf();
        const std::string name = std::filesystem::path(args[0]).filename().string();
        if (auto check = parse_questionnaire(ss.str(), name); !check) return fail(check.error());
        auto vault = ctx.open_unlocked(code);
        if (!vault) return code;
        auto ins = import_instrument(*vault, ss.str(), name);
        if (!ins) return fail(ins.error());
        std::cout << "Imported " << ins->id << " (" << ins->display_name() << ", " << ins->scored_items().size()
                  << " scored items, 0–" << ins->max_total() << (ins->bands.empty() ? ", no severity bands" : "")
                  << ").\n";
        return kOk;
    }
    if (sub == "add-score") {
        bool bad = false;
        auto date = take_option(args, "--date", bad);
        if (bad || args.size() != 2) return usage_error("usage: measure add-score NAME TOTAL [--date 2026-11-25]");
        double total;
        try {
            std::size_t used = 0;
            total = std::stod(args[1], &used);
            if (used != args[1].size()) throw std::invalid_argument("x");
        } catch (...) {
            return usage_error("'" + args[1] + "' is not a number");
        }
        Timestamp when = now();
        if (date) {
            auto t = parse_iso8601(*date);
            if (!t) return usage_error("'" + *date + "' is not a date (use 2026-11-25)");
            when = from_utc(*t);
        }
        auto l = load(ctx, args[0], code);
        if (!l) return code;
        auto r = make_score_only(*l->ins, total, when);
        if (!r) return fail(r.error());
        auto id = l->vault->save(*r);
        if (!id) return fail(id.error());
        std::cout << r->title << " taken at the clinic: " << summary(*r) << "\n" << id->hex() << "\n";
        return kOk;
    }
    if (sub == "history") {
        if (args.size() != 1) return usage_error("usage: measure history NAME");
        auto l = load(ctx, args[0], code);
        if (!l) return code;
        for (const auto* r : history(*l->vault, l->ins->id)) print_response(std::cout, *r);
        return kOk;
    }
    return usage_error(usage);
}

Registrar r_measure{{"measure", "measure list|import|take|score|add-score|history …",
                     "measure list                     instruments (PHQ-9, GAD-7, imported) and response counts\n"
                     "measure import FILE              adds a FHIR R4 Questionnaire (kept encrypted in the vault)\n"
                     "measure take NAME [--answers 0,1,…] [--session ID]\n"
                     "                                 item by item on the terminal, or one answer a line on\n"
                     "                                 standard input; an empty line saves an unfinished draft\n"
                     "                                 that the next take resumes\n"
                     "measure score NAME --answers 0,1,2,… [--dry-run] [--session ID]\n"
                     "                                 stores the completed response; prints total and band\n"
                     "                                 (--dry-run only prints). A wrong count or value: exit 2\n"
                     "measure add-score NAME TOTAL [--date D]   a total measured at the clinic\n"
                     "measure history NAME             completed responses and clinic scores, oldest first\n"
                     "NAME is the instrument's id, name or title, any case. Answers are the option scores\n"
                     "(PHQ-9: 0 not at all … 3 nearly every day). Afterglow is not a diagnosis.",
                     cmd_measure}};

}  // namespace
}  // namespace afterglow::cli
