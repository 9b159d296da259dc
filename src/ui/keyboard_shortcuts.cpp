// Desktop keyboard shortcuts (see keyboard_shortcuts.h): single keys as in mail clients, because a rep
// working through deals keeps one hand on the keyboard, and none of them fires while typing.
#include "ui/keyboard_shortcuts.h"

#include <imgui.h>

#include <array>
#include <utility>

#include "ui/deal_detail_view.h"

namespace roadbook::ui {
namespace {

bool Pressed(ImGuiKey key) { return ImGui::IsKeyPressed(key, false); }

}  // namespace

void HandleKeyboardShortcuts(ScreenState& state, UiCommands& commands, bool phone) {
    const ImGuiIO& io = ImGui::GetIO();
    if (phone || state.search.open || io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    const bool command = io.KeyCtrl || io.KeySuper;
    if (Pressed(ImGuiKey_Slash) || (command && Pressed(ImGuiKey_K))) {
        commands.open_search = true;  // as the search button does
        return;
    }
    // Plain keys only: Ctrl+N, Alt+1 and the like belong to the browser.
    if (command || io.KeyAlt) return;
    if (Pressed(ImGuiKey_N)) {
        commands.open_new_opportunity = true;
        return;
    }
    if (state.screen == Screen::Deal) {
        if (Pressed(ImGuiKey_L)) {
            OpenLogDialog(state.deal);
            return;
        }
        if (Pressed(ImGuiKey_Escape)) {
            commands.close_deal = true;  // back where the deal was opened from, as the Back button does
            return;
        }
    }
    static constexpr std::array<std::pair<ImGuiKey, Screen>, 6> kScreens = {{
        {ImGuiKey_1, Screen::Today},
        {ImGuiKey_2, Screen::Board},
        {ImGuiKey_3, Screen::Opportunities},
        {ImGuiKey_4, Screen::Leads},
        {ImGuiKey_5, Screen::Forecast},
        {ImGuiKey_6, Screen::Settings},
    }};
    for (const auto& [key, screen] : kScreens) {
        if (Pressed(key)) commands.show_screen = screen;
    }
}

const std::vector<ShortcutHelp>& KeyboardShortcutHelp() {
    static const std::vector<ShortcutHelp> help = {
        {"/  or  Ctrl+K", "Search deals, accounts and contacts"},
        {"N", "New opportunity"},
        {"L", "Log an activity on the open deal"},
        {"Esc", "Close a dialog, or leave the deal"},
        {"1 - 6", "Today, Pipeline, Opportunities, Leads, Forecast, Settings"},
        {"Tab  /  Shift+Tab", "Next and previous field or button"},
        {"Space  /  Enter", "Press the focused button; Enter also confirms a dialog"},
    };
    return help;
}

}  // namespace roadbook::ui
