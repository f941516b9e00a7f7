// The export file formats: one enum for the export library, the CLI and the app's form (the
// app's core names it without linking the export library). writer.hpp has their names.
#pragma once

#include <cstdint>

namespace afterglow::journal::exports {

// fhir: a FHIR R4 Bundle of questionnaire responses and their totals (always encrypted, like json).
enum class Format : std::uint8_t { markdown, pdf, json, ics, fhir, count };

}  // namespace afterglow::journal::exports
