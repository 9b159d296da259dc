// Roadbook's building blocks on top of Dear ImGui: buttons in the product's style, labelled text fields
// with inline validation messages, and small layout helpers.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace roadbook::ui {

// Accent-filled button for the main action of a screen or dialog.
bool PrimaryButton(const char* label, ImVec2 size = ImVec2(0, 0));
// Quiet button with an outline, for secondary actions.
bool SecondaryButton(const char* label, ImVec2 size = ImVec2(0, 0));

// A label above a single-line text field bound to `value` and tagged `tag`; the field is outlined in the
// danger colour and the message shown below it when `errors` holds one for `field`. True when edited.
bool LabeledTextField(const char* label, std::string_view tag, std::string& value, const char* hint,
                      const std::vector<ValidationError>& errors, std::string_view field, float width = -1,
                      int flags = 0);

// A single-line text field bound to a std::string of any length.
bool StringInput(const char* id, const char* hint, std::string& value, int flags = 0);
// The validation message under a field, in the danger colour, tagged "error.<field>" (or "error" for
// errors of no field); nothing when `error` is null.
void FieldErrorMessage(const ValidationError* error);

// The message of the first error for `field`, or nullptr.
const ValidationError* ErrorFor(const std::vector<ValidationError>& errors, std::string_view field);

// "<what> could not be read: <message>" in the danger colour with a warning icon, tagged `tag` (label: the
// message): how every screen says its data is unreadable.
void LoadErrorText(const char* what, const std::string& message, std::string_view tag);

// Text in the muted colour.
void MutedText(const char* text);
// Text in the muted colour, wrapped at the available width.
void MutedWrappedText(const char* text);
// A titled card on the Settings page; every Begin needs its End.
void BeginSettingsSection(const char* id, const char* title);
void EndSettingsSection();
// Puts the next item, `width` wide, beside the last one when it fits in the window, else on a new line:
// rows of buttons that wrap on narrow screens.
void SameLineIfFits(float width);
// The width a framed button with `label` takes (text up to any "##" plus the frame's padding).
float ButtonWidth(const char* label);
// Centres the next item of `width` in the available width.
void CenterNextItem(float width);

}  // namespace roadbook::ui
