// Schedule rules of the KAP journey (see schedule.hpp). Pure logic, no I/O.
#include "journal/schedule.hpp"

#include <algorithm>

namespace afterglow::journal {
namespace {

constexpr std::int64_t kAssumedSessionLength = 2 * 3600;
constexpr std::int64_t kInductionGap = 21 * 24 * 3600;

// Planned time of a session: scheduled, else started, else ended; nullopt when none is set.
std::optional<std::int64_t> planned_time(const Session& s) {
    if (s.scheduled) return s.scheduled->utc;
    if (s.started) return s.started->utc;
    if (s.ended) return s.ended->utc;
    return std::nullopt;
}

// Sort key: sessions without any time go last, in creation order.
std::pair<std::int64_t, std::int64_t> order_key(const Session& s) {
    auto t = planned_time(s);
    return {t ? *t : INT64_MAX, s.meta.created.utc};
}

bool same(const Session& a, const Session& b) {
    if (!a.meta.id.empty() || !b.meta.id.empty()) return a.meta.id == b.meta.id;
    return &a == &b;
}

std::vector<const Session*> sorted_of_kind(const std::vector<Session>& all, SessionKind kind) {
    std::vector<const Session*> out;
    for (const auto& s : all)
        if (s.kind == kind) out.push_back(&s);
    std::stable_sort(out.begin(), out.end(),
                     [](const Session* a, const Session* b) { return order_key(*a) < order_key(*b); });
    return out;
}

std::string k_of_n(const char* name, std::size_t k, std::size_t n) {
    return std::string(name) + " " + std::to_string(k) + " of " + std::to_string(n);
}

}  // namespace

std::optional<std::int64_t> session_end(const Session& s) {
    if (s.ended) return s.ended->utc;
    if (s.started) return s.started->utc + kAssumedSessionLength;
    if (s.scheduled) return s.scheduled->utc + kAssumedSessionLength;
    return std::nullopt;
}

std::int64_t IntegrationWindow::hours_left(std::int64_t now) const {
    if (now >= closes) return 0;
    const std::int64_t from = std::max(now, opens);
    return (closes - from) / 3600;
}

std::optional<IntegrationWindow> integration_window(const Session& s) {
    if (s.kind != SessionKind::medicine) return std::nullopt;
    auto end = session_end(s);
    if (!end) return std::nullopt;
    return IntegrationWindow{*end, *end + kIntegrationWindow};
}

bool written_in_window(const Entry& entry, const Session& session) {
    if (!entry.session || *entry.session != session.meta.id) return false;
    auto w = integration_window(session);
    return w && w->contains(entry.meta.created.utc);
}

std::string phase_label(const Session& s, const std::vector<Session>& all) {
    switch (s.kind) {
        case SessionKind::intake: return "intake";
        case SessionKind::integration: return "integration";
        case SessionKind::maintenance: return "maintenance";
        case SessionKind::preparation: {
            auto prep = sorted_of_kind(all, SessionKind::preparation);
            for (std::size_t i = 0; i < prep.size(); ++i)
                if (same(*prep[i], s)) return k_of_n("preparation", i + 1, prep.size());
            return "preparation";
        }
        case SessionKind::medicine: {
            auto med = sorted_of_kind(all, SessionKind::medicine);
            // The first series: from the first medicine session, each next one < 21 days later.
            std::size_t series = 0;
            for (std::size_t i = 0; i < med.size(); ++i) {
                if (i == 0) {
                    series = 1;
                    continue;
                }
                auto prev = planned_time(*med[i - 1]);
                auto cur = planned_time(*med[i]);
                if (!prev || !cur || *cur - *prev >= kInductionGap) break;
                series = i + 1;
            }
            for (std::size_t i = 0; i < med.size(); ++i)
                if (same(*med[i], s))
                    return i < series ? k_of_n("induction", i + 1, series) : "maintenance";
            return "medicine";
        }
        case SessionKind::count: break;
    }
    return "session";
}

const Session* next_session(const std::vector<Session>& all, std::int64_t now) {
    const Session* best = nullptr;
    std::int64_t best_t = 0;
    for (const auto& s : all) {
        std::optional<std::int64_t> t = s.scheduled ? std::optional(s.scheduled->utc)
                                        : s.started ? std::optional(s.started->utc)
                                                    : std::nullopt;
        if (!t || *t <= now) continue;
        if (!best || *t < best_t) {
            best = &s;
            best_t = *t;
        }
    }
    return best;
}

}  // namespace afterglow::journal
