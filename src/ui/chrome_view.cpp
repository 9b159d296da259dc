// Navigation and headers. Navigation entries are a table so another screen is one more line: the
// sidebar lists them with an icon and a label (and the save status at its foot), the phone's bottom bar
// stacks the icon over a short label.
#include "ui/chrome_view.h"

#include <imgui.h>

#include <string>

#include "ui/device_storage_view.h"
#include "ui/sync_view.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

struct NavigationEntry {
    Screen screen;
    const char* icon;
    const char* label;        // in the sidebar
    const char* short_label;  // in the bottom bar
    const char* tag;
};

constexpr NavigationEntry kNavigation[] = {
    {Screen::Today, icon::kCalendarCheck, "Today", "Today", "nav.today"},
    {Screen::Board, icon::kColumns, "Pipeline", "Pipeline", "nav.board"},
    {Screen::Opportunities, icon::kBriefcase, "Opportunities", "Deals", "nav.list"},
    {Screen::Leads, icon::kInbox, "Leads", "Leads", "nav.leads"},
    {Screen::Forecast, icon::kBarChart, "Forecast", "Forecast", "nav.forecast"},
    {Screen::Settings, icon::kCog, "Settings", "Settings", "nav.settings"},
};

void DrawBrand() {
    ImGui::PushFont(CurrentFonts().heading);
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().accent);
    ImGui::TextUnformatted(icon::kRoad);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted("Roadbook");
    ImGui::PopFont();
}

bool ThemeToggle(bool with_label) {
    const bool dark = CurrentThemeMode() == ThemeMode::Dark;
    std::string label = dark ? icon::kSun : icon::kMoon;
    if (with_label) label += dark ? "  Light theme" : "  Dark theme";
    label += "##theme";
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
    const bool pressed = ImGui::Button(label.c_str(), ImVec2(with_label ? -1.0f : 0.0f, 0));
    ImGui::PopStyleColor(2);
    TagLastItem("action.toggle-theme");
    return pressed;
}

}  // namespace

void DrawSidebar(const ScreenState& state, const DeviceStorageModel& storage, const ShellModel& shell, const SyncModel* sync,
                 UiCommands& commands, const char* version) {
    const Palette& palette = CurrentPalette();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette.surface);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(16, 20));
    ImGui::BeginChild("sidebar", ImVec2(kSidebarWidth, -1), ImGuiChildFlags_AlwaysUseWindowPadding);
    DrawBrand();
    ImGui::Dummy(ImVec2(0, 14));
    // A deal's detail belongs to the screen it was opened from.
    const Screen shown = state.screen == Screen::Deal ? state.deal_back : state.screen;
    for (const NavigationEntry& entry : kNavigation) {
        const bool selected = shown == entry.screen;
        const std::string label = std::string(entry.icon) + "   " + entry.label + "##" + entry.tag;
        ImGui::PushFont(selected ? CurrentFonts().strong : CurrentFonts().body);
        if (selected) ImGui::PushStyleColor(ImGuiCol_Text, palette.accent);
        if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_None, ImVec2(0, 36))) {
            commands.show_screen = entry.screen;
        }
        if (selected) ImGui::PopStyleColor();
        ImGui::PopFont();
        TagLastItem(entry.tag);
    }
    // Bottom of the sidebar: whether this device holds everything, the connection, the theme and the version.
    const float footer_height = ImGui::GetFrameHeightWithSpacing() + 5 * ImGui::GetTextLineHeightWithSpacing() + 16;
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - footer_height - ImGui::GetStyle().WindowPadding.y);
    DrawSaveStatus(storage);
    DrawConnectionStatus(shell);
    if (sync) DrawSyncChip(*sync);
    ImGui::Dummy(ImVec2(0, 4));
    if (ThemeToggle(true)) commands.toggle_theme = true;
    ImGui::PushFont(CurrentFonts().small);
    MutedText((std::string("Roadbook ") + version).c_str());
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

void DrawBottomNavigation(const ScreenState& state, UiCommands& commands) {
    const Palette& palette = CurrentPalette();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, display.y - kBottomNavigationHeight));
    ImGui::SetNextWindowSize(ImVec2(display.x, kBottomNavigationHeight));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, palette.surface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    ImGui::Begin("##bottom-navigation", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoScrollWithMouse);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetWindowPos();
    draw->AddLine(origin, ImVec2(origin.x + display.x, origin.y), palette.border);
    // Five entries keep every one a large target at 390 px; Settings sits in each screen's header instead.
    const size_t shown = std::size(kNavigation) - 1;
    const float width = display.x / float(shown);
    for (size_t index = 0; index < shown; ++index) {
        const NavigationEntry& entry = kNavigation[index];
        const bool selected = (state.screen == Screen::Deal ? state.deal_back : state.screen) == entry.screen;
        ImGui::SetCursorPos(ImVec2(width * float(index), 0));
        ImGui::PushID(entry.tag);
        if (ImGui::InvisibleButton("##entry", ImVec2(width, kBottomNavigationHeight))) commands.show_screen = entry.screen;
        TagLastItem(entry.tag, entry.short_label);
        ImGui::PopID();
        const ImVec2 min = ImGui::GetItemRectMin();
        const ImU32 color = selected ? palette.accent : palette.text_muted;
        if (selected) {
            draw->AddRectFilled(ImVec2(min.x + width * 0.3f, min.y + 1), ImVec2(min.x + width * 0.7f, min.y + 4),
                                palette.accent, 2.0f);
        }
        ImFont* font = selected ? CurrentFonts().strong : CurrentFonts().body;
        ImGui::PushFont(font);
        const float icon_size = ImGui::GetFontSize() * 1.3f;
        const ImVec2 icon_extent = font->CalcTextSizeA(icon_size, FLT_MAX, 0, entry.icon);
        draw->AddText(font, icon_size, ImVec2(min.x + (width - icon_extent.x) * 0.5f, min.y + 12), color, entry.icon);
        ImGui::PopFont();
        ImGui::PushFont(CurrentFonts().small);
        const ImVec2 label_extent = ImGui::CalcTextSize(entry.short_label);
        draw->AddText(ImVec2(min.x + (width - label_extent.x) * 0.5f, min.y + 38), color, entry.short_label);
        ImGui::PopFont();
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

void DrawScreenHeader(const char* title, const std::string& subtitle, UiCommands& commands, bool phone) {
    ImGui::BeginGroup();
    ImGui::PushFont(CurrentFonts().heading);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    const float search_width = phone ? 44.0f : 120.0f;
    if (phone) {
        // Two square buttons sit at the right: long subtitles (the board's totals) wrap before them.
        const float buttons = search_width + 44.0f + 2 * ImGui::GetStyle().ItemSpacing.x;
        ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x - buttons);
        MutedWrappedText(subtitle.c_str());
        ImGui::PopTextWrapPos();
    } else {
        MutedText(subtitle.c_str());
    }
    ImGui::EndGroup();
    const auto search_button = [&] {
        const std::string search = std::string(icon::kSearch) + (phone ? "" : "  Search") + "##action.search";
        if (SecondaryButton(search.c_str(), ImVec2(search_width, phone ? 40.0f : 0.0f))) commands.open_search = true;
        TagLastItem("action.search", "Search");
        if (!phone && ImGui::IsItemHovered()) ImGui::SetTooltip("Search (/ or Ctrl+K)");
    };
    if (phone) {
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 44.0f - ImGui::GetStyle().ItemSpacing.x - search_width);
        search_button();
        ImGui::SameLine();
        // The bottom bar has no room for Settings on phones; the theme is chosen there too.
        if (SecondaryButton((std::string(icon::kCog) + "##nav.settings").c_str(), ImVec2(44.0f, 40.0f))) {
            commands.show_screen = Screen::Settings;
        }
        TagLastItem("nav.settings", "Settings");
        return;
    }
    const std::string label = std::string(icon::kPlus) + "  New opportunity";
    const float width = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x + 8;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - width - search_width - ImGui::GetStyle().ItemSpacing.x);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 6);
    search_button();
    ImGui::SameLine();
    if (PrimaryButton(label.c_str(), ImVec2(width, 0))) commands.open_new_opportunity = true;
    TagLastItem("action.new-opportunity");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("New opportunity (N)");
}

}  // namespace roadbook::ui
