// The deal detail's Add contact dialog: pick someone (the account's people first, then search as you type;
// arrow keys and Enter pick) or create a new contact in the deal's account, and give their role.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/deal_detail_view.h"
#include "ui/dialog_frame.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr float kPhoneTouchHeight = 44.0f;  // as the contacts section's buttons

void Choose(AddContactDialogState& dialog, const ContactChoiceModel& choice) {
    dialog.contact_id = choice.id;
    dialog.contact_name = choice.name;
    std::erase_if(dialog.errors, [](const ValidationError& error) { return error.field == "contact_id"; });
}

// The matches as rows like global search's; contacts already on the deal are shown, greyed, and cannot be
// chosen twice. True when Enter picked the highlighted row.
bool DrawChoices(const ContactPickerModel& picker, AddContactDialogState& dialog, bool enter, bool phone) {
    const Palette& palette = CurrentPalette();
    if (!picker.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette.danger);
        ImGui::TextWrapped("%s", picker.error.c_str());
        ImGui::PopStyleColor();
        TagLastItem("add-contact.error", picker.error);
        return false;
    }
    if (picker.from_account && !picker.choices.empty()) MutedText("People at this deal's account");
    // Until the choices of the text just typed arrive (next frame), the last ones stay: no flicker.
    if (dialog.search.empty() && picker.choices.empty()) MutedText("Type a name or an email to find someone.");
    if (!dialog.search.empty() && picker.text == dialog.search && picker.choices.empty()) {
        MutedText(("No contact matches \"" + dialog.search + "\".").c_str());
        TagLastItem("add-contact.empty", "No contact matches");
    }
    const int count = int(picker.choices.size());
    dialog.highlighted = std::clamp(dialog.highlighted, 0, std::max(0, count - 1));
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) dialog.highlighted = std::min(count - 1, dialog.highlighted + 1);
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) dialog.highlighted = std::max(0, dialog.highlighted - 1);
    const float height = phone ? 52.0f : 44.0f;
    bool picked = false;
    for (int index = 0; index < count; ++index) {
        const ContactChoiceModel& choice = picker.choices[size_t(index)];
        ImGui::PushID(choice.id.c_str());
        const ImVec2 start = ImGui::GetCursorPos();
        const bool chosen = choice.id == dialog.contact_id;
        if (choice.linked) ImGui::BeginDisabled();
        const bool clicked = ImGui::Selectable("##choice", chosen || index == dialog.highlighted, 0, ImVec2(0, height));
        if (choice.linked) ImGui::EndDisabled();
        TagLastItem("add-contact.result." + choice.id, choice.name);
        ImGui::SetCursorPos(ImVec2(start.x + 8, start.y + 4));
        ImGui::PushStyleColor(ImGuiCol_Text, chosen ? palette.success : palette.accent);
        ImGui::TextUnformatted(chosen ? icon::kCheckCircle : icon::kUser);
        ImGui::PopStyleColor();
        ImGui::SameLine(start.x + 36);
        ImGui::BeginGroup();
        ImGui::PushFont(CurrentFonts().strong);
        ImGui::TextUnformatted(choice.name.c_str());
        ImGui::PopFont();
        const std::string detail = choice.linked ? "Already on this deal" + (choice.detail.empty() ? "" : " · " + choice.detail)
                                                 : choice.detail;
        MutedText(detail.c_str());
        ImGui::EndGroup();
        ImGui::SetCursorPos(ImVec2(start.x, start.y + height + ImGui::GetStyle().ItemSpacing.y));
        ImGui::PopID();
        if (!choice.linked && (clicked || (enter && index == dialog.highlighted))) {
            Choose(dialog, choice);
            dialog.focus_role = !clicked;
            picked = true;
        }
    }
    return picked;
}

void DrawNewContactFields(const DealDetailModel& model, AddContactDialogState& dialog, float width) {
    MutedWrappedText(model.account_name.empty() ? "A new contact, in no account."
                                                : ("A new contact at " + model.account_name + ".").c_str());
    LabeledTextField("Name", "add-contact.name", dialog.name, "First and last name", dialog.errors, "name", width);
    LabeledTextField("Email", "add-contact.email", dialog.email, "name@example.com", dialog.errors, "email", width,
                     ImGuiInputTextFlags_CharsNoBlank);
    LabeledTextField("Phone", "add-contact.phone", dialog.phone, "+49 30 1234567", dialog.errors, "phone", width);
    LabeledTextField("Job title", "add-contact.job-title", dialog.job_title, "e.g. Head of purchasing", dialog.errors,
                     "job_title", width);
    FieldErrorMessage(ErrorFor(dialog.errors, "account_id"));
}

void DrawRole(AddContactDialogState& dialog, float width, bool phone) {
    if (dialog.focus_role) {
        ImGui::SetKeyboardFocusHere();
        dialog.focus_role = false;
    }
    LabeledTextField("Role on this deal", "add-contact.role", dialog.role, "e.g. Champion", dialog.errors, "role", width);
    const Palette& palette = CurrentPalette();
    for (size_t index = 0; index < std::size(kRoleSuggestions); ++index) {
        const RoleSuggestion& suggestion = kRoleSuggestions[index];
        const std::string label = std::string(suggestion.label) + "##" + suggestion.slug;
        if (index > 0) SameLineIfFits(ButtonWidth(label.c_str()));
        const bool chosen = dialog.role == suggestion.label;
        if (chosen) {
            ImGui::PushStyleColor(ImGuiCol_Button, palette.accent);
            ImGui::PushStyleColor(ImGuiCol_Text, palette.accent_text);
        }
        if (SecondaryButton(label.c_str(), ImVec2(0, phone ? kPhoneTouchHeight : 0.0f))) dialog.role = suggestion.label;
        if (chosen) ImGui::PopStyleColor(2);
        TagLastItem(std::string("add-contact.role.") + suggestion.slug, suggestion.label);
    }
}

}  // namespace

void DrawAddContactDialog(const DealDetailModel& model, const ContactPickerModel* picker, AddContactDialogState& dialog,
                          UiCommands& commands, bool phone) {
    if (!BeginDialog("Add contact###add-contact", "dialog.add-contact", dialog.open, phone, 520.0f)) return;
    DialogTitle("Add a contact to " + model.name, "Who is involved, and the part they play.");
    const float full = ImGui::GetContentRegionAvail().x;
    bool enter_picked = false;
    if (!dialog.create_new) {
        if (dialog.focus_first_field) {
            ImGui::SetKeyboardFocusHere();
            dialog.focus_first_field = false;
        }
        ImGui::SetNextItemWidth(full);
        const std::string hint = std::string(icon::kSearch) + "  Search contacts by name or email";
        if (phone) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12, (kPhoneTouchHeight - ImGui::GetFontSize()) * 0.5f));
        const bool enter = StringInput("##add-contact.search", hint.c_str(), dialog.search,
                                       ImGuiInputTextFlags_EnterReturnsTrue);
        if (phone) ImGui::PopStyleVar();
        TagLastItem("add-contact.search");
        if (ImGui::IsItemEdited()) dialog.highlighted = 0;
        if (!dialog.contact_name.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().success);
            ImGui::TextWrapped("%s  %s", icon::kCheck, dialog.contact_name.c_str());
            ImGui::PopStyleColor();
            TagLastItem("add-contact.chosen", dialog.contact_name);
        }
        FieldErrorMessage(ErrorFor(dialog.errors, "contact_id"));
        if (picker) enter_picked = DrawChoices(*picker, dialog, enter, phone);
        // Enter in the search picks the highlighted match rather than adding before a role is given.
        enter_picked = enter_picked || enter;
        if (SecondaryButton((std::string(icon::kPlus) + "  New contact##add-contact.new").c_str(),
                            ImVec2(0, phone ? kPhoneTouchHeight : 0.0f))) {
            dialog.create_new = true;
            dialog.name = dialog.search;  // what was searched for is usually the new person's name
            dialog.errors.clear();
        }
        TagLastItem("add-contact.new", "New contact");
    } else {
        DrawNewContactFields(model, dialog, full);
        if (SecondaryButton("Pick an existing contact##add-contact.pick", ImVec2(0, phone ? kPhoneTouchHeight : 0.0f))) {
            dialog.create_new = false;
            dialog.errors.clear();
        }
        TagLastItem("add-contact.pick", "Pick an existing contact");
    }
    ImGui::Dummy(ImVec2(0, 4));
    DrawRole(dialog, full, phone);
    FieldErrorMessage(ErrorFor(dialog.errors, "opportunity_id"));
    FieldErrorMessage(ErrorFor(dialog.errors, ""));
    const DialogButtons pressed = DialogActions("dialog.cancel", "Add to deal", "add-contact.confirm");
    if (pressed.cancel) {
        dialog = AddContactDialogState{};
        ImGui::CloseCurrentPopup();
    } else if (pressed.confirm && !enter_picked) {
        commands.add_contact = ContactAddition{model.id,    dialog.create_new ? "" : dialog.contact_id,
                                               dialog.create_new, dialog.name, dialog.email, dialog.phone,
                                               dialog.job_title, dialog.role};
    }
    EndDialog();
}

}  // namespace roadbook::ui
