// App settings in a small plain key=value file in the config dir. It never holds user text:
// only appearance, timers, KDF strength, the vault location and whether the welcome was seen.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace afterglow::app {

enum class Theme { light, dark };
enum class KdfStrength { standard, strong };  // 256 MiB ~1 s, or 1 GiB ~2 s

// The largest text size: 200 % of the default 18 (WCAG 1.4.4, resize text).
inline constexpr float kMaxFontSize = 36.0f;

struct Settings {
    Theme theme = Theme::light;
    float font_size = 18.0f;      // points at 100% scale; HiDPI content scale multiplies it
    int autolock_minutes = 5;     // 0 = never
    bool lock_on_minimize = true;
    KdfStrength kdf = KdfStrength::standard;
    std::string vault_path;       // empty = the default (XDG data dir)
    bool welcome_seen = false;    // the first-run welcome was finished or skipped
    std::string first_use;        // ISO 8601 UTC: first unlock on this device (storage_advice.hpp)
    std::string last_copy;        // ISO 8601 UTC: the last full backup made on this device

    friend bool operator==(const Settings&, const Settings&) = default;
};

// $XDG_CONFIG_HOME/afterglow (else ~/.config/afterglow).
std::filesystem::path config_dir();
Settings load_settings(const std::filesystem::path& file);  // defaults for missing/bad values
bool save_settings(const std::filesystem::path& file, const Settings& s);

}  // namespace afterglow::app
