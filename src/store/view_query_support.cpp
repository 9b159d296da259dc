// Configuration, scheduled dates, card rows and stage durations for the view queries (see the header).
#include "store/view_query_support.h"

#include <sqlite3.h>

#include <algorithm>
#include <unordered_set>

#include "core/attention.h"
#include "core/text.h"
#include "store/search.h"

namespace roadbook::views {
namespace {

constexpr int64_t kMillisecondsPerDay = 86'400'000;

std::optional<CalendarDate> OptionalDate(const Statement& row, int column) {
    if (row.ColumnIsNull(column)) return std::nullopt;
    auto parsed = ParseCalendarDate(row.ColumnView(column));
    if (!parsed) return std::nullopt;
    return parsed.value();
}

}  // namespace

ValidationError StorageError(const Statement& statement, std::string_view operation) {
    return ValidationError{"", "storage",
                           statement.error().empty() ? std::string(operation) + " failed." : statement.error()};
}

const StageInfo* Catalogue::FindStage(std::string_view id) const {
    const auto found = stages.find(id);
    return found == stages.end() ? nullptr : &found->second;
}

std::string Catalogue::UserName(std::string_view id) const {
    const auto found = user_names.find(id);
    return found == user_names.end() ? std::string() : found->second;
}

std::string Catalogue::AccountName(std::string_view id) const {
    const auto found = account_names.Find(id);
    return found ? std::string(found->text) : std::string();
}

Result<Catalogue> LoadCatalogue(Database& database) {
    Catalogue catalogue;
    auto stages = database.PrepareCached(
        "SELECT id, pipeline_id, name, position, default_probability, forecast_category, rot_days,"
        " next_step_window_days, is_won, is_lost FROM stages",
        "Reading the stages");
    if (!stages) return stages.errors();
    Statement& stage = *stages.value();
    while (stage.Step()) {
        StageInfo info;
        info.rules.id = stage.ColumnText(0);
        info.pipeline_id = stage.ColumnText(1);
        info.rules.name = stage.ColumnText(2);
        info.position = int32_t(stage.ColumnInt(3));
        info.rules.default_probability = int32_t(stage.ColumnInt(4));
        auto category = ParseForecastCategory(stage.ColumnText(5));
        if (!category) return category.errors();
        info.rules.forecast_category = category.value();
        if (!stage.ColumnIsNull(6)) info.rules.rot_days = int32_t(stage.ColumnInt(6));
        info.rules.next_step_window_days = int32_t(stage.ColumnInt(7));
        info.rules.is_won = stage.ColumnInt(8) != 0;
        info.rules.is_lost = stage.ColumnInt(9) != 0;
        catalogue.stages.emplace(info.rules.id, std::move(info));
    }
    if (!stage.error().empty()) return StorageError(stage, "Reading the stages");

    auto users = database.PrepareCached("SELECT id, name FROM users", "Reading the users");
    if (!users) return users.errors();
    while (users.value()->Step()) catalogue.user_names.emplace(users.value()->ColumnText(0), users.value()->ColumnText(1));
    if (!users.value()->error().empty()) return StorageError(*users.value(), "Reading the users");

    auto accounts = database.PrepareCached("SELECT id, name FROM accounts", "Reading account names");
    if (!accounts) return accounts.errors();
    while (accounts.value()->Step()) {
        catalogue.account_names.Add(accounts.value()->ColumnView(0), accounts.value()->ColumnView(1), {});
    }
    if (!accounts.value()->error().empty()) return StorageError(*accounts.value(), "Reading account names");

    auto organisation = database.PrepareCached("SELECT reporting_currency FROM organisation LIMIT 1",
                                               "Reading the reporting currency");
    if (!organisation) return organisation.errors();
    if (!organisation.value()->Step()) {
        if (!organisation.value()->error().empty()) return StorageError(*organisation.value(), "Reading the organisation");
        return ValidationError{"reporting_currency", "required", "Set the organisation's reporting currency first."};
    }
    catalogue.rates.reporting_currency_code = organisation.value()->ColumnText(0);
    organisation.value()->Reset();

    auto rates = database.PrepareCached("SELECT currency_code, rate_nanos FROM exchange_rates", "Reading exchange rates");
    if (!rates) return rates.errors();
    while (rates.value()->Step()) {
        catalogue.rates.rates.push_back({rates.value()->ColumnText(0), rates.value()->ColumnInt(1)});
    }
    if (!rates.value()->error().empty()) return StorageError(*rates.value(), "Reading exchange rates");
    return catalogue;
}

Result<ScheduledDatesByDeal> LoadScheduledDates(Database& database) {
    auto statement = database.PrepareCached(
        "SELECT opportunity_id, min(due_date), max(due_date) FROM activities WHERE state = 'scheduled'"
        " GROUP BY opportunity_id",
        "Reading scheduled activities");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    ScheduledDatesByDeal dates;
    while (row.Step()) {
        const auto first = OptionalDate(row, 1);
        const auto last = OptionalDate(row, 2);
        // Activities about no deal group under NULL; min() and max() skip activities without a due date.
        if (!row.ColumnIsNull(0) && first && last) dates.Add(row.ColumnView(0), {}, ScheduledDates{*first, *last});
    }
    if (!row.error().empty()) return StorageError(row, "Reading scheduled activities");
    return dates;
}

CardReader::CardReader(const ViewQueries::State& state, const ViewClock& clock) : state_(state), clock_(clock) {}

const StageInfo* CardReader::Stage(std::string_view id) {
    if (last_stage_ == nullptr || id != last_stage_->rules.id) {
        last_stage_ = state_.catalogue.FindStage(id);
        if (last_stage_ != nullptr) last_usual_days_ = state_.durations.UsualDays(id);
    }
    return last_stage_;
}

Status CardReader::Read(const Statement& row, DealCard& card) {
    const Catalogue& catalogue = state_.catalogue;
    card.id = row.ColumnText(0);
    card.name = row.ColumnText(1);
    card.account_name = catalogue.AccountName(row.ColumnView(2));
    card.amount = Money{row.ColumnInt(3), row.ColumnText(4)};
    card.expected_close_date = OptionalDate(row, 5).value_or(CalendarDate{});  // the schema keeps it valid
    auto status = ParseDealStatus(row.ColumnView(6));
    if (!status) return status.errors();
    card.status = status.value();
    const StageInfo* stage = Stage(row.ColumnView(kCardStageColumn));
    if (stage == nullptr) {
        return ValidationError{"stage_id", "not-found", "Deal " + card.id + " is in a stage that does not exist."};
    }
    card.stage_id = stage->rules.id;
    card.stage_name = stage->rules.name;
    card.owner_id = row.ColumnText(9);
    card.owner_name = catalogue.UserName(card.owner_id);

    std::optional<int32_t> probability_override;
    if (!row.ColumnIsNull(10)) probability_override = int32_t(row.ColumnInt(10));
    auto probability = EffectiveProbability(card.status, stage->rules.default_probability, probability_override);
    if (!probability) return probability.errors();
    card.probability = probability.value();
    card.probability_overridden = probability_override.has_value();
    std::optional<ForecastCategory> category_override;
    if (!row.ColumnIsNull(11)) {
        auto category = ParseForecastCategory(row.ColumnView(11));
        if (!category) return category.errors();
        category_override = category.value();
    }
    card.forecast_category = EffectiveForecastCategory(card.status, stage->rules.forecast_category, category_override);

    AttentionFacts& facts = facts_;
    facts.status = card.status;
    facts.expected_close_date = card.expected_close_date;
    facts.entered_stage_on = DateAtInstant(row.ColumnInt(12), clock_.utc_offset_minutes);
    facts.last_touch_on = DateAtInstant(row.ColumnInt(13), clock_.utc_offset_minutes);
    facts.close_date_pushes = int32_t(row.ColumnInt(14));
    facts.no_next_step_reason.assign(row.ColumnView(15));
    facts.open_activity_due_dates.clear();
    if (const auto found = state_.scheduled.Find(card.id)) {
        // The earliest and the latest stand for all of them: the next activity is the earliest, and "one is
        // due today or later" holds exactly when the latest is.
        facts.open_activity_due_dates.push_back(found->value.first);
        facts.open_activity_due_dates.push_back(found->value.last);
    }
    facts.usual_days_in_stage = last_usual_days_;
    card.next_activity = FindNextActivity(facts.open_activity_due_dates, clock_.today);
    card.rot = EvaluateRot(card.status, stage->rules.rot_days, facts.last_touch_on, facts.open_activity_due_dates,
                           clock_.today);
    card.days_in_stage = std::max<int64_t>(0, DaysBetween(facts.entered_stage_on, clock_.today));
    DealAttention attention = AssessAttention(facts, stage->rules, clock_.today);
    card.attention_score = attention.score;
    card.attention_reasons = std::move(attention.reasons);
    return Done{};
}

void SortCardsByAttention(std::vector<DealCard>& cards) {
    // SortByAttention's order (a stable sort by RanksBefore), on keys that remember where their card is.
    std::vector<std::pair<DealAttention, size_t>> order;
    order.reserve(cards.size());
    for (size_t index = 0; index < cards.size(); ++index) {
        DealAttention key;
        key.deal_id = cards[index].id;
        key.expected_close_date = cards[index].expected_close_date;
        key.score = cards[index].attention_score;
        order.emplace_back(std::move(key), index);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& left, const auto& right) { return RanksBefore(left.first, right.first); });
    std::vector<DealCard> sorted;
    sorted.reserve(cards.size());
    for (const auto& [key, index] : order) sorted.push_back(std::move(cards[index]));
    cards = std::move(sorted);
}

void StageDurations::AddVisit(const std::string& stage_id, int64_t entered_ms, int64_t left_ms) {
    samples_[stage_id].push_back(std::max<int64_t>(0, (left_ms - entered_ms) / kMillisecondsPerDay));
}

Status StageDurations::Refresh(Database& database) {
    // A bare max() of the rowid is one step to the end of the table (coalesce() around it would scan).
    auto latest_statement = database.PrepareCached("SELECT max(sequence) FROM change_log", "Reading the change log");
    if (!latest_statement) return latest_statement.errors();
    Statement& latest_row = *latest_statement.value();
    if (!latest_row.Step()) return StorageError(latest_row, "Reading the change log");
    const int64_t latest = latest_row.ColumnIsNull(0) ? 0 : latest_row.ColumnInt(0);
    latest_row.Reset();
    if (through_sequence_ > 0) {
        // The log only grows, unless it was replaced (a demo load): then start again.
        auto fingerprint = Fingerprint(database, through_sequence_);
        if (!fingerprint) return fingerprint.errors();
        if (latest < through_sequence_ || fingerprint.value() != through_fingerprint_) {
            samples_.clear();
            usual_.clear();
            through_sequence_ = 0;
        }
    }
    if (latest == through_sequence_) return Done{};

    std::unordered_set<std::string> touched;
    if (through_sequence_ == 0) {
        // Every deal's stage rows in order (the change_log_by_field index): each row ends the visit before.
        auto all = database.PrepareCached(
            "SELECT entity_id, new_value, at_ms FROM change_log WHERE entity = 'opportunity' AND field = 'stage_id'"
            " AND sequence <= ? ORDER BY entity_id, sequence",
            "Reading stage history");
        if (!all) return all.errors();
        Statement& row = *all.value();
        row.Bind(1, latest);
        std::string deal, stage;
        int64_t entered_ms = 0;
        while (row.Step()) {
            std::string row_deal = row.ColumnText(0);
            if (row_deal == deal) {
                AddVisit(stage, entered_ms, row.ColumnInt(2));
                touched.insert(stage);
            }
            deal = std::move(row_deal);
            stage = row.ColumnText(1);
            entered_ms = row.ColumnInt(2);
        }
        if (!row.error().empty()) return StorageError(row, "Reading stage history");
    } else {
        // Only the new rows (a rowid range: the unary + keeps the planner off the entity/field index, which
        // would walk every stage row ever logged), each closing the visit its deal's previous stage row opened.
        auto added = database.PrepareCached(
            "SELECT c.new_value, c.at_ms, p.new_value, p.at_ms FROM change_log c JOIN change_log p ON p.sequence ="
            " (SELECT max(q.sequence) FROM change_log q WHERE q.entity = 'opportunity' AND q.field = 'stage_id'"
            " AND q.entity_id = c.entity_id AND q.sequence < c.sequence)"
            " WHERE c.sequence > ? AND c.sequence <= ? AND +c.entity = 'opportunity' AND +c.field = 'stage_id'",
            "Reading new stage history");
        if (!added) return added.errors();
        Statement& row = *added.value();
        row.Bind(1, through_sequence_).Bind(2, latest);
        while (row.Step()) {
            const std::string stage = row.ColumnText(2);
            AddVisit(stage, row.ColumnInt(3), row.ColumnInt(1));
            touched.insert(stage);
        }
        if (!row.error().empty()) return StorageError(row, "Reading new stage history");
    }
    for (const std::string& stage : touched) usual_[stage] = roadbook::UsualDaysInStage(samples_[stage]);
    auto fingerprint = Fingerprint(database, latest);
    if (!fingerprint) return fingerprint.errors();
    through_fingerprint_ = std::move(fingerprint).value();
    through_sequence_ = latest;
    return Done{};
}

Result<std::string> StageDurations::Fingerprint(Database& database, int64_t sequence) {
    auto statement = database.PrepareCached(
        "SELECT entity || '|' || entity_id || '|' || field || '|' || at_ms || '|' || clock FROM change_log"
        " WHERE sequence = ?",
        "Reading the change log");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    row.Bind(1, sequence);
    std::string fingerprint = row.Step() ? row.ColumnText(0) : std::string();
    if (!row.error().empty()) return StorageError(row, "Reading the change log");
    row.Reset();
    return fingerprint;
}

std::optional<int64_t> StageDurations::UsualDays(std::string_view stage_id) const {
    const auto found = usual_.find(stage_id);
    return found == usual_.end() ? std::nullopt : found->second;
}

SqlFilter& SqlFilter::Add(std::string_view condition, std::vector<SqlValue> values) {
    sql_.append(" AND (").append(condition).append(")");
    for (SqlValue& value : values) values_.push_back(std::move(value));
    return *this;
}

SqlFilter& SqlFilter::AddScope(const ViewScope& scope, std::string_view owner_column) {
    const std::string column(owner_column);
    if (!scope.owner_id.empty()) Add(column + " = ?", {scope.owner_id});
    if (!scope.team_id.empty()) Add(column + " IN (SELECT id FROM users WHERE team_id = ?)", {scope.team_id});
    return *this;
}

SqlFilter& SqlFilter::AddText(std::string_view text) {
    const std::string query = SearchQueryFor(FoldForSearch(text));
    if (query.empty()) return *this;
    return Add("o.id IN (SELECT d.entity_id FROM search_index JOIN search_documents d ON d.document_id ="
               " search_index.rowid WHERE search_index MATCH ? AND d.entity = 'opportunity')"
               " OR o.account_id IN (SELECT d.entity_id FROM search_index JOIN search_documents d ON d.document_id ="
               " search_index.rowid WHERE search_index MATCH ? AND d.entity = 'account')",
               {query, query});
}

int SqlFilter::Bind(Statement& statement, int first_index) const {
    int index = first_index;
    for (const SqlValue& value : values_) {
        if (const auto* number = std::get_if<int64_t>(&value)) {
            statement.Bind(index, *number);
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            statement.Bind(index, std::string_view(*text));
        } else {
            statement.BindNull(index);
        }
        ++index;
    }
    return index;
}

}  // namespace roadbook::views

namespace roadbook {

Status ViewQueries::State::Refresh() {
    auto version = database.PrepareCached("PRAGMA data_version", "Reading the data version");
    if (!version) return version.errors();
    if (!version.value()->Step()) return views::StorageError(*version.value(), "Reading the data version");
    const int64_t current_data_version = version.value()->ColumnInt(0);
    version.value()->Reset();
    const int64_t current_total_changes = sqlite3_total_changes64(database.handle());
    if (current_total_changes == total_changes && current_data_version == data_version) return Done{};

    auto loaded = views::LoadCatalogue(database);
    if (!loaded) return loaded.errors();
    auto dates = views::LoadScheduledDates(database);
    if (!dates) return dates.errors();
    if (auto refreshed = durations.Refresh(database); !refreshed) return refreshed;
    catalogue = std::move(loaded).value();
    scheduled = std::move(dates).value();
    total_changes = current_total_changes;
    data_version = current_data_version;
    return Done{};
}

ViewQueries::ViewQueries(Database& database) : state_(std::make_unique<State>(database)) {}

ViewQueries::~ViewQueries() = default;

Result<std::optional<int64_t>> ViewQueries::UsualDaysInStage(const std::string& stage_id) {
    if (auto refreshed = state_->Refresh(); !refreshed) return refreshed.errors();
    return state_->durations.UsualDays(stage_id);
}

}  // namespace roadbook
