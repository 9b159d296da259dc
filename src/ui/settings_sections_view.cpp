// The appearance, demo data and version parts of Settings (see the header). Loading the demo replaces
// every deal on the device, so it asks first, in the same dialog frame every question uses.
#include "ui/settings_sections_view.h"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui/dialog_frame.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/keyboard_shortcuts.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

struct ThemeEntry {
    ThemeChoice choice;
    const char* label;
    const char* tag;
};
constexpr ThemeEntry kThemes[] = {
    {ThemeChoice::Light, "Light", "settings.theme.light"},
    {ThemeChoice::Dark, "Dark", "settings.theme.dark"},
    {ThemeChoice::System, "Like the system", "settings.theme.system"},
};


}  // namespace

void DrawAppearanceSection(ThemeChoice theme, UiCommands& commands, bool phone) {
    BeginSettingsSection("appearance", (std::string(icon::kSun) + "  Appearance").c_str());
    const Palette& palette = CurrentPalette();
    const float width = std::min(160.0f, (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3);
    for (size_t index = 0; index < std::size(kThemes); ++index) {
        const ThemeEntry& entry = kThemes[index];
        if (index > 0) ImGui::SameLine();
        const bool chosen = entry.choice == theme;
        if (chosen) {
            ImGui::PushStyleColor(ImGuiCol_Button, palette.accent);
            ImGui::PushStyleColor(ImGuiCol_Text, palette.accent_text);
        }
        if (ImGui::Button((std::string(entry.label) + "##" + entry.tag).c_str(), ImVec2(width, phone ? 44.0f : 0.0f))) {
            commands.set_theme = entry.choice;
        }
        if (chosen) ImGui::PopStyleColor(2);
        TagLastItem(entry.tag, entry.label);
    }
    EndSettingsSection();
}

void DrawDemoSection(ScreenState& state, UiCommands& commands, bool phone) {
    BeginSettingsSection("demo", (std::string(icon::kDatabase) + "  Demo data").c_str());
    ImGui::PushTextWrapPos(0);
    MutedText("A made-up organisation with 10,000 deals, accounts, contacts and their history, to try Roadbook out.");
    ImGui::PopTextWrapPos();
    if (SecondaryButton("Load demo data##settings.load-demo", ImVec2(phone ? -1.0f : 0.0f, phone ? 44.0f : 0.0f))) {
        state.confirm_load_demo = true;
    }
    TagLastItem("settings.load-demo", "Load demo data");
    EndSettingsSection();

    if (!BeginDialog("Load demo data###load-demo", "dialog.load-demo", state.confirm_load_demo, phone)) return;
    DialogTitle("Replace everything with the demo data?",
                "Every deal, account, contact and activity on this device is deleted and replaced by 10,000 made-up "
                "deals. Download a backup first if you want to keep them.");
    const DialogButtons pressed = DialogActions("dialog.cancel", "Replace with demo data", "dialog.confirm");
    if (pressed.cancel || pressed.confirm) {
        if (pressed.confirm) commands.load_demo = true;
        state.confirm_load_demo = false;
        ImGui::CloseCurrentPopup();
    }
    EndDialog();
}

void DrawShortcutsSection() {
    BeginSettingsSection("shortcuts", (std::string(icon::kKeyboard) + "  Keyboard shortcuts").c_str());
    const std::vector<ShortcutHelp>& shortcuts = KeyboardShortcutHelp();
    if (ImGui::BeginTable("##shortcuts", 2, ImGuiTableFlags_SizingFixedFit)) {
        for (size_t index = 0; index < shortcuts.size(); ++index) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushFont(CurrentFonts().strong);
            ImGui::TextUnformatted(shortcuts[index].keys.c_str());
            ImGui::PopFont();
            ImGui::TableNextColumn();
            MutedText(shortcuts[index].action.c_str());
            TagLastItem("settings.shortcut." + std::to_string(index), shortcuts[index].keys + ": " + shortcuts[index].action);
        }
        ImGui::EndTable();
    }
    EndSettingsSection();
}

void DrawVersion(const char* version) {
    const std::string text = std::string("Roadbook ") + version;
    MutedText(text.c_str());
    TagLastItem("settings.version", text);
}

}  // namespace roadbook::ui
