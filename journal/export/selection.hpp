// What to export: a Selection over the vault's index becomes an ExportData snapshot (plain
// copies), so rendering can run on a worker thread while the vault keeps being used.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "journal/content/instrument.hpp"
#include "journal/types.hpp"
#include "journal/vault.hpp"

namespace afterglow::journal::exports {

struct Selection {
    // Sessions to include, with every entry linked to them. Entries to include on their own.
    // Both empty: every session and entry (inside the date range, if one is given).
    std::vector<RecordId> sessions;
    std::vector<RecordId> entries;
    // Inclusive bounds in UTC seconds. Sessions are placed by start (else scheduled) time,
    // entries by created time, check-ins by their time.
    std::optional<std::int64_t> from;
    std::optional<std::int64_t> to;
    bool include_checkins = true;
    bool include_goals = true;
    bool include_measures = true;  // questionnaire responses and clinic scores (not drafts)
    std::string name;  // shown on the cover when not empty
};

struct SessionGroup {
    Session session;
    std::string phase;  // "induction 2 of 6", from every session in the vault
    // Intentions first, then session notes, integration entries, reflections; each by time.
    std::vector<Entry> entries;
};

struct ExportData {
    std::string name;
    Timestamp generated;
    std::optional<std::int64_t> from;  // the range asked for, else the span of the content
    std::optional<std::int64_t> to;
    std::vector<SessionGroup> sessions;  // oldest first
    std::vector<Entry> other_entries;    // entries not tied to an exported session, oldest first
    std::vector<CheckIn> checkins;       // oldest first
    std::vector<Goal> goals;
    std::vector<MeasureResponse> responses;  // by authored time, oldest first
    std::vector<Document> documents;         // only in snapshot_all() (the backup)
    std::vector<content::Instrument> instruments;  // definitions of the pack in use (labels, nesting)
    bool include_checkins = true;
    bool include_goals = true;
    bool include_measures = true;

    std::size_t entry_count() const;
    // Every record in the snapshot (for the JSON backup).
    std::vector<Record> records() const;
};

// Builds the snapshot. Unknown ids are ignored (the app offers only ids it lists).
ExportData select(const Vault& vault, const Selection& selection);
// Every record of the vault (the backup).
ExportData snapshot_all(const Vault& vault);

struct Preview {
    std::size_t sessions = 0, entries = 0, checkins = 0, goals = 0;
    std::optional<std::int64_t> from, to;
    // "3 sessions, 12 entries, 20 check-ins, 2 goals, Thu 1 Oct 2026 to Wed 25 Nov 2026"
    std::string text;
    std::string counts;  // the same without the date range

};
Preview preview(const ExportData& data);

// "Thu 1 Oct 2026 to Wed 25 Nov 2026" (local dates), or "" when the snapshot has no dated content.
std::string range_text(const ExportData& data);
// Start time used to order a session: started, else scheduled.
std::optional<std::int64_t> session_start(const Session& s);

}  // namespace afterglow::journal::exports
