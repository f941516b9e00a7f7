#include "app/core/settings.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace afterglow::app {

std::filesystem::path config_dir() {
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return std::filesystem::path(x) / "afterglow";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : ".") / ".config" / "afterglow";
}

Settings load_settings(const std::filesystem::path& file) {
    Settings s;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
        const std::string key = line.substr(0, eq);
        const std::string val = line.substr(eq + 1);
        try {
            if (key == "theme") s.theme = val == "dark" ? Theme::dark : Theme::light;
            else if (key == "font_size") s.font_size = std::clamp(std::stof(val), 12.0f, kMaxFontSize);
            else if (key == "autolock_minutes") s.autolock_minutes = std::clamp(std::stoi(val), 0, 240);
            else if (key == "lock_on_minimize") s.lock_on_minimize = val != "0";
            else if (key == "kdf") s.kdf = val == "strong" ? KdfStrength::strong : KdfStrength::standard;
            else if (key == "vault_path") s.vault_path = val;
            else if (key == "welcome_seen") s.welcome_seen = val == "1";
            else if (key == "first_use") s.first_use = val;
            else if (key == "last_copy") s.last_copy = val;
        } catch (...) {
            // keep the default for an unreadable value
        }
    }
    return s;
}

bool save_settings(const std::filesystem::path& file, const Settings& s) {
    std::error_code ec;
    // Only a folder we create is made private; an existing one keeps its mode.
    if (!std::filesystem::exists(file.parent_path(), ec) &&
        std::filesystem::create_directories(file.parent_path(), ec))
        chmod(file.parent_path().c_str(), 0700);
    const auto tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) return false;
        out << "# Afterglow settings (no journal text is ever stored here)\n"
            << "theme=" << (s.theme == Theme::dark ? "dark" : "light") << "\n"
            << "font_size=" << s.font_size << "\n"
            << "autolock_minutes=" << s.autolock_minutes << "\n"
            << "lock_on_minimize=" << (s.lock_on_minimize ? 1 : 0) << "\n"
            << "kdf=" << (s.kdf == KdfStrength::strong ? "strong" : "standard") << "\n"
            << "vault_path=" << s.vault_path << "\n"
            << "welcome_seen=" << (s.welcome_seen ? 1 : 0) << "\n"
            << "first_use=" << s.first_use << "\n"
            << "last_copy=" << s.last_copy << "\n";
        if (!out) return false;
    }
    chmod(tmp.c_str(), 0600);
    std::filesystem::rename(tmp, file, ec);
    return !ec;
}

}  // namespace afterglow::app
