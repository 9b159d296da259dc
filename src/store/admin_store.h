// What admins configure: pipelines and stages, lost reasons, teams and users as local reference data,
// exchange rates and the reporting currency. Each command is one transaction with change-log rows.
#pragma once

#include <string>
#include <vector>

#include "core/exchange_rate.h"
#include "core/pipeline.h"
#include "core/result.h"
#include "store/write_context.h"

namespace roadbook {

class Database;

struct PipelineSummary {
    std::string id;
    std::string name;
    int64_t position = 0;
    bool archived = false;
};

enum class UserRole { Rep, Manager, Admin };

struct LostReasonSummary {
    std::string id;
    std::string label;
    bool active = true;
};

struct TeamSummary {
    std::string id;
    std::string name;
};

struct UserSummary {
    std::string id;
    std::string name;
    std::string team_id;  // empty when the user is in no team
    bool active = true;
};

class AdminStore {
public:
    explicit AdminStore(Database& database) : database_(database) {}

    // Pipelines: a new one comes last; reordering takes every pipeline id in the new order.
    Result<std::string> AddPipeline(const std::string& name, const WriteContext& context);
    Status RenamePipeline(const std::string& id, const std::string& name, const WriteContext& context);
    Status ReorderPipelines(const std::vector<std::string>& ids_in_order, const WriteContext& context);
    Result<std::vector<PipelineSummary>> Pipelines();

    // Stages: validated with core ValidateStageRules; a new stage comes last in its pipeline; reordering
    // takes every stage id of the pipeline in the new order.
    Result<std::string> AddStage(const std::string& pipeline_id, const StageRules& stage, const WriteContext& context);
    Status UpdateStage(const StageRules& stage, const WriteContext& context);
    Status ReorderStages(const std::string& pipeline_id, const std::vector<std::string>& ids_in_order,
                         const WriteContext& context);
    Result<std::vector<StageRules>> Stages(const std::string& pipeline_id);

    // Lost reasons: add, rename, and retire (retired reasons stay on the deals that used them).
    Result<std::string> AddLostReason(const std::string& label, const WriteContext& context);
    Status RenameLostReason(const std::string& id, const std::string& label, const WriteContext& context);
    Status SetLostReasonActive(const std::string& id, bool active, const WriteContext& context);
    // In the admin's order; retired ones only when asked for (pickers offer the active ones).
    Result<std::vector<LostReasonSummary>> LostReasons(bool include_retired = false);

    // Teams and users as local reference data (sync makes them the server's).
    Result<std::string> AddTeam(const std::string& name, const WriteContext& context);
    Result<std::string> AddUser(const std::string& name, const std::string& email, const std::string& team_id,
                                UserRole role, const WriteContext& context);
    // By name, for filters and pickers.
    Result<std::vector<TeamSummary>> Teams();
    Result<std::vector<UserSummary>> Users();

    // Exchange rates in reporting units per unit of the currency, 9 decimals (core/exchange_rate.h).
    Status SetExchangeRate(const std::string& currency_code, int64_t rate_nanos, const WriteContext& context);
    Status RemoveExchangeRate(const std::string& currency_code, const WriteContext& context);
    // Changing the reporting currency drops rates that no longer make sense (the new reporting currency's
    // own) and keeps the rest for the admin to review.
    Status SetReportingCurrency(const std::string& currency_code, const WriteContext& context);
    Result<ExchangeRateTable> ExchangeRates();

private:
    Status DeleteExchangeRate(const std::string& currency_code, const WriteContext& context);
    Status Reorder(const char* table, const char* entity, const std::string& scope_column, const std::string& scope,
                   const std::vector<std::string>& ids_in_order, const WriteContext& context);
    Database& database_;
};

}  // namespace roadbook
