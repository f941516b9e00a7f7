// One record of each type with every field — and every field of its list items — set to a
// value that is not its default, with fixed ids and times (test_record_fields.cpp checks
// both, and that the codec and the backup carry each field). The records are initialised
// member by member in order, so a member added to a type and not here fails to compile
// (-Wmissing-field-initializers under -Werror).
#pragma once

#include <vector>

#include "journal/types.hpp"

namespace afterglow::test {

inline journal::RecordMeta full_meta(char digit) {
    journal::RecordMeta m;
    m.id = *journal::RecordId::parse(std::string(31, '0') + digit);
    m.version = 7;
    m.created = {1790000000, "Europe/Berlin"};
    m.updated = {1790000999, "America/New_York"};
    return m;
}

inline std::vector<journal::Record> full_records() {
    using namespace journal;
    using T = Timestamp;
    const auto other = *RecordId::parse("0123456789abcdef0123456789abcdef");
    return {
        Session{full_meta('1'), SessionKind::integration, Protocol::medical_only, Route::sublingual,
                T{1790001000, "Asia/Tokyo"}, T{1790002000, "UTC"}, T{1790003000, "Australia/Sydney"},
                "Dr. Ávila", "notes — 東京"},
        Entry{full_meta('2'), EntryKind::intention, "title", "body\nwith a second line",
              {{"What do you hope to explore?", "connection", "intention.explore"}},
              {"calm", "hopeful"}, {"tag"}, {{"walk daily", true}},
              {{"Designated driver", true, "prep.driver"}}, other, true},
        CheckIn{full_meta('3'), {1790004000, "Europe/Paris"}, {{"mood", 6.5, 1.25, 9.75}}, "note",
                other, true},
        Goal{full_meta('4'), "goal", "description", GoalStatus::paused, T{1790005000, "Europe/Lisbon"},
             {"review one"}},
        MeasureResponse{full_meta('5'), "phq-9", "PHQ-9", "urn:afterglow:fhir:Questionnaire/phq-9|1",
                        ResponseStatus::score_only, {1790006000, "America/Chicago"},
                        {{"/44250-9", "http://loinc.org", "LA6569-3", "Several days", 2.5, true}},
                        14.5, 27, "/44261-6", "moderate", {"Thoughts of self-harm"}, other, "note"},
        Document{full_meta('6'), DocumentKind::instrument, "gad-7.json",
                 "{\"resourceType\": \"Questionnaire\"}"},
    };
}

// The full records, then one of each type with only its meta set (and a check-in whose
// safety question was answered "no"): what tests/fixtures/record-fields/ holds the encodings of.
template <class R>
R meta_only(char digit) {
    R r;
    r.meta = full_meta(digit);
    return r;
}

inline std::vector<journal::Record> fixture_records() {
    using namespace journal;
    auto records = full_records();
    auto answered_no = meta_only<CheckIn>('c');
    answered_no.harm_thoughts = false;
    records.insert(records.end(), {meta_only<Session>('a'), meta_only<Entry>('b'), answered_no,
                                   meta_only<CheckIn>('d'), meta_only<Goal>('e'),
                                   meta_only<MeasureResponse>('f'), meta_only<Document>('9')});
    return records;
}

}  // namespace afterglow::test
