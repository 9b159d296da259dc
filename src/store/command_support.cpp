// Transactions and shared errors for store commands.
#include "store/command_support.h"

namespace roadbook {

Status InTransaction(Database& database, const std::function<Status()>& body) {
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

ValidationError StorageError(const Statement& statement) { return ValidationError{"", "storage", statement.error()}; }

}  // namespace roadbook
