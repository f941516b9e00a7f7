#include "journal/export/markdown.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "journal/content/measures.hpp"
#include "journal/content/pack.hpp"
#include "journal/export/wording.hpp"
#include "journal/schedule.hpp"
#include "journal/time.hpp"

namespace afterglow::journal::exports {
namespace {

// Text on one line (headings, list items, table cells).
std::string inline_text(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '\r') continue;
        out += (c == '\n') ? ' ' : c;
    }
    return out;
}

std::string cell(std::string_view s) {
    std::string out;
    for (char c : inline_text(s)) {
        if (c == '|') out += "\\|";
        else out += c;
    }
    return out;
}

std::string number(double v) {
    char buf[32];
    if (std::fabs(v - std::round(v)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", v);
    else std::snprintf(buf, sizeof buf, "%.2g", v);
    std::string s = buf;
    if (s.find('e') != std::string::npos || s.size() > 8) {
        std::snprintf(buf, sizeof buf, "%g", v);
        s = buf;
    }
    return s;
}

void write_paragraphs(std::ostringstream& md, std::string_view text) {
    std::string t(text);
    t.erase(std::remove(t.begin(), t.end(), '\r'), t.end());
    while (!t.empty() && t.back() == '\n') t.pop_back();
    if (t.empty()) return;
    md << t << "\n\n";
}

void write_entry(std::ostringstream& md, const Entry& e, const Session* session,
                 const char* level) {
    md << level << ' ' << inline_text(entry_heading(e)) << "\n\n";
    md << "*Written " << human_time(e.meta.created.utc);
    if (e.meta.updated.utc != e.meta.created.utc) md << ", edited " << human_time(e.meta.updated.utc);
    if (session && written_in_window(e, *session)) md << " — inside the integration window";
    md << "*\n\n";
    write_paragraphs(md, e.body);
    for (const auto& p : e.prompts) {
        md << "**" << inline_text(p.prompt) << "**\n\n";
        write_paragraphs(md, p.answer);
    }
    if (!e.emotions.empty()) {
        md << "Emotions: ";
        for (std::size_t i = 0; i < e.emotions.size(); ++i)
            md << (i ? ", " : "") << inline_text(e.emotions[i]);
        md << "\n\n";
    }
    if (!e.tags.empty()) {
        md << "Tags: ";
        for (std::size_t i = 0; i < e.tags.size(); ++i)
            md << (i ? ", " : "") << '#' << inline_text(e.tags[i]);
        md << "\n\n";
    }
    if (!e.actions.empty()) {
        md << "Carrying into daily life:\n\n";
        for (const auto& a : e.actions)
            md << "- [" << (a.done ? 'x' : ' ') << "] " << inline_text(a.text) << '\n';
        md << '\n';
    }
    if (!e.checklist.empty()) {
        md << "Preparation checklist:\n\n";
        for (const auto& c : e.checklist)
            md << "- [" << (c.done ? 'x' : ' ') << "] " << inline_text(c.label) << '\n';
        md << '\n';
    }
}

void write_session(std::ostringstream& md, const SessionGroup& g) {
    const Session& s = g.session;
    md << "## " << label(s.kind) << " session";
    if (!g.phase.empty()) md << " — " << g.phase;
    if (auto t = session_start(s)) md << " — " << human_date(*t);
    md << "\n\n";
    if (s.kind == SessionKind::medicine) {
        if (s.protocol != Protocol::none) md << "- Protocol: " << protocol_words(s.protocol) << '\n';
        if (s.route != Route::none) md << "- Route: " << label(s.route) << '\n';
    }
    if (s.scheduled) md << "- Scheduled: " << human_time(s.scheduled->utc) << '\n';
    if (s.started) md << "- Started: " << human_time(s.started->utc) << '\n';
    if (s.ended) md << "- Ended: " << human_time(s.ended->utc) << '\n';
    if (!s.provider.empty()) md << "- Provider: " << inline_text(s.provider) << '\n';
    md << '\n';
    if (!s.notes.empty()) {
        md << "### Session notes\n\n";
        write_paragraphs(md, s.notes);
    }
    for (const auto& e : g.entries) write_entry(md, e, &s, "###");
}

// Questionnaires: per instrument its trend, then a table with totals, bands and risk flags.
// A risk item answered 0 gets no mark at all (never a reassuring one).
void write_measures(std::ostringstream& md, const ExportData& data) {
    md << "## Questionnaires\n\n";
    for (const auto& series : content::by_instrument(data.responses)) {
        md << "### " << inline_text(series.front()->title) << "\n\n";
        if (auto t = content::trend_text(series); !t.empty()) md << "Trend (oldest first): " << t << "\n\n";
        md << "| Date | Total | Band | Flag | Source |\n|---|---|---|---|---|\n";
        for (const auto* r : series) {
            md << "| " << human_time(r->authored.utc) << " | ";
            if (r->total) md << number(*r->total) << " / " << number(r->total_max);
            else md << "incomplete";
            md << " | " << cell(r->band) << " | ";
            for (std::size_t i = 0; i < r->flags.size(); ++i) md << (i ? "; " : "") << "⚠ **" << cell(r->flags[i]) << "**";
            md << " | " << (r->status == ResponseStatus::score_only ? "clinic score" : "questionnaire") << " |\n";
        }
        md << '\n';
    }
}

// The summary's safety answers (check-ins answered yes, questionnaire risk items), with dates.
void write_safety(std::ostringstream& md, const ExportData& data) {
    if (!has_safety_sources(data)) return;
    md << "## " << export_text("export.safety.heading") << "\n\n";
    const auto lines = safety_lines(data);
    if (lines.empty()) {
        md << export_text("export.safety.none") << "\n\n";
        return;
    }
    md << export_body("export.safety.heading") << "\n\n";
    for (const auto& l : lines) md << "- ⚠ **" << human_time(l.at) << "** — " << inline_text(l.what) << '\n';
    md << '\n';
}

}  // namespace

std::string to_markdown(const ExportData& data) {
    std::ostringstream md;
    md << "# Afterglow journal export\n\n";
    if (!data.name.empty()) md << "**" << inline_text(data.name) << "**\n\n";
    if (auto r = range_text(data); !r.empty()) md << "Period: " << r << "\n\n";
    md << "Generated: " << human_time(data.generated.utc) << "\n\n";
    md << "Contents: " << preview(data).counts << "\n\n";
    md << "> " << content::default_pack().notices.not_medical_advice << "\n\n";
    write_safety(md, data);

    for (const auto& g : data.sessions) write_session(md, g);

    if (!data.other_entries.empty()) {
        md << "## Other entries\n\n";
        for (const auto& e : data.other_entries) write_entry(md, e, nullptr, "###");
    }

    if (data.include_checkins && !data.checkins.empty()) {
        md << "## Check-ins\n\n";
        std::vector<std::string> measures;
        for (const auto& c : data.checkins)
            for (const auto& sc : c.scores)
                if (std::find(measures.begin(), measures.end(), sc.measure) == measures.end())
                    measures.push_back(sc.measure);
        md << "| Time |";
        for (const auto& m : measures) md << ' ' << cell(m) << " |";
        const bool asked = std::any_of(data.checkins.begin(), data.checkins.end(),
                                       [](const CheckIn& c) { return c.harm_thoughts.has_value(); });
        if (asked) md << " Thoughts of self-harm |";
        md << " Note |\n|---|";
        for (std::size_t i = 0; i < measures.size() + (asked ? 1 : 0); ++i) md << "---|";
        md << "---|\n";
        for (const auto& c : data.checkins) {
            md << "| " << human_time(c.at.utc) << " |";
            for (const auto& m : measures) {
                auto it = std::find_if(c.scores.begin(), c.scores.end(),
                                       [&](const Score& s) { return s.measure == m; });
                md << ' ';
                if (it != c.scores.end())
                    md << number(it->value) << " / " << number(it->max);
                md << " |";
            }
            if (asked) md << ' ' << safety_answer(c) << " |";
            md << ' ' << cell(c.note) << " |\n";
        }
        md << '\n';
    }

    if (data.include_measures && !data.responses.empty()) write_measures(md, data);

    if (data.include_goals && !data.goals.empty()) {
        md << "## Goals\n\n";
        for (const auto& g : data.goals) {
            md << "### " << inline_text(g.title) << " (" << to_string(g.status) << ")\n\n";
            if (g.target) md << "Target: " << human_date(g.target->utc) << "\n\n";
            write_paragraphs(md, g.description);
            for (const auto& r : g.reviews) md << "- " << inline_text(r) << '\n';
            if (!g.reviews.empty()) md << '\n';
        }
    }
    return md.str();
}

}  // namespace afterglow::journal::exports
