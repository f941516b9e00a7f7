// The words of the readable exports (Markdown, PDF): human dates for a therapist reading on
// paper, the protocol's name, entry headings without repeats, counts with their plurals, and
// the safety summary both formats put on their first page. Wording with an id lives in the
// content pack (assets/pack/exports.json, "export.*").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "journal/export/selection.hpp"

namespace afterglow::journal::exports {

// "Wed 25 Nov 2026" and "Wed 25 Nov 2026, 21:49" in this process's zone (day without a
// leading zero, English names).
std::string human_date(std::int64_t utc);
std::string human_time(std::int64_t utc);
// "1 check-in", "2 check-ins".
std::string plural(std::size_t n, std::string_view one, std::string_view many);
// The default pack's export wording by id ("export.safety.heading"): heading, and body.
const std::string& export_text(std::string_view id);
const std::string& export_body(std::string_view id);
// "Ketamine-assisted psychotherapy (KAP)"; "" for no protocol.
std::string protocol_words(Protocol p);
// "Intention", or "Intention: Before the third session"; a title that only repeats the kind
// ("Intention") is not said twice.
std::string entry_heading(const Entry& e);

// One line of the safety summary: what was answered, and when.
struct SafetyLine {
    std::int64_t at = 0;
    std::string what;  // "Check-in: answered yes to …", "PHQ-9: Thoughts of … self-harm"
};
// Check-ins answered "yes" to the safety question and questionnaire risk items above their
// threshold (PHQ-9 item 9 above zero), oldest first; only what the export includes.
std::vector<SafetyLine> safety_lines(const ExportData& data);
// Whether the export holds anything a safety answer could come from (then the summary is
// shown, saying "none" when there is none).
bool has_safety_sources(const ExportData& data);

}  // namespace afterglow::journal::exports
