// Search without a stored folded copy of the journal (issue 19: memory proportional to the
// text). An entry matches when every folded query word occurs in the folded text of one of its
// fields — exactly what finding each word in search_text(e) (journal/index.hpp) finds, since a
// word never holds the '\n' that separates fields there. Each field is folded when the search
// reaches it, a block at a time into a scratch buffer, and an entry is left as soon as every
// word has been found. The scratch holds folded plaintext: it is wiped when the matcher is
// done (wipe(), and the destructor).
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "journal/types.hpp"

namespace afterglow::journal {

class EntryMatcher {
public:
    explicit EntryMatcher(std::vector<std::string> folded_words);
    ~EntryMatcher();
    EntryMatcher(const EntryMatcher&) = delete;
    EntryMatcher& operator=(const EntryMatcher&) = delete;

    bool matches(const Entry& e);
    void wipe();  // zeroes every byte of the scratch that was written
    // The scratch as it is now (tests check that wipe() leaves no folded text behind).
    std::span<const char> scratch() const { return {buf_.get(), capacity_}; }

private:
    bool found_all_in(std::string_view field);  // true once every word has been found

    std::vector<std::string> words_;
    std::vector<char> found_;
    std::size_t remaining_ = 0;
    std::unique_ptr<char[]> buf_;
    std::size_t capacity_ = 0, used_ = 0;  // used_: the most ever written (what wipe() zeroes)
};

// The ids of the entries (in their order) that hold every word of `query`, folded.
std::vector<RecordId> search_entries(const std::vector<Entry>& entries, std::string_view query);

}  // namespace afterglow::journal
