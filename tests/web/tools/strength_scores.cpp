// The desktop meter's verdict on passphrases, for web_strength: reads one passphrase per line
// on stdin and prints "SCORE BITS" per line from app::passphrase_strength (zxcvbn-c), the
// function behind the desktop's meter.
#include <cstdio>
#include <iostream>
#include <string>

#include "app/core/strength.hpp"

int main() {
    std::string line;
    while (std::getline(std::cin, line)) {
        const auto s = afterglow::app::passphrase_strength(line);
        std::printf("%d %.1f\n", s.score, s.bits);
    }
    return 0;
}
