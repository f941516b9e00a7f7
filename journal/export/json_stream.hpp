// Internal to the backup reader: a one-pass JSON parser over nlohmann's SAX interface whose
// memory stays at one record. The elements of one array of the top-level object (the
// backup's "records") are built one at a time, handed to a callback and dropped; the rest of
// the document is returned. Objects that name a key twice are refused (nlohmann's DOM would
// keep the last silently). Time is linear in the text (the callback parser it replaces
// rescanned the parent array for every element: quadratic).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace afterglow::journal::exports::json_stream {

enum class Outcome { ok, syntax_error, duplicate_key };

struct Parsed {
    Outcome outcome = Outcome::ok;
    std::size_t error_byte = 0;   // for syntax_error: where the parser stopped
    nlohmann::json document;      // the top level, with the streamed array left empty
    std::size_t streamed = 0;     // elements handed to the callback
};

// Calls on_element(element, index) for each element of document[stream_key] when the top
// level is an object and that key names an array; other shapes are returned whole.
Parsed parse(std::string_view text, const char* stream_key,
             const std::function<void(nlohmann::json&& element, std::size_t index)>& on_element);

}  // namespace afterglow::journal::exports::json_stream
