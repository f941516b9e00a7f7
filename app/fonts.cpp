#include "app/fonts.hpp"

#include <imgui.h>
#include <imgui_freetype.h>

#include <fstream>
#include <iterator>
#include <vector>

namespace afterglow::app {
namespace {

const ImWchar kLatinGreekCyrillic[] = {0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x052F, 0x1E00, 0x1FFF,
                                       0x2000, 0x206F, 0x20A0, 0x20CF, 0};
const ImWchar kHebrew[] = {0x0590, 0x05FF, 0xFB1D, 0xFB4F, 0};
const ImWchar kArabic[] = {0x0600, 0x06FF, 0x0750, 0x077F, 0xFB50, 0xFDFF, 0xFE70, 0xFEFF, 0};
const ImWchar kSymbols[] = {0x2100, 0x21FF, 0x2190, 0x23FF, 0x25A0, 0x27BF, 0xFFFD, 0xFFFD, 0};

// The CJK collection is 19 MB: read it once per atlas build and share it between fonts (the
// atlas does not own it; it is freed once the atlas is built).
std::vector<char> read_cjk(const std::filesystem::path& dir) {
    std::ifstream in(dir / "fonts" / "NotoSansCJK-Regular.ttc", std::ios::binary);
    return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

ImFont* add_chain(ImFontAtlas* atlas, const std::filesystem::path& dir, const char* primary, float px,
                  std::vector<char>* cjk) {
    ImFontConfig base;
    base.OversampleH = 1;
    base.PixelSnapH = false;
    const auto path = [&](const char* f) { return (dir / "fonts" / f).string(); };
    ImFont* font = atlas->AddFontFromFileTTF(path(primary).c_str(), px, &base, kLatinGreekCyrillic);
    if (!font) font = atlas->AddFontDefault();
    ImFontConfig merge = base;
    merge.MergeMode = true;
    atlas->AddFontFromFileTTF(path("NotoSans-Regular.ttf").c_str(), px, &merge, kLatinGreekCyrillic);
    atlas->AddFontFromFileTTF(path("NotoSansHebrew-Regular.ttf").c_str(), px, &merge, kHebrew);
    atlas->AddFontFromFileTTF(path("NotoSansArabic-Regular.ttf").c_str(), px, &merge, kArabic);
    atlas->AddFontFromFileTTF(path("DejaVuSans.ttf").c_str(), px, &merge, kSymbols);
    if (cjk && !cjk->empty()) {
        ImFontConfig c = merge;
        c.FontNo = 0;  // the Japanese-first face of the collection; it holds all common CJK
        c.FontDataOwnedByAtlas = false;
        atlas->AddFontFromMemoryTTF(cjk->data(), static_cast<int>(cjk->size()), px, &c,
                                    atlas->GetGlyphRangesChineseSimplifiedCommon());
    }
    return font;
}

}  // namespace

Fonts load_fonts(const std::filesystem::path& assets_dir, float px) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas* atlas = io.Fonts;
    atlas->Clear();
    atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    atlas->TexDesiredWidth = 4096;
    Fonts f;
    std::vector<char> cjk = read_cjk(assets_dir);
    f.body = add_chain(atlas, assets_dir, "Inter-Regular.otf", px, &cjk);
    f.heading = add_chain(atlas, assets_dir, "Inter-SemiBold.otf", px * 1.35f, nullptr);
    f.large = add_chain(atlas, assets_dir, "Inter-Regular.otf", px * 1.3f, nullptr);
    atlas->Build();
    atlas->ClearInputData();  // the glyphs are in the atlas now; free the font files
    return f;
}

}  // namespace afterglow::app
