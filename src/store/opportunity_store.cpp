// Creating and listing opportunities. Each command is one transaction: the domain rows and their
// change-log rows commit together or not at all.
#include "store/opportunity_store.h"

#include <cassert>

#include "store/database.h"
#include "store/recorded_writer.h"

namespace roadbook {

Result<std::string> OpportunityStore::FindOrCreateAccount(const std::string& name, const WriteContext& context) {
    auto find = database_.PrepareCached(
        "SELECT id FROM accounts WHERE name = ? COLLATE NOCASE ORDER BY created_at_ms LIMIT 1", "Looking up the account");
    if (!find) return find.errors();
    find.value()->Bind(1, name);
    if (find.value()->Step()) return find.value()->ColumnText(0);
    if (!find.value()->error().empty()) return ValidationError{"account_name", "storage", find.value()->error()};

    const std::string id = context.new_id();
    RecordedWriter writer(database_, context);
    auto inserted = writer.Insert("accounts", "account", id,
                                  {{"name", name}, {"created_at_ms", context.now_unix_ms},
                                   {"updated_at_ms", context.now_unix_ms}});
    if (!inserted) return inserted.errors();
    return id;
}

Result<std::pair<std::string, std::string>> OpportunityStore::ResolvePipelineAndStage(
    const ValidOpportunity& opportunity) {
    if (opportunity.stage_id.empty()) {
        auto first = database_.PrepareCached(
            "SELECT s.pipeline_id, s.id FROM stages s JOIN pipelines p ON p.id = s.pipeline_id "
            "WHERE p.archived = 0 AND s.is_won = 0 AND s.is_lost = 0 AND (?1 = '' OR p.id = ?1) "
            "ORDER BY p.position, s.position LIMIT 1",
            "Finding the first stage");
        if (!first) return first.errors();
        first.value()->Bind(1, opportunity.pipeline_id);
        if (!first.value()->Step()) {
            return ValidationError{"pipeline_id", "no-open-stage",
                                   "The pipeline has no open stage to put a new opportunity in."};
        }
        return std::make_pair(first.value()->ColumnText(0), first.value()->ColumnText(1));
    }
    auto stage = database_.PrepareCached("SELECT pipeline_id, is_won, is_lost FROM stages WHERE id = ?",
                                         "Checking the stage");
    if (!stage) return stage.errors();
    stage.value()->Bind(1, opportunity.stage_id);
    if (!stage.value()->Step()) return ValidationError{"stage_id", "not-found", "That stage does not exist."};
    const std::string pipeline_id = stage.value()->ColumnText(0);
    if (!opportunity.pipeline_id.empty() && pipeline_id != opportunity.pipeline_id) {
        return ValidationError{"stage_id", "other-pipeline", "The stage belongs to another pipeline."};
    }
    if (stage.value()->ColumnInt(1) || stage.value()->ColumnInt(2)) {
        return ValidationError{"stage_id", "closed-stage",
                               "A new opportunity starts in an open stage; mark it won or lost afterwards."};
    }
    return std::make_pair(pipeline_id, opportunity.stage_id);
}

Result<std::string> OpportunityStore::Create(const ValidOpportunity& opportunity, const WriteContext& context) {
    Transaction transaction(database_);
    if (!transaction.began()) {
        return ValidationError{"", "storage", "Saving the opportunity failed: " + database_.LastErrorMessage()};
    }
    auto id = CreateWithinTransaction(opportunity, context);
    if (!id) return id;
    if (auto committed = transaction.Commit(); !committed) return committed.errors();
    return id;
}

Result<std::string> OpportunityStore::CreateWithinTransaction(const ValidOpportunity& opportunity,
                                                              const WriteContext& context) {
    assert(context.new_id && "WriteContext needs an id source");
    auto placement = ResolvePipelineAndStage(opportunity);
    if (!placement) return placement.errors();
    SqlValue account_id = nullptr;
    if (!opportunity.account_name.empty()) {
        auto account = FindOrCreateAccount(opportunity.account_name, context);
        if (!account) return account.errors();
        account_id = std::move(account).value();
    }
    const std::string id = context.new_id();
    const int64_t now = context.now_unix_ms;
    RecordedWriter writer(database_, context);
    auto inserted = writer.Insert(
        "opportunities", "opportunity", id,
        {{"name", opportunity.name},
         {"account_id", account_id},
         {"pipeline_id", placement.value().first},
         {"stage_id", placement.value().second},
         {"owner_id", opportunity.owner_id.empty() ? SqlValue(nullptr) : SqlValue(opportunity.owner_id)},
         {"amount_minor", opportunity.amount.minor_units},
         {"currency_code", opportunity.amount.currency_code},
         {"expected_close_date", FormatIsoDate(opportunity.expected_close_date)},
         {"status", std::string("open")},
         {"stage_entered_at_ms", now},
         {"last_touch_at_ms", now},
         {"created_at_ms", now},
         {"updated_at_ms", now}});
    if (!inserted) {
        std::vector<ValidationError> errors = inserted.errors();
        for (auto& error : errors) error.message = "Saving the opportunity failed: " + error.message;
        return errors;
    }
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
