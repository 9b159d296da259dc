// The app's fonts: Roboto for text (Latin, Greek, Cyrillic, currency signs) with Fork Awesome icons
// merged in, rasterised for the display's pixel ratio so text stays crisp at 1x, 2x and 3x.
#pragma once

#include <cstddef>
#include <cstdint>

struct ImFont;

namespace roadbook::ui {

struct FontFiles {
    const uint8_t* regular = nullptr;  // Roboto-Regular.ttf
    size_t regular_size = 0;
    const uint8_t* medium = nullptr;  // Roboto-Medium.ttf
    size_t medium_size = 0;
    const uint8_t* icons = nullptr;  // forkawesome-webfont.ttf
    size_t icons_size = 0;
};

struct Fonts {
    ImFont* body = nullptr;     // 15 px
    ImFont* strong = nullptr;   // 15 px medium weight
    ImFont* heading = nullptr;  // 22 px medium weight
    ImFont* small = nullptr;    // 13 px
};

// Rebuilds the font atlas for `pixel_ratio` (device pixels per CSS pixel). Sizes above are CSS pixels.
// The caller uploads the new atlas texture afterwards. The files must outlive the atlas.
Fonts BuildFonts(const FontFiles& files, float pixel_ratio);
const Fonts& CurrentFonts();

}  // namespace roadbook::ui
