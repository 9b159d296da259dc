// The workspace's commands: stage moves and outcomes from the board and waking postponed deals. Each one
// is a store command (one transaction with its change-log rows).
#include "app/workspace.h"

#include "store/database.h"

namespace roadbook {

Workspace::Workspace(Database& database, std::function<WriteContext()> new_context, std::function<ViewClock()> clock)
    : database_(database),
      new_context_(std::move(new_context)),
      clock_(std::move(clock)),
      views_(database),
      admin_(database),
      opportunities_(database),
      activities_(database) {}

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

}  // namespace roadbook
