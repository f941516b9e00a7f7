// What the measure screens show from the vault: per instrument of the pack in use its
// draft (to resume) and its totals over time, the care team, and which pack is in use. Made
// by build_measures_view() from the unlocked vault (pure: same vault and pack, same rows).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "journal/content/care_team.hpp"
#include "journal/content/pack.hpp"
#include "journal/vault.hpp"

namespace afterglow::app {

struct MeasurePoint {
    journal::RecordId id;
    std::int64_t time = 0;  // authored (UTC seconds)
    std::string date;       // "24 Nov 2026"
    double total = 0, max = 0;
    std::string band;
    bool score_only = false;           // measured at the clinic
    std::vector<std::string> flags;    // risk items answered above their threshold
};

struct InstrumentRow {
    std::string id, title;  // "phq-9", "PHQ-9"
    std::string description;
    std::size_t questions = 0;
    double max_total = 0;
    std::optional<journal::RecordId> draft;  // an unfinished response to resume
    std::size_t draft_answered = 0;
    std::vector<MeasurePoint> history;       // completed and score-only totals, oldest first
};

struct MeasuresView {
    std::vector<InstrumentRow> instruments;  // the pack's order, then ones only responses name
    std::optional<journal::content::CareTeam> care_team;
    std::string pack_in_use;                 // "Afterglow default pack 2026.12.1"
    std::string imported_pack;               // the imported file's name, "" when none
    std::vector<std::string> pack_problems;  // stored content this build could not apply

    const InstrumentRow* find(std::string_view instrument_id) const;
    const MeasurePoint* find_point(const journal::RecordId& id) const;
    void drop();  // on lock: wipe and clear
};

MeasuresView build_measures_view(const journal::Vault& vault, const journal::content::Pack& pack);

}  // namespace afterglow::app
