#include "cli/format.hpp"

namespace afterglow::cli {

using namespace journal;

namespace {
std::string when(const std::optional<Timestamp>& t) { return t ? to_iso8601(*t) : "—"; }
}  // namespace

void print_entry_line(std::ostream& out, const Entry& e) {
    out << e.meta.id.short_hex() << "  " << to_iso8601(e.meta.created) << "  " << to_string(e.kind)
        << (e.captured ? " (captured)" : "") << "  " << (e.title.empty() ? "(untitled)" : e.title)
        << "\n";
}

void print_entry(std::ostream& out, const Entry& e) {
    out << "id:       " << e.meta.id.hex() << "\n"
        << "kind:     " << to_string(e.kind) << (e.captured ? " (captured while locked)" : "") << "\n"
        << "title:    " << e.title << "\n"
        << "created:  " << to_iso8601(e.meta.created) << "\n"
        << "updated:  " << to_iso8601(e.meta.updated) << "\n"
        << "version:  " << e.meta.version << "\n";
    if (e.session) out << "session:  " << e.session->hex() << "\n";
    auto list = [&](const char* name, const std::vector<std::string>& v) {
        if (v.empty()) return;
        out << name;
        for (std::size_t i = 0; i < v.size(); ++i) out << (i ? ", " : "") << v[i];
        out << "\n";
    };
    list("emotions: ", e.emotions);
    list("tags:     ", e.tags);
    out << "\n" << e.body << "\n";
    for (const auto& p : e.prompts) out << "\n## " << p.prompt << "\n" << p.answer << "\n";
    if (!e.actions.empty()) {
        out << "\nActions:\n";
        for (const auto& a : e.actions) out << "  [" << (a.done ? 'x' : ' ') << "] " << a.text << "\n";
    }
    if (!e.checklist.empty()) {
        out << "\nPreparation checklist:\n";
        for (const auto& c : e.checklist) out << "  [" << (c.done ? 'x' : ' ') << "] " << c.label << "\n";
    }
}

void print_session_line(std::ostream& out, const Session& s, const std::string& phase) {
    out << s.meta.id.short_hex() << "  " << when(s.scheduled ? s.scheduled : s.started) << "  "
        << to_string(s.kind) << "  " << phase;
    if (s.route != Route::none) out << "  " << to_string(s.route);
    if (!s.provider.empty()) out << "  " << s.provider;
    out << "\n";
}

void print_session(std::ostream& out, const Session& s, const std::string& phase) {
    out << "id:        " << s.meta.id.hex() << "\n"
        << "kind:      " << to_string(s.kind) << " (" << phase << ")\n";
    if (s.kind == SessionKind::medicine) out << "protocol:  " << to_string(s.protocol) << "\n";
    out << "route:     " << to_string(s.route) << "\n"
        << "scheduled: " << when(s.scheduled) << "\n"
        << "started:   " << when(s.started) << "\n"
        << "ended:     " << when(s.ended) << "\n"
        << "provider:  " << s.provider << "\n";
    if (!s.notes.empty()) out << "\n" << s.notes << "\n";
}

void print_checkin(std::ostream& out, const CheckIn& c) {
    out << c.meta.id.short_hex() << "  " << to_iso8601(c.at);
    for (const auto& s : c.scores) out << "  " << s.measure << "=" << s.value;
    if (c.harm_thoughts) out << "  thoughts-of-self-harm=" << safety_answer(c);
    if (!c.note.empty()) out << "  — " << c.note;
    out << "\n";
}

void print_goal(std::ostream& out, const Goal& g) {
    out << g.meta.id.short_hex() << "  " << to_string(g.status) << "  " << g.title << "\n";
}

}  // namespace afterglow::cli
