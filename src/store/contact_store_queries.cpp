// ContactStore's queries: accounts, contacts, the contacts of a deal, and the look-ups matching uses.
// Read-only; cached statements are reset after a single-row read so no read stays open between commands.
#include "store/contact_store.h"

#include "core/text.h"
#include "store/command_support.h"
#include "store/database.h"

namespace roadbook {
namespace {

// The columns ReadContact reads, in its order; queries append their own columns after them.
constexpr const char* kContactColumns =
    "SELECT c.id, c.name, c.email, c.phone, c.job_title, coalesce(c.account_id, ''), coalesce(a.name, ''), "
    "c.created_at_ms, c.updated_at_ms";
constexpr const char* kContactSource = " FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id ";

ContactRow ReadContact(const Statement& statement) {
    ContactRow row;
    row.id = statement.ColumnText(0);
    row.name = statement.ColumnText(1);
    row.email = statement.ColumnText(2);
    row.phone = statement.ColumnText(3);
    row.job_title = statement.ColumnText(4);
    row.account_id = statement.ColumnText(5);
    row.account_name = statement.ColumnText(6);
    row.created_at_ms = statement.ColumnInt(7);
    row.updated_at_ms = statement.ColumnInt(8);
    return row;
}

// Runs a contact query that yields at most the first row; nullopt when there is none.
Result<std::optional<ContactRow>> FirstContact(Statement& statement) {
    if (statement.Step()) {
        ContactRow row = ReadContact(statement);
        statement.Reset();
        return std::optional<ContactRow>(std::move(row));
    }
    if (!statement.error().empty()) return StorageError(statement);
    return std::optional<ContactRow>();
}

}  // namespace

Result<AccountRow> ContactStore::FindAccount(const std::string& account_id) const {
    auto statement = database_.PrepareCached("SELECT id, name, created_at_ms, updated_at_ms FROM accounts WHERE id = ?",
                                             "Reading the account");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, account_id);
    if (!read.Step()) {
        if (!read.error().empty()) return StorageError(read);
        return NotFound("account_id", "account", account_id);
    }
    AccountRow row{read.ColumnText(0), read.ColumnText(1), read.ColumnInt(2), read.ColumnInt(3)};
    read.Reset();
    return row;
}

Result<ContactRow> ContactStore::FindContact(const std::string& contact_id) const {
    auto statement = database_.PrepareCached(std::string(kContactColumns) + kContactSource + "WHERE c.id = ?",
                                             "Reading the contact");
    if (!statement) return statement.errors();
    statement.value()->Bind(1, contact_id);
    auto found = FirstContact(*statement.value());
    if (!found) return found.errors();
    if (!found.value()) return NotFound("contact_id", "contact", contact_id);
    return std::move(*found.value());
}

Result<std::vector<OpportunityContactRow>> ContactStore::ContactsOfOpportunity(
    const std::string& opportunity_id) const {
    auto statement = database_.PrepareCached(
        std::string(kContactColumns) + ", l.role, o.primary_contact_id IS c.id" + kContactSource +
            "JOIN opportunity_contacts l ON l.contact_id = c.id JOIN opportunities o ON o.id = l.opportunity_id "
            "WHERE l.opportunity_id = ? ORDER BY o.primary_contact_id IS c.id DESC, c.name COLLATE NOCASE, c.id",
        "Listing the contacts of the opportunity");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, opportunity_id);
    std::vector<OpportunityContactRow> rows;
    while (read.Step()) rows.push_back({ReadContact(read), read.ColumnText(9), read.ColumnInt(10) != 0});
    if (!read.error().empty()) return StorageError(read);
    return rows;
}

Result<std::vector<ContactRow>> ContactStore::ContactsOfAccount(const std::string& account_id, int64_t limit) const {
    auto statement = database_.PrepareCached(std::string(kContactColumns) + kContactSource +
                                                 "WHERE c.account_id = ? ORDER BY c.name COLLATE NOCASE, c.id LIMIT ?",
                                             "Listing the contacts of the account");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, account_id).Bind(2, limit);
    std::vector<ContactRow> rows;
    while (read.Step()) rows.push_back(ReadContact(read));
    if (!read.error().empty()) return StorageError(read);
    return rows;
}

Result<std::optional<AccountRow>> ContactStore::FindAccountByName(const std::string& name) const {
    auto statement = database_.PrepareCached(
        "SELECT id, name, created_at_ms, updated_at_ms FROM accounts WHERE name = ? COLLATE NOCASE "
        "ORDER BY created_at_ms, id LIMIT 1",
        "Looking up the account");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, Trim(name));
    if (read.Step()) {
        AccountRow row{read.ColumnText(0), read.ColumnText(1), read.ColumnInt(2), read.ColumnInt(3)};
        read.Reset();
        return std::optional<AccountRow>(std::move(row));
    }
    if (!read.error().empty()) return StorageError(read);
    return std::optional<AccountRow>();
}

Result<std::optional<ContactRow>> ContactStore::FindContactByEmail(const std::string& email) const {
    const std::string_view trimmed = Trim(email);
    if (trimmed.empty()) return std::optional<ContactRow>();
    auto statement =
        database_.PrepareCached(std::string(kContactColumns) + kContactSource +
                                    "WHERE c.email = ? COLLATE NOCASE ORDER BY c.created_at_ms, c.id LIMIT 1",
                                "Looking up the contact by email");
    if (!statement) return statement.errors();
    statement.value()->Bind(1, trimmed);
    return FirstContact(*statement.value());
}

Result<std::optional<ContactRow>> ContactStore::FindContactByName(const std::string& name,
                                                                  const std::string& account_id) const {
    auto statement = database_.PrepareCached(
        std::string(kContactColumns) + kContactSource +
            "WHERE c.name = ?1 COLLATE NOCASE AND coalesce(c.account_id, '') = ?2 "
            "ORDER BY c.created_at_ms, c.id LIMIT 1",
        "Looking up the contact by name");
    if (!statement) return statement.errors();
    statement.value()->Bind(1, Trim(name)).Bind(2, account_id);
    return FirstContact(*statement.value());
}

}  // namespace roadbook
