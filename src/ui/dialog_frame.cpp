// Modal dialogs in the product's style (see the header). The New opportunity form predates this and
// keeps its own frame.
#include "ui/dialog_frame.h"

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/fonts.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {

void ClosePopupIfStillOpen(const char* name) {
    ImGuiContext& context = *ImGui::GetCurrentContext();
    if (context.OpenPopupStack.empty()) return;
    const ImGuiID id = ImGui::GetID(name);
    for (int level = 0; level < context.OpenPopupStack.Size; ++level) {
        if (context.OpenPopupStack[level].PopupId == id) {
            ImGui::ClosePopupToLevel(level, true);
            return;
        }
    }
}

bool BeginDialog(const char* name, const char* tag, bool& open, bool phone, float width) {
    if (!open) {
        ClosePopupIfStillOpen(name);
        return false;
    }
    if (!ImGui::IsPopupOpen(name)) ImGui::OpenPopup(name);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    if (phone) {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(display);
    } else {
        ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.42f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
        ImGui::SetNextWindowSize(ImVec2(width, 0));
    }
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 22));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, phone ? 0.0f : 12.0f);
    ImGui::PushStyleColor(ImGuiCol_PopupBg, CurrentPalette().surface);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize * !phone;
    const bool showing = ImGui::BeginPopupModal(name, nullptr, flags);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
    if (!showing) {
        open = false;
        return false;
    }
    TagCurrentWindow(tag);
    return true;
}

void EndDialog() { ImGui::EndPopup(); }

void DialogTitle(const std::string& title, const std::string& subtitle) {
    ImGui::PushFont(CurrentFonts().heading);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
    ImGui::TextWrapped("%s", title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    if (!subtitle.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().text_muted);
        ImGui::TextWrapped("%s", subtitle.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Dummy(ImVec2(0, 4));
}

DialogButtons DialogActions(const char* cancel_tag, const char* confirm_label, const char* confirm_tag) {
    DialogButtons pressed;
    const bool focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows | ImGuiFocusedFlags_NoPopupHierarchy);
    ImGui::Dummy(ImVec2(0, 6));
    const float cancel_width = 110.0f;
    const float confirm_width = std::max(140.0f, ImGui::CalcTextSize(confirm_label).x + 40);
    const float full = ImGui::GetContentRegionAvail().x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + full - cancel_width - confirm_width - ImGui::GetStyle().ItemSpacing.x);
    if (SecondaryButton((std::string("Cancel##") + cancel_tag).c_str(), ImVec2(cancel_width, 0)) ||
        (focused && ImGui::IsKeyPressed(ImGuiKey_Escape))) {
        pressed.cancel = true;
    }
    TagLastItem(cancel_tag);
    ImGui::SameLine();
    if (PrimaryButton((std::string(confirm_label) + "##" + confirm_tag).c_str(), ImVec2(confirm_width, 0)) ||
        (focused && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)))) {
        pressed.confirm = true;
    }
    TagLastItem(confirm_tag);
    return pressed;
}

}  // namespace roadbook::ui
