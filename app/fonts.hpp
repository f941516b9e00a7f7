// Fonts from the build's assets dir (copied from Debian packages by CMake), merged into a
// fallback chain: Inter → Noto Sans (Greek, Cyrillic, Latin ext) → Hebrew → Arabic →
// DejaVu (symbols) → Noto Sans CJK (common Chinese + kana) → emoji (the body font only: its
// Private Use Area slots, app/core/emoji.hpp). Built with FreeType.
//
// The atlas comes in two steps, so the first frame does not wait for every script (on a
// phone the full atlas is most of the time to the first frame): a small one (Latin and the
// app's own symbols: what its screens say) is built at once; the full one (every script a
// journal may hold) is built on a thread, from font files read beforehand on the calling
// thread, and swapped in between two frames when it is done.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include "app/ui.hpp"

struct ImFontAtlas;

namespace afterglow::app {

class FontAtlasBuilder {
public:
    FontAtlasBuilder() = default;
    FontAtlasBuilder(const FontAtlasBuilder&) = delete;
    FontAtlasBuilder& operator=(const FontAtlasBuilder&) = delete;
    ~FontAtlasBuilder();

    // Replaces io.Fonts with the small atlas at `size_px` (already multiplied by the HiDPI
    // scale) and starts building the full one; `done` is called on the thread when it is.
    Fonts start(const std::filesystem::path& assets_dir, float size_px, std::function<void()> done = {});
    // The full atlas once it is built: it becomes io.Fonts and the small one is freed.
    // Between frames only; the platform then uploads the new texture.
    std::optional<Fonts> take();
    bool ready() const { return built_.load(std::memory_order_acquire); }  // take() has an atlas
    void stop();  // waits for the thread; frees a full atlas nobody took

private:
    std::vector<std::vector<char>> files_;  // the font files, kept until the full atlas is built
    std::thread thread_;
    std::atomic<bool> built_{false};
    ImFontAtlas* full_ = nullptr;
    Fonts full_fonts_;
};

}  // namespace afterglow::app
