#include "app/fonts.hpp"

#include <imgui.h>
#include <imgui_freetype.h>

#include <array>
#include <fstream>

#include "app/core/emoji.hpp"

namespace afterglow::app {
namespace {

// The full atlas: every script the journal may hold.
const ImWchar kLatinGreekCyrillic[] = {0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x052F, 0x1E00, 0x1FFF,
                                       0x2000, 0x206F, 0x20A0, 0x20CF, 0};
const ImWchar kHebrew[] = {0x0590, 0x05FF, 0xFB1D, 0xFB4F, 0};
const ImWchar kArabic[] = {0x0600, 0x06FF, 0x0750, 0x077F, 0xFB50, 0xFDFF, 0xFE70, 0xFEFF, 0};
const ImWchar kSymbols[] = {0x2100, 0x21FF, 0x2190, 0x23FF, 0x25A0, 0x27BF, 0xFFFD, 0xFFFD, 0};
// The small atlas: what the app's own texts use (Latin, punctuation, the few symbols of its
// screens and content pack: → ≥ ○ ✓), drawn by the same fonts as in the full one.
const ImWchar kFirstLatin[] = {0x0020, 0x024F, 0x2000, 0x206F, 0x20A0, 0x20CF, 0};
const ImWchar kFirstSymbols[] = {0x2190, 0x2193, 0x2264, 0x2265, 0x25CB, 0x25CB, 0x2713, 0x2713, 0xFFFD, 0xFFFD, 0};

// The emoji's slots (app/core/emoji.hpp): only the body text's font has them (what the
// patient writes), so the atlas holds them once.
constexpr auto kEmojiRanges = [] {
    std::array<ImWchar, std::size(kEmojiBlocks) * 2 + 1> r{};
    for (std::size_t i = 0; i < std::size(kEmojiBlocks); ++i) {
        r[i * 2] = kEmojiBlocks[i].slot;
        r[i * 2 + 1] = static_cast<ImWchar>(kEmojiBlocks[i].slot + (kEmojiBlocks[i].last - kEmojiBlocks[i].first));
    }
    return r;
}();

// The font files, in this order (the CJK collection, 19 MB, only where it is installed; the
// emoji font only where the build could make it: app/emoji_font.cmake).
enum File { inter, inter_semibold, noto, hebrew, arabic, dejavu, cjk, emoji, file_count };
const char* const kFileNames[file_count] = {"Inter-Regular.otf", "Inter-SemiBold.otf", "NotoSans-Regular.ttf",
                                            "NotoSansHebrew-Regular.ttf", "NotoSansArabic-Regular.ttf",
                                            "DejaVuSans.ttf", "NotoSansCJK-Regular.ttc", "AfterglowEmoji.ttf"};

std::vector<char> read_file(const std::filesystem::path& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    std::vector<char> data;
    std::ifstream in(path, std::ios::binary);
    if (ec || !in) return data;
    data.resize(static_cast<std::size_t>(size));
    if (!in.read(data.data(), static_cast<std::streamsize>(data.size()))) data.clear();
    return data;
}

ImFontAtlas* configure(ImFontAtlas* atlas) {
    atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    atlas->TexDesiredWidth = 4096;
    // Only as tall as the glyphs need (WebGL 2 and GL 3.3 take any height): up to half the
    // texture to convert and upload, and memory a phone keeps.
    atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    return atlas;
}

// Adds `file` at `px` for `ranges`; the atlas reads the caller's copy (kept until it is built).
ImFont* add(ImFontAtlas* atlas, std::vector<char>& file, float px, const ImWchar* ranges, bool merge, int face = 0) {
    if (file.empty()) return nullptr;
    ImFontConfig c;
    c.OversampleH = 1;
    c.PixelSnapH = false;
    c.MergeMode = merge;
    c.FontNo = face;
    c.FontDataOwnedByAtlas = false;
    return atlas->AddFontFromMemoryTTF(file.data(), static_cast<int>(file.size()), px, &c, ranges);
}

ImFont* add_chain(ImFontAtlas* atlas, std::vector<std::vector<char>>& files, File primary, float px, bool full,
                  bool body) {
    ImFont* font = add(atlas, files[primary], px, full ? kLatinGreekCyrillic : kFirstLatin, false);
    if (!font) font = atlas->AddFontDefault();
    if (!full) {
        add(atlas, files[dejavu], px, kFirstSymbols, true);
        return font;
    }
    add(atlas, files[noto], px, kLatinGreekCyrillic, true);
    add(atlas, files[hebrew], px, kHebrew, true);
    add(atlas, files[arabic], px, kArabic, true);
    add(atlas, files[dejavu], px, kSymbols, true);
    // Face 0 of the collection is the Japanese-first one; it holds all common CJK.
    if (body) add(atlas, files[cjk], px, atlas->GetGlyphRangesChineseSimplifiedCommon(), true);
    if (body) add(atlas, files[emoji], px, kEmojiRanges.data(), true);  // the body font
    return font;
}

Fonts add_fonts(ImFontAtlas* atlas, std::vector<std::vector<char>>& files, float px, bool full) {
    Fonts f;
    f.body = add_chain(atlas, files, inter, px, full, true);
    f.heading = add_chain(atlas, files, inter_semibold, px * 1.35f, full, false);
    f.large = add_chain(atlas, files, inter, px * 1.3f, full, false);
    atlas->Build();
    return f;
}

}  // namespace

FontAtlasBuilder::~FontAtlasBuilder() { stop(); }

void FontAtlasBuilder::stop() {
    if (thread_.joinable()) thread_.join();
    if (full_) IM_DELETE(full_);
    full_ = nullptr;
    built_ = false;
    files_.clear();
}

Fonts FontAtlasBuilder::start(const std::filesystem::path& assets_dir, float px, std::function<void()> done) {
    stop();
    for (const char* name : kFileNames) files_.push_back(read_file(assets_dir / "fonts" / name));

    ImFontAtlas* atlas = configure(ImGui::GetIO().Fonts);
    atlas->Clear();
    const Fonts first = add_fonts(atlas, files_, px, false);
    atlas->ClearInputData();

    // The thread touches no Dear ImGui context, file or GL state: only its own atlas and the
    // files read above. (Dear ImGui's allocation counter, a debug figure, is shared.)
    full_ = configure(IM_NEW(ImFontAtlas));
    thread_ = std::thread([this, px, done = std::move(done)] {
        full_fonts_ = add_fonts(full_, files_, px, true);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        full_->GetTexDataAsRGBA32(&pixels, &w, &h);  // the texture's conversion, off the UI thread too
        full_->ClearInputData();
        built_.store(true, std::memory_order_release);
        if (done) done();
    });
    return first;
}

std::optional<Fonts> FontAtlasBuilder::take() {
    if (!full_ || !built_.load(std::memory_order_acquire)) return std::nullopt;
    thread_.join();
    files_.clear();
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas* small = io.Fonts;
    io.Fonts = full_;  // the context frees whichever atlas io.Fonts holds when it goes
    full_ = nullptr;
    built_ = false;
    IM_DELETE(small);
    return full_fonts_;
}

}  // namespace afterglow::app
