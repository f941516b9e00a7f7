#include "journal/text.hpp"

#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace afterglow::journal {
namespace {

// Latin-1 U+00C0..U+00FF; '&' = "ae", 'T' = "th", 'S' = "ss", '*' = keep.
constexpr char kLatin1[] = "aaaaaa&ceeeeiiiidnooooo*ouuuuyTSaaaaaa&ceeeeiiiidnooooo*ouuuuyTy";
static_assert(sizeof kLatin1 - 1 == 64);
// Latin Extended-A U+0100..U+017F; '#' = "ij", '$' = "oe".
constexpr char kLatinExtA[] =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "##" "jj" "kkk"
    "llllllllll" "nnnnnnnnn" "oooooo" "$$" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww"
    "yyy" "zzzzzz" "s";
static_assert(sizeof kLatinExtA - 1 == 128);

// Output never grows: every mapping writes at most as many bytes as it reads, so callers
// size the buffer once and write through a pointer (a search folds every entry it reads).
char* put_utf8(char32_t c, char* out) {
    if (c < 0x80) {
        *out++ = static_cast<char>(c);
    } else if (c < 0x800) {
        *out++ = static_cast<char>(0xC0 | (c >> 6));
        *out++ = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *out++ = static_cast<char>(0xE0 | (c >> 12));
        *out++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (c & 0x3F));
    } else {
        *out++ = static_cast<char>(0xF0 | (c >> 18));
        *out++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        *out++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        *out++ = static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

char* put_mapped(char m, char* out) {
    switch (m) {
        case '&': *out++ = 'a'; *out++ = 'e'; break;
        case 'T': *out++ = 't'; *out++ = 'h'; break;
        case 'S': *out++ = 's'; *out++ = 's'; break;
        case '#': *out++ = 'i'; *out++ = 'j'; break;
        case '$': *out++ = 'o'; *out++ = 'e'; break;
        default: *out++ = m;
    }
    return out;
}

// Decodes one code point at s[i]; returns its length, or 0 if invalid.
std::size_t decode(std::string_view s, std::size_t i, char32_t& c) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t n;
    if (b < 0x80) { c = b; return 1; }
    if (b >= 0xC2 && b <= 0xDF) { n = 2; c = b & 0x1F; }
    else if (b >= 0xE0 && b <= 0xEF) { n = 3; c = b & 0x0F; }
    else if (b >= 0xF0 && b <= 0xF4) { n = 4; c = b & 0x07; }
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        auto cb = static_cast<unsigned char>(s[i + k]);
        if ((cb & 0xC0) != 0x80) return 0;
        c = (c << 6) | (cb & 0x3F);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    return n;
}

}  // namespace

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
        char32_t c;
        std::size_t n = decode(s, i, c);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

char* fold_to(std::string_view s, char* w) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    constexpr std::uint64_t kHigh = 0x8080808080808080ull, kOnes = 0x0101010101010101ull;
    for (std::size_t i = 0; i < n;) {
#ifdef __SSE2__
        // Sixteen bytes at a time where SSE2 is (every x86-64): the same as the eight below.
        // Non-ASCII bytes are negative as signed bytes, so they are never in 'A'..'Z'.
        if (i + 16 <= n) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
            const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
                                                _mm_cmpgt_epi8(_mm_set1_epi8('Z' + 1), x));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(w), _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
            const unsigned high = static_cast<unsigned>(_mm_movemask_epi8(x));
            const std::size_t ascii = high ? static_cast<std::size_t>(__builtin_ctz(high)) : 16;
            w += ascii;
            i += ascii;
            if (ascii) continue;
        }
        if (i + 16 > n)  // else p[i] is not ASCII: the eight bytes below would find none
#endif
        // Eight bytes at a time while they are ASCII (most journal text): 'A'..'Z' get 0x20
        // added. For a byte < 0x80, adding 0x3F sets its top bit iff it is >= 'A', adding 0x25
        // iff it is > 'Z', and the sum carries into no other byte. With a non-ASCII byte in
        // the eight, the ASCII bytes before it are kept (carries only run towards later
        // bytes) and the rest is written over afterwards. Writes stay within what was read.
        if (i + 8 <= n) {
            std::uint64_t x;
            std::memcpy(&x, p + i, 8);
            const std::uint64_t high = x & kHigh;
            const std::uint64_t upper = (x + 0x3F * kOnes) & ~(x + 0x25 * kOnes) & kHigh;
            const std::uint64_t lower = x | (upper >> 2);
            std::memcpy(w, &lower, 8);
            const std::size_t ascii = high ? static_cast<std::size_t>(__builtin_ctzll(high)) / 8 : 8;
            w += ascii;
            i += ascii;
            if (ascii) continue;
        }
        unsigned char b = p[i];
        if (b < 0x80) {
            *w++ = static_cast<char>(static_cast<unsigned>(b - 'A') < 26u ? b + 32 : b);
            ++i;
            continue;
        }
        char32_t c;
        std::size_t len;
        if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {  // two bytes
            c = static_cast<char32_t>(((b & 0x1F) << 6) | (p[i + 1] & 0x3F));
            len = 2;
        } else if ((len = decode(s, i, c)) == 0) {  // invalid byte: keep as is
            *w++ = static_cast<char>(b);
            ++i;
            continue;
        }
        i += len;
        if (c < 0xC0) {
            w = put_utf8(c, w);
        } else if (c <= 0xFF) {
            w = kLatin1[c - 0xC0] != '*' ? put_mapped(kLatin1[c - 0xC0], w) : put_utf8(c, w);
        } else if (c <= 0x17F) {
            w = put_mapped(kLatinExtA[c - 0x100], w);
        } else if (c >= 0x300 && c <= 0x36F) {
            // combining diacritical mark: dropped
        } else if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) {
            w = put_utf8(c + 0x20, w);  // Greek capitals
        } else if (c >= 0x410 && c <= 0x42F) {
            w = put_utf8(c + 0x20, w);  // Cyrillic capitals
        } else if (c >= 0x400 && c <= 0x40F) {
            w = put_utf8(c + 0x50, w);
        } else {
            w = put_utf8(c, w);
        }
    }
    return w;
}

void fold_append(std::string_view s, std::string& out) {
    const std::size_t base = out.size();
    out.resize(base + s.size());
    char* end = fold_to(s, out.data() + base);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

std::string fold(std::string_view s) {
    std::string out;
    fold_append(s, out);
    return out;
}

std::vector<std::string> query_words(std::string_view q) {
    std::vector<std::string> words;
    std::string folded = fold(q);
    std::size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && (folded[i] == ' ' || folded[i] == '\t' || folded[i] == '\n'))
            ++i;
        std::size_t j = i;
        while (j < folded.size() && folded[j] != ' ' && folded[j] != '\t' && folded[j] != '\n')
            ++j;
        if (j > i) words.emplace_back(folded.substr(i, j - i));
        i = j;
    }
    return words;
}

std::size_t word_count(std::string_view s) {
    std::size_t n = 0;
    bool in_word = false;
    for (char ch : s) {
        bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

std::size_t code_point_count(std::string_view s) {
    std::size_t n = 0;
    for (const char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return n;
}

bool json_nesting_within(std::string_view text, int max_depth) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') {
            if (++depth > max_depth) return false;
        } else if (c == '}' || c == ']') --depth;
    }
    return true;
}

}  // namespace afterglow::journal
