// Pipeline vocabulary: stable names round-trip, unknown names are refused, stage rules are validated.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/pipeline.h"

using namespace roadbook;

namespace {

bool HasError(const Status& status, const std::string& field, const std::string& rule) {
    if (status.ok()) return false;
    return std::any_of(status.errors().begin(), status.errors().end(), [&](const ValidationError& error) {
        return error.field == field && error.rule == rule;
    });
}

StageRules GoodStage() {
    StageRules stage;
    stage.id = "stage-negotiation";
    stage.name = "Negotiation";
    stage.default_probability = 60;
    stage.forecast_category = ForecastCategory::BestCase;
    stage.rot_days = 14;
    stage.next_step_window_days = 10;
    return stage;
}

}  // namespace

TEST_CASE("forecast categories have stable names that parse back") {
    REQUIRE(ForecastCategoryName(ForecastCategory::Pipeline) == "pipeline");
    REQUIRE(ForecastCategoryName(ForecastCategory::BestCase) == "best_case");
    REQUIRE(ForecastCategoryName(ForecastCategory::Commit) == "commit");
    REQUIRE(ForecastCategoryName(ForecastCategory::Closed) == "closed");
    REQUIRE(ForecastCategoryName(ForecastCategory::Omitted) == "omitted");
    for (const auto category : {ForecastCategory::Pipeline, ForecastCategory::BestCase, ForecastCategory::Commit,
                                ForecastCategory::Closed, ForecastCategory::Omitted}) {
        REQUIRE(ParseForecastCategory(ForecastCategoryName(category)).value() == category);
    }
    REQUIRE(ForecastCategoryLabel(ForecastCategory::BestCase) == "Best case");
    REQUIRE(ForecastCategoryLabel(ForecastCategory::Omitted) == "Omitted");
}

TEST_CASE("unknown forecast category names are refused naming the field and the choices") {
    for (const char* text : {"", "Commit", "best case", "bestcase", " commit", "forecast"}) {
        const auto parsed = ParseForecastCategory(text);
        REQUIRE_FALSE(parsed.ok());
        REQUIRE(parsed.first_error().field == "forecast_category");
        REQUIRE(parsed.first_error().rule == "unknown-value");
    }
    REQUIRE(ParseForecastCategory("Commit").first_error().message ==
            "Forecast category \"Commit\" is not one of pipeline, best_case, commit, closed, omitted.");
}

TEST_CASE("deal statuses have stable names that parse back") {
    REQUIRE(DealStatusName(DealStatus::Open) == "open");
    REQUIRE(DealStatusName(DealStatus::Won) == "won");
    REQUIRE(DealStatusName(DealStatus::Lost) == "lost");
    REQUIRE(DealStatusName(DealStatus::Postponed) == "postponed");
    REQUIRE(DealStatusName(DealStatus::Archived) == "archived");
    for (const auto status :
         {DealStatus::Open, DealStatus::Won, DealStatus::Lost, DealStatus::Postponed, DealStatus::Archived}) {
        REQUIRE(ParseDealStatus(DealStatusName(status)).value() == status);
    }
    REQUIRE(DealStatusLabel(DealStatus::Postponed) == "Postponed");
    REQUIRE(IsOpen(DealStatus::Open));
    REQUIRE_FALSE(IsOpen(DealStatus::Postponed));
    REQUIRE_FALSE(IsOpen(DealStatus::Won));
}

TEST_CASE("unknown deal statuses are refused naming the field") {
    for (const char* text : {"", "Open", "closed", "deleted", "won "}) {
        const auto parsed = ParseDealStatus(text);
        REQUIRE_FALSE(parsed.ok());
        REQUIRE(parsed.first_error().field == "status");
        REQUIRE(parsed.first_error().rule == "unknown-value");
    }
    REQUIRE(ParseDealStatus("closed").first_error().message ==
            "Status \"closed\" is not one of open, won, lost, postponed, archived.");
}

TEST_CASE("a well-formed stage validates, including the edges of each range") {
    REQUIRE(ValidateStageRules(GoodStage()).ok());
    auto stage = GoodStage();
    stage.default_probability = 0;
    stage.rot_days = std::nullopt;
    stage.next_step_window_days = 0;
    REQUIRE(ValidateStageRules(stage).ok());
    stage.default_probability = 100;
    stage.rot_days = 1;
    REQUIRE(ValidateStageRules(stage).ok());
    stage.name = std::string(kMaxStageNameCharacters, 'x');
    REQUIRE(ValidateStageRules(stage).ok());
    stage.name = "  Clôture – Ελλάδα ";
    REQUIRE(ValidateStageRules(stage).ok());
}

TEST_CASE("won and lost stages validate with their usual categories") {
    auto won = GoodStage();
    won.is_won = true;
    won.default_probability = 100;
    won.forecast_category = ForecastCategory::Closed;
    REQUIRE(ValidateStageRules(won).ok());
    auto lost = GoodStage();
    lost.is_lost = true;
    lost.default_probability = 0;
    lost.forecast_category = ForecastCategory::Omitted;
    REQUIRE(ValidateStageRules(lost).ok());
}

TEST_CASE("each stage rule names its field and rule") {
    auto stage = GoodStage();
    stage.name = "   ";
    REQUIRE(HasError(ValidateStageRules(stage), "name", "required"));
    REQUIRE(ValidateStageRules(stage).first_error().message == "Stage name is required.");
    stage.name = std::string(kMaxStageNameCharacters + 1, 'x');
    REQUIRE(HasError(ValidateStageRules(stage), "name", "too-long"));
    stage.name = "bad \xff text";
    REQUIRE(HasError(ValidateStageRules(stage), "name", "invalid-text"));

    stage = GoodStage();
    stage.default_probability = -1;
    REQUIRE(HasError(ValidateStageRules(stage), "default_probability", "range"));
    stage.default_probability = 101;
    REQUIRE(HasError(ValidateStageRules(stage), "default_probability", "range"));

    stage = GoodStage();
    stage.rot_days = 0;
    REQUIRE(HasError(ValidateStageRules(stage), "rot_days", "range"));
    stage.rot_days = -3;
    REQUIRE(HasError(ValidateStageRules(stage), "rot_days", "range"));

    stage = GoodStage();
    stage.next_step_window_days = -1;
    REQUIRE(HasError(ValidateStageRules(stage), "next_step_window_days", "range"));

    stage = GoodStage();
    stage.is_won = true;
    stage.is_lost = true;
    REQUIRE(HasError(ValidateStageRules(stage), "is_lost", "won-and-lost"));

    stage = GoodStage();
    stage.forecast_category = ForecastCategory::Closed;
    REQUIRE(HasError(ValidateStageRules(stage), "forecast_category", "closed-needs-won"));
}

TEST_CASE("every broken stage rule is reported at once") {
    StageRules stage;
    stage.name = "";
    stage.default_probability = 250;
    stage.rot_days = 0;
    stage.next_step_window_days = -5;
    stage.is_won = true;
    stage.is_lost = true;
    const Status status = ValidateStageRules(stage);
    REQUIRE_FALSE(status.ok());
    REQUIRE(status.errors().size() == 5);
    REQUIRE(HasError(status, "name", "required"));
    REQUIRE(HasError(status, "default_probability", "range"));
    REQUIRE(HasError(status, "rot_days", "range"));
    REQUIRE(HasError(status, "next_step_window_days", "range"));
    REQUIRE(HasError(status, "is_lost", "won-and-lost"));
}
