// The frame every Roadbook dialog shares: a modal centred on wide screens and full-screen on phones,
// with a title, a line under it, and its own tag.
#pragma once

#include <string>

namespace roadbook::ui {

// Opens the modal `name` (a Dear ImGui popup id) when `open` and begins it; returns true while it is
// showing, and then EndDialog() must follow. A dialog closed by Dear ImGui sets `open` to false.
bool BeginDialog(const char* name, const char* tag, bool& open, bool phone, float width = 460.0f);
// For a modal the app closed by clearing its `open` flag (a command succeeded): takes it off Dear ImGui's
// popup stack now. Left there for the frames until Dear ImGui notices it is no longer drawn, it would keep
// blocking the windows behind it and swallow a click made right after the dialog went away.
void ClosePopupIfStillOpen(const char* name);
void EndDialog();
void DialogTitle(const std::string& title, const std::string& subtitle);
// Cancel and a primary action on the right of the last row; reports which was pressed (Escape cancels
// and Enter confirms when the dialog has focus).
struct DialogButtons {
    bool cancel = false;
    bool confirm = false;
};
DialogButtons DialogActions(const char* cancel_tag, const char* confirm_label, const char* confirm_tag);

}  // namespace roadbook::ui
