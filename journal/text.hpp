// Text utilities for the journal: UTF-8 validation and search folding.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace afterglow::journal {

bool valid_utf8(std::string_view s);

// Folds text for search: lower case (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic),
// accents removed for Latin scripts (é→e, ß→ss, ø→o, combining marks dropped). Other
// characters pass through unchanged, so CJK, Hebrew and Arabic still match exactly.
void fold_append(std::string_view utf8, std::string& out);
// The same into `out`, which has room for utf8.size() bytes (folding never makes text longer,
// and each code point folds on its own: text cut between code points folds to the same bytes
// piece by piece). Returns the end of the folded text; bytes after it, up to
// out + utf8.size(), may have been written too.
char* fold_to(std::string_view utf8, char* out);
std::string fold(std::string_view utf8);

// Splits a query into folded words (whitespace-separated).
std::vector<std::string> query_words(std::string_view query);

// Whether JSON text nests objects/arrays at most `max_depth` deep (one pass over the raw
// text, strings skipped), checked before parsing so a crafted file cannot exhaust the stack.
bool json_nesting_within(std::string_view text, int max_depth);

// Counts words the way people do: runs of non-space characters.
std::size_t word_count(std::string_view utf8);

// Characters (code points) in UTF-8 text: bytes that do not continue a sequence.
std::size_t code_point_count(std::string_view utf8);

}  // namespace afterglow::journal
