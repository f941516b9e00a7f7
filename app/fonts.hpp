// Fonts from the build's assets dir (copied from Debian packages by CMake), merged into a
// fallback chain: Inter → Noto Sans (Greek, Cyrillic, Latin ext) → Hebrew → Arabic →
// DejaVu (symbols) → Noto Sans CJK (common Chinese + kana). Built with FreeType.
#pragma once

#include <filesystem>

#include "app/ui.hpp"

namespace afterglow::app {

// Clears the atlas and loads all fonts at `size_px` (already multiplied by the HiDPI scale).
Fonts load_fonts(const std::filesystem::path& assets_dir, float size_px);

}  // namespace afterglow::app
