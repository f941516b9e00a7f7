// Printing content for the CLI: the pack, the care team, crisis resources, responses.
#pragma once

#include <optional>
#include <ostream>

#include "journal/content/care_team.hpp"
#include "journal/content/pack.hpp"
#include "journal/types.hpp"

namespace afterglow::cli {

void print_pack_summary(std::ostream& out, const journal::content::Pack& p);
void print_pack(std::ostream& out, const journal::content::Pack& p);
void print_care_team(std::ostream& out, const journal::content::CareTeam& t);
// The care team first, then the pack's crisis steps and lines (the crisis screen, in text).
void print_crisis(std::ostream& out, const journal::content::Pack& p,
                  const std::optional<journal::content::CareTeam>& team);
// "2026-12-01  PHQ-9  12 of 27 — moderate  (completed)"
void print_response(std::ostream& out, const journal::MeasureResponse& r);

}  // namespace afterglow::cli
