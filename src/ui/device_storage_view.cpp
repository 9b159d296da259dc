// The save indicator and the Settings screen's "This device" section (see the header for the tags).
#include "ui/device_storage_view.h"

#include <imgui.h>

#include <cstdio>
#include <string>

#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr const char* kRestoreQuestion = "Restore from a backup?###restore-backup";

struct StatusLine {
    const char* icon;
    ImU32 colour;
    std::string text;
};

StatusLine DescribeSave(const DeviceStorageModel& storage) {
    const Palette& palette = CurrentPalette();
    switch (storage.save_state) {
    case SaveState::Saved:
        return {icon::kCheck, palette.success, "Saved on this device"};
    case SaveState::Saving:
        return {icon::kRefresh, palette.text_muted, "Saving..."};
    case SaveState::NotSaved:
        return {icon::kWarning, palette.danger, "Not saved on this device: " + storage.failure + ", retrying"};
    case SaveState::MemoryOnly:
        return {icon::kWarning, palette.danger, "Not saved on this device: " + storage.failure};
    }
    return {icon::kWarning, palette.danger, "Unknown save state"};
}


void DrawPersistence(const DeviceStorageModel& storage) {
    const char* text = "The browser has not said yet whether it keeps Roadbook's data for good.";
    if (storage.persistence == StoragePersistence::Persistent) {
        text = "Persistent: the browser keeps Roadbook's data until you remove it.";
    } else if (storage.persistence == StoragePersistence::BestEffort) {
        text = "Not persistent: the browser may clear Roadbook's data when the device runs low on space, or "
               "(Safari) after seven days without a visit. Download a backup or sync to keep it safe.";
    }
    ImGui::TextWrapped("%s", text);
    TagLastItem("settings.storage-persistence", text);
    // Nothing syncs yet, so a backup is the only copy elsewhere: say so while the browser may clear the data.
    if (storage.persistence == StoragePersistence::BestEffort && storage.last_backup_unix_ms == 0) {
        const char* warning = "Nothing on this device has been synced or backed up yet: download a backup.";
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().danger);
        ImGui::TextWrapped("%s %s", icon::kWarning, warning);
        ImGui::PopStyleColor();
        TagLastItem("settings.storage-warning", warning);
    }
    if (storage.usage_bytes > 0 || storage.quota_bytes > 0) {
        const std::string usage = "Using " + FormatBytes(storage.usage_bytes) + " of the " +
                                  FormatBytes(storage.quota_bytes) + " this browser allows.";
        MutedText(usage.c_str());
        TagLastItem("settings.storage-usage", usage);
    }
}

void DrawInstall(const ShellModel& shell, UiCommands& commands) {
    if (shell.install == InstallOffer::Prompt) {
        ImGui::TextWrapped("Install Roadbook to open it from the home screen or dock, in its own window, with or "
                           "without a network.");
        ImGui::Dummy(ImVec2(0, 6));
        if (PrimaryButton((std::string(icon::kDownload) + "  Install app").c_str())) commands.install_app = true;
        TagLastItem("action.install");
    } else if (shell.install == InstallOffer::IosHint) {
        const char* hint = "To install Roadbook, tap Share, then Add to Home Screen.";
        ImGui::TextWrapped("%s", hint);
        TagLastItem("settings.install-hint", hint);
    } else {
        MutedText("Roadbook is installed, or this browser installs apps from its own menu.");
    }
}

void DrawBackups(const DeviceStorageModel& storage, ScreenState& state, UiCommands& commands, bool phone) {
    ImGui::TextWrapped("A backup is one file with everything on this device: opportunities, accounts, contacts, "
                       "activities and their history. Restoring one replaces what is here.");
    ImGui::Dummy(ImVec2(0, 6));
    if (!storage.can_back_up) {
        MutedText("Backups are not available here.");
        return;
    }
    const ImVec2 size(phone ? -1.0f : 0.0f, 0);
    if (PrimaryButton((std::string(icon::kDownload) + "  Download backup").c_str(), size)) commands.download_backup = true;
    TagLastItem("settings.download-backup");
    if (!phone) ImGui::SameLine();
    if (SecondaryButton((std::string(icon::kUpload) + "  Restore from a backup...").c_str(), size)) {
        state.confirm_restore = true;
    }
    TagLastItem("settings.restore-backup");

    if (state.confirm_restore && !ImGui::IsPopupOpen(kRestoreQuestion)) ImGui::OpenPopup(kRestoreQuestion);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(440.0f, display.x - 32), 0));
    if (ImGui::BeginPopupModal(kRestoreQuestion, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
        TagCurrentWindow("dialog.restore-backup");
        ImGui::TextWrapped("Everything on this device is replaced by the backup you choose. A file that is not a "
                           "Roadbook backup is refused and changes nothing.");
        ImGui::Dummy(ImVec2(0, 8));
        if (PrimaryButton("Choose backup file")) {
            commands.restore_backup = true;
            state.confirm_restore = false;
            ImGui::CloseCurrentPopup();
        }
        TagLastItem("settings.restore-confirm");
        ImGui::SameLine();
        if (SecondaryButton("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            state.confirm_restore = false;
            ImGui::CloseCurrentPopup();
        }
        TagLastItem("settings.restore-cancel");
        ImGui::EndPopup();
    }
}

}  // namespace

std::string FormatBytes(int64_t bytes) {
    static constexpr const char* kUnits[] = {"bytes", "kB", "MB", "GB", "TB"};
    double value = double(bytes);
    int unit = 0;
    while (value >= 1000.0 && unit < 4) {
        value /= 1000.0;
        ++unit;
    }
    char text[32];
    if (unit == 0) std::snprintf(text, sizeof text, "%lld bytes", static_cast<long long>(bytes));
    else std::snprintf(text, sizeof text, value < 10 ? "%.1f %s" : "%.0f %s", value, kUnits[unit]);
    return text;
}

void DrawSaveStatus(const DeviceStorageModel& storage) {
    const StatusLine line = DescribeSave(storage);
    ImGui::PushFont(CurrentFonts().small);
    ImGui::PushStyleColor(ImGuiCol_Text, line.colour);
    ImGui::TextUnformatted(line.icon);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    const bool problem = storage.save_state == SaveState::NotSaved || storage.save_state == SaveState::MemoryOnly;
    if (problem) ImGui::PushStyleColor(ImGuiCol_Text, line.colour);
    ImGui::TextWrapped("%s", line.text.c_str());
    if (problem) ImGui::PopStyleColor();
    ImGui::PopFont();
    TagLastItem("storage.status", line.text);
}

void DrawConnectionStatus(const ShellModel& shell) {
    if (shell.connection == Connection::Unknown) return;
    const bool online = shell.connection == Connection::Online;
    const std::string text = online ? "Online" : "Offline: everything keeps working on this device";
    ImGui::PushFont(CurrentFonts().small);
    ImGui::PushStyleColor(ImGuiCol_Text, online ? CurrentPalette().success : CurrentPalette().text_muted);
    ImGui::TextUnformatted(online ? icon::kCircle : icon::kCircleOutline);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopFont();
    TagLastItem("connection.status", text);
}

void DrawSettingsScreen(const DeviceStorageModel& storage, const ShellModel& shell, ScreenState& state,
                        UiCommands& commands, bool phone) {
    ImGui::PushFont(CurrentFonts().heading);
    ImGui::TextUnformatted("Settings");
    ImGui::PopFont();
    MutedText("This device");
    ImGui::Dummy(ImVec2(0, 10));

    BeginSettingsSection("storage", (std::string(icon::kDatabase) + "  Storage on this device").c_str());
    DrawSaveStatus(storage);
    ImGui::Dummy(ImVec2(0, 4));
    DrawPersistence(storage);
    EndSettingsSection();

    BeginSettingsSection("backups", (std::string(icon::kDownload) + "  Backups").c_str());
    DrawBackups(storage, state, commands, phone);
    EndSettingsSection();

    BeginSettingsSection("install", (std::string(icon::kRoad) + "  The app").c_str());
    DrawConnectionStatus(shell);
    ImGui::Dummy(ImVec2(0, 4));
    DrawInstall(shell, commands);
    EndSettingsSection();
}

}  // namespace roadbook::ui
