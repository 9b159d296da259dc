// The New opportunity dialog. Tags: opp.name, opp.account, opp.amount, opp.currency, opp.close-date,
// opp.save, opp.cancel, dialog.new-opportunity.
#include "ui/opportunity_form_view.h"

#include <imgui.h>

#include <string>

#include "core/currency.h"
#include "core/text.h"
#include "ui/dialog_frame.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr const char* kDialogName = "New opportunity###new-opportunity";

bool MatchesFilter(std::string_view code, std::string_view filter) {
    return ToUpperAscii(code).find(ToUpperAscii(Trim(filter))) != std::string::npos;
}

// A currency combo with a filter field on top: typing "sek" and Enter picks SEK.
void DrawCurrencyPicker(OpportunityFormState& state, float width) {
    OpportunityDraft& draft = state.draft;
    ImGui::SetNextItemWidth(width);
    const bool open = ImGui::BeginCombo("##currency", draft.currency_code.c_str(), ImGuiComboFlags_HeightLarge);
    TagLastItem("opp.currency");
    if (!open) {
        state.currency_filter.clear();
        return;
    }
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    const bool chosen_by_enter =
        StringInput("##currency-filter", "Search", state.currency_filter, ImGuiInputTextFlags_EnterReturnsTrue);
    TagLastItem("opp.currency-filter");
    // The currencies reps use most first, then every ISO 4217 code.
    static constexpr std::string_view kCommon[] = {"EUR", "USD", "GBP", "CHF", "JPY", "SEK", "PLN"};
    std::vector<std::string_view> codes;
    if (Trim(state.currency_filter).empty()) codes.assign(std::begin(kCommon), std::end(kCommon));
    for (const Currency& currency : AllCurrencies()) {
        if (MatchesFilter(currency.code, state.currency_filter)) codes.push_back(currency.code);
    }
    if (chosen_by_enter && !codes.empty()) {
        draft.currency_code = std::string(codes.front());
        ImGui::CloseCurrentPopup();
    }
    for (size_t index = 0; index < codes.size(); ++index) {
        const std::string label = std::string(codes[index]) + "##" + std::to_string(index);
        if (ImGui::Selectable(label.c_str(), draft.currency_code == codes[index])) {
            draft.currency_code = std::string(codes[index]);
        }
        TagLastItem("opp.currency." + std::string(codes[index]));
    }
    ImGui::EndCombo();
}

void DrawFields(OpportunityFormState& state, UiCommands& commands) {
    OpportunityDraft& draft = state.draft;
    // Enter and Escape act on the dialog only if it had focus before this frame's widgets ran: inside the
    // currency picker they pick or close the picker (which hands focus back during this frame).
    const bool dialog_focused =
        ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows | ImGuiFocusedFlags_NoPopupHierarchy);
    const float full_width = ImGui::GetContentRegionAvail().x;
    if (state.focus_first_field) {
        ImGui::SetKeyboardFocusHere();
        state.focus_first_field = false;
    }
    LabeledTextField("Name", "opp.name", draft.name, "What is being sold, e.g. Fleet renewal 2027", state.errors,
                     "name", full_width);
    LabeledTextField("Account", "opp.account", draft.account_name, "Company name (optional)", state.errors,
                     "account_name", full_width);

    // Amount and currency on one row; the currency's error (if any) shows under the amount.
    const float currency_width = 96.0f;
    const float amount_width = full_width - currency_width - ImGui::GetStyle().ItemSpacing.x;
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted("Amount");
    ImGui::PopFont();
    // An unknown currency is reported under the amount too: they share one row.
    const ValidationError* error = ErrorFor(state.errors, "amount");
    if (error == nullptr) error = ErrorFor(state.errors, "currency");
    ImGui::SetNextItemWidth(amount_width);
    if (error) ImGui::PushStyleColor(ImGuiCol_Border, CurrentPalette().danger);
    StringInput("##amount", "0.00", draft.amount);
    if (error) ImGui::PopStyleColor();
    TagLastItem("opp.amount");
    ImGui::SameLine();
    DrawCurrencyPicker(state, currency_width);
    FieldErrorMessage(error);

    LabeledTextField("Expected close date", "opp.close-date", draft.expected_close_date, "YYYY-MM-DD", state.errors,
                     "expected_close_date", full_width, ImGuiInputTextFlags_CharsNoBlank);

    FieldErrorMessage(ErrorFor(state.errors, ""));  // storage failures belong to no field

    ImGui::Dummy(ImVec2(0, 6));
    const float button_width = 120.0f;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + full_width - 2 * button_width - ImGui::GetStyle().ItemSpacing.x);
    if (SecondaryButton("Cancel##form", ImVec2(button_width, 0)) ||
        (dialog_focused && ImGui::IsKeyPressed(ImGuiKey_Escape))) {
        state.open = false;
        state.errors.clear();
        ImGui::CloseCurrentPopup();
    }
    TagLastItem("opp.cancel");
    ImGui::SameLine();
    const bool submit_by_keyboard =
        dialog_focused && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter));
    if (PrimaryButton("Save##form", ImVec2(button_width, 0)) || (state.open && submit_by_keyboard)) {
        commands.save_new_opportunity = draft;
    }
    TagLastItem("opp.save");
}

}  // namespace

void DrawOpportunityForm(OpportunityFormState& state, UiCommands& commands, bool compact) {
    if (!state.open) {
        ClosePopupIfStillOpen(kDialogName);
        return;
    }
    if (!ImGui::IsPopupOpen(kDialogName)) ImGui::OpenPopup(kDialogName);

    const ImVec2 display = ImGui::GetIO().DisplaySize;
    if (compact) {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(display);
    } else {
        ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.42f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
        ImGui::SetNextWindowSize(ImVec2(480, 0));
    }
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 22));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, compact ? 0.0f : 12.0f);
    ImGui::PushStyleColor(ImGuiCol_PopupBg, CurrentPalette().surface);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize * !compact;
    if (ImGui::BeginPopupModal(kDialogName, nullptr, flags)) {
        TagCurrentWindow("dialog.new-opportunity");
        ImGui::PushFont(CurrentFonts().heading);
        ImGui::TextUnformatted("New opportunity");
        ImGui::PopFont();
        MutedText("Saved on this device; everything works offline.");
        ImGui::Dummy(ImVec2(0, 4));
        DrawFields(state, commands);
        if (!state.open) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    } else {
        state.open = false;  // closed from outside (e.g. Escape handled by Dear ImGui)
    }
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
}

}  // namespace roadbook::ui
