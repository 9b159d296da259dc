// Today: the overdue and due-today scheduled activities with their deal, the open deals that need attention
// (the core score, highest first), and the postponed deals whose date has come. Three queries, each on an
// index: scheduled activities by due date, open deals by owner (or status), postponed deals by status.
#include <algorithm>

#include "core/attention.h"
#include "store/view_queries.h"
#include "store/view_query_support.h"

namespace roadbook {
namespace {

Status ReadAgenda(Database& database, const TodayRequest& request, const views::Catalogue& catalogue,
                  TodayView& today) {
    views::SqlFilter filter;
    filter.Add("x.state = 'scheduled'").Add("x.due_date <= ?", {FormatIsoDate(request.clock.today)});
    filter.AddScope(request.scope, "x.owner_id");
    auto statement = database.PrepareCached(
        "SELECT x.id, x.kind, x.subject, x.due_date, coalesce(x.opportunity_id, ''), coalesce(o.name, ''),"
        " coalesce(o.account_id, ''), coalesce(x.owner_id, '') FROM activities x"
        " LEFT JOIN opportunities o ON o.id = x.opportunity_id WHERE 1" + filter.sql() + " ORDER BY x.due_date, x.id",
        "Reading today's activities");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    filter.Bind(row, 1);
    while (row.Step()) {
        AgendaItem item;
        item.activity_id = row.ColumnText(0);
        item.kind = row.ColumnText(1);
        item.subject = row.ColumnText(2);
        auto due = ParseCalendarDate(row.ColumnText(3), "due_date");
        if (!due) continue;  // the schema keeps due dates well-formed; a bad one cannot be placed
        item.due_date = due.value();
        item.days_overdue = std::max<int64_t>(0, DaysBetween(item.due_date, request.clock.today));
        item.opportunity_id = row.ColumnText(4);
        item.opportunity_name = row.ColumnText(5);
        item.account_name = catalogue.AccountName(row.ColumnView(6));
        item.owner_name = catalogue.UserName(row.ColumnView(7));
        (item.days_overdue > 0 ? today.overdue : today.due_today).push_back(std::move(item));
    }
    if (!row.error().empty()) return views::StorageError(row, "Reading today's activities");
    return Done{};
}

Status ReadWaking(Database& database, const TodayRequest& request, const views::Catalogue& catalogue,
                  TodayView& today) {
    views::SqlFilter filter;
    filter.Add("o.status = 'postponed'").Add("o.postponed_until <= ?", {FormatIsoDate(request.clock.today)});
    filter.AddScope(request.scope);
    auto statement = database.PrepareCached(
        "SELECT o.id, o.name, coalesce(o.account_id, ''), o.stage_id, coalesce(o.owner_id, ''), o.postponed_until,"
        " o.postponed_reason FROM opportunities o WHERE 1" +
            filter.sql() + " ORDER BY o.postponed_until, o.id",
        "Reading postponed deals");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    filter.Bind(row, 1);
    while (row.Step()) {
        WakingDeal deal;
        deal.id = row.ColumnText(0);
        deal.name = row.ColumnText(1);
        deal.account_name = catalogue.AccountName(row.ColumnView(2));
        const views::StageInfo* stage = catalogue.FindStage(row.ColumnView(3));
        deal.stage_name = stage ? stage->rules.name : std::string();
        deal.owner_name = catalogue.UserName(row.ColumnView(4));
        auto until = ParseCalendarDate(row.ColumnText(5), "postponed_until");
        if (!until) continue;
        deal.postponed_until = until.value();
        deal.postponed_reason = row.ColumnText(6);
        today.waking.push_back(std::move(deal));
    }
    if (!row.error().empty()) return views::StorageError(row, "Reading postponed deals");
    return Done{};
}

}  // namespace

Result<TodayView> ViewQueries::Today(const TodayRequest& request) {
    Database& database = state_->database;
    if (auto refreshed = state_->Refresh(); !refreshed) return refreshed.errors();
    const views::Catalogue& catalogue = state_->catalogue;
    TodayView today;
    if (auto agenda = ReadAgenda(database, request, catalogue, today); !agenda) return agenda.errors();

    views::SqlFilter filter;
    filter.Add("o.status = 'open'").AddScope(request.scope);
    auto statement = database.PrepareCached(std::string(views::kOpenCardSelect) + " WHERE 1" + filter.sql(),
                                            "Reading deals that need attention");
    if (!statement) return statement.errors();
    Statement& row = *statement.value();
    filter.Bind(row, 1);
    // The best `attention_limit` deals so far, as a heap with the one that ranks last on top: a manager's
    // Today scores thousands of deals and keeps fifty, so the rest are never copied.
    using Ranked = std::pair<DealAttention, DealCard>;
    const auto ranks_later = [](const Ranked& left, const Ranked& right) { return RanksBefore(left.first, right.first); };
    std::vector<Ranked> best;
    views::CardReader reader(*state_, request.clock);
    DealCard card;
    while (row.Step()) {
        if (auto read = reader.Read(row, card); !read) {
            row.Reset();
            return read.errors();
        }
        if (card.attention_score == 0) continue;
        ++today.needing_attention_count;
        DealAttention key;
        key.deal_id = card.id;
        key.expected_close_date = card.expected_close_date;
        key.score = card.attention_score;
        if (best.size() == request.attention_limit) {
            if (best.empty() || !RanksBefore(key, best.front().first)) continue;
            std::pop_heap(best.begin(), best.end(), ranks_later);
            best.pop_back();
        }
        best.emplace_back(std::move(key), std::move(card));
        std::push_heap(best.begin(), best.end(), ranks_later);
        card = DealCard{};
    }
    if (!row.error().empty()) return views::StorageError(row, "Reading deals that need attention");

    // The kept few in the core's order.
    std::vector<DealAttention> ranking;
    for (const Ranked& ranked : best) ranking.push_back(ranked.first);
    SortByAttention(ranking);
    std::unordered_map<std::string_view, size_t> position;
    for (size_t index = 0; index < best.size(); ++index) position.emplace(best[index].first.deal_id, index);
    for (const DealAttention& key : ranking) today.needing_attention.push_back(std::move(best[position.at(key.deal_id)].second));

    if (auto waking = ReadWaking(database, request, catalogue, today); !waking) return waking.errors();
    return today;
}

}  // namespace roadbook
