// Layout of the app window: the navigation, the screen on show, and what floats above it (the phone's
// action button, dialogs, the toast). Tags: action.new-opportunity (floating), toast (its label is the
// message).
#include "ui/screen_view.h"

#include <imgui.h>

#include <string>

#include "ui/board_view.h"
#include "ui/chrome_view.h"
#include "ui/deal_detail_view.h"
#include "ui/configuration_view.h"
#include "ui/deal_list_view.h"
#include "ui/forecast_view.h"
#include "ui/leads_view.h"
#include "ui/device_storage_view.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/keyboard_shortcuts.h"
#include "ui/next_step_view.h"
#include "ui/search_view.h"
#include "ui/settings_sections_view.h"
#include "ui/opportunity_form_view.h"
#include "ui/sync_view.h"
#include "ui/theme.h"
#include "ui/today_view.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr double kToastSeconds = 3.0;
constexpr double kUndoToastSeconds = 6.0;  // long enough to notice a mistake and reach the button

double ToastSeconds(const Toast& toast) { return toast.offers_undo ? kUndoToastSeconds : kToastSeconds; }

// Settings: this device (storage, backups, the app) and the rest (sync, appearance, demo data, version),
// side by side on wide screens so neither half hides below the fold, one after the other on narrow ones.
void DrawSettings(const ScreenModel& model, ScreenState& state, UiCommands& commands, bool phone) {
    const bool two_columns = !phone && ImGui::GetContentRegionAvail().x >= 900.0f;
    if (two_columns) {
        ImGui::BeginTable("settings-columns", 2, ImGuiTableFlags_SizingStretchSame, ImVec2(-1, 0));
        ImGui::TableNextColumn();
    }
    DrawSettingsScreen(*model.storage, *model.shell, state, commands, phone);
    if (two_columns) {
        ImGui::TableNextColumn();
        ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 2 + 10));  // level with the first card
    }
    if (model.sync) DrawSyncSettings(*model.sync, state.sync_form, commands.sync, phone);
    DrawAppearanceSection(model.theme, commands, phone);
    DrawDemoSection(state, commands, phone);
    if (two_columns) ImGui::EndTable();
    // The stage table needs the whole width.
    if (model.configuration) {
        DrawConfigurationSections(*model.configuration, model.can_configure, state.configuration, commands.configuration,
                                  phone);
    }
    if (!phone) DrawShortcutsSection();
    DrawVersion(model.version);
}

// Phones get a round floating button above the content, where a thumb reaches it.
void DrawFloatingNewButton(UiCommands& commands) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float diameter = 60.0f;
    ImGui::SetNextWindowPos(ImVec2(display.x - diameter - 20, display.y - kBottomNavigationHeight - diameter - 20));
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

void DrawToast(ScreenState& state, double now_seconds, bool phone, UiCommands& commands) {
    if (!state.toast) return;
    if (now_seconds - state.toast->shown_at_seconds > ToastSeconds(*state.toast)) {
        state.toast.reset();
        return;
    }
    const Palette& palette = CurrentPalette();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float bottom = display.y - 28 - (phone ? kBottomNavigationHeight : 0.0f);
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, bottom), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, palette.text);
    ImGui::PushStyleColor(ImGuiCol_Text, palette.surface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 10);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(18, 12));
    // Only a toast with a button takes input; a plain one lets clicks through to what is under it.
    ImGui::Begin("##toast", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                     (state.toast->offers_undo ? ImGuiWindowFlags_None : ImGuiWindowFlags_NoInputs));
    const bool success = state.toast->kind == ToastKind::Success;
    ImGui::PushStyleColor(ImGuiCol_Text, success ? palette.success : palette.danger);
    ImGui::TextUnformatted(success ? icon::kCheck : icon::kWarning);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(state.toast->message.c_str());
    TagLastItem("toast", state.toast->message);
    if (state.toast->offers_undo) {
        ImGui::SameLine(0, 18);
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
        ImGui::PushStyleColor(ImGuiCol_Text, palette.accent);
        ImGui::PushFont(CurrentFonts().strong);
        if (ImGui::Button("Undo##toast")) commands.undo = true;
        ImGui::PopFont();
        ImGui::PopStyleColor(2);
        TagLastItem("toast.undo", "Undo");
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
}

}  // namespace

void DrawScreen(const ScreenModel& model, ScreenState& state, UiCommands& commands) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const bool phone = display.x < kPhoneLayoutMaxWidth;

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(display.x, display.y - (phone ? kBottomNavigationHeight : 0.0f)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    // No background: the platform draws the page (a gradient shader) behind the panels.
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    if (!phone) {
        DrawSidebar(state, *model.storage, *model.shell, model.sync, commands, model.version);
        ImGui::SameLine(0, 0);
    }
    const ImVec2 padding = phone ? ImVec2(16, 14) : ImVec2(32, 26);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, padding);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    // Lists, the board and Today scroll inside themselves; Settings is a page that scrolls as a whole.
    const bool page_scrolls = state.screen == Screen::Settings || state.screen == Screen::Deal ||
                              (state.screen == Screen::Forecast && phone);  // phones stack the months
    const ImGuiWindowFlags content_flags = page_scrolls ? ImGuiWindowFlags_None
                                               : ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::BeginChild("content", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding, content_flags);
    // Phones have no sidebar footer: say so at the top when this device does not hold everything.
    if (phone && model.storage->save_state != SaveState::Saved && model.storage->save_state != SaveState::Saving) {
        DrawSaveStatus(*model.storage);
    }
    // Phones show sync only when it needs a look: working, waiting, offline or failing.
    if (phone && model.sync && model.sync->signed_in && model.sync->chip != SyncChipState::Synced &&
        state.screen != Screen::Settings) {
        DrawSyncChip(*model.sync);
    }
    switch (state.screen) {
        case Screen::Opportunities:
            if (model.list) DrawListScreen(*model.list, state.list, commands, phone);
            break;
        case Screen::Settings: DrawSettings(model, state, commands, phone); break;
        case Screen::Board:
            if (model.board) DrawBoardScreen(*model.board, state.board, commands, phone);
            break;
        case Screen::Today:
            if (model.today) DrawTodayScreen(*model.today, commands, phone);
            break;
        case Screen::Forecast:
            if (model.forecast) DrawForecastScreen(*model.forecast, commands, phone);
            break;
        case Screen::Leads:
            if (model.leads) DrawLeadsScreen(*model.leads, state.leads, commands, phone);
            break;
        case Screen::Deal:
            if (model.deal) DrawDealScreen(*model.deal, model.deal_sync, state.deal, commands, phone);
            break;
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ImGui::End();

    HandleKeyboardShortcuts(state, commands, phone);
    if (phone) DrawBottomNavigation(state, commands);
    const bool dialog_open = state.form.open || state.next_step.open || state.board.lost.open || state.board.won.open ||
                             state.list.lost.open || state.screen == Screen::Deal;
    if (phone && !dialog_open && state.screen != Screen::Settings) DrawFloatingNewButton(commands);
    DrawOpportunityForm(state.form, commands, phone);
    if (model.board) DrawOutcomeDialogs(*model.board, state.board, commands, phone);
    if (model.today) DrawNextStepPrompt(model.today->quick_due_dates, state.next_step, commands, phone);
    if (model.leads) DrawLeadDialogs(*model.leads, state.leads, commands, phone);
    if (model.deal) {
        DrawDealDialogs(*model.deal, state.deal, commands, phone);
        if (model.deal->load_error.empty()) {
            DrawAddContactDialog(*model.deal, model.contact_picker, state.deal.add_contact, commands, phone);
        }
        DrawNextStepPrompt(model.deal->quick_due_dates, state.next_step, commands, phone);
    }
    if (model.list) DrawBulkLostDialog(*model.list, state.list, commands, phone);
    if (model.search) DrawSearch(*model.search, state.search, commands, phone);
    DrawToast(state, model.now_seconds, phone, commands);
}

bool ScreenIsAnimating(const ScreenState& state, double now_seconds) {
    return (state.toast && now_seconds - state.toast->shown_at_seconds <= ToastSeconds(*state.toast)) ||
           (state.screen == Screen::Board && BoardIsAnimating(state.board));
}

}  // namespace roadbook::ui
