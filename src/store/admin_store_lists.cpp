// The admin lists that pickers and filters read: lost reasons, teams and users.
#include "store/admin_store.h"
#include "store/command_support.h"
#include "store/database.h"

namespace roadbook {

Result<std::vector<LostReasonSummary>> AdminStore::LostReasons(bool include_retired) {
    auto statement = database_.PrepareCached(
        "SELECT id, label, active FROM lost_reasons WHERE active = 1 OR ? ORDER BY position, label",
        "Listing lost reasons");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    row.Bind(1, int64_t(include_retired ? 1 : 0));
    std::vector<LostReasonSummary> reasons;
    while (row.Step()) reasons.push_back({row.ColumnText(0), row.ColumnText(1), row.ColumnInt(2) != 0});
    if (!row.error().empty()) return StorageError(row);
    return reasons;
}

Result<std::vector<TeamSummary>> AdminStore::Teams() {
    auto statement = database_.PrepareCached("SELECT id, name FROM teams ORDER BY name COLLATE NOCASE, id",
                                             "Listing teams");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    std::vector<TeamSummary> teams;
    while (row.Step()) teams.push_back({row.ColumnText(0), row.ColumnText(1)});
    if (!row.error().empty()) return StorageError(row);
    return teams;
}

Result<std::vector<UserSummary>> AdminStore::Users() {
    auto statement = database_.PrepareCached(
        "SELECT id, name, coalesce(team_id, ''), active FROM users ORDER BY name COLLATE NOCASE, id",
        "Listing users");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    std::vector<UserSummary> users;
    while (row.Step()) users.push_back({row.ColumnText(0), row.ColumnText(1), row.ColumnText(2), row.ColumnInt(3) != 0});
    if (!row.error().empty()) return StorageError(row);
    return users;
}

}  // namespace roadbook
