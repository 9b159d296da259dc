// The deal detail's header, stage path, outcome actions, editable fields, probability and forecast
// category. The draft is UI state: it follows the stored values until the rep edits it, and a save sends it
// whole (the workspace writes only what differs).
#include "ui/deal_detail_view.h"

#include <imgui.h>

#include <string>

#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr const char* kPriorities[] = {"0 · Low", "1 · Normal", "2 · High", "3 · Top"};

void SyncDraft(const DealDetailModel& model, DealState& state) {
    if (state.draft_for != model.id) {
        state.draft_for = model.id;
        state.draft = state.base = model.saved;
        state.errors.clear();
        state.probability.clear();
    } else if (!(state.base == model.saved)) {
        // New data (a save, an undo, a bulk edit): an untouched draft follows it; an edited one keeps the edits.
        if (state.draft == state.base) state.draft = model.saved;
        state.base = model.saved;
    }
}

// Where the deal stands with the server: the rep sees at a glance whether the team has their edits.
void DrawSyncLine(const RecordSyncModel& sync, UiCommands& commands) {
    const Palette& palette = CurrentPalette();
    const char* glyph = icon::kCheckCircle;
    ImU32 color = palette.success;
    switch (sync.state) {
        case RecordSyncState::LocalOnly: glyph = icon::kDatabase; color = palette.text_muted; break;
        case RecordSyncState::Synced: break;
        case RecordSyncState::Pending: glyph = icon::kRefresh; color = palette.text_muted; break;
        case RecordSyncState::Conflict: glyph = icon::kTriangle; color = palette.warning; break;
        case RecordSyncState::Refused: glyph = icon::kWarning; color = palette.danger; break;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s  %s", glyph, sync.text.c_str());
    ImGui::PopStyleColor();
    TagLastItem("opp.sync-state", sync.text);
    if (sync.state == RecordSyncState::Conflict) {
        if (SecondaryButton("Resolve in Settings##opp.sync-resolve")) commands.show_screen = Screen::Settings;
        TagLastItem("opp.sync-resolve", "Resolve in Settings");
    }
}

void DrawHeader(const DealDetailModel& model, UiCommands& commands) {
    if (SecondaryButton("Back##opp.back")) commands.close_deal = true;
    TagLastItem("opp.back", "Back");
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::PushFont(CurrentFonts().heading);
    ImGui::TextWrapped("%s", model.name.c_str());
    ImGui::PopFont();
    TagLastItem("opp.title", model.name);
    std::string subtitle = model.account_name.empty() ? "No account" : model.account_name;
    subtitle += "  ·  " + model.pipeline_name;
    MutedText(subtitle.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, model.open ? CurrentPalette().accent : CurrentPalette().text_muted);
    ImGui::TextUnformatted(model.status_text.c_str());
    ImGui::PopStyleColor();
    TagLastItem("opp.status", model.status_text);
    ImGui::SameLine(0, 16);
    MutedText(model.next_activity_text.c_str());
    TagLastItem("opp.next-activity", model.next_activity_text);
}

void DrawActions(const DealDetailModel& model, DealState& state, UiCommands& commands) {
    ImGui::Dummy(ImVec2(0, 4));
    if (PrimaryButton((std::string(icon::kPhone) + "  Log activity##opp.log-activity").c_str())) OpenLogDialog(state);
    TagLastItem("opp.log-activity", "Log activity");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Log a call, meeting, email or note (L)");
    const auto action = [](const char* label, const char* tag) {
        const std::string text = std::string(label) + "##" + tag;
        SameLineIfFits(ButtonWidth(text.c_str()));
        const bool pressed = SecondaryButton(text.c_str());
        TagLastItem(tag, label);
        return pressed;
    };
    if (model.open) {
        if (action("Won", "opp.mark-won")) state.confirm_won = true;
        if (action("Lost", "opp.mark-lost")) {
            state.lost = LostDialogState{};
            state.lost.open = true;
            state.lost.opportunity_id = model.id;
            state.lost.opportunity_name = model.name;
        }
        if (action("Postpone", "opp.postpone")) {
            state.postpone = PostponeDialogState{};
            state.postpone.open = true;
            if (!model.quick_due_dates.empty()) state.postpone.until = model.quick_due_dates.back().id;
        }
        if (action("Archive", "opp.archive")) commands.deal_outcome = DealOutcomeRequest{model.id, DealOutcome::Archive};
    } else if (action("Reopen", "opp.reopen")) {
        commands.deal_outcome = DealOutcomeRequest{model.id, DealOutcome::Reopen};
    }
}

// Salesforce's path: the open stages in order, the current one filled; a click moves the deal there.
void DrawStagePath(const DealDetailModel& model, UiCommands& commands, bool phone) {
    const Palette& palette = CurrentPalette();
    ImGui::Dummy(ImVec2(0, 6));
    const float gap = 4.0f;
    const float width = phone ? 0.0f
                              : (ImGui::GetContentRegionAvail().x - gap * float(model.stages.size() - 1)) /
                                    float(std::max<size_t>(1, model.stages.size()));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (size_t index = 0; index < model.stages.size(); ++index) {
        const StageStepModel& stage = model.stages[index];
        const std::string label = (stage.passed ? std::string(icon::kCheck) + "  " : std::string()) + stage.name +
                                  "##" + stage.id;
        if (index > 0) {
            if (phone) SameLineIfFits(ButtonWidth(label.c_str())); else ImGui::SameLine();
        }
        const ImU32 fill = stage.current ? palette.accent : stage.passed ? palette.surface_raised : palette.surface;
        ImGui::PushStyleColor(ImGuiCol_Button, fill);
        ImGui::PushStyleColor(ImGuiCol_Text, stage.current ? palette.accent_text : palette.text);
        if (ImGui::Button(label.c_str(), ImVec2(width, 36)) && !stage.current && model.open) {
            commands.move_stage = StageMove{model.id, stage.id, stage.name};
        }
        ImGui::PopStyleColor(2);
        TagLastItem("opp.stage." + stage.id, stage.name);
    }
    ImGui::PopStyleVar();
}

// The owner and priority pickers: a combo each, tagged like the text fields.
void DrawPickers(const DealDetailModel& model, DealState& state, float width) {
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted("Owner");
    ImGui::PopFont();
    std::string owner_label = "Nobody";
    for (const ChoiceModel& owner : model.owners) {
        if (owner.id == state.draft.owner_id) owner_label = owner.label;
    }
    ImGui::SetNextItemWidth(width);
    const bool open = ImGui::BeginCombo("##opp-owner", owner_label.c_str(), ImGuiComboFlags_HeightLarge);
    TagLastItem("opp.owner", owner_label);
    if (open) {
        for (const ChoiceModel& owner : model.owners) {
            if (ImGui::Selectable(owner.label.c_str(), owner.id == state.draft.owner_id)) state.draft.owner_id = owner.id;
            TagLastItem("opp.owner." + owner.id, owner.label);
        }
        ImGui::EndCombo();
    }
    FieldErrorMessage(ErrorFor(state.errors, "owner_id"));
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted("Priority");
    ImGui::PopFont();
    int priority = state.draft.priority.empty() ? 1 : state.draft.priority[0] - '0';
    if (priority < 0 || priority > 3) priority = 1;
    ImGui::SetNextItemWidth(width);
    if (ImGui::Combo("##opp-priority", &priority, kPriorities, 4)) state.draft.priority = std::to_string(priority);
    TagLastItem("opp.priority", kPriorities[priority]);
    FieldErrorMessage(ErrorFor(state.errors, "priority"));
}

void DrawFields(const DealDetailModel& model, DealState& state, UiCommands& commands, bool phone) {
    ImGui::Dummy(ImVec2(0, 8));
    const float full = ImGui::GetContentRegionAvail().x;
    const float gap = 24.0f;
    const float column = phone ? full : std::min(420.0f, (full - gap) * 0.5f);
    DealDraft& draft = state.draft;
    const auto& errors = state.errors;
    ImGui::BeginGroup();
    LabeledTextField("Name", "opp.name", draft.name, "What is being sold", errors, "name", column);
    LabeledTextField("Amount", "opp.amount", draft.amount, "0.00", errors, "amount", column * 0.6f);
    LabeledTextField("Currency", "opp.currency", draft.currency, "EUR", errors, "currency", column * 0.35f,
                     ImGuiInputTextFlags_CharsUppercase | ImGuiInputTextFlags_CharsNoBlank);
    LabeledTextField("Expected close date", "opp.close-date", draft.close_date, "YYYY-MM-DD", errors,
                     "expected_close_date", column * 0.6f, ImGuiInputTextFlags_CharsNoBlank);
    ImGui::EndGroup();
    if (!phone) ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    DrawPickers(model, state, column);
    LabeledTextField("Source", "opp.source", draft.source, "Referral, web, event...", errors, "source", column);
    LabeledTextField("Tags", "opp.tags", draft.tags, "enterprise, renewal", errors, "tags", column);
    ImGui::EndGroup();
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted("Needs and notes");
    ImGui::PopFont();
    ImGui::InputTextMultiline("##opp-needs", draft.needs.data(), draft.needs.capacity() + 1,
                              ImVec2(phone ? full : column * 2 + gap, 80),
                              ImGuiInputTextFlags_CallbackResize,
                              [](ImGuiInputTextCallbackData* data) {
                                  auto* text = static_cast<std::string*>(data->UserData);
                                  text->resize(size_t(data->BufTextLen));
                                  data->Buf = text->data();
                                  return 0;
                              },
                              &draft.needs);
    TagLastItem("opp.needs");
    FieldErrorMessage(ErrorFor(errors, "needs"));
    FieldErrorMessage(ErrorFor(errors, ""));
    ImGui::Dummy(ImVec2(0, 4));
    const bool changed = !(draft == model.saved);
    if (!changed) ImGui::BeginDisabled();
    if (PrimaryButton((std::string(icon::kCheck) + "  Save changes##opp.save").c_str())) {
        commands.save_deal = DealSave{model.id, draft};
    }
    TagLastItem("opp.save", "Save changes");
    ImGui::SameLine();
    if (SecondaryButton("Revert##opp.revert")) {
        draft = model.saved;
        state.errors.clear();
    }
    TagLastItem("opp.revert", "Revert");
    if (!changed) ImGui::EndDisabled();
}

void DrawForecast(const DealDetailModel& model, DealState& state, UiCommands& commands, bool phone) {
    ImGui::Dummy(ImVec2(0, 8));
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::Text("Probability %d%%", int(model.probability));
    ImGui::PopFont();
    TagLastItem("opp.probability-value", std::to_string(model.probability) + "%");
    if (model.probability_overridden) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().warning);
        ImGui::TextUnformatted("overridden");
        ImGui::PopStyleColor();
        TagLastItem("opp.probability-overridden", "overridden");
        ImGui::SameLine();
        const std::string reset = "Reset to the stage's " + std::to_string(model.stage_probability) + "%";
        if (SecondaryButton((reset + "##opp.probability-reset").c_str())) {
            commands.set_probability = ProbabilityChange{model.id, ""};
        }
        TagLastItem("opp.probability-reset", reset);
    }
    if (model.open) {
        ImGui::SetNextItemWidth(90);
        StringInput("##opp-probability", "0-100", state.probability, ImGuiInputTextFlags_CharsNoBlank);
        TagLastItem("opp.probability");
        ImGui::SameLine();
        if (SecondaryButton("Set##opp.probability-set")) {
            commands.set_probability = ProbabilityChange{model.id, state.probability.empty() ? "?" : state.probability};
        }
        TagLastItem("opp.probability-set", "Set");
        FieldErrorMessage(ErrorFor(state.errors, "probability"));
    }
    if (!phone && model.open) ImGui::SameLine(0, 32);
    ImGui::PushFont(CurrentFonts().strong);
    ImGui::TextUnformatted("Forecast");
    ImGui::PopFont();
    ImGui::SameLine();
    const std::string preview = model.forecast_label + (model.forecast_overridden ? " (overridden)" : " (from the stage)");
    ImGui::SetNextItemWidth(220);
    if (!model.open) ImGui::BeginDisabled();
    const bool open = ImGui::BeginCombo("##opp-forecast", preview.c_str());
    TagLastItem("opp.forecast", preview);
    if (open) {
        if (ImGui::Selectable("From the stage", !model.forecast_overridden)) commands.set_forecast = ForecastChange{model.id, ""};
        TagLastItem("opp.forecast.stage", "From the stage");
        for (const ChoiceModel& category : model.forecast_categories) {
            if (ImGui::Selectable(category.label.c_str(), model.forecast_overridden && category.id == model.forecast_category)) {
                commands.set_forecast = ForecastChange{model.id, category.id};
            }
            TagLastItem("opp.forecast." + category.id, category.label);
        }
        ImGui::EndCombo();
    }
    if (!model.open) ImGui::EndDisabled();
    FieldErrorMessage(ErrorFor(state.errors, "forecast_category"));
}

}  // namespace

void OpenLogDialog(DealState& state) {
    state.log = LogDialogState{};
    state.log.open = true;
    state.log.focus_first_field = true;
}

void DrawDealScreen(const DealDetailModel& model, const RecordSyncModel* sync, DealState& state, UiCommands& commands,
                    bool phone) {
    if (!model.load_error.empty()) {
        if (SecondaryButton("Back##opp.back")) commands.close_deal = true;
        TagLastItem("opp.back", "Back");
        LoadErrorText("this deal", model.load_error, "opp.error");
        return;
    }
    SyncDraft(model, state);
    DrawHeader(model, commands);
    if (sync) DrawSyncLine(*sync, commands);
    DrawActions(model, state, commands);
    DrawStagePath(model, commands, phone);
    DrawForecast(model, state, commands, phone);
    DrawFields(model, state, commands, phone);
    DrawDealSections(model, state, commands, phone);
}

}  // namespace roadbook::ui
