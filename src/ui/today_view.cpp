// Today, laid out as the rep works through it: the agenda first (overdue, then due today), then the
// deals that need attention, then the postponed deals coming back. Two columns on wide screens, one on
// phones. Lists use ImGuiListClipper, so a manager's thousands of items cost only the visible rows.
// Tags: today.activity.<id>, today.complete.<activity id>, today.deal.<opportunity id>, today.empty,
// today.waking.<opportunity id>, today.wake.
#include "ui/today_view.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <string>

#include "ui/chrome_view.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr float kTwoColumnMinWidth = 980.0f;

const char* KindIcon(const std::string& kind) {
    if (kind == "call") return icon::kPhone;
    if (kind == "meeting") return icon::kUsers;
    if (kind == "email") return icon::kEnvelope;
    if (kind == "note") return icon::kStickyNote;
    return icon::kCheckSquare;
}

void ClippedText(ImDrawList* draw, ImVec2 position, float right, const std::string& text, ImU32 color) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::RenderTextEllipsis(draw, position, ImVec2(right, position.y + ImGui::GetTextLineHeight()), right, right,
                              text.c_str(), text.c_str() + text.size(), nullptr);
    ImGui::PopStyleColor();
}

void SectionTitle(const char* title, const std::string& count, ImU32 color) {
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    if (!count.empty()) {
        ImGui::SameLine();
        MutedText(count.c_str());
    }
}

// One agenda row: a round complete button, the kind's icon, subject, deal and due text.
void DrawAgendaItem(const AgendaItemModel& item, UiCommands& commands, bool phone) {
    const Palette& palette = CurrentPalette();
    const float height = phone ? 68.0f : 60.0f;
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushID(item.activity_id.c_str());
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, ImVec2(min.x + width, min.y + height), palette.surface, 10);
    draw->AddRect(min, ImVec2(min.x + width, min.y + height), palette.border, 10);

    // The complete button is the row's first, largest target: one tap, then the next-step prompt.
    const float button = phone ? 48.0f : 40.0f;
    ImGui::SetCursorScreenPos(ImVec2(min.x + 10, min.y + (height - button) * 0.5f));
    if (ImGui::InvisibleButton("##complete", ImVec2(button, button))) commands.open_next_step = item.activity_id;
    TagLastItem("today.complete." + item.activity_id, "Complete");
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 center(min.x + 10 + button * 0.5f, min.y + height * 0.5f);
    draw->AddCircle(center, 11, hovered ? palette.success : palette.text_muted, 0, 2.0f);
    if (hovered) {
        ImGui::PushFont(CurrentFonts().small);
        const ImVec2 check = ImGui::CalcTextSize(icon::kCheck);
        draw->AddText(ImVec2(center.x - check.x * 0.5f, center.y - check.y * 0.5f), palette.success, icon::kCheck);
        ImGui::PopFont();
        ImGui::SetTooltip("Complete and plan the next step");
    }

    // The rest of the row is the item itself (the deal detail will open from here).
    const float text_left = min.x + 10 + button + 12;
    ImGui::SetCursorScreenPos(ImVec2(text_left - 4, min.y));
    ImGui::InvisibleButton("##row", ImVec2(std::max(1.0f, min.x + width - text_left + 4), height));
    TagLastItem("today.activity." + item.activity_id, item.subject);
    const float right = min.x + width - 14;
    ImGui::PushFont(CurrentFonts().small);
    const float due_width = ImGui::CalcTextSize(item.due_text.c_str()).x;
    ImGui::PopFont();
    const float line = ImGui::GetTextLineHeight();
    const float top = min.y + (height - 2 * line - 4) * 0.5f;
    ImGui::PushFont(CurrentFonts().strong);
    const std::string title = std::string(KindIcon(item.kind)) + "  " + item.subject;
    ClippedText(draw, ImVec2(text_left, top), right - due_width - 12, title, palette.text);
    ImGui::PopFont();
    ClippedText(draw, ImVec2(text_left, top + line + 4), right,
                item.context_text.empty() ? std::string("Not linked to a deal") : item.context_text, palette.text_muted);
    ImGui::PushFont(CurrentFonts().small);
    draw->AddText(ImVec2(right - due_width, top + 2), item.overdue ? palette.danger : palette.success, item.due_text.c_str());
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + height));
    ImGui::Dummy(ImVec2(width, 0));
    ImGui::PopID();
}

void DrawAgendaList(const std::vector<AgendaItemModel>& items, UiCommands& commands, bool phone) {
    const float row = (phone ? 68.0f : 60.0f) + ImGui::GetStyle().ItemSpacing.y;
    ImGuiListClipper clipper;
    clipper.Begin(int(items.size()), row);
    while (clipper.Step()) {
        for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index) {
            DrawAgendaItem(items[size_t(index)], commands, phone);
        }
    }
}

void DrawNothingDue() {
    const Palette& palette = CurrentPalette();
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const float height = 132.0f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, ImVec2(min.x + width, min.y + height), palette.surface, 12);
    draw->AddRect(min, ImVec2(min.x + width, min.y + height), palette.border, 12);
    ImGui::PushFont(CurrentFonts().heading);
    const ImVec2 icon_size = ImGui::CalcTextSize(icon::kCheckCircle);
    draw->AddText(ImVec2(min.x + (width - icon_size.x) * 0.5f, min.y + 20), palette.success, icon::kCheckCircle);
    const char* title = "Nothing due today";
    const ImVec2 title_size = ImGui::CalcTextSize(title);
    draw->AddText(ImVec2(min.x + (width - title_size.x) * 0.5f, min.y + 52), palette.text, title);
    ImGui::PopFont();
    // The whole sentence where it fits; on a phone its first half, rather than a cut-off second half.
    const char* line = "No overdue or due activities. A good moment to plan next steps.";
    if (ImGui::CalcTextSize(line).x > width - 24) line = "No overdue or due activities.";
    const ImVec2 line_size = ImGui::CalcTextSize(line);
    ClippedText(draw, ImVec2(min.x + std::max(12.0f, (width - line_size.x) * 0.5f), min.y + 88), min.x + width - 12, line,
                palette.text_muted);
    ImGui::Dummy(ImVec2(width, height));
    TagLastItem("today.empty", title);
}

void DrawAgenda(const TodayModel& model, UiCommands& commands, bool phone) {
    const Palette& palette = CurrentPalette();
    if (model.overdue.empty() && model.due_today.empty()) {
        SectionTitle("Agenda", "", palette.text);
        DrawNothingDue();
        return;
    }
    if (!model.overdue.empty()) {
        SectionTitle("Overdue", std::to_string(model.overdue.size()), palette.danger);
        DrawAgendaList(model.overdue, commands, phone);
    }
    if (!model.due_today.empty()) {
        SectionTitle("Due today", std::to_string(model.due_today.size()), palette.text);
        DrawAgendaList(model.due_today, commands, phone);
    }
}

// A reason as a small pill: "rotting 12 days".
void ReasonChip(const std::string& text, ImVec2 position, float right, float& advance) {
    const Palette& palette = CurrentPalette();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const float width = size.x + 16;
    if (position.x + width > right) return;
    draw->AddRectFilled(position, ImVec2(position.x + width, position.y + size.y + 6), (palette.danger & 0x00FFFFFF) | 0x1E000000, 99);
    draw->AddText(ImVec2(position.x + 8, position.y + 3), palette.danger, text.c_str());
    advance = width + 6;
}

void DrawAttentionDeal(const AttentionDealModel& deal, UiCommands& commands) {
    const Palette& palette = CurrentPalette();
    const float height = 84.0f;
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushID(deal.id.c_str());
    const ImVec2 min = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("##deal", ImVec2(width, height))) commands.open_deal = deal.id;
    TagLastItem("today.deal." + deal.id, deal.name);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, ImVec2(min.x + width, min.y + height), hovered ? palette.surface_raised : palette.surface, 10);
    draw->AddRect(min, ImVec2(min.x + width, min.y + height), palette.border, 10);
    const float left = min.x + 14;
    const float right = min.x + width - 14;
    const float line = ImGui::GetTextLineHeight();
    ImGui::PushFont(CurrentFonts().strong);
    const float amount_width = ImGui::CalcTextSize(deal.amount_text.c_str()).x;
    ClippedText(draw, ImVec2(left, min.y + 12), right - amount_width - 12, deal.name, palette.text);
    draw->AddText(ImVec2(right - amount_width, min.y + 12), palette.text, deal.amount_text.c_str());
    ImGui::PopFont();
    std::string detail = deal.account_name.empty() ? std::string("No account") : deal.account_name;
    if (!deal.stage_name.empty()) detail += "  ·  " + deal.stage_name;
    if (!deal.owner_name.empty()) detail += "  ·  " + deal.owner_name;
    ClippedText(draw, ImVec2(left, min.y + 14 + line), right, detail, palette.text_muted);
    ImGui::PushFont(CurrentFonts().small);
    float x = left;
    for (const std::string& reason : deal.reasons) {
        float advance = 0;
        ReasonChip(reason, ImVec2(x, min.y + 20 + 2 * line), right, advance);
        if (advance == 0) break;
        x += advance;
    }
    ImGui::PopFont();
    ImGui::PopID();
}

void DrawAttention(const TodayModel& model, UiCommands& commands) {
    const Palette& palette = CurrentPalette();
    std::string count;
    if (model.attention_count > int64_t(model.attention.size())) {
        count = "top " + std::to_string(model.attention.size()) + " of " + std::to_string(model.attention_count);
    } else if (!model.attention.empty()) {
        count = std::to_string(model.attention.size());
    }
    SectionTitle("Needs attention", count, palette.text);
    if (model.attention.empty()) {
        MutedText("Every open deal has a next step and is moving.");
        return;
    }
    ImGuiListClipper clipper;
    clipper.Begin(int(model.attention.size()), 84.0f + ImGui::GetStyle().ItemSpacing.y);
    while (clipper.Step()) {
        for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index) DrawAttentionDeal(model.attention[size_t(index)], commands);
    }
}

// Postponed deals whose date has come: the first few by name, then one action for them all (each returns
// to its stage with a follow-up task, which then shows in the agenda).
void DrawWaking(const TodayModel& model, UiCommands& commands) {
    if (model.waking.empty()) return;
    const Palette& palette = CurrentPalette();
    SectionTitle("Back from postponed", std::to_string(model.waking.size()), palette.text);
    constexpr size_t kShown = 3;
    const float width = ImGui::GetContentRegionAvail().x;
    const float line = ImGui::GetTextLineHeight();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (size_t index = 0; index < model.waking.size() && index < kShown; ++index) {
        const WakingDealModel& deal = model.waking[index];
        const ImVec2 min = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(width, 2 * line + 6));
        TagLastItem("today.waking." + deal.id, deal.name);
        draw->AddText(ImVec2(min.x, min.y + 1), palette.accent, icon::kHistory);
        const float left = min.x + 26;
        ImGui::PushFont(CurrentFonts().strong);
        ClippedText(draw, ImVec2(left, min.y), min.x + width, deal.name, palette.text);
        ImGui::PopFont();
        const std::string detail =
            deal.account_name.empty() ? deal.postponed_text : deal.account_name + "  ·  " + deal.postponed_text;
        ClippedText(draw, ImVec2(left, min.y + line + 4), min.x + width, detail, palette.text_muted);
    }
    if (model.waking.size() > kShown) {
        const std::string more = "and " + std::to_string(model.waking.size() - kShown) + " more";
        MutedText(more.c_str());
    }
    const std::string label = std::string(icon::kHistory) + "  Bring back into the pipeline";
    if (SecondaryButton(label.c_str())) commands.wake_postponed = true;
    TagLastItem("today.wake");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Each deal returns to its stage with a follow-up task due today");
}

std::string Subtitle(const TodayModel& model) {
    const size_t due = model.overdue.size() + model.due_today.size();
    std::string text = model.date_text;
    if (due > 0) text += "  ·  " + std::to_string(due) + (due == 1 ? " activity to do" : " activities to do");
    return text;
}

}  // namespace

void DrawTodayScreen(const TodayModel& model, UiCommands& commands, bool phone) {
    DrawScreenHeader("Today", Subtitle(model), commands, phone);
    ImGui::Dummy(ImVec2(0, 2));
    if (!model.load_error.empty()) {
        LoadErrorText("today's work", model.load_error, "today.error");
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    const bool two_columns = ImGui::GetContentRegionAvail().x >= kTwoColumnMinWidth;
    if (two_columns) {
        const float gap = 24.0f;
        const float width = (ImGui::GetContentRegionAvail().x - gap) * 0.5f;
        ImGui::BeginChild("today-agenda", ImVec2(width, 0));
        DrawAgenda(model, commands, phone);
        ImGui::EndChild();
        ImGui::SameLine(0, gap);
        ImGui::BeginChild("today-deals", ImVec2(width, 0));
        DrawAttention(model, commands);
        DrawWaking(model, commands);
        ImGui::EndChild();
    } else {
        ImGui::BeginChild("today-all", ImVec2(0, 0));
        DrawAgenda(model, commands, phone);
        DrawWaking(model, commands);
        DrawAttention(model, commands);
        ImGui::Dummy(ImVec2(0, phone ? 80.0f : 0.0f));  // room above the floating button
        ImGui::EndChild();
    }
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace roadbook::ui
