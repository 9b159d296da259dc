// The deal detail's lower sections: contacts (deal_contacts_view.cpp), the activity timeline (scheduled first,
// then done, newest first) and the field history from the change log (newest first).
#include <imgui.h>

#include <string>

#include "ui/deal_detail_view.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr size_t kHistoryShown = 40;  // the newest changes; the change log keeps them all

const char* KindIcon(const std::string& kind) {
    if (kind == "call") return icon::kPhone;
    if (kind == "meeting") return icon::kUsers;
    if (kind == "email") return icon::kEnvelope;
    if (kind == "note") return icon::kStickyNote;
    return icon::kCheckSquare;
}

void SectionTitle(const char* title) {
    ImGui::Dummy(ImVec2(0, 10));
    ImGui::PushFont(CurrentFonts().heading);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    ImGui::Separator();
}

void DrawTimeline(const DealDetailModel& model) {
    SectionTitle("Activities");
    if (model.timeline.empty()) MutedText("Nothing logged or scheduled yet.");
    const Palette& palette = CurrentPalette();
    for (const TimelineItemModel& item : model.timeline) {
        ImGui::PushStyleColor(ImGuiCol_Text, item.done ? palette.success : item.overdue ? palette.danger : palette.accent);
        ImGui::TextUnformatted(item.done ? icon::kCheckCircle : KindIcon(item.kind));
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::PushFont(CurrentFonts().strong);
        ImGui::TextUnformatted(item.subject.c_str());
        ImGui::PopFont();
        TagLastItem("opp.activity." + item.id, item.subject);
        ImGui::SameLine();
        MutedText(item.when_text.c_str());
        if (!item.detail.empty()) {
            ImGui::Indent(24);
            ImGui::PushTextWrapPos(0);
            MutedText(item.detail.c_str());
            ImGui::PopTextWrapPos();
            ImGui::Unindent(24);
        }
    }
}

void DrawHistory(const DealDetailModel& model) {
    SectionTitle("History");
    if (model.history.empty()) MutedText("No changes recorded.");
    for (size_t index = 0; index < model.history.size() && index < kHistoryShown; ++index) {
        const HistoryItemModel& item = model.history[index];
        ImGui::PushFont(CurrentFonts().strong);
        ImGui::TextUnformatted(item.field.c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::TextUnformatted(item.change_text.c_str());
        TagLastItem("opp.history." + std::to_string(index), item.field + ": " + item.change_text);
        ImGui::SameLine();
        MutedText(item.when_text.c_str());
    }
}

}  // namespace

void DrawDealSections(const DealDetailModel& model, DealState& state, UiCommands& commands, bool phone) {
    // One column everywhere: the sections are lists.
    DrawDealContacts(model, state, commands, phone);
    DrawTimeline(model);
    DrawHistory(model);
    ImGui::Dummy(ImVec2(0, 24));
}

}  // namespace roadbook::ui
