#include "journal/text.hpp"

#include <cstdint>

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

void put_utf8(char32_t c, std::string& out) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

void put_mapped(char m, std::string& out) {
    switch (m) {
        case '&': out += "ae"; break;
        case 'T': out += "th"; break;
        case 'S': out += "ss"; break;
        case '#': out += "ij"; break;
        case '$': out += "oe"; break;
        default: out.push_back(m);
    }
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

void fold_append(std::string_view s, std::string& out) {
    out.reserve(out.size() + s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
            ++i;
            continue;
        }
        char32_t c;
        std::size_t n = decode(s, i, c);
        if (n == 0) {  // invalid byte: keep as is
            out.push_back(static_cast<char>(b));
            ++i;
            continue;
        }
        i += n;
        if (c >= 0xC0 && c <= 0xFF && kLatin1[c - 0xC0] != '*') {
            put_mapped(kLatin1[c - 0xC0], out);
        } else if (c >= 0x100 && c <= 0x17F) {
            put_mapped(kLatinExtA[c - 0x100], out);
        } else if (c >= 0x300 && c <= 0x36F) {
            // combining diacritical mark: dropped
        } else if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) {
            put_utf8(c + 0x20, out);  // Greek capitals
        } else if (c >= 0x410 && c <= 0x42F) {
            put_utf8(c + 0x20, out);  // Cyrillic capitals
        } else if (c >= 0x400 && c <= 0x40F) {
            put_utf8(c + 0x50, out);
        } else {
            put_utf8(c, out);
        }
    }
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

}  // namespace afterglow::journal
