// Plain-text rendering of records for the terminal.
#pragma once

#include <ostream>

#include "journal/types.hpp"

namespace afterglow::cli {

void print_entry_line(std::ostream& out, const journal::Entry& e);
void print_entry(std::ostream& out, const journal::Entry& e);
void print_session_line(std::ostream& out, const journal::Session& s, const std::string& phase);
void print_session(std::ostream& out, const journal::Session& s, const std::string& phase);
void print_checkin(std::ostream& out, const journal::CheckIn& c);
void print_goal(std::ostream& out, const journal::Goal& g);

}  // namespace afterglow::cli
