// The Settings editors' view model (pipelines with their stages, lost reasons, currencies) and their
// commands over AdminStore. Numbers arrive as typed and are checked here or by the store's rules.
#include <algorithm>
#include <charconv>

#include "app/workspace.h"
#include "core/text.h"

namespace roadbook {
namespace {

// A whole number as typed, or an error naming `field`.
Result<int32_t> ParseWholeNumber(const std::string& text, const char* field, const char* what) {
    const std::string_view trimmed = Trim(text);
    int32_t value = 0;
    const auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
    if (trimmed.empty() || error != std::errc() || end != trimmed.data() + trimmed.size()) {
        return ValidationError{field, "not-a-number", std::string(what) + " must be a whole number, not '" + text + "'."};
    }
    return value;
}

ui::StageEditorModel StageModel(const StageRules& stage) {
    return {stage.id,
            stage.name,
            std::to_string(stage.default_probability),
            std::string(ForecastCategoryName(stage.forecast_category)),
            stage.rot_days ? std::to_string(*stage.rot_days) : std::string(),
            std::to_string(stage.next_step_window_days),
            stage.is_won,
            stage.is_lost};
}

}  // namespace

const ui::ConfigurationModel& Workspace::Configuration(uint64_t data_version) {
    if (configuration_version_ == data_version) return configuration_;
    configuration_version_ = data_version;
    configuration_ = ui::ConfigurationModel{};
    auto pipelines = admin_.Pipelines();
    auto reasons = admin_.LostReasons(true);
    auto rates = admin_.ExchangeRates();
    if (!pipelines || !reasons || !rates) {
        configuration_.load_error = !pipelines ? pipelines.first_error().message
                                    : !reasons ? reasons.first_error().message
                                               : rates.first_error().message;
        return configuration_;
    }
    for (const PipelineSummary& pipeline : pipelines.value()) {
        if (pipeline.archived) continue;
        ui::PipelineEditorModel editor{pipeline.id, pipeline.name, {}};
        auto stages = admin_.Stages(pipeline.id);
        if (!stages) {
            configuration_.load_error = stages.first_error().message;
            return configuration_;
        }
        for (const StageRules& stage : stages.value()) editor.stages.push_back(StageModel(stage));
        configuration_.pipelines.push_back(std::move(editor));
    }
    for (const LostReasonSummary& reason : reasons.value()) {
        configuration_.lost_reasons.push_back({reason.id, reason.label, reason.active});
    }
    configuration_.reporting_currency = rates.value().reporting_currency_code;
    for (const ExchangeRate& rate : rates.value().rates) {
        configuration_.rates.push_back({rate.currency_code, FormatExchangeRate(rate.rate_nanos)});
    }
    return configuration_;
}

Result<std::string> Workspace::AddPipeline(const std::string& name) {
    return admin_.AddPipeline(std::string(Trim(name)), new_context_());
}

Result<std::string> Workspace::AddStage(const std::string& pipeline_id, const std::string& name) {
    StageRules stage;
    stage.name = Trim(name);
    stage.default_probability = 10;  // a new stage starts early in the funnel; the admin sets the rest
    return admin_.AddStage(pipeline_id, stage, new_context_());
}

Status Workspace::SaveStage(const std::string& pipeline_id, const std::string& stage_id, const ui::StageDraft& draft) {
    auto stages = admin_.Stages(pipeline_id);
    if (!stages) return stages.errors();
    const auto stored = std::find_if(stages.value().begin(), stages.value().end(),
                                     [&](const StageRules& stage) { return stage.id == stage_id; });
    if (stored == stages.value().end()) return ValidationError{"stage_id", "not-found", "No stage with id " + stage_id + "."};
    StageRules stage = *stored;
    std::vector<ValidationError> errors;
    stage.name = Trim(draft.name);
    auto probability = ParseWholeNumber(draft.probability, "default_probability", "The probability");
    if (probability) stage.default_probability = probability.value(); else errors.push_back(probability.first_error());
    auto category = ParseForecastCategory(draft.category);
    if (category) stage.forecast_category = category.value(); else errors.push_back(category.first_error());
    if (Trim(draft.rot_days).empty()) {
        stage.rot_days.reset();
    } else if (auto rot = ParseWholeNumber(draft.rot_days, "rot_days", "Days before rotting"); rot) {
        stage.rot_days = rot.value();
    } else {
        errors.push_back(rot.first_error());
    }
    auto window = ParseWholeNumber(draft.window_days, "next_step_window_days", "The next-step window");
    if (window) stage.next_step_window_days = window.value(); else errors.push_back(window.first_error());
    if (!errors.empty()) return errors;
    return admin_.UpdateStage(stage, new_context_());
}

Status Workspace::MoveStageInOrder(const std::string& pipeline_id, const ui::StageOrderMove& move) {
    auto stages = admin_.Stages(pipeline_id);
    if (!stages) return stages.errors();
    std::vector<std::string> ids;
    for (const StageRules& stage : stages.value()) ids.push_back(stage.id);
    const auto at = std::find(ids.begin(), ids.end(), move.stage_id);
    if (at == ids.end()) return ValidationError{"stage_id", "not-found", "No stage with id " + move.stage_id + "."};
    const auto index = at - ids.begin();
    const auto other = index + move.direction;
    if (other < 0 || other >= std::ssize(ids)) return Done{};  // already first or last
    std::swap(ids[size_t(index)], ids[size_t(other)]);
    return admin_.ReorderStages(pipeline_id, ids, new_context_());
}

Result<std::string> Workspace::AddLostReason(const std::string& label) {
    return admin_.AddLostReason(std::string(Trim(label)), new_context_());
}

Status Workspace::SetLostReasonActive(const std::string& reason_id, bool active) {
    return admin_.SetLostReasonActive(reason_id, active, new_context_());
}

Status Workspace::SetExchangeRate(const std::string& currency, const std::string& rate_text) {
    auto rate = ParseExchangeRate(rate_text, "rate");
    if (!rate) return rate.errors();
    return admin_.SetExchangeRate(ToUpperAscii(std::string(Trim(currency))), rate.value(), new_context_());
}

Status Workspace::RemoveExchangeRate(const std::string& currency) {
    return admin_.RemoveExchangeRate(currency, new_context_());
}

Status Workspace::SetReportingCurrency(const std::string& currency) {
    return admin_.SetReportingCurrency(ToUpperAscii(std::string(Trim(currency))), new_context_());
}

}  // namespace roadbook
