// The view model: the decrypted vault as plain rows at one wall-clock time, and the home
// screen's cards made from those rows. Pure functions (same vault and time, same rows): no
// controller, no UI, unit-tested in tests/app/view_model_test.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/view_state.hpp"
#include "journal/content/pack.hpp"
#include "journal/vault.hpp"

namespace afterglow::app {

// Sessions (with phase, preparation, integration window), entries (newest first, with
// previews and session labels), tags, check-in trends, damaged records and the KDF text.
// `pack`: the check-in scales the trends follow.
VaultView build_view(const journal::Vault& vault, std::int64_t now,
                     const journal::content::Pack& pack = journal::content::default_pack());

// Goals (with reviews and linked entries), "carrying into daily life" actions and the
// schedule suggestion: journey_rows.cpp, called by build_view.
void add_journey_rows(VaultView& v, const journal::Vault& vault, std::int64_t now);
// The tag that links an entry to a goal: "goal: Sleep through the night".
std::string goal_tag(std::string_view title);

// "Medicine session · IM"
std::string session_title(const journal::Session& s);
// The first line of a body that is not blank and not one of `headings` (the prompts' headings
// the editor inserts), cut to 90 bytes on a UTF-8 boundary, "…" when shortened; "" if none.
std::string preview_of(const std::string& body, const std::vector<std::string>& headings = {});

// An open integration window on the home screen.
struct WindowCard {
    const SessionRow* session = nullptr;
    std::string countdown;  // "integration window: 31 h left of 48"
    float elapsed = 0;      // 0..1 of the window gone
    bool ideal = false;     // in the 24–48 h part
};

struct HomeCard {
    std::vector<WindowCard> windows;   // sessions whose window is open now, in session order
    const SessionRow* next = nullptr;  // the soonest upcoming session, if any
};

// Points into `rows`: valid while they are.
HomeCard home_card(const VaultView& rows, std::int64_t now);

}  // namespace afterglow::app
