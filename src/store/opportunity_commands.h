// Everything a rep does to an existing opportunity: edit fields, move stage, override probability and
// forecast category, and the outcomes (won, lost, postponed, archived, reopened). Each command is one
// transaction through the RecordedWriter, so the change log holds every field change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar_date.h"
#include "core/money.h"
#include "core/pipeline.h"
#include "core/result.h"
#include "store/write_context.h"

namespace roadbook {

class Database;

// Fields to change; unset ones stay as they are.
struct OpportunityEdit {
    std::optional<std::string> name;
    std::optional<std::string> account_id;          // "" unlinks the account
    std::optional<std::string> primary_contact_id;  // "" clears it
    std::optional<std::string> owner_id;            // "" clears it
    std::optional<Money> amount;
    std::optional<CalendarDate> expected_close_date;
    std::optional<int32_t> priority;  // 0 (low) .. 3 (top)
    std::optional<std::string> source;
    std::optional<std::vector<std::string>> tags;
    std::optional<std::string> needs;
};

class OpportunityCommands {
public:
    explicit OpportunityCommands(Database& database) : database_(database) {}

    // Validates every given field (name required and at most 200 characters, amount not negative and in a
    // known currency, priority 0..3, tags without commas, linked records exist) and writes the ones that
    // differ. Moving the expected close date later counts a close-date push.
    Status Edit(const std::string& id, const OpportunityEdit& edit, const WriteContext& context);

    // Moves to another stage of the same pipeline: the stage clock restarts and the deal counts as touched.
    // A won stage marks the deal won (closed today); a lost stage needs a lost reason (MarkLost's rules).
    Status MoveStage(const std::string& id, const std::string& stage_id, const WriteContext& context,
                     const std::string& lost_reason_id = "", const std::string& lost_note = "");

    Status SetProbabilityOverride(const std::string& id, int32_t probability, const WriteContext& context);
    Status ResetProbability(const std::string& id, const WriteContext& context);
    Status SetForecastCategoryOverride(const std::string& id, ForecastCategory category, const WriteContext& context);
    Status ClearForecastCategoryOverride(const std::string& id, const WriteContext& context);

    // Won: closed on `closed_date` (today when unset), into the pipeline's won stage if it has one.
    Status MarkWon(const std::string& id, std::optional<CalendarDate> closed_date, const WriteContext& context);
    // Lost: a reason from the admin list is required (field "lost_reason_id"), the note is optional.
    Status MarkLost(const std::string& id, const std::string& lost_reason_id, const std::string& note,
                    const WriteContext& context);
    // Postponed until a future date with a reason; the deal keeps its stage to wake up into it.
    Status Postpone(const std::string& id, CalendarDate until, const std::string& reason, const WriteContext& context);
    Status Archive(const std::string& id, const WriteContext& context);
    // Back to open: out of a won or lost stage into the last open stage it was in (from the change log),
    // clearing the outcome fields.
    Status Reopen(const std::string& id, const WriteContext& context);

    // Postponed deals whose date has come (on or before context.today) wake up open in the stage they
    // were postponed from, each with a follow-up task due today. Returns the woken ids.
    Result<std::vector<std::string>> WakePostponed(const WriteContext& context);

private:
    Database& database_;
};

}  // namespace roadbook
