// When a check-in is recorded: now, or an earlier day and time the patient names (a check-in
// forgotten yesterday). Pure: unit-tested in tests/app/journey2_test.cpp.
#pragma once

#include <cstdint>
#include <string>

#include "app/core/forms.hpp"

namespace afterglow::app {

// The check-in's time (UTC seconds) in *at; returns "" or, when the date or time cannot be
// used, a sentence for the patient (a date that does not exist, a time in the future …).
std::string checkin_time(const CheckInForm& f, std::int64_t now, std::int64_t* at);

}  // namespace afterglow::app
