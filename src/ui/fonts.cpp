// Builds the Dear ImGui font atlas. Glyphs are rasterised at size x pixel ratio and scaled back by
// FontGlobalScale, which is what keeps text sharp on high-density screens.
#include "ui/fonts.h"

#include <imgui.h>

#include "ui/icons.h"

namespace roadbook::ui {
namespace {

Fonts g_fonts;

// Latin-1, Latin Extended A and B (Łódź, Ørsted), Greek, Cyrillic, general punctuation (– “ ” …),
// currency symbols (€ ₹ ₺ ₽) and the arrows and symbols used in labels.
constexpr ImWchar kTextRanges[] = {
    0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x052F, 0x1E00, 0x1EFF, 0x2000, 0x206F,
    0x20A0, 0x20CF, 0x2100, 0x214F, 0x2190, 0x21FF, 0x2212, 0x2212, 0,
};
constexpr ImWchar kIconRanges[] = {icon::kFirstCodePoint, icon::kLastCodePoint, 0};

ImFont* AddFont(const uint8_t* data, size_t size, float css_pixels, float pixel_ratio, bool with_icons,
                const FontFiles& files) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the platform keeps the file bytes alive
    config.OversampleH = 2;
    config.OversampleV = 1;
    config.PixelSnapH = false;
    ImFont* font = io.Fonts->AddFontFromMemoryTTF(const_cast<uint8_t*>(data), int(size), css_pixels * pixel_ratio,
                                                  &config, kTextRanges);
    if (with_icons && files.icons != nullptr) {
        ImFontConfig icon_config;
        icon_config.FontDataOwnedByAtlas = false;
        icon_config.MergeMode = true;
        icon_config.GlyphMinAdvanceX = css_pixels * pixel_ratio;
        icon_config.GlyphOffset = ImVec2(0, 1.0f * pixel_ratio);
        io.Fonts->AddFontFromMemoryTTF(const_cast<uint8_t*>(files.icons), int(files.icons_size),
                                       css_pixels * 0.95f * pixel_ratio, &icon_config, kIconRanges);
    }
    return font;
}

}  // namespace

Fonts BuildFonts(const FontFiles& files, float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts fonts;
    if (files.regular == nullptr) {
        // Without the font files (they failed to load) the app stays usable with the built-in font.
        ImFontConfig config;
        config.SizePixels = 13.0f * pixel_ratio;
        fonts.body = fonts.strong = fonts.heading = fonts.small = io.Fonts->AddFontDefault(&config);
    } else {
        const uint8_t* medium = files.medium ? files.medium : files.regular;
        const size_t medium_size = files.medium ? files.medium_size : files.regular_size;
        fonts.body = AddFont(files.regular, files.regular_size, 15.0f, pixel_ratio, true, files);
        fonts.strong = AddFont(medium, medium_size, 15.0f, pixel_ratio, true, files);
        fonts.heading = AddFont(medium, medium_size, 22.0f, pixel_ratio, true, files);
        fonts.small = AddFont(files.regular, files.regular_size, 13.0f, pixel_ratio, true, files);
    }
    io.Fonts->Build();
    io.FontGlobalScale = 1.0f / pixel_ratio;
    io.FontDefault = fonts.body;
    g_fonts = fonts;
    return fonts;
}

const Fonts& CurrentFonts() { return g_fonts; }

}  // namespace roadbook::ui
