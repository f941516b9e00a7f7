#include "journal/search.hpp"

#include <string.h>  // memmem

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "crypto/secret.hpp"
#include "journal/parallel.hpp"
#include "journal/text.hpp"

namespace afterglow::journal {
namespace {

// Text folded per step: small enough that a word found early spares folding the rest of a
// long body, large enough that the per-step searches cost little.
constexpr std::size_t kBlock = 512;

// Whether `word` occurs in [p, p + n). With SSE2 (every x86-64), sixteen places at a time:
// those where the word's first and last bytes both are, then the bytes between compared (few
// places pass both); elsewhere memmem.
bool contains(const char* p, std::size_t n, std::string_view word) {
    const std::size_t len = word.size();
    if (len == 0) return true;
    if (len > n) return false;
    if (len == 1) return std::memchr(p, word[0], n) != nullptr;
#ifdef __SSE2__
    const __m128i first = _mm_set1_epi8(word[0]), last = _mm_set1_epi8(word[len - 1]);
    std::size_t i = 0;
    for (; i + len - 1 + 16 <= n; i += 16) {  // the loads end within [p, p + n)
        const __m128i at_first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const __m128i at_last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + len - 1));
        auto mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(at_first, first), _mm_cmpeq_epi8(at_last, last))));
        while (mask) {
            const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(mask));
            if (std::memcmp(p + at + 1, word.data() + 1, len - 2) == 0) return true;
            mask &= mask - 1;
        }
    }
    for (; i + len <= n; ++i)  // the last few places, one at a time
        if (p[i] == word[0] && std::memcmp(p + i + 1, word.data() + 1, len - 1) == 0) return true;
    return false;
#else
    return memmem(p, n, word.data(), len) != nullptr;
#endif
}

}  // namespace

EntryMatcher::EntryMatcher(std::vector<std::string> folded_words)
    : words_(std::move(folded_words)), found_(words_.size()) {}

EntryMatcher::~EntryMatcher() { wipe(); }

void EntryMatcher::wipe() {
    if (used_) crypto::wipe(buf_.get(), used_);
    used_ = 0;
}

bool EntryMatcher::matches(const Entry& e) {
    std::fill(found_.begin(), found_.end(), 0);
    remaining_ = words_.size();
    if (remaining_ == 0) return true;
    // The fields of search_text(), in its order.
    if (found_all_in(e.title) || found_all_in(e.body)) return true;
    for (const auto& p : e.prompts)
        if (found_all_in(p.prompt) || found_all_in(p.answer)) return true;
    for (const auto& s : e.emotions)
        if (found_all_in(s)) return true;
    for (const auto& s : e.tags)
        if (found_all_in(s)) return true;
    for (const auto& a : e.actions)
        if (found_all_in(a.text)) return true;
    return false;
}

bool EntryMatcher::found_all_in(std::string_view field) {
    if (field.empty()) return false;
    if (field.size() > capacity_) {
        wipe();
        capacity_ = std::max(field.size(), std::size_t{4096});
        buf_ = std::make_unique<char[]>(capacity_);  // zeroed: nothing but what wipe() zeroes
    }
    char* const out = buf_.get();
    std::size_t in = 0, end = 0;
    while (in < field.size()) {
        // Cut between code points: never before a continuation byte.
        std::size_t cut = std::min(field.size(), in + kBlock);
        while (cut < field.size() && (static_cast<unsigned char>(field[cut]) & 0xC0) == 0x80) ++cut;
        for (std::size_t at = cut; at < std::min(field.size(), cut + kBlock); at += 64)  // the next block
            __builtin_prefetch(field.data() + at);
        const std::size_t before = end;
        end = static_cast<std::size_t>(fold_to(field.substr(in, cut - in), out + end) - out);
        // fold_to may write past its end, but never past where its input ends (`cut`).
        used_ = std::max(used_, cut);
        in = cut;
        // Only matches that end in the new block: the earlier ones were looked for already.
        for (std::size_t w = 0; w < words_.size(); ++w) {
            if (found_[w]) continue;
            const std::string& word = words_[w];
            const std::size_t from = before + 1 > word.size() ? before + 1 - word.size() : 0;
            if (end < from || !contains(out + from, end - from, word)) continue;
            found_[w] = 1;
            if (--remaining_ == 0) return true;
        }
    }
    return false;
}

std::vector<RecordId> search_entries(const std::vector<Entry>& entries, std::string_view query) {
    const auto words = query_words(query);
    std::vector<char> hit(entries.size());
    auto run = [&](std::size_t lo, std::size_t hi) {
        EntryMatcher m(words);
        for (std::size_t i = lo; i < hi; ++i) {
            // The next entry's text is elsewhere in the heap: asked for while this one is read.
            if (i + 1 < hi) {
                const Entry& next = entries[i + 1];
                __builtin_prefetch(next.title.data());
                for (std::size_t at = 0; at < std::min<std::size_t>(next.body.size(), kBlock); at += 64)
                    __builtin_prefetch(next.body.data() + at);
            }
            hit[i] = m.matches(entries[i]);
        }
    };
#ifdef __EMSCRIPTEN__
    // The browser's UI thread searches: it must not wait on threads the worker pool may not
    // have free.
    run(0, entries.size());
#else
    parallel_ranges(entries.size(), run);
#endif
    std::vector<RecordId> ids;
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (hit[i]) ids.push_back(entries[i].meta.id);
    return ids;
}

}  // namespace afterglow::journal
