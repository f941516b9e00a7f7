// Passphrase strength (zxcvbn), for the meter on first run and change-passphrase.
#pragma once

#include <string_view>

namespace afterglow::app {

struct Strength {
    int score = 0;         // 0 (very weak) … 4 (strong)
    double bits = 0;       // estimated entropy
    const char* label = "";
    const char* advice = "";
    bool acceptable() const { return score >= 2; }
};

Strength passphrase_strength(std::string_view passphrase);

}  // namespace afterglow::app
