#include "app/core/view_model.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

#include "app/core/journey.hpp"
#include "journal/schedule.hpp"

namespace afterglow::app {

std::string preview_of(const std::string& body, const std::vector<std::string>& headings) {
    std::size_t begin = 0, end = 0;
    for (;; begin = end + 1) {  // the first line of the patient's own words
        end = body.find('\n', begin);
        if (end == std::string::npos) end = body.size();
        const std::string_view line(body.data() + begin, end - begin);
        const bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
        const bool heading = std::find(headings.begin(), headings.end(), line) != headings.end();
        if (!blank && !heading) break;
        if (end >= body.size()) return {};
    }
    std::size_t cut = std::min<std::size_t>(end, begin + 90);
    while (cut > begin && cut < body.size() && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
    std::string out = body.substr(begin, cut - begin);
    if (cut < end) out += "…";
    return out;
}

std::string session_title(const journal::Session& s) {
    std::string t = std::string(journal::label(s.kind)) + " session";
    if (s.kind == journal::SessionKind::medicine && s.route != journal::Route::none)
        t += std::string(" · ") + journal::label(s.route);
    return t;
}

namespace {

using IntentionOf = std::unordered_map<journal::RecordId, const journal::Entry*, journal::RecordIdHash>;
using PhaseOf = std::unordered_map<journal::RecordId, std::string, journal::RecordIdHash>;

SessionRow session_row(const journal::Session& s, const std::vector<journal::Session>& all,
                       const IntentionOf& intention_of, std::int64_t now) {
    SessionRow r;
    r.id = s.meta.id;
    r.kind = s.kind;
    r.title = session_title(s);
    const auto t = s.scheduled ? std::optional(s.scheduled->utc)
                   : s.started ? std::optional(s.started->utc)
                               : std::nullopt;
    r.time = t.value_or(0);
    r.when = t ? format_when(*t) : "no date yet";
    r.upcoming = t && *t > now;
    r.phase = journal::phase_label(s, all);
    r.provider = s.provider;
    r.window = journal::integration_window(s);
    auto it = intention_of.find(s.meta.id);
    if (it != intention_of.end()) r.intention = it->second->meta.id;
    r.preparation = preparation_status(it == intention_of.end() ? nullptr : it->second);
    if (it != intention_of.end())
        for (const auto& c : it->second->checklist)
            if (!c.done) r.open_checklist.push_back(c.label);
    return r;
}

EntryRow entry_row(const journal::Entry& e, const journal::Vault& vault, const PhaseOf& phase_of,
                   const std::vector<std::string>& headings) {
    EntryRow r;
    r.id = e.meta.id;
    r.kind = e.kind;
    r.title = e.title.empty() ? std::string(journal::label(e.kind)) : e.title;
    r.created = e.meta.created.utc;
    r.date = format_date(r.created);
    r.preview = preview_of(e.body, headings);
    for (std::size_t i = 0; r.preview.empty() && i < e.prompts.size(); ++i) r.preview = preview_of(e.prompts[i].answer);
    r.session = e.session;
    r.tags = e.tags;
    r.captured = e.captured;
    if (e.session) {
        auto ph = phase_of.find(*e.session);
        if (ph != phase_of.end()) r.session_label = ph->second;
        if (e.kind == journal::EntryKind::intention) r.title = intention_title(e.title, r.session_label);
        if (const auto* s = vault.find_session(*e.session)) r.in_window = journal::written_in_window(e, *s);
    }
    return r;
}

void add_trends(VaultView& v, const std::vector<journal::CheckIn>& stored, const journal::content::Pack& pack) {
    // By the time each is for (one added later for an earlier day takes its place).
    std::vector<const journal::CheckIn*> by_time;
    for (const auto& c : stored) by_time.push_back(&c);
    std::stable_sort(by_time.begin(), by_time.end(), [](auto* a, auto* b) { return a->at.utc < b->at.utc; });
    struct Checkins {
        const std::vector<const journal::CheckIn*>& p;
        std::size_t size() const { return p.size(); }
        bool empty() const { return p.empty(); }
        const journal::CheckIn& operator[](std::size_t i) const { return *p[i]; }
        const journal::CheckIn& back() const { return *p.back(); }
    } checkins{by_time};
    v.checkin_count = checkins.size();
    v.last_checkin = checkins.empty() ? std::string() : format_date(checkins.back().at.utc);
    const std::size_t first = checkins.size() > 30 ? checkins.size() - 30 : 0;
    for (const auto& scale : pack.checkin_scales) {
        MeasureTrend t;
        t.measure = scale.id;
        for (std::size_t i = first; i < checkins.size(); ++i)
            for (const auto& sc : checkins[i].scores)
                if (sc.measure == scale.id) {
                    t.values.push_back(static_cast<float>(sc.value));
                    t.times.push_back(checkins[i].at.utc);
                }
        v.trends.push_back(std::move(t));
    }
    for (std::size_t i = checkins.size(); i-- > first;) {
        const auto& c = checkins[i];
        CheckinRow r;
        r.time = c.at.utc;
        r.date = format_when(c.at.utc);
        for (const auto& scale : pack.checkin_scales) {
            std::optional<float> value;
            for (const auto& sc : c.scores)
                if (sc.measure == scale.id) value = static_cast<float>(sc.value);
            r.values.push_back(value);
        }
        r.safety_yes = c.harm_thoughts;
        if (c.harm_thoughts && *c.harm_thoughts) v.safety_yes.insert(v.safety_yes.begin(), c.at.utc);
        v.checkin_rows.push_back(std::move(r));
    }
}

}  // namespace

VaultView build_view(const journal::Vault& vault, std::int64_t now, const journal::content::Pack& pack) {
    VaultView v;
    const auto& sessions = vault.sessions();
    const auto& entries = vault.entries();

    IntentionOf intention_of;
    for (const auto& e : entries)
        if (e.kind == journal::EntryKind::intention && e.session && !intention_of.count(*e.session))
            intention_of[*e.session] = &e;  // newest first: keep the latest

    PhaseOf phase_of;
    v.sessions.reserve(sessions.size());
    for (const auto& s : sessions) {
        v.sessions.push_back(session_row(s, sessions, intention_of, now));
        phase_of[s.meta.id] = v.sessions.back().phase;
    }
    add_trends(v, vault.checkins(), pack);

    // The prompts' headings the editor inserts ("What happened"): a preview shows the
    // patient's own words under them.
    std::vector<std::string> headings;
    for (const auto* list : {&pack.integration_prompts, &pack.intention_prompts})
        for (const auto& p : *list) headings.push_back(p.heading);
    std::set<std::string> tags;
    v.entries.reserve(entries.size());
    for (const auto& e : entries) {
        v.entries.push_back(entry_row(e, vault, phase_of, headings));
        tags.insert(e.tags.begin(), e.tags.end());
    }
    v.all_tags.assign(tags.begin(), tags.end());
    for (const auto& p : vault.problems()) v.problems.push_back(p.record_id + ": " + p.what);
    v.needs_repair = vault.needs_repair();
    v.read_only = vault.read_only();
    add_journey_rows(v, vault, now);
    const auto& k = vault.kdf_params();
    v.kdf_description = std::to_string(k.memlimit >> 20) + " MiB, " + std::to_string(k.opslimit) + " passes";
    return v;
}

HomeCard home_card(const VaultView& rows, std::int64_t now) {
    HomeCard h;
    for (const auto& s : rows.sessions) {
        if (s.window && s.window->contains(now)) {
            const auto& w = *s.window;
            h.windows.push_back({&s, countdown_text(w, now),
                                 static_cast<float>(now - w.opens) / static_cast<float>(w.closes - w.opens),
                                 in_ideal_part(w, now)});
        }
        if (s.upcoming && (!h.next || s.time < h.next->time)) h.next = &s;
    }
    return h;
}

}  // namespace afterglow::app
