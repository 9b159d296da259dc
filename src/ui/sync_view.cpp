// The sync chip and the Settings section for sync.
#include "ui/sync_view.h"

#include <imgui.h>

#include <cstdio>
#include <string>

#include "ui/dialog_frame.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

struct ChipLook {
    const char* icon;
    ImU32 colour;
};

ChipLook LookOf(SyncChipState state) {
    const Palette& palette = CurrentPalette();
    switch (state) {
    case SyncChipState::LocalOnly: return {icon::kDatabase, palette.text_muted};
    case SyncChipState::Offline: return {icon::kCircleOutline, palette.text_muted};
    case SyncChipState::Syncing: return {icon::kRefresh, palette.accent};
    case SyncChipState::Synced: return {icon::kCheckCircle, palette.success};
    case SyncChipState::Waiting: return {icon::kClock, palette.text_muted};
    case SyncChipState::Error: return {icon::kWarning, palette.danger};
    }
    return {icon::kWarning, palette.danger};
}

void FieldLabel(const char* text) {
    ImGui::PushFont(CurrentFonts().small);
    MutedWrappedText(text);
    ImGui::PopFont();
}

// A text field bound to a fixed buffer, tagged, as wide as `width`.
void FormField(const char* label, const char* id, std::string_view tag, char* buffer, size_t size, float width,
               ImGuiInputTextFlags flags = 0) {
    FieldLabel(label);
    ImGui::SetNextItemWidth(width);
    ImGui::InputText(id, buffer, size, flags);
    TagLastItem(tag, buffer);
}

void DrawLines(const std::vector<SyncLine>& lines, std::string_view tag) {
    for (const SyncLine& line : lines) {
        ImGui::PushFont(CurrentFonts().strong);
        ImGui::TextWrapped("%s", line.title.c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::PushFont(CurrentFonts().small);
        ImGui::TextWrapped("%s", line.detail.c_str());
        ImGui::PopFont();
        TagLastItem(tag, line.title + ": " + line.detail);
    }
}

void DrawRemoveDemoQuestion(SyncFormState& form, SyncCommands& commands, bool phone) {
    if (!BeginDialog("Remove the demo data###remove-demo", "dialog.remove-demo", form.confirm_remove_demo, phone)) {
        return;
    }
    DialogTitle("Remove the demo data and sign in?",
                "This device holds the made-up demo organisation. It is removed, edits included, and never uploaded; "
                "your organisation's deals arrive in its place.");
    const DialogButtons pressed = DialogActions("dialog.cancel", "Remove demo and sign in", "dialog.confirm");
    if (pressed.cancel || pressed.confirm) {
        if (pressed.confirm) {
            commands.sign_in = true;
            commands.remove_demo = true;
        }
        form.confirm_remove_demo = false;
        ImGui::CloseCurrentPopup();
    }
    EndDialog();
}

void DrawSignInForm(const SyncModel& sync, SyncFormState& form, SyncCommands& commands, bool phone) {
    if (!form.initialised) {
        std::snprintf(form.server_url, sizeof form.server_url, "%s",
                      sync.server_url.empty() ? sync.default_server_url.c_str() : sync.server_url.c_str());
        form.initialised = true;
    }
    ImGui::TextWrapped("Roadbook works fully without an account. Sign in to share deals with your team: the deals on "
                       "this device are uploaded as yours, and your team's arrive here.");
    ImGui::Dummy(ImVec2(0, 6));
    const float width = phone ? -1.0f : 360.0f;
    FormField("Server", "##sync-server", "sync.server-url", form.server_url, sizeof form.server_url, width);
    FormField("Email", "##sync-email", "sync.email", form.email, sizeof form.email, width);
    FormField("Password", "##sync-password", "sync.password", form.password, sizeof form.password, width,
              ImGuiInputTextFlags_Password);
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::BeginDisabled(sync.signing_in);
    if (PrimaryButton(sync.signing_in ? "Signing in...##sync-sign-in" : "Sign in##sync-sign-in")) {
        // The demo belongs to a made-up organisation: it must never reach a real one.
        if (sync.holds_demo_data) {
            form.confirm_remove_demo = true;
        } else {
            commands.sign_in = true;
        }
    }
    ImGui::EndDisabled();
    TagLastItem("sync.sign-in", "Sign in");
    DrawRemoveDemoQuestion(form, commands, phone);
}

void DrawConflicts(const SyncModel& sync, SyncCommands& commands) {
    if (sync.conflicts.empty()) return;
    ImGui::Dummy(ImVec2(0, 8));
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::Text("%s  Conflicts to review (%zu)", icon::kInbox, sync.conflicts.size());
    ImGui::PopFont();
    MutedWrappedText("You and someone else changed the same field at the same time. The newer change is in place; "
              "keep it or take the other.");
    for (const SyncConflictRow& row : sync.conflicts) {
        ImGui::PushID(int(row.id));
        ImGui::Separator();
        ImGui::PushFont(CurrentFonts().strong);
        ImGui::TextWrapped("%s: %s", row.deal_name.c_str(), row.field_label.c_str());
        ImGui::PopFont();
        const std::string summary = "Before: " + row.base + "   Yours: " + row.mine + (row.mine_won ? " (in place)" : "") +
                                    "   " + row.theirs_by + "'s: " + row.theirs + (row.mine_won ? "" : " (in place)");
        ImGui::TextWrapped("%s", summary.c_str());
        TagLastItem("conflict.row", row.deal_name + " " + row.field_label + ": " + summary);
        if (SecondaryButton(("Keep mine (" + row.mine + ")").c_str())) commands.keep_mine = row.id;
        TagLastItem("conflict.keep-mine", "Keep mine");
        ImGui::SameLine();
        if (SecondaryButton(("Keep " + row.theirs_by + "'s (" + row.theirs + ")").c_str())) commands.keep_theirs = row.id;
        TagLastItem("conflict.keep-theirs", "Keep theirs");
        ImGui::PopID();
    }
}

void DrawSignedIn(const SyncModel& sync, SyncCommands& commands) {
    ImGui::TextWrapped("%s  %s", icon::kUser, sync.user_line.c_str());
    ImGui::TextWrapped("%s  %s at %s", icon::kUsers, sync.organisation_name.c_str(), sync.server_url.c_str());
    ImGui::Dummy(ImVec2(0, 4));
    DrawSyncChip(sync);
    ImGui::Dummy(ImVec2(0, 4));
    const std::string sync_now = std::string(icon::kRefresh) + "  Sync now##sync-now";
    if (PrimaryButton(sync_now.c_str())) commands.sync_now = true;
    TagLastItem("sync.now", "Sync now");
    ImGui::SameLine();
    if (SecondaryButton("Sign out##sync-sign-out")) commands.sign_out = true;
    TagLastItem("sync.sign-out", "Sign out");
    FieldLabel("Signing out keeps everything on this device; changes not yet sent go when you sign in again.");

    if (sync.pending > 0) {
        ImGui::Dummy(ImVec2(0, 8));
        ImGui::PushFont(CurrentFonts().strong);
        const std::string title = std::to_string(sync.pending) + (sync.pending == 1 ? " change" : " changes") +
                                  " waiting to be sent";
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopFont();
        TagLastItem("sync.pending", title);
        DrawLines(sync.pending_lines, "sync.pending-change");
    }
    if (!sync.rejected_lines.empty()) {
        ImGui::Dummy(ImVec2(0, 8));
        ImGui::PushFont(CurrentFonts().strong);
        ImGui::TextUnformatted("Changes the server refused");
        ImGui::PopFont();
        DrawLines(sync.rejected_lines, "sync.rejected");
    }
    DrawConflicts(sync, commands);
    if (!sync.away_lines.empty()) {
        ImGui::Dummy(ImVec2(0, 8));
        ImGui::PushFont(CurrentFonts().strong);
        ImGui::TextUnformatted("While you were away");
        ImGui::PopFont();
        TagLastItem("sync.away", "While you were away");
        DrawLines(sync.away_lines, "sync.away-change");
    }
}

}  // namespace

void DrawSyncChip(const SyncModel& sync) {
    const ChipLook look = LookOf(sync.chip);
    ImGui::PushFont(CurrentFonts().small);
    ImGui::PushStyleColor(ImGuiCol_Text, look.colour);
    ImGui::TextUnformatted(look.icon);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (sync.chip == SyncChipState::Error) ImGui::PushStyleColor(ImGuiCol_Text, look.colour);
    ImGui::TextWrapped("%s", sync.chip_text.c_str());
    if (sync.chip == SyncChipState::Error) ImGui::PopStyleColor();
    ImGui::PopFont();
    TagLastItem("sync.status", sync.chip_text);
}

void DrawSyncSettings(const SyncModel& sync, SyncFormState& form, SyncCommands& commands, bool phone) {
    BeginSettingsSection("sync-section", "Sync with your team");
    if (sync.signed_in) {
        DrawSignedIn(sync, commands);
    } else {
        DrawSignInForm(sync, form, commands, phone);
    }
    if (!sync.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().danger);
        ImGui::TextWrapped("%s %s", icon::kWarning, sync.error.c_str());
        ImGui::PopStyleColor();
        TagLastItem("sync.error", sync.error);
    }
    EndSettingsSection();
}

}  // namespace roadbook::ui
