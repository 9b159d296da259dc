// Names, parsing and stage validation for the pipeline vocabulary.
#include "core/pipeline.h"

#include <array>
#include <cassert>

#include "core/text.h"

namespace roadbook {
namespace {

// Indexed by the enum's value; the order is the declaration order in pipeline.h.
constexpr std::array<std::string_view, 5> kForecastCategoryNames = {"pipeline", "best_case", "commit", "closed",
                                                                    "omitted"};
constexpr std::array<std::string_view, 5> kForecastCategoryLabels = {"Pipeline", "Best case", "Commit", "Closed",
                                                                     "Omitted"};
constexpr std::array<std::string_view, 5> kDealStatusNames = {"open", "won", "lost", "postponed", "archived"};
constexpr std::array<std::string_view, 5> kDealStatusLabels = {"Open", "Won", "Lost", "Postponed", "Archived"};

size_t IndexOf(ForecastCategory category) {
    const auto index = static_cast<size_t>(category);
    assert(index < kForecastCategoryNames.size() && "ForecastCategory out of range");
    return index;
}

size_t IndexOf(DealStatus status) {
    const auto index = static_cast<size_t>(status);
    assert(index < kDealStatusNames.size() && "DealStatus out of range");
    return index;
}

}  // namespace

std::string_view ForecastCategoryName(ForecastCategory category) { return kForecastCategoryNames[IndexOf(category)]; }

std::string_view ForecastCategoryLabel(ForecastCategory category) {
    return kForecastCategoryLabels[IndexOf(category)];
}

Result<ForecastCategory> ParseForecastCategory(std::string_view text) {
    for (size_t index = 0; index < kForecastCategoryNames.size(); ++index) {
        if (kForecastCategoryNames[index] == text) return static_cast<ForecastCategory>(index);
    }
    return ValidationError{"forecast_category", "unknown-value",
                           "Forecast category \"" + std::string(text) + "\" is not one of " +
                               JoinWithCommas(kForecastCategoryNames) + "."};
}

std::string_view DealStatusName(DealStatus status) { return kDealStatusNames[IndexOf(status)]; }

std::string_view DealStatusLabel(DealStatus status) { return kDealStatusLabels[IndexOf(status)]; }

Result<DealStatus> ParseDealStatus(std::string_view text) {
    for (size_t index = 0; index < kDealStatusNames.size(); ++index) {
        if (kDealStatusNames[index] == text) return static_cast<DealStatus>(index);
    }
    return ValidationError{"status", "unknown-value",
                           "Status \"" + std::string(text) + "\" is not one of " + JoinWithCommas(kDealStatusNames) + "."};
}

Status ValidateStageRules(const StageRules& stage) {
    std::vector<ValidationError> errors;
    const std::string_view name = Trim(stage.name);
    if (!IsValidUtf8(name)) {
        errors.push_back({"name", "invalid-text", "Stage name contains characters that are not valid text."});
    } else if (name.empty()) {
        errors.push_back({"name", "required", "Stage name is required."});
    } else if (CountCodePoints(name) > kMaxStageNameCharacters) {
        errors.push_back({"name", "too-long",
                          "Stage name is longer than " + std::to_string(kMaxStageNameCharacters) + " characters."});
    }
    if (stage.default_probability < 0 || stage.default_probability > 100) {
        errors.push_back({"default_probability", "range", "Default probability must be between 0% and 100%."});
    }
    if (stage.rot_days && *stage.rot_days <= 0) {
        errors.push_back({"rot_days", "range", "Days to rot must be at least 1 (or leave rotting off)."});
    }
    if (stage.next_step_window_days < 0) {
        errors.push_back({"next_step_window_days", "range", "Next-step window cannot be negative (0 means no limit)."});
    }
    if (stage.is_won && stage.is_lost) {
        errors.push_back({"is_lost", "won-and-lost", "A stage cannot be both won and lost."});
    }
    if (stage.forecast_category == ForecastCategory::Closed && !stage.is_won) {
        errors.push_back({"forecast_category", "closed-needs-won", "Only a won stage can be in the Closed category."});
    }
    if (!errors.empty()) return errors;
    return Done{};
}

}  // namespace roadbook
