#include "app/core/strength.hpp"

#include <zxcvbn.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "crypto/secret.hpp"
#include "journal/text.hpp"

namespace afterglow::app {
namespace {

// Guessing a run of characters nothing recognised, one character at a time: the alphabet is
// every class the run uses (a-z, A-Z, 0-9, ASCII symbols and space, and a generous 100 for
// any other script), counted per character, not per UTF-8 byte.
double brute_force_bits(std::string_view run) {
    int lower = 0, upper = 0, digit = 0, symbol = 0, other = 0;
    for (const char ch : run) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 'a' && c <= 'z') lower = 26;
        else if (c >= 'A' && c <= 'Z') upper = 26;
        else if (c >= '0' && c <= '9') digit = 10;
        else if (c < 0x80) symbol = 33;
        else other = 100;
    }
    const int alphabet = std::max(2, lower + upper + digit + symbol + other);
    return static_cast<double>(journal::code_point_count(run)) * std::log2(alphabet);
}

// Each part after the first costs the guesser the choice of where it starts.
constexpr double kBitsPerExtraPart = 1.5;

}  // namespace

// One score on every platform: the estimator (zxcvbn-c on the desktop, the npm zxcvbn on the
// web, behind the same ZxcvbnMatch call) says which parts of the passphrase are words, dates,
// keyboard walks and so on and what each costs; the runs it did not recognise are costed
// here, the same way on both.
Strength passphrase_strength(std::string_view passphrase) {
    Strength s;
    if (passphrase.empty()) {
        s.label = "";
        s.advice = "Several unrelated words make a passphrase that is easy to remember and hard to guess.";
        return s;
    }
    std::string copy(passphrase);
    static const char* dict[] = {"afterglow", "ketamine", "journal", "therapy", nullptr};
    ZxcMatch_t* parts = nullptr;
    ZxcvbnMatch(copy.c_str(), dict, &parts);
    int count = 0;
    const std::string_view all(copy);
    for (const ZxcMatch_t* m = parts; m; m = m->Next, ++count) {
        const bool unrecognised = (m->Type & ~MULTIPLE_MATCH) == BRUTE_MATCH;
        // Offsets are the estimator's (the web's counts UTF-16 halves of an emoji apart):
        // kept inside the passphrase, never trusted to be.
        const std::size_t begin = std::min<std::size_t>(static_cast<std::size_t>(std::max(m->Begin, 0)), all.size());
        const std::size_t length = static_cast<std::size_t>(std::max(m->Length, 0));
        s.bits += unrecognised ? brute_force_bits(all.substr(begin, length)) : m->Entrpy;
    }
    if (count > 1) s.bits += kBitsPerExtraPart * (count - 1);
    ZxcvbnFreeInfo(parts);
    crypto::wipe(copy);
    s.score = s.bits < 28 ? 0 : s.bits < 40 ? 1 : s.bits < 56 ? 2 : s.bits < 72 ? 3 : 4;
    static constexpr const char* kLabels[] = {"very weak", "weak", "fair", "good", "strong"};
    static constexpr const char* kAdvice[] = {
        "Easy to guess. Try four or more unrelated words.",
        "Still guessable. Add another word or two.",
        "Fair. One more word would make it much stronger.",
        "Good. This would take a long time to guess.",
        "Strong.",
    };
    s.label = kLabels[s.score];
    s.advice = kAdvice[s.score];
    return s;
}

}  // namespace afterglow::app
