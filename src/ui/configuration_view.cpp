// The configuration editors in Settings, one card each.
#include "ui/configuration_view.h"

#include <imgui.h>

#include <string>

#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace roadbook::ui {
namespace {

constexpr const char* kCategories[][2] = {{"pipeline", "Pipeline"}, {"best_case", "Best case"}, {"commit", "Commit"},
                                          {"closed", "Closed"},     {"omitted", "Omitted"}};

const char* CategoryLabel(const std::string& name) {
    for (const auto& category : kCategories) {
        if (name == category[0]) return category[1];
    }
    return "Pipeline";
}

void ShowErrors(const ConfigurationState& state, const std::string& scope) {
    if (state.error_scope != scope) return;
    for (const ValidationError& error : state.errors) FieldErrorMessage(&error);
}

// A small text field tagged `tag`, `width` wide.
void SmallField(const std::string& id, const std::string& tag, std::string& value, float width, const char* hint = "") {
    ImGui::SetNextItemWidth(width);
    StringInput(id.c_str(), hint, value);
    TagLastItem(tag, value);
}

void DrawStageRow(const StageEditorModel& stage, ConfigurationState& state, ConfigurationCommands& commands, bool editable) {
    StageDraft& draft = state.drafts.try_emplace(stage.id, StageDraft{stage.name, stage.probability, stage.category,
                                                                      stage.rot_days, stage.window_days})
                            .first->second;
    const StageDraft saved{stage.name, stage.probability, stage.category, stage.rot_days, stage.window_days};
    const std::string prefix = "stage." + stage.id;
    ImGui::PushID(stage.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    SmallField("##name", prefix + ".name", draft.name, -1);
    ImGui::TableNextColumn();
    ImGui::BeginDisabled(stage.is_won || stage.is_lost);  // won is 100 and lost is 0 by definition
    SmallField("##probability", prefix + ".probability", draft.probability, -1);
    ImGui::EndDisabled();
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##category", CategoryLabel(draft.category))) {
        for (const auto& category : kCategories) {
            if (ImGui::Selectable(category[1], draft.category == category[0])) draft.category = category[0];
            TagLastItem(prefix + ".category." + category[0], category[1]);
        }
        ImGui::EndCombo();
    }
    TagLastItem(prefix + ".category", CategoryLabel(draft.category));
    ImGui::TableNextColumn();
    SmallField("##rot", prefix + ".rot", draft.rot_days, -1, "never");
    ImGui::TableNextColumn();
    SmallField("##window", prefix + ".window", draft.window_days, -1);
    ImGui::TableNextColumn();
    if (editable) {
        if (ImGui::SmallButton(icon::kChevronUp)) commands.move_stage = StageOrderMove{stage.id, -1};
        TagLastItem(prefix + ".up", "Earlier");
        ImGui::SameLine();
        if (ImGui::SmallButton(icon::kChevronDown)) commands.move_stage = StageOrderMove{stage.id, +1};
        TagLastItem(prefix + ".down", "Later");
        ImGui::SameLine();
        ImGui::BeginDisabled(draft == saved);
        if (ImGui::SmallButton("Save")) commands.save_stage = stage.id;
        ImGui::EndDisabled();
        TagLastItem(prefix + ".save", "Save");
    }
    // A refusal shows right under the row it concerns.
    if (state.error_scope == prefix && !state.errors.empty()) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushTextWrapPos(0);
        ShowErrors(state, prefix);
        ImGui::PopTextWrapPos();
    }
    ImGui::PopID();
}

void DrawPipelines(const ConfigurationModel& model, bool editable, ConfigurationState& state,
                   ConfigurationCommands& commands, bool phone) {
    BeginSettingsSection("pipelines", (std::string(icon::kColumns) + "  Pipelines and stages").c_str());
    const PipelineEditorModel* shown = nullptr;
    for (const PipelineEditorModel& pipeline : model.pipelines) {
        if (pipeline.id == state.pipeline_id) shown = &pipeline;
    }
    if (!shown && !model.pipelines.empty()) shown = &model.pipelines.front();
    ImGui::SetNextItemWidth(phone ? -1.0f : 260.0f);
    if (ImGui::BeginCombo("##settings-pipeline", shown ? shown->name.c_str() : "No pipeline")) {
        for (const PipelineEditorModel& pipeline : model.pipelines) {
            if (ImGui::Selectable(pipeline.name.c_str(), shown == &pipeline)) state.pipeline_id = pipeline.id;
            TagLastItem("settings.pipeline." + pipeline.id, pipeline.name);
        }
        ImGui::EndCombo();
    }
    TagLastItem("settings.pipeline", shown ? shown->name : std::string());
    if (shown) {
        ImGui::PushFont(CurrentFonts().small);
        MutedWrappedText("Probability is the default for deals in the stage; a deal rots when idle longer than its "
                         "days (empty: never); the next step should be due within the window (0: no limit).");
        ImGui::PopFont();
        const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg |
                                      (phone ? ImGuiTableFlags_ScrollX : 0);
        if (ImGui::BeginTable("stages", 6, flags, ImVec2(0, 0))) {
            ImGui::TableSetupColumn("Stage", ImGuiTableColumnFlags_WidthStretch, 3.0f);
            ImGui::TableSetupColumn("Prob. %", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn("Forecast", ImGuiTableColumnFlags_WidthStretch, 1.8f);
            ImGui::TableSetupColumn("Rots after", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn("Next step in", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, editable ? 130.0f : 1.0f);
            ImGui::TableHeadersRow();
            ImGui::BeginDisabled(!editable);
            for (const StageEditorModel& stage : shown->stages) DrawStageRow(stage, state, commands, editable);
            ImGui::EndDisabled();
            ImGui::EndTable();
        }
    }
    if (editable) {
        if (shown) {
            SmallField("##new-stage", "settings.new-stage", state.new_stage, phone ? -1.0f : 220.0f, "New stage name");
            if (!phone) ImGui::SameLine();
            if (SecondaryButton("Add stage##settings.add-stage")) {
                state.pipeline_id = shown->id;
                commands.add_stage = true;
            }
            TagLastItem("settings.add-stage", "Add stage");
        }
        SmallField("##new-pipeline", "settings.new-pipeline", state.new_pipeline, phone ? -1.0f : 220.0f,
                   "New pipeline name");
        if (!phone) ImGui::SameLine();
        if (SecondaryButton("Add pipeline##settings.add-pipeline")) commands.add_pipeline = true;
        TagLastItem("settings.add-pipeline", "Add pipeline");
        ShowErrors(state, "pipelines");
    }
    EndSettingsSection();
}

void DrawLostReasons(const ConfigurationModel& model, bool editable, ConfigurationState& state,
                     ConfigurationCommands& commands, bool phone) {
    BeginSettingsSection("lost-reasons", (std::string(icon::kThumbsDown) + "  Lost reasons").c_str());
    for (const LostReasonEditorModel& reason : model.lost_reasons) {
        ImGui::PushID(reason.id.c_str());
        if (reason.active) {
            ImGui::TextUnformatted(reason.label.c_str());
        } else {
            MutedText((reason.label + " (retired)").c_str());
        }
        TagLastItem("reason." + reason.id, reason.label);
        if (editable) {
            ImGui::SameLine();
            const char* label = reason.active ? "Retire" : "Restore";
            if (ImGui::SmallButton(label)) commands.reason_active = std::pair{reason.id, !reason.active};
            TagLastItem("reason." + reason.id + (reason.active ? ".retire" : ".restore"), label);
        }
        ImGui::PopID();
    }
    if (editable) {
        SmallField("##new-reason", "settings.new-reason", state.new_reason, phone ? -1.0f : 220.0f, "New reason");
        if (!phone) ImGui::SameLine();
        if (SecondaryButton("Add reason##settings.add-reason")) commands.add_reason = true;
        TagLastItem("settings.add-reason", "Add reason");
        ShowErrors(state, "reasons");
    }
    EndSettingsSection();
}

void DrawCurrencies(const ConfigurationModel& model, bool editable, ConfigurationState& state,
                    ConfigurationCommands& commands, bool phone) {
    BeginSettingsSection("currencies", (std::string(icon::kMoney) + "  Currencies").c_str());
    ImGui::TextWrapped("Totals are shown in %s. A rate says how much one unit of a currency is worth in it.",
                       model.reporting_currency.c_str());
    TagLastItem("settings.reporting-currency-text", model.reporting_currency);
    for (const RateEditorModel& rate : model.rates) {
        ImGui::PushID(rate.currency.c_str());
        const std::string line = "1 " + rate.currency + " = " + rate.rate_text + " " + model.reporting_currency;
        ImGui::TextUnformatted(line.c_str());
        TagLastItem("rate." + rate.currency, line);
        if (editable) {
            ImGui::SameLine();
            if (ImGui::SmallButton("Remove")) commands.remove_rate = rate.currency;
            TagLastItem("rate." + rate.currency + ".remove", "Remove");
        }
        ImGui::PopID();
    }
    if (editable) {
        SmallField("##rate-currency", "settings.rate-currency", state.rate_currency, 80.0f, "USD");
        ImGui::SameLine();
        SmallField("##rate-value", "settings.rate-value", state.rate_value, phone ? 110.0f : 140.0f, "0.92");
        if (!phone) ImGui::SameLine();
        if (SecondaryButton("Set rate##settings.set-rate")) commands.set_rate = true;
        TagLastItem("settings.set-rate", "Set rate");
        SmallField("##reporting", "settings.reporting-currency", state.reporting_currency, 80.0f,
                   model.reporting_currency.c_str());
        ImGui::SameLine();
        if (SecondaryButton("Report in this currency##settings.set-reporting-currency")) commands.set_reporting_currency = true;
        TagLastItem("settings.set-reporting-currency", "Report in this currency");
        ShowErrors(state, "rates");
    }
    EndSettingsSection();
}

}  // namespace

void DrawConfigurationSections(const ConfigurationModel& model, bool editable, ConfigurationState& state,
                               ConfigurationCommands& commands, bool phone) {
    if (!model.load_error.empty()) {
        LoadErrorText("the configuration", model.load_error, "settings.configuration-error");
        return;
    }
    if (!editable) {
        ImGui::PushFont(CurrentFonts().small);
        MutedWrappedText("Pipelines, lost reasons and rates are the team's: only an admin changes them.");
        TagLastItem("settings.configuration-note", "Only an admin changes them");
        ImGui::PopFont();
    }
    DrawPipelines(model, editable, state, commands, phone);
    DrawLostReasons(model, editable, state, commands, phone);
    DrawCurrencies(model, editable, state, commands, phone);
}

}  // namespace roadbook::ui
