// Layout of the app window. Tags: nav.list, nav.settings, action.new-opportunity, action.toggle-theme, toast.
#include "ui/screen_view.h"

#include <imgui.h>

#include <string>

#include "ui/device_storage_view.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/opportunity_form_view.h"
#include "ui/opportunity_list_view.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr double kToastSeconds = 3.0;
constexpr float kSidebarWidth = 232.0f;

std::string Summary(const OpportunityListModel& list) {
    std::string text = std::to_string(list.rows.size()) + (list.rows.size() == 1 ? " opportunity" : " opportunities");
    for (const std::string& total : list.open_totals) text += "  ·  " + total;
    return text;
}

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

void NavigationEntry(const char* icon_text, const char* title, const char* tag, Screen screen,
                     const ScreenState& state, UiCommands& commands) {
    const std::string label = std::string(icon_text) + "   " + title;
    const bool current = state.screen == screen;
    if (current) ImGui::PushFont(CurrentFonts().strong);
    if (ImGui::Selectable(label.c_str(), current, ImGuiSelectableFlags_None, ImVec2(0, 36))) commands.show_screen = screen;
    if (current) ImGui::PopFont();
    TagLastItem(tag);
}

void DrawSidebar(const ScreenModel& model, const ScreenState& state, UiCommands& commands) {
    const Palette& palette = CurrentPalette();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette.surface);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(16, 20));
    ImGui::BeginChild("sidebar", ImVec2(kSidebarWidth, -1), ImGuiChildFlags_AlwaysUseWindowPadding);
    DrawBrand();
    ImGui::Dummy(ImVec2(0, 14));
    NavigationEntry(icon::kBriefcase, "Opportunities", "nav.list", Screen::Opportunities, state, commands);
    NavigationEntry(icon::kCog, "Settings", "nav.settings", Screen::Settings, state, commands);
    // Bottom of the sidebar: whether this device holds everything, the theme and the version.
    const float footer_height =
        ImGui::GetFrameHeightWithSpacing() + 4 * ImGui::GetTextLineHeightWithSpacing() + 16;
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - footer_height - ImGui::GetStyle().WindowPadding.y);
    DrawSaveStatus(*model.storage);
    DrawConnectionStatus(*model.shell);
    ImGui::Dummy(ImVec2(0, 4));
    if (ThemeToggle(true)) commands.toggle_theme = true;
    ImGui::PushFont(CurrentFonts().small);
    MutedText((std::string("Roadbook ") + model.version).c_str());
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

// On phones the header's right edge holds the theme and the way to Settings (and back).
void DrawPhoneHeaderButtons(UiCommands& commands, bool in_settings = false) {
    const float button = ImGui::GetFrameHeight() + 8;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 2 * button - 8);
    if (ThemeToggle(false)) commands.toggle_theme = true;
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
    const std::string text = in_settings ? std::string(icon::kClose) + "##close-settings" : std::string(icon::kCog) + "##settings";
    if (ImGui::Button(text.c_str())) commands.show_screen = in_settings ? Screen::Opportunities : Screen::Settings;
    ImGui::PopStyleColor(2);
    TagLastItem(in_settings ? "nav.list" : "nav.settings");
}

void DrawHeader(const OpportunityListModel& list, UiCommands& commands, bool phone) {
    ImGui::BeginGroup();
    ImGui::PushFont(CurrentFonts().heading);
    ImGui::TextUnformatted("Opportunities");
    ImGui::PopFont();
    MutedText(Summary(list).c_str());
    ImGui::EndGroup();
    if (phone) {
        DrawPhoneHeaderButtons(commands);
        return;
    }
    const std::string label = std::string(icon::kPlus) + "  New opportunity";
    const float width = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x + 8;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - width);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 6);
    if (PrimaryButton(label.c_str(), ImVec2(width, 0))) commands.open_new_opportunity = true;
    TagLastItem("action.new-opportunity");
}

// Phones get a round floating button above the list, where a thumb reaches it.
void DrawFloatingNewButton(UiCommands& commands) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float diameter = 60.0f;
    ImGui::SetNextWindowPos(ImVec2(display.x - diameter - 20, display.y - diameter - 24));
    ImGui::SetNextWindowBgAlpha(0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##floating-new", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, diameter * 0.5f);
    ImGui::PushFont(CurrentFonts().heading);
    if (PrimaryButton((std::string(icon::kPlus) + "##new").c_str(), ImVec2(diameter, diameter))) {
        commands.open_new_opportunity = true;
    }
    ImGui::PopFont();
    ImGui::PopStyleVar();
    TagLastItem("action.new-opportunity");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("New opportunity");
    ImGui::End();
    ImGui::PopStyleVar();
}

void DrawToast(ScreenState& state, double now_seconds) {
    if (!state.toast) return;
    if (now_seconds - state.toast->shown_at_seconds > kToastSeconds) {
        state.toast.reset();
        return;
    }
    const Palette& palette = CurrentPalette();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y - 28), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, palette.text);
    ImGui::PushStyleColor(ImGuiCol_Text, palette.surface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 10);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(18, 12));
    ImGui::Begin("##toast", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
    const bool success = state.toast->kind == ToastKind::Success;
    ImGui::PushStyleColor(ImGuiCol_Text, success ? palette.success : palette.danger);
    ImGui::TextUnformatted(success ? icon::kCheck : icon::kWarning);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(state.toast->message.c_str());
    TagLastItem("toast", state.toast->message);
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
}

void DrawOpportunitiesScreen(const ScreenModel& model, UiCommands& commands, bool phone);

}  // namespace

void DrawScreen(const ScreenModel& model, ScreenState& state, UiCommands& commands) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const bool phone = display.x < kPhoneLayoutMaxWidth;

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    // No background: the platform draws the page (a gradient shader) behind the panels.
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    if (!phone) {
        DrawSidebar(model, state, commands);
        ImGui::SameLine(0, 0);
    }
    const ImVec2 padding = phone ? ImVec2(16, 14) : ImVec2(32, 26);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, padding);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::BeginChild("content", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
    if (state.screen == Screen::Settings) {
        if (phone) {
            DrawPhoneHeaderButtons(commands, true);
            ImGui::SetCursorPosY(ImGui::GetStyle().WindowPadding.y);
        }
        DrawSettingsScreen(*model.storage, *model.shell, state, commands, phone);
    } else {
        DrawOpportunitiesScreen(model, commands, phone);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ImGui::End();

    if (phone && !state.form.open && state.screen == Screen::Opportunities) DrawFloatingNewButton(commands);
    DrawOpportunityForm(state.form, commands, phone);
    DrawToast(state, model.now_seconds);
}

namespace {

void DrawOpportunitiesScreen(const ScreenModel& model, UiCommands& commands, bool phone) {
    const OpportunityListModel& list = *model.list;
    DrawHeader(list, commands, phone);
    // Phones have no sidebar footer: say so here when this device does not hold everything.
    if (phone && model.storage->save_state != SaveState::Saved && model.storage->save_state != SaveState::Saving) {
        DrawSaveStatus(*model.storage);
    }
    ImGui::Dummy(ImVec2(0, 6));
    if (!list.load_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().danger);
        ImGui::TextWrapped("%s Could not read your opportunities: %s", icon::kWarning, list.load_error.c_str());
        ImGui::PopStyleColor();
    } else if (list.rows.empty()) {
        DrawEmptyOpportunities(commands);
    } else if (phone) {
        DrawOpportunityCards(list);
    } else {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, CurrentPalette().surface);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
        ImGui::BeginChild("table-card", ImVec2(0, 0), ImGuiChildFlags_Border);
        DrawOpportunityTable(list, commands);
        ImGui::EndChild();
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }
}

}  // namespace

bool ScreenIsAnimating(const ScreenState& state, double now_seconds) {
    return state.toast && now_seconds - state.toast->shown_at_seconds <= kToastSeconds;
}

}  // namespace roadbook::ui
