// Transactions and shared errors for store commands.
#include "store/command_support.h"

namespace roadbook {

Status InTransaction(Database& database, const std::function<Status()>& body) {
    // Inside another command's transaction (a bulk edit running one command per deal), a savepoint makes
    // this command all-or-nothing on its own while the outer transaction decides what commits.
    if (database.InTransaction()) {
        if (auto began = database.Execute("SAVEPOINT command", "Starting a nested change"); !began) return began;
        auto done = body();
        if (!done) {
            (void)database.Execute("ROLLBACK TO command", "Undoing a nested change");
            (void)database.Execute("RELEASE command", "Ending a nested change");
            return done;
        }
        return database.Execute("RELEASE command", "Ending a nested change");
    }
    Transaction transaction(database);
    if (!transaction.began()) {
        return ValidationError{"", "storage", "Starting the change failed: " + database.LastErrorMessage()};
    }
    if (auto done = body(); !done) return done;
    return transaction.Commit();
}

ValidationError NotFound(std::string_view field, std::string_view what, const std::string& id) {
    return ValidationError{std::string(field), "not-found", "No " + std::string(what) + " with id " + id + "."};
}

Result<bool> RowExists(Database& database, const std::string& sql, const std::string& id, const std::string& second) {
    auto statement = database.PrepareCached(sql, "Checking a linked record");
    if (!statement) return statement.errors();
    statement.value()->Bind(1, id);
    if (!second.empty()) statement.value()->Bind(2, second);
    const bool found = statement.value()->Step();
    if (!found && !statement.value()->error().empty()) return StorageError(*statement.value());
    statement.value()->Reset();
    return found;
}

ValidationError StorageError(const Statement& statement) { return ValidationError{"", "storage", statement.error()}; }

}  // namespace roadbook
