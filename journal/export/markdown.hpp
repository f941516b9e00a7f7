// Markdown rendering of an export snapshot: one heading per session with its phase label,
// the intention, session notes and integration entries under it, then other entries, a
// check-in table and goals. Dates and times are for people ("Wed 25 Nov 2026, 21:49", local);
// the first section lists safety answers with their dates.
#pragma once

#include <string>

#include "journal/export/selection.hpp"

namespace afterglow::journal::exports {

std::string to_markdown(const ExportData& data);

}  // namespace afterglow::journal::exports
