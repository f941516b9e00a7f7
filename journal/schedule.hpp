// Schedule rules of the KAP journey: the integration window after a medicine session and
// phase labels ("induction 2 of 6", "maintenance"). The app suggests, never prescribes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "journal/types.hpp"

namespace afterglow::journal {

inline constexpr std::int64_t kIntegrationIdealStart = 24 * 3600;  // seconds after the end
inline constexpr std::int64_t kIntegrationWindow = 48 * 3600;

// When the session ended: ended, else started + 2 h, else scheduled + 2 h.
std::optional<std::int64_t> session_end(const Session& s);

struct IntegrationWindow {
    std::int64_t opens = 0;   // session end
    std::int64_t closes = 0;  // opens + 48 h
    bool contains(std::int64_t t) const { return t >= opens && t < closes; }
    // Whole hours left at `now` (0 when closed), e.g. 31 for "31 h left of 48".
    std::int64_t hours_left(std::int64_t now) const;
};

// Only medicine sessions open an integration window.
std::optional<IntegrationWindow> integration_window(const Session& s);

// Whether `entry` was written inside the integration window of the session it links to.
bool written_in_window(const Entry& entry, const Session& session);

// Phase label of a session among all sessions: "intake", "preparation 1 of 2",
// "induction 2 of 6" (medicine sessions of the first series: consecutive medicine
// sessions less than 21 days apart), "maintenance" (later medicine or maintenance
// sessions), "integration".
std::string phase_label(const Session& s, const std::vector<Session>& all);

// The next session after `now` by scheduled (else start) time, if any.
const Session* next_session(const std::vector<Session>& all, std::int64_t now);

}  // namespace afterglow::journal
