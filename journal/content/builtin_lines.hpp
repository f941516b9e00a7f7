// The crisis lines and emergency numbers Afterglow ships (the default pack's) that no clinic
// pack may replace or remove (issue 17 item 8: `lines: {replace: true}` turned 988 into
// "+1 555 0100", an empty list removed every line). A pack may add lines beside them.
#pragma once

#include <string>
#include <vector>

#include "journal/content/pack.hpp"

namespace afterglow::journal::content {

// One sentence per built-in line or emergency number that `pack` lacks or changes (name,
// number, digits to dial or text number), e.g. "United States: the built-in line \"988
// Suicide & Crisis Lifeline\" (988) was removed". Empty: every one is there as shipped.
std::vector<std::string> changed_builtin_lines(const Pack& pack);

// True for a line Afterglow ships (the default pack's region `region_id` has `line_id`).
bool is_builtin_line(const std::string& region_id, const std::string& line_id);

// Puts every built-in line (first in its region, as shipped) and emergency number back.
void restore_builtin_lines(Pack& pack);

}  // namespace afterglow::journal::content
