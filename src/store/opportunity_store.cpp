// Writes and reads of opportunities. Each command is one transaction: the domain rows and their
// change-log rows commit together or not at all.
#include "store/opportunity_store.h"

#include <cassert>

#include "store/database.h"

namespace roadbook {

Status OpportunityStore::LogChange(std::string_view entity, const std::string& entity_id, std::string_view field,
                                   const std::string& new_value, const WriteContext& context) {
    auto statement = database_.Prepare(
        "INSERT INTO change_log (entity, entity_id, field, old_value, new_value, actor, at_ms) "
        "VALUES (?, ?, ?, NULL, ?, ?, ?)",
        "Recording a change");
    if (!statement) return statement.errors();
    statement.value()
        .Bind(1, entity)
        .Bind(2, entity_id)
        .Bind(3, field)
        .Bind(4, new_value)
        .Bind(5, context.actor)
        .Bind(6, context.now_unix_ms);
    return statement.value().Run();
}

Result<std::string> OpportunityStore::FindOrCreateAccount(const std::string& name, const WriteContext& context) {
    auto find = database_.Prepare("SELECT id FROM accounts WHERE name = ? COLLATE NOCASE ORDER BY created_at_ms LIMIT 1",
                                  "Looking up the account");
    if (!find) return find.errors();
    find.value().Bind(1, name);
    if (find.value().Step()) return find.value().ColumnText(0);
    if (!find.value().error().empty()) return ValidationError{"account_name", "storage", find.value().error()};

    const std::string id = context.new_id();
    auto insert = database_.Prepare(
        "INSERT INTO accounts (id, name, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?)", "Creating the account");
    if (!insert) return insert.errors();
    insert.value().Bind(1, id).Bind(2, name).Bind(3, context.now_unix_ms).Bind(4, context.now_unix_ms);
    if (auto inserted = insert.value().Run(); !inserted) return inserted.errors();
    if (auto logged = LogChange("account", id, "name", name, context); !logged) return logged.errors();
    return id;
}

Result<std::string> OpportunityStore::Create(const ValidOpportunity& opportunity, const WriteContext& context) {
    assert(context.new_id && "WriteContext needs an id source");
    Transaction transaction(database_);
    if (!transaction.began()) {
        return ValidationError{"", "storage", "Saving the opportunity failed: " + database_.LastErrorMessage()};
    }
    std::string account_id;
    if (!opportunity.account_name.empty()) {
        auto account = FindOrCreateAccount(opportunity.account_name, context);
        if (!account) return account.errors();
        account_id = std::move(account).value();
    }

    const std::string id = context.new_id();
    auto insert = database_.Prepare(
        "INSERT INTO opportunities (id, name, account_id, amount_minor, currency_code, expected_close_date, "
        "status, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)",
        "Saving the opportunity");
    if (!insert) return insert.errors();
    Statement& statement = insert.value();
    statement.Bind(1, id).Bind(2, opportunity.name);
    if (account_id.empty()) statement.BindNull(3); else statement.Bind(3, account_id);
    statement.Bind(4, opportunity.amount.minor_units)
        .Bind(5, opportunity.amount.currency_code)
        .Bind(6, FormatIsoDate(opportunity.expected_close_date))
        .Bind(7, context.now_unix_ms)
        .Bind(8, context.now_unix_ms);
    if (auto inserted = statement.Run(); !inserted) return inserted.errors();

    const std::pair<std::string_view, std::string> fields[] = {
        {"name", opportunity.name},
        {"account_id", account_id},
        {"amount_minor", std::to_string(opportunity.amount.minor_units)},
        {"currency_code", opportunity.amount.currency_code},
        {"expected_close_date", FormatIsoDate(opportunity.expected_close_date)},
        {"status", "open"},
    };
    for (const auto& [field, value] : fields) {
        if (auto logged = LogChange("opportunity", id, field, value, context); !logged) return logged.errors();
    }
    if (auto committed = transaction.Commit(); !committed) return committed.errors();
    return id;
}

Result<std::vector<OpportunitySummary>> OpportunityStore::List(OpportunityOrder order) const {
    std::string sql =
        "SELECT o.id, o.name, coalesce(a.name, ''), o.amount_minor, o.currency_code, o.expected_close_date, "
        "o.status, o.created_at_ms FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id ORDER BY ";
    switch (order) {
        case OpportunityOrder::NewestFirst: sql += "o.created_at_ms DESC, o.id DESC"; break;
        case OpportunityOrder::CloseDateAscending: sql += "o.expected_close_date, o.id"; break;
        case OpportunityOrder::AmountDescending: sql += "o.amount_minor DESC, o.id"; break;
        case OpportunityOrder::NameAscending: sql += "o.name COLLATE NOCASE, o.id"; break;
    }
    auto prepared = database_.Prepare(sql, "Listing opportunities");
    if (!prepared) return prepared.errors();
    Statement& statement = prepared.value();
    std::vector<OpportunitySummary> rows;
    while (statement.Step()) {
        OpportunitySummary row;
        row.id = statement.ColumnText(0);
        row.name = statement.ColumnText(1);
        row.account_name = statement.ColumnText(2);
        row.amount = Money{statement.ColumnInt(3), statement.ColumnText(4)};
        auto close_date = ParseCalendarDate(statement.ColumnText(5));
        row.expected_close_date = close_date ? close_date.value() : CalendarDate{};
        row.status = statement.ColumnText(6);
        row.created_at_ms = statement.ColumnInt(7);
        rows.push_back(std::move(row));
    }
    if (!statement.error().empty()) return ValidationError{"", "storage", statement.error()};
    return rows;
}

Result<int64_t> OpportunityStore::Count() const {
    auto prepared = database_.Prepare("SELECT count(*) FROM opportunities", "Counting opportunities");
    if (!prepared) return prepared.errors();
    if (!prepared.value().Step()) return ValidationError{"", "storage", prepared.value().error()};
    return prepared.value().ColumnInt(0);
}

}  // namespace roadbook
