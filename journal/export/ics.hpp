// iCalendar (RFC 5545) export: one VEVENT per dated session and, after each medicine
// session, integration reminders 24 h and 48 h after its end (each a VEVENT with a display
// VALARM). No private text (notes, provider) unless asked.
#pragma once

#include <string>
#include <string_view>

#include "journal/export/selection.hpp"

namespace afterglow::journal::exports {

struct IcsOptions {
    bool include_notes = false;  // session notes and provider into DESCRIPTION/LOCATION
    bool reminders = true;
};

std::string to_ics(const ExportData& data, const IcsOptions& options = {});

// Helpers (exposed for tests): TEXT escaping (§3.3.11) and 75-octet folding (§3.1), UTF-8
// safe; fold_line() returns the line with CRLF line ends.
std::string ics_escape(std::string_view text);
std::string fold_line(std::string_view line);

}  // namespace afterglow::journal::exports
