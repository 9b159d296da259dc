// The pipeline board: a column per open stage with its cards and totals in the reporting currency. One
// query reads every card (the pipeline's open deals through opportunities_by_stage), one pass reads the
// scheduled activities; the core rules do the rest in memory, so 10k cards need no per-card query.
#include <algorithm>

#include "store/view_queries.h"
#include "store/view_query_support.h"

namespace roadbook {
namespace {

// Adds one card to a column: its amount converted to the reporting currency (rounded), then weighted
// (rounded), exactly as RollUpForecast does, so a column's weighted total matches the forecast's.
bool AddToColumn(BoardColumn& column, const DealCard& card, const ExchangeRateTable& rates,
                 std::vector<ValidationError>& errors) {
    const auto converted = ConvertToReportingCurrency(card.amount, rates);
    if (!converted) {
        for (const ValidationError& error : converted.errors()) {
            const bool seen = std::any_of(errors.begin(), errors.end(), [&](const ValidationError& existing) {
                return existing.rule == error.rule && existing.message == error.message;
            });
            if (!seen) errors.push_back(error);
        }
        return false;
    }
    const int64_t amount = converted.value().minor_units;
    const auto total = CheckedAdd(column.total_minor, amount);
    const auto weighted = CheckedAdd(column.weighted_minor, WeightedAmount(amount, card.probability));
    if (!total || !weighted) {
        errors.push_back({"amount", "overflow", "The total of " + column.stage_name + " is too large to add up."});
        return false;
    }
    column.total_minor = *total;
    column.weighted_minor = *weighted;
    return true;
}

}  // namespace

Result<PipelineBoard> ViewQueries::Board(const BoardRequest& request) {
    Database& database = state_->database;
    PipelineBoard board;
    board.pipeline_id = request.pipeline_id;
    {
        auto pipeline = database.PrepareCached("SELECT name FROM pipelines WHERE id = ?", "Reading the pipeline");
        if (!pipeline) return pipeline.errors();
        pipeline.value()->Bind(1, request.pipeline_id);
        if (!pipeline.value()->Step()) {
            if (!pipeline.value()->error().empty()) return views::StorageError(*pipeline.value(), "Reading the pipeline");
            return ValidationError{"pipeline_id", "not-found", "That pipeline does not exist."};
        }
        board.pipeline_name = pipeline.value()->ColumnText(0);
        pipeline.value()->Reset();
    }
    if (auto refreshed = state_->Refresh(); !refreshed) return refreshed.errors();
    const views::Catalogue& catalogue = state_->catalogue;
    board.reporting_currency = catalogue.rates.reporting_currency_code;

    std::vector<const views::StageInfo*> stages;
    for (const auto& [id, stage] : catalogue.stages) {
        if (stage.pipeline_id == request.pipeline_id && !stage.rules.is_won && !stage.rules.is_lost) {
            stages.push_back(&stage);
        }
    }
    std::sort(stages.begin(), stages.end(), [](const views::StageInfo* left, const views::StageInfo* right) {
        return left->position != right->position ? left->position < right->position : left->rules.id < right->rules.id;
    });
    views::TextMap<size_t> column_of;
    for (const views::StageInfo* stage : stages) {
        column_of.emplace(stage->rules.id, board.columns.size());
        BoardColumn column;
        column.stage_id = stage->rules.id;
        column.stage_name = stage->rules.name;
        column.probability = stage->rules.default_probability;
        column.forecast_category = stage->rules.forecast_category;
        board.columns.push_back(std::move(column));
    }

    views::SqlFilter filter;
    filter.Add("o.pipeline_id = ?", {request.pipeline_id}).Add("o.status = 'open'");
    filter.AddScope(request.scope);
    if (request.text.empty()) {
        // Room for each column's cards up front: a card is a dozen strings, and moving them as vectors grow
        // costs more than this count from the same index.
        auto counts = database.PrepareCached("SELECT o.stage_id, count(*) FROM opportunities o INDEXED BY"
                                             " opportunities_open_cards WHERE 1" + filter.sql() + " GROUP BY o.stage_id",
                                             "Counting the board");
        if (!counts) return counts.errors();
        filter.Bind(*counts.value(), 1);
        while (counts.value()->Step()) {
            const auto column = column_of.find(counts.value()->ColumnView(0));
            if (column != column_of.end()) board.columns[column->second].cards.reserve(size_t(counts.value()->ColumnInt(1)));
        }
        if (!counts.value()->error().empty()) return views::StorageError(*counts.value(), "Counting the board");
    }
    filter.AddText(request.text);
    // Column by column, each by expected close date (then creation order): the order of the partial index
    // opportunities_open_cards, so SQLite sorts nothing and neither do we.
    auto statement = database.PrepareCached(std::string(views::kOpenCardSelect) + " WHERE 1" + filter.sql() +
                                                " ORDER BY o.stage_id, o.expected_close_date",
                                            "Reading the board");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    filter.Bind(row, 1);
    std::vector<ValidationError> errors;
    views::CardReader reader(*state_, request.clock);
    while (row.Step()) {
        // An open deal in a won or lost stage (data from elsewhere) has no column; moving it fixes that.
        const auto column = column_of.find(row.ColumnView(views::kCardStageColumn));
        if (column == column_of.end()) continue;
        BoardColumn& target = board.columns[column->second];
        DealCard& card = target.cards.emplace_back();
        if (auto read = reader.Read(row, card); !read) {
            row.Reset();
            return read.errors();
        }
        if (AddToColumn(target, card, catalogue.rates, errors)) {
            ++target.deal_count;
        } else {
            target.cards.pop_back();
        }
    }
    if (!row.error().empty()) return views::StorageError(row, "Reading the board");
    if (!errors.empty()) return errors;

    for (BoardColumn& column : board.columns) {
        if (request.order == BoardOrder::Attention) views::SortCardsByAttention(column.cards);
        board.deal_count += column.deal_count;
        const auto total = CheckedAdd(board.total_minor, column.total_minor);
        const auto weighted = CheckedAdd(board.weighted_minor, column.weighted_minor);
        if (!total || !weighted) {
            return ValidationError{"amount", "overflow", "The board's total is too large to add up."};
        }
        board.total_minor = *total;
        board.weighted_minor = *weighted;
    }
    return board;
}

}  // namespace roadbook
