// The workspace's commands: stage moves and outcomes from the board, bulk edits from the list, undo, and
// waking postponed deals. Each one is a store command (one transaction with its change-log rows).
#include "app/workspace.h"

#include "store/command_support.h"
#include "store/database.h"
#include "store/undo_commands.h"

namespace roadbook {

Workspace::Workspace(Database& database, std::function<WriteContext()> new_context, std::function<ViewClock()> clock)
    : database_(database),
      new_context_(std::move(new_context)),
      clock_(std::move(clock)),
      views_(database),
      admin_(database),
      opportunities_(database),
      activities_(database),
      contacts_(database),
      leads_store_(database) {}

Status Workspace::MoveStage(const ui::StageMove& move) {
    return opportunities_.MoveStage(move.opportunity_id, move.stage_id, new_context_());
}

Status Workspace::MarkWon(const std::string& opportunity_id) {
    return opportunities_.MarkWon(opportunity_id, std::nullopt, new_context_());
}

Status Workspace::MarkLost(const ui::LostAnswer& answer) {
    return opportunities_.MarkLost(answer.opportunity_id, answer.reason_id, answer.note, new_context_());
}

Result<size_t> Workspace::WakePostponed() {
    auto woken = opportunities_.WakePostponed(new_context_());
    if (!woken) return woken.errors();
    return woken.value().size();
}

Result<BulkOutcome> Workspace::Bulk(const std::vector<std::string>& ids,
                                    const std::function<Status(const std::string& id, const WriteContext& context)>& command) {
    BulkOutcome outcome;
    std::vector<ValidationError> first_errors;
    const WriteContext context = new_context_();
    // One transaction for the whole selection (one save to the device); each command runs in a savepoint,
    // so a refused deal leaves no trace while the others commit.
    auto status = InTransaction(database_, [&]() -> Status {
        for (const std::string& id : ids) {
            if (auto done = command(id, context); done) {
                ++outcome.changed;
            } else {
                if (outcome.skipped++ == 0) {
                    first_errors = done.errors();
                    outcome.first_refusal = done.first_error().message;
                }
            }
        }
        if (outcome.changed == 0 && !first_errors.empty()) return first_errors;
        return Done{};
    });
    if (!status) return status.errors();
    return outcome;
}

Result<BulkOutcome> Workspace::BulkMoveStage(const std::vector<std::string>& ids, const std::string& stage_id) {
    return Bulk(ids, [&](const std::string& id, const WriteContext& context) {
        return opportunities_.MoveStage(id, stage_id, context);
    });
}

Result<BulkOutcome> Workspace::BulkChangeOwner(const std::vector<std::string>& ids, const std::string& owner_id) {
    if (owner_id.empty()) return ValidationError{"owner_id", "required", "Choose the new owner."};
    OpportunityEdit edit;
    edit.owner_id = owner_id;
    return Bulk(ids, [&](const std::string& id, const WriteContext& context) {
        return opportunities_.Edit(id, edit, context);
    });
}

Result<BulkOutcome> Workspace::BulkMarkLost(const ui::BulkLostAnswer& answer) {
    return Bulk(answer.opportunity_ids, [&](const std::string& id, const WriteContext& context) {
        return opportunities_.MarkLost(id, answer.reason_id, answer.note, context);
    });
}

Result<int64_t> Workspace::ChangePosition() { return LastChangeSequence(database_); }

Result<int64_t> Workspace::Undo(const UndoRange& range) {
    return RevertOpportunityChanges(database_, range.after_sequence, range.up_to_sequence, new_context_());
}

}  // namespace roadbook
