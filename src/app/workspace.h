// The rep's workspace behind the Today and board screens: builds their view models from the store's view
// queries (again only when the data, the filters or the date changed) and carries out what the screens
// ask for through the store's commands. No Dear ImGui, so it is tested natively.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/result.h"
#include "store/activity_store.h"
#include "store/admin_store.h"
#include "store/opportunity_commands.h"
#include "store/view_queries.h"
#include "store/write_context.h"
#include "ui/board_models.h"
#include "ui/today_models.h"

namespace roadbook {

class Database;

class Workspace {
public:
    // `new_context` stamps each write (actor, time, ids, clock); `clock` gives the device's today.
    Workspace(Database& database, std::function<WriteContext()> new_context, std::function<ViewClock()> clock);

    // The board for the pipeline and filters in `state`; the view query runs again only when
    // `data_version`, the pipeline, a filter or the date differs from the last call.
    const ui::BoardModel& Board(const ui::BoardState& state, uint64_t data_version);
    // Today for everyone on this device, with the same rule for running the queries again.
    const ui::TodayModel& Today(uint64_t data_version);

    // Moves a card to an open stage of its pipeline.
    Status MoveStage(const ui::StageMove& move);
    // Won today, into the pipeline's won stage.
    Status MarkWon(const std::string& opportunity_id);
    // Lost with a reason from the admin's list ("lost_reason_id" required) and an optional note.
    Status MarkLost(const ui::LostAnswer& answer);

    // The next-step prompt for completing a scheduled activity, filled in with a call tomorrow about
    // the same deal. "activity_id" not-found, "state" not-scheduled.
    Result<ui::NextStepPromptState> PromptForCompletion(const std::string& activity_id);
    // Completes the activity with the store's next-step rule: the next activity scheduled with it, or
    // "no next step" with a reason. Errors name the prompt's fields ("next_step", "next_step.subject",
    // "next_step.due_date", "outcome").
    Status CompleteActivity(const ui::NextStepAnswer& answer);
    // Wakes the postponed deals whose date has come; returns how many.
    Result<size_t> WakePostponed();

private:
    struct BoardKey {
        uint64_t data_version = 0;
        std::string pipeline_id, owner_id, team_id, text;
        CalendarDate today;
        friend bool operator==(const BoardKey&, const BoardKey&) = default;
    };
    struct TodayKey {
        uint64_t data_version = 0;
        CalendarDate today;
        friend bool operator==(const TodayKey&, const TodayKey&) = default;
    };
    void ReloadBoard(const ui::BoardState& state, const ViewClock& clock);
    void ReloadToday(const ViewClock& clock);

    Database& database_;
    std::function<WriteContext()> new_context_;
    std::function<ViewClock()> clock_;
    ViewQueries views_;
    AdminStore admin_;
    OpportunityCommands opportunities_;
    ActivityStore activities_;
    std::optional<BoardKey> board_key_;
    ui::BoardModel board_;
    std::optional<TodayKey> today_key_;
    ui::TodayModel today_;
};

}  // namespace roadbook
