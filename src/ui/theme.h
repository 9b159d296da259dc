// Roadbook's light and dark themes: one palette per mode, applied to Dear ImGui's style, and the
// colours views use for their own drawing.
#pragma once

#include <imgui.h>

namespace roadbook::ui {

enum class ThemeMode { Light, Dark };

struct Palette {
    ImU32 background;      // the page behind panels
    ImU32 background_glow; // the top of the page, a faint tint of the accent (shaders/background.frag.glsl)
    ImU32 surface;         // cards, sidebar, dialogs
    ImU32 surface_raised;  // hovered rows, inputs
    ImU32 border;
    ImU32 text;
    ImU32 text_muted;
    ImU32 accent;          // primary actions, selection
    ImU32 accent_text;     // text on accent
    ImU32 danger;          // validation errors
    ImU32 success;
    ImU32 warning;         // attention that is not yet an error: no activity scheduled
    ImU32 column;          // board columns, a step back from the cards on them
};

// Applies the mode's colours and Roadbook's spacing to the current Dear ImGui style.
void ApplyTheme(ThemeMode mode);
const Palette& CurrentPalette();
ThemeMode CurrentThemeMode();

}  // namespace roadbook::ui
