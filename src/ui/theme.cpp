// Colours and spacing. Light is warm grey with an indigo accent; dark keeps the same accent slightly
// lighter so it passes contrast on the dark surface. Values are sRGB.
#include "ui/theme.h"

namespace roadbook::ui {
namespace {

constexpr ImU32 Rgb(unsigned int hex, unsigned int alpha = 255) {
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

constexpr Palette kLight = {
    Rgb(0xF4F5F7), Rgb(0xE9EAFB), Rgb(0xFFFFFF), Rgb(0xEEF0F4), Rgb(0xDCDFE6), Rgb(0x1B1F2A),
    Rgb(0x5F6677), Rgb(0x4F46E5), Rgb(0xFFFFFF), Rgb(0xC62828), Rgb(0x1E7F4F), Rgb(0xB7791F), Rgb(0xEAECF0),
};

constexpr Palette kDark = {
    Rgb(0x111318), Rgb(0x1A1B33), Rgb(0x1A1D24), Rgb(0x242833), Rgb(0x323745), Rgb(0xE8EAF0),
    Rgb(0x9AA1B2), Rgb(0x818CF8), Rgb(0x0F1020), Rgb(0xF2716B), Rgb(0x4ADE80), Rgb(0xF6C453), Rgb(0x15171D),
};

Palette g_palette = kLight;
ThemeMode g_mode = ThemeMode::Light;

ImVec4 Color(ImU32 packed, float alpha_scale = 1.0f) {
    ImVec4 color = ImGui::ColorConvertU32ToFloat4(packed);
    color.w *= alpha_scale;
    return color;
}

}  // namespace

void ApplyTheme(ThemeMode mode) {
    g_mode = mode;
    g_palette = mode == ThemeMode::Light ? kLight : kDark;
    const Palette& palette = g_palette;

    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(20, 18);
    style.FramePadding = ImVec2(12, 9);
    style.CellPadding = ImVec2(12, 10);
    style.ItemSpacing = ImVec2(12, 10);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.ScrollbarSize = 12;
    style.GrabMinSize = 12;
    style.WindowRounding = 0;
    style.ChildRounding = 10;
    style.FrameRounding = 8;
    style.PopupRounding = 10;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 6;
    style.TabRounding = 8;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;
    style.PopupBorderSize = 1;
    style.FrameBorderSize = 1;
    style.SeparatorTextBorderSize = 1;
    style.SelectableTextAlign = ImVec2(0, 0.5f);

    ImVec4* colors = style.Colors;
    colors[ImGuiCol_Text] = Color(palette.text);
    colors[ImGuiCol_TextDisabled] = Color(palette.text_muted);
    colors[ImGuiCol_WindowBg] = Color(palette.background);
    colors[ImGuiCol_ChildBg] = Color(palette.surface);
    colors[ImGuiCol_PopupBg] = Color(palette.surface);
    colors[ImGuiCol_Border] = Color(palette.border);
    colors[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    colors[ImGuiCol_FrameBg] = Color(palette.surface);
    colors[ImGuiCol_FrameBgHovered] = Color(palette.surface_raised);
    colors[ImGuiCol_FrameBgActive] = Color(palette.surface_raised);
    colors[ImGuiCol_TitleBg] = Color(palette.surface);
    colors[ImGuiCol_TitleBgActive] = Color(palette.surface);
    colors[ImGuiCol_MenuBarBg] = Color(palette.surface);
    colors[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    colors[ImGuiCol_ScrollbarGrab] = Color(palette.border);
    colors[ImGuiCol_ScrollbarGrabHovered] = Color(palette.text_muted, 0.6f);
    colors[ImGuiCol_ScrollbarGrabActive] = Color(palette.text_muted);
    colors[ImGuiCol_CheckMark] = Color(palette.accent);
    colors[ImGuiCol_SliderGrab] = Color(palette.accent);
    colors[ImGuiCol_SliderGrabActive] = Color(palette.accent);
    colors[ImGuiCol_Button] = Color(palette.surface_raised);
    colors[ImGuiCol_ButtonHovered] = Color(palette.border);
    colors[ImGuiCol_ButtonActive] = Color(palette.border);
    colors[ImGuiCol_Header] = Color(palette.accent, 0.14f);
    colors[ImGuiCol_HeaderHovered] = Color(palette.accent, 0.10f);
    colors[ImGuiCol_HeaderActive] = Color(palette.accent, 0.20f);
    colors[ImGuiCol_Separator] = Color(palette.border);
    colors[ImGuiCol_TableHeaderBg] = Color(palette.surface);
    colors[ImGuiCol_TableBorderStrong] = Color(palette.border);
    colors[ImGuiCol_TableBorderLight] = Color(palette.border);
    colors[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    colors[ImGuiCol_TableRowBgAlt] = Color(palette.surface_raised, 0.5f);
    colors[ImGuiCol_TextSelectedBg] = Color(palette.accent, 0.30f);
    colors[ImGuiCol_NavHighlight] = Color(palette.accent);
    colors[ImGuiCol_ModalWindowDimBg] = mode == ThemeMode::Light ? ImVec4(0.10f, 0.12f, 0.18f, 0.35f)
                                                                  : ImVec4(0, 0, 0, 0.55f);
}

const Palette& CurrentPalette() { return g_palette; }
ThemeMode CurrentThemeMode() { return g_mode; }

}  // namespace roadbook::ui
