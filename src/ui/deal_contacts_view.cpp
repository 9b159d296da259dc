// The deal detail's contacts section: each contact with its role edited in place (typed or one of the
// suggestions), make primary and remove; the Add contact button (its dialog is add_contact_dialog_view.cpp).
#include <imgui.h>

#include <map>
#include <string>

#include "ui/deal_detail_view.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr float kPhoneTouchHeight = 44.0f;  // the smallest target a thumb hits reliably

// Role fields follow new data while untouched; an edited one keeps what was typed. Rows of contacts that
// left the deal drop out.
void SyncRoles(const DealDetailModel& model, ContactRolesState& roles) {
    std::map<std::string, std::string> typed, base;
    for (const ContactRoleModel& contact : model.contacts) {
        const auto old_base = roles.base.find(contact.id);
        const auto old_typed = roles.typed.find(contact.id);
        const bool edited = old_base != roles.base.end() && old_typed != roles.typed.end() &&
                            old_typed->second != old_base->second;
        typed[contact.id] = edited ? old_typed->second : contact.role;
        base[contact.id] = contact.role;
    }
    roles.typed = std::move(typed);
    roles.base = std::move(base);
    if (!roles.base.count(roles.error_contact_id)) roles.errors.clear();
}

// A button sized for a thumb on phones, tagged; beside the last item when it fits.
bool RowButton(const std::string& label, const std::string& tag, const char* tag_label, bool phone) {
    const std::string text = label + "##" + tag;
    SameLineIfFits(ButtonWidth(text.c_str()));
    const bool pressed = SecondaryButton(text.c_str(), ImVec2(0, phone ? kPhoneTouchHeight : 0.0f));
    TagLastItem(tag, tag_label);
    return pressed;
}

void DrawContactRow(const DealDetailModel& model, const ContactRoleModel& contact, ContactRolesState& roles,
                    UiCommands& commands, bool phone) {
    const std::string tag = "opp.contact." + contact.id;
    ImGui::PushID(contact.id.c_str());
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted(contact.name.c_str());
    ImGui::PopFont();
    TagLastItem(tag, contact.name);
    if (contact.primary) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().accent);
        ImGui::TextUnformatted((std::string(icon::kCheckCircle) + " Primary").c_str());
        ImGui::PopStyleColor();
        TagLastItem(tag + ".primary", "Primary");
    }
    if (!contact.detail.empty()) MutedWrappedText(contact.detail.c_str());

    // Role: saved when the field is left or Enter is pressed, like a spreadsheet cell.
    const ValidationError* error = roles.error_contact_id == contact.id ? ErrorFor(roles.errors, "role") : nullptr;
    std::string& typed = roles.typed[contact.id];
    const float picker_width = phone ? kPhoneTouchHeight : 32.0f;
    const float field_width = phone ? ImGui::GetContentRegionAvail().x - picker_width - ImGui::GetStyle().ItemSpacing.x
                                    : 240.0f;
    // On phones the field is as tall as the buttons beside it.
    if (phone) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12, (kPhoneTouchHeight - ImGui::GetFontSize()) * 0.5f));
    if (error) ImGui::PushStyleColor(ImGuiCol_Border, CurrentPalette().danger);
    ImGui::SetNextItemWidth(field_width);
    StringInput("##role", "Role, e.g. Champion", typed);
    if (error) ImGui::PopStyleColor();
    TagLastItem(tag + ".role", typed);
    if (ImGui::IsItemDeactivatedAfterEdit() && typed != contact.role) {
        commands.change_contact_role = ContactRoleChange{model.id, contact.id, typed};
    }
    ImGui::SameLine();
    if (ImGui::Button((std::string(icon::kChevronDown) + "##role-suggestions").c_str(),
                      ImVec2(picker_width, phone ? kPhoneTouchHeight : 0.0f))) {
        ImGui::OpenPopup("role-suggestions");
    }
    TagLastItem(tag + ".role-suggestions", "Role suggestions");
    if (phone) ImGui::PopStyleVar();
    if (ImGui::BeginPopup("role-suggestions")) {
        for (const RoleSuggestion& suggestion : kRoleSuggestions) {
            if (ImGui::Selectable(suggestion.label, typed == suggestion.label, 0,
                                  ImVec2(0, phone ? kPhoneTouchHeight : 0.0f))) {
                typed = suggestion.label;
                if (typed != contact.role) commands.change_contact_role = ContactRoleChange{model.id, contact.id, typed};
            }
            TagLastItem(tag + ".role." + suggestion.slug, suggestion.label);
        }
        ImGui::EndPopup();
    }
    if (!contact.primary && RowButton("Make primary", tag + ".make-primary", "Make primary", phone)) {
        commands.make_primary_contact = DealContact{model.id, contact.id};
    }
    if (RowButton(std::string(icon::kClose) + "  Remove", tag + ".remove", "Remove", phone)) {
        commands.remove_contact = DealContact{model.id, contact.id};
    }
    FieldErrorMessage(error);
    if (roles.error_contact_id == contact.id) FieldErrorMessage(ErrorFor(roles.errors, "contact_id"));
    ImGui::PopID();
}

}  // namespace

void DrawDealContacts(const DealDetailModel& model, DealState& state, UiCommands& commands, bool phone) {
    SyncRoles(model, state.roles);
    ImGui::Dummy(ImVec2(0, 10));
    ImGui::PushFont(CurrentFonts().heading);
    ImGui::TextUnformatted("Contacts");
    ImGui::PopFont();
    const std::string add = std::string(icon::kPlus) + "  Add contact##opp.add-contact";
    ImGui::SameLine(0, 16);
    if (SecondaryButton(add.c_str(), ImVec2(0, phone ? kPhoneTouchHeight : 0.0f))) {
        state.add_contact = AddContactDialogState{};
        state.add_contact.open = true;
        state.add_contact.focus_first_field = true;
    }
    TagLastItem("opp.add-contact", "Add contact");
    ImGui::Separator();
    if (model.contacts.empty()) MutedWrappedText("No contacts on this deal yet: add who decides, who champions it, who signs.");
    for (const ContactRoleModel& contact : model.contacts) DrawContactRow(model, contact, state.roles, commands, phone);
}

}  // namespace roadbook::ui
