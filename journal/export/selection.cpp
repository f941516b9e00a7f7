#include "journal/export/selection.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "journal/content/clinic_pack.hpp"
#include "journal/export/wording.hpp"
#include "journal/schedule.hpp"
#include "journal/time.hpp"

namespace afterglow::journal::exports {
namespace {

bool in_range(std::int64_t t, const Selection& s) {
    if (s.from && t < *s.from) return false;
    if (s.to && t > *s.to) return false;
    return true;
}

int kind_rank(EntryKind k) {
    switch (k) {
        case EntryKind::intention: return 0;
        case EntryKind::session_note: return 1;
        case EntryKind::integration: return 2;
        default: return 3;
    }
}

void sort_group_entries(std::vector<Entry>& entries) {
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        int ra = kind_rank(a.kind), rb = kind_rank(b.kind);
        if (ra != rb) return ra < rb;
        return a.meta.created.utc < b.meta.created.utc;
    });
}

void widen(std::optional<std::int64_t>& lo, std::optional<std::int64_t>& hi, std::int64_t t) {
    if (!lo || t < *lo) lo = t;
    if (!hi || t > *hi) hi = t;
}

}  // namespace

std::optional<std::int64_t> session_start(const Session& s) {
    if (s.started) return s.started->utc;
    if (s.scheduled) return s.scheduled->utc;
    return std::nullopt;
}

std::size_t ExportData::entry_count() const {
    std::size_t n = other_entries.size();
    for (const auto& g : sessions) n += g.entries.size();
    return n;
}

std::vector<Record> ExportData::records() const {
    std::vector<Record> out;
    out.reserve(sessions.size() + entry_count() + checkins.size() + goals.size());
    for (const auto& g : sessions) out.emplace_back(g.session);
    for (const auto& g : sessions)
        for (const auto& e : g.entries) out.emplace_back(e);
    for (const auto& e : other_entries) out.emplace_back(e);
    for (const auto& c : checkins) out.emplace_back(c);
    for (const auto& g : goals) out.emplace_back(g);
    for (const auto& m : responses) out.emplace_back(m);
    for (const auto& d : documents) out.emplace_back(d);
    return out;
}

ExportData select(const Vault& vault, const Selection& sel) {
    ExportData out;
    out.name = sel.name;
    out.generated = now();
    out.include_checkins = sel.include_checkins;
    out.include_goals = sel.include_goals;
    out.include_measures = sel.include_measures;

    const auto& all_sessions = vault.sessions();
    const bool pick_all = sel.sessions.empty() && sel.entries.empty();
    std::set<RecordId> wanted_sessions(sel.sessions.begin(), sel.sessions.end());
    std::set<RecordId> wanted_entries(sel.entries.begin(), sel.entries.end());

    // Sessions, in the vault's order (oldest first), then sorted by start to be sure.
    std::set<RecordId> exported_sessions;
    for (const auto& s : all_sessions) {
        auto start = session_start(s);
        bool dated_in = start ? in_range(*start, sel) : !(sel.from || sel.to);
        bool chosen = pick_all ? dated_in : (wanted_sessions.count(s.meta.id) && dated_in);
        if (!chosen) continue;
        SessionGroup g;
        g.session = s;
        g.phase = phase_label(s, all_sessions);
        out.sessions.push_back(std::move(g));
        exported_sessions.insert(s.meta.id);
    }
    std::stable_sort(out.sessions.begin(), out.sessions.end(),
                     [](const SessionGroup& a, const SessionGroup& b) {
                         auto sa = session_start(a.session), sb = session_start(b.session);
                         if (sa && sb) return *sa < *sb;
                         return sa.has_value() && !sb.has_value();
                     });

    for (const auto& e : vault.entries()) {
        bool linked = e.session && exported_sessions.count(*e.session);
        bool chosen = false;
        if (linked) chosen = true;  // everything written about an exported session
        else if (pick_all) chosen = in_range(e.meta.created.utc, sel);
        else chosen = wanted_entries.count(e.meta.id) && in_range(e.meta.created.utc, sel);
        if (!chosen) continue;
        if (linked) {
            for (auto& g : out.sessions)
                if (g.session.meta.id == *e.session) g.entries.push_back(e);
        } else {
            out.other_entries.push_back(e);
        }
    }
    for (auto& g : out.sessions) sort_group_entries(g.entries);
    std::stable_sort(out.other_entries.begin(), out.other_entries.end(),
                     [](const Entry& a, const Entry& b) {
                         return a.meta.created.utc < b.meta.created.utc;
                     });

    if (sel.include_checkins) {
        for (const auto& c : vault.checkins())
            if (in_range(c.at.utc, sel)) out.checkins.push_back(c);
        std::stable_sort(out.checkins.begin(), out.checkins.end(),
                         [](const CheckIn& a, const CheckIn& b) { return a.at.utc < b.at.utc; });
    }
    if (sel.include_goals) out.goals = vault.goals();
    if (sel.include_measures) {
        out.instruments = content::active_pack(vault).pack.instruments;
        for (const auto& m : vault.responses())
            if (m.status != ResponseStatus::in_progress && in_range(m.authored.utc, sel))
                out.responses.push_back(m);
    }

    if (sel.from || sel.to) {
        out.from = sel.from;
        out.to = sel.to;
    }
    std::optional<std::int64_t> lo, hi;
    for (const auto& g : out.sessions) {
        if (auto t = session_start(g.session)) widen(lo, hi, *t);
        for (const auto& e : g.entries) widen(lo, hi, e.meta.created.utc);
    }
    for (const auto& e : out.other_entries) widen(lo, hi, e.meta.created.utc);
    for (const auto& c : out.checkins) widen(lo, hi, c.at.utc);
    for (const auto& m : out.responses) widen(lo, hi, m.authored.utc);
    if (!out.from) out.from = lo;
    if (!out.to) out.to = hi;
    return out;
}

ExportData snapshot_all(const Vault& vault) {
    ExportData out = select(vault, Selection{});
    // The backup keeps drafts of questionnaires and the private settings too.
    out.responses = vault.responses();
    out.documents = vault.documents();
    // Entries linked to a session that no longer exists are kept too (select() files them
    // under other_entries), and so is every check-in and goal: nothing is left out.
    return out;
}

std::string range_text(const ExportData& data) {
    if (!data.from && !data.to) return {};
    std::string a = data.from ? human_date(*data.from) : std::string("the beginning");
    std::string b = data.to ? human_date(*data.to) : std::string("today");
    return a == b ? a : a + " to " + b;
}

Preview preview(const ExportData& data) {
    Preview p;
    p.sessions = data.sessions.size();
    p.entries = data.entry_count();
    p.checkins = data.checkins.size();
    p.goals = data.goals.size();
    p.from = data.from;
    p.to = data.to;
    p.text = plural(p.sessions, "session", "sessions") + ", " +
             plural(p.entries, "entry", "entries");
    if (data.include_checkins) p.text += ", " + plural(p.checkins, "check-in", "check-ins");
    if (data.include_goals) p.text += ", " + plural(p.goals, "goal", "goals");
    p.counts = p.text;
    if (auto r = range_text(data); !r.empty()) p.text += ", " + r;
    return p;
}

}  // namespace afterglow::journal::exports
