// What the Settings editors for the team's configuration draw (pipelines and their stages, lost reasons,
// the reporting currency and exchange rates) and their UI state: drafts of edited stages, the text of the
// add fields, and the errors of the last refused change. Plain data, no Dear ImGui.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace roadbook::ui {

struct StageEditorModel {
    std::string id;
    std::string name;
    std::string probability;  // "30"
    std::string category;     // stable name: "pipeline", "best_case", ...
    std::string rot_days;     // "" for never
    std::string window_days;  // "0" for no limit
    bool is_won = false;
    bool is_lost = false;
};

struct PipelineEditorModel {
    std::string id;
    std::string name;
    std::vector<StageEditorModel> stages;  // in order, won and lost last
};

struct LostReasonEditorModel {
    std::string id;
    std::string label;
    bool active = true;
};

struct RateEditorModel {
    std::string currency;
    std::string rate_text;  // units of the reporting currency per unit of this one
};

struct ConfigurationModel {
    std::vector<PipelineEditorModel> pipelines;
    std::vector<LostReasonEditorModel> lost_reasons;  // retired ones too
    std::string reporting_currency;
    std::vector<RateEditorModel> rates;
    std::string load_error;
};

struct StageDraft {
    std::string name, probability, category, rot_days, window_days;
    friend bool operator==(const StageDraft&, const StageDraft&) = default;
};

struct ConfigurationState {
    std::string pipeline_id;                  // the pipeline whose stages show
    std::map<std::string, StageDraft> drafts;  // by stage id, filled from the model when missing
    std::string new_pipeline, new_stage, new_reason, rate_currency, rate_value, reporting_currency;
    std::string error_scope;  // "pipelines", "stage.<id>", "reasons", "rates": where the errors show
    std::vector<ValidationError> errors;
};

struct StageOrderMove {
    std::string stage_id;
    int direction = 0;  // -1 earlier, +1 later
};

struct ConfigurationCommands {
    bool add_pipeline = false;  // with the state's text
    bool add_stage = false;
    std::optional<std::string> save_stage;  // a stage id, with its draft
    std::optional<StageOrderMove> move_stage;
    bool add_reason = false;
    std::optional<std::pair<std::string, bool>> reason_active;  // a reason id, retire (false) or restore
    bool set_rate = false;
    std::optional<std::string> remove_rate;  // a currency code
    bool set_reporting_currency = false;
};

}  // namespace roadbook::ui
