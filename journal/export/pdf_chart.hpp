// Internal to the PDF export: the check-in trend chart, drawn as vector graphics (one line
// per measure over time, axes with dates, a legend).
#pragma once

#include <vector>

#include "journal/export/pdf_layout.hpp"
#include "journal/types.hpp"

namespace afterglow::journal::exports::pdf {

// Height the chart needs (plot + legend) for these check-ins.
double chart_height(const std::vector<CheckIn>& checkins);
// Reserves space on `w` and draws (in the drawing pass).
void trend_chart(PageWriter& w, const std::vector<CheckIn>& checkins);

}  // namespace afterglow::journal::exports::pdf
