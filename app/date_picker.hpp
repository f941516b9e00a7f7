// A typed date field ("YYYY-MM-DD") with a calendar grid beside it: "Calendar" opens a month
// (Monday first) to pick a day from. Text that is not a date gets a clear message right below
// the field (calendar.hpp's date_problem); saving refuses it too (the forms check again).
#pragma once

#include <string>

#include "app/ui.hpp"

namespace afterglow::app {

// `width`: the field's width in px (-1: all but the button). `hook`: test-hook name of the
// field; the button is `hook`_pick and the days `hook`_day_N. True when the text changed.
bool date_field(Ui& u, const char* id, std::string* text, float width, const char* hook);

}  // namespace afterglow::app
