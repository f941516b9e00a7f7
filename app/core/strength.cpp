#include "app/core/strength.hpp"

#include <zxcvbn.h>

#include <string>

#include "crypto/secret.hpp"

namespace afterglow::app {

Strength passphrase_strength(std::string_view passphrase) {
    Strength s;
    if (passphrase.empty()) {
        s.label = "";
        s.advice = "Several unrelated words make a passphrase that is easy to remember and hard to guess.";
        return s;
    }
    std::string copy(passphrase);
    static const char* dict[] = {"afterglow", "ketamine", "journal", "therapy", nullptr};
    s.bits = ZxcvbnMatch(copy.c_str(), dict, nullptr);
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
