// The App's handling of the Settings editors: each change is one store command; a refusal shows its errors
// under the part that caused it, a success clears that part's field and confirms with a toast.
#include "app/app.h"

namespace roadbook {

void App::ApplyConfigurationCommands(const ui::ConfigurationCommands& commands, double now_seconds) {
    ui::ConfigurationState& state = screen_.configuration;
    const auto settle = [&](const Status& done, const std::string& scope, const std::string& message,
                            std::string* field_to_clear = nullptr) {
        if (done) {
            Changed();
            state.errors.clear();
            state.error_scope.clear();
            if (field_to_clear) field_to_clear->clear();
            screen_.toast = ui::Toast{message, ui::ToastKind::Success, now_seconds};
        } else {
            state.errors = done.errors();
            state.error_scope = scope;
        }
    };
    const auto pipeline = [&]() -> std::string {
        if (!state.pipeline_id.empty()) return state.pipeline_id;
        const ui::ConfigurationModel& model = workspace_.Configuration(data_version_);
        return model.pipelines.empty() ? std::string() : model.pipelines.front().id;
    };
    if (commands.add_pipeline) {
        auto added = workspace_.AddPipeline(state.new_pipeline);
        if (added) state.pipeline_id = added.value();
        settle(added ? Status(Done{}) : Status(added.errors()), "pipelines", "Pipeline added", &state.new_pipeline);
    }
    if (commands.add_stage) {
        auto added = workspace_.AddStage(pipeline(), state.new_stage);
        settle(added ? Status(Done{}) : Status(added.errors()), "pipelines", "Stage added", &state.new_stage);
    }
    if (commands.save_stage) {
        const std::string& stage = *commands.save_stage;
        const Status saved = workspace_.SaveStage(pipeline(), stage, state.drafts[stage]);
        settle(saved, "stage." + stage, "Stage saved");
        if (saved) state.drafts.erase(stage);  // refilled from what was stored
    }
    if (commands.move_stage) {
        settle(workspace_.MoveStageInOrder(pipeline(), *commands.move_stage), "stage." + commands.move_stage->stage_id,
               "Stage moved");
    }
    if (commands.add_reason) {
        auto added = workspace_.AddLostReason(state.new_reason);
        settle(added ? Status(Done{}) : Status(added.errors()), "reasons", "Lost reason added", &state.new_reason);
    }
    if (commands.reason_active) {
        const auto& [reason, active] = *commands.reason_active;
        settle(workspace_.SetLostReasonActive(reason, active), "reasons", active ? "Lost reason restored" : "Lost reason retired");
    }
    if (commands.set_rate) {
        settle(workspace_.SetExchangeRate(state.rate_currency, state.rate_value), "rates", "Exchange rate saved",
               &state.rate_value);
    }
    if (commands.remove_rate) settle(workspace_.RemoveExchangeRate(*commands.remove_rate), "rates", "Exchange rate removed");
    if (commands.set_reporting_currency) {
        settle(workspace_.SetReportingCurrency(state.reporting_currency), "rates", "Totals now in " + state.reporting_currency,
               &state.reporting_currency);
    }
}

}  // namespace roadbook
