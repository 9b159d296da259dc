// Styled widgets. Colours come from the current palette so both themes stay consistent.
#include "ui/widgets.h"

#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"

namespace roadbook::ui {
namespace {

int ResizeStringCallback(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* text = static_cast<std::string*>(data->UserData);
        text->resize(size_t(data->BufTextLen));
        data->Buf = text->data();
    }
    return 0;
}

ImU32 Darken(ImU32 color, float factor) {
    ImVec4 rgba = ImGui::ColorConvertU32ToFloat4(color);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(rgba.x * factor, rgba.y * factor, rgba.z * factor, rgba.w));
}

}  // namespace

bool StringInput(const char* id, const char* hint, std::string& value, int flags) {
    flags |= ImGuiInputTextFlags_CallbackResize;
    return ImGui::InputTextWithHint(id, hint, value.data(), value.capacity() + 1, flags, ResizeStringCallback,
                                    &value);
}

void FieldErrorMessage(const ValidationError* error) {
    if (error == nullptr) return;
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().danger);
    ImGui::PushFont(CurrentFonts().small);
    ImGui::TextWrapped("%s", error->message.c_str());
    ImGui::PopFont();
    ImGui::PopStyleColor();
    TagLastItem(error->field.empty() ? std::string("error") : "error." + error->field, error->message);
}

bool PrimaryButton(const char* label, ImVec2 size) {
    const Palette& palette = CurrentPalette();
    ImGui::PushStyleColor(ImGuiCol_Button, palette.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, Darken(palette.accent, 0.88f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, palette.accent);
    ImGui::PushStyleColor(ImGuiCol_Text, palette.accent_text);
    ImGui::PushStyleColor(ImGuiCol_Border, palette.accent);
    ImGui::PushFont(CurrentFonts().strong);
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopFont();
    ImGui::PopStyleColor(5);
    return pressed;
}

bool SecondaryButton(const char* label, ImVec2 size) {
    const Palette& palette = CurrentPalette();
    ImGui::PushStyleColor(ImGuiCol_Button, palette.surface);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, palette.surface_raised);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, palette.border);
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(3);
    return pressed;
}

const ValidationError* ErrorFor(const std::vector<ValidationError>& errors, std::string_view field) {
    for (const ValidationError& error : errors) {
        if (error.field == field) return &error;
    }
    return nullptr;
}

bool LabeledTextField(const char* label, std::string_view tag, std::string& value, const char* hint,
                      const std::vector<ValidationError>& errors, std::string_view field, float width, int flags) {
    const Palette& palette = CurrentPalette();
    const ValidationError* error = ErrorFor(errors, field);
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted(label);
    ImGui::PopFont();
    ImGui::SetNextItemWidth(width);
    if (error) ImGui::PushStyleColor(ImGuiCol_Border, palette.danger);
    const bool edited = StringInput(("##" + std::string(tag)).c_str(), hint, value, flags);
    if (error) ImGui::PopStyleColor();
    TagLastItem(tag);
    FieldErrorMessage(error);
    return edited;
}

void MutedText(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().text_muted);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

void MutedWrappedText(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().text_muted);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

void BeginSettingsSection(const char* id, const char* title) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, CurrentPalette().surface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20, 18));
    ImGui::BeginChild(id, ImVec2(0, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY |
                                            ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, 4));
}

void EndSettingsSection() {
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 10));
}

void CenterNextItem(float width) {
    const float available = ImGui::GetContentRegionAvail().x;
    if (available > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (available - width) * 0.5f);
}

void SameLineIfFits(float width) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + spacing + width <= right) ImGui::SameLine();
}

float ButtonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

void LoadErrorText(const char* what, const std::string& message, std::string_view tag) {
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().danger);
    ImGui::TextWrapped("%s Could not read %s: %s", icon::kWarning, what, message.c_str());
    ImGui::PopStyleColor();
    TagLastItem(tag, message);
}

}  // namespace roadbook::ui
