// What every store command shares: running a body in one transaction that commits only on success, and
// the errors for a missing record or a failed statement.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/database.h"

namespace roadbook {

// BEGIN IMMEDIATE, run `body`, COMMIT only if it succeeded; otherwise everything rolls back. Called inside
// a transaction it uses a savepoint instead: the body's changes undo themselves on failure and commit with
// the outer transaction.
Status InTransaction(Database& database, const std::function<Status()>& body);

// "No opportunity with id ..." under `field`, rule "not-found".
ValidationError NotFound(std::string_view field, std::string_view what, const std::string& id);

// Whether `sql` (a SELECT taking the id as ?1 and, when given, `second` as ?2) finds a row.
Result<bool> RowExists(Database& database, const std::string& sql, const std::string& id,
                       const std::string& second = "");

// A statement's failure as an error value (rule "storage").
ValidationError StorageError(const Statement& statement);

}  // namespace roadbook
