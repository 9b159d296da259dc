// The whole window for one frame: navigation (sidebar on wide screens, top bar on phones), the
// opportunities or settings screen, the New opportunity dialog and the toast.
#pragma once

#include "ui/view_models.h"

namespace roadbook::ui {

// Width in CSS pixels below which the phone layout (one column, cards, floating action) is used.
inline constexpr float kPhoneLayoutMaxWidth = 760.0f;

struct ScreenModel {
    const OpportunityListModel* list = nullptr;
    const DeviceStorageModel* storage = nullptr;
    const ShellModel* shell = nullptr;
    double now_seconds = 0;  // for the toast's lifetime
    const char* version = "";
};

void DrawScreen(const ScreenModel& model, ScreenState& state, UiCommands& commands);

// Whether the screen needs frames without input (an animation or a toast counting down).
bool ScreenIsAnimating(const ScreenState& state, double now_seconds);

}  // namespace roadbook::ui
