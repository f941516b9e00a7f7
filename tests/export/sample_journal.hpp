// A small journal with every record kind and field filled, for the export tests: two
// medicine sessions and a preparation session, entries in several scripts (accents, CJK,
// Hebrew, Arabic, emoji), a long entry, check-ins and goals. Times are fixed.
#pragma once

#include <string>
#include <vector>

#include "journal/types.hpp"
#include "journal/vault.hpp"

namespace afterglow::test {

inline constexpr std::int64_t kDay = 86400;
inline constexpr std::int64_t kT0 = 1790000000;  // 2026-09-21, the first session

// A marker written into entries: encrypted exports must not show it in any encoding.
inline const std::string kCanary = "CANARY-q7Zx3Wm9";

struct SampleJournal {
    journal::Session prep, med1, med2;
    journal::Entry intention, note, integration, reflection, long_entry, loose;
    std::vector<journal::CheckIn> checkins;
    journal::Goal goal1, goal2;
    journal::MeasureResponse phq, phq_draft;  // a completed PHQ-9 (flagged) and a GAD-7 draft
    journal::Document care_team;
    std::vector<journal::Record> all() const;
};

// Builds the records (ids, versions, created/updated set) without a vault.
SampleJournal sample_journal(int long_paragraphs = 40);
// Saves them into `vault` with save_all (keeps ids and times).
SampleJournal fill_sample(journal::Vault& vault, int long_paragraphs = 40);

// Member-by-member equality (the domain types have no operator==); describe_difference names
// the first field that differs ("" when none does).
bool same(const journal::Record& a, const journal::Record& b);
std::string describe_difference(const journal::Record& a, const journal::Record& b);

}  // namespace afterglow::test
