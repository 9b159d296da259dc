// The deal list's view model: the count, totals and pickers when the data or the filters change, and a
// window of rows around what is on screen (ViewQueries::List pages), so 100k deals cost a page, not 100k
// cards. Selecting ranges and everything reads ids only.
#include <algorithm>
#include <cstdint>

#include "app/view_text.h"
#include "app/workspace.h"
#include "core/money.h"

namespace roadbook {
namespace {

// Rows loaded around the screen, and how close to the window's edge the screen may come before the
// window moves: a move reads one page while scrolling, then nothing for the next ~100 rows.
constexpr int64_t kWindowRows = 240;
constexpr int64_t kWindowMargin = 40;

ListSort StoreSort(ui::ListColumn column) {
    switch (column) {
        case ui::ListColumn::Name: return ListSort::Name;
        case ui::ListColumn::Stage: return ListSort::Stage;
        case ui::ListColumn::Owner: return ListSort::Owner;
        case ui::ListColumn::Amount: return ListSort::Amount;
        case ui::ListColumn::Account:
        case ui::ListColumn::NextActivity:
        case ui::ListColumn::CloseDate: break;
    }
    return ListSort::CloseDate;
}

std::optional<DealStatus> StoreStatus(ui::ListStatusFilter status) {
    switch (status) {
        case ui::ListStatusFilter::Open: return DealStatus::Open;
        case ui::ListStatusFilter::Won: return DealStatus::Won;
        case ui::ListStatusFilter::Lost: return DealStatus::Lost;
        case ui::ListStatusFilter::Postponed: return DealStatus::Postponed;
        case ui::ListStatusFilter::Archived: return DealStatus::Archived;
        case ui::ListStatusFilter::All: break;
    }
    return std::nullopt;
}

ListRequest RequestFor(const ui::ListState& state, const ViewClock& clock) {
    ListRequest request;
    request.text = state.text;
    request.status = StoreStatus(state.status);
    request.sort = StoreSort(state.sort);
    request.descending = state.descending;
    request.clock = clock;
    return request;
}

ui::DealRowModel RowModel(const DealCard& card, CalendarDate today) {
    ui::DealRowModel row;
    row.id = card.id;
    row.name = card.name;
    row.account_name = card.account_name;
    row.stage_name = card.stage_name;
    row.owner_name = card.owner_name;
    row.amount_text = FormatMoney(card.amount);
    row.close_date_text = FormatShortDate(card.expected_close_date);
    const bool open = card.status == DealStatus::Open;
    row.close_date_passed = open && card.expected_close_date < today;
    row.next_activity = open ? ActivityDueFor(card.next_activity.state) : ui::ActivityDue::None;
    row.next_activity_text = open ? NextActivityText(card.next_activity) : "";
    if (!open) row.status_text = std::string(DealStatusLabel(card.status));
    return row;
}

}  // namespace

const ui::DealListModel& Workspace::List(const ui::ListState& state, uint64_t data_version) {
    const ViewClock clock = clock_();
    ListKey key{data_version, state.text, state.status, state.sort, state.descending, clock.today};
    const bool changed = !list_key_ || !(*list_key_ == key);
    if (changed) {
        list_key_ = std::move(key);
        ReloadListSummary(state, clock);
    }
    if (!list_.load_error.empty()) return list_;
    const int64_t loaded_last = list_.first_index + int64_t(list_.rows.size()) - 1;
    const bool window_holds_screen =
        (state.visible_first >= list_.first_index + kWindowMargin || list_.first_index == 0) &&
        (state.visible_last <= loaded_last - kWindowMargin || loaded_last >= list_.total_count - 1);
    if (changed || !window_holds_screen) {
        const int64_t first = std::max<int64_t>(0, std::min(state.visible_first - (kWindowRows - (state.visible_last -
                                                                                                  state.visible_first)) / 2,
                                                            list_.total_count - kWindowRows));
        ReloadListRows(state, clock, first);
    }
    return list_;
}

void Workspace::ReloadListSummary(const ui::ListState& state, const ViewClock& clock) {
    const int64_t previous_count = list_.total_count;  // places the new window where the screen is
    list_ = ui::DealListModel{};
    ui::DealListModel& model = list_;
    model.total_count = previous_count;
    const ListRequest request = RequestFor(state, clock);
    auto totals = views_.ListOpenTotals(request);
    if (!totals) {
        model.load_error = totals.first_error().message;
        return;
    }
    for (const Money& total : totals.value()) model.open_totals.push_back(FormatMoney(total));
    // The bulk pickers: every open stage of every pipeline, the active people, the lost reasons.
    auto pipelines = admin_.Pipelines();
    auto users = admin_.Users();
    auto reasons = admin_.LostReasons();
    if (!pipelines || !users || !reasons) {
        model.load_error = !pipelines ? pipelines.first_error().message
                           : !users   ? users.first_error().message
                                      : reasons.first_error().message;
        return;
    }
    for (const PipelineSummary& pipeline : pipelines.value()) {
        if (pipeline.archived) continue;
        auto stages = admin_.Stages(pipeline.id);
        if (!stages) {
            model.load_error = stages.first_error().message;
            return;
        }
        for (const StageRules& stage : stages.value()) {
            if (!stage.is_won && !stage.is_lost) model.stages.push_back({stage.id, pipeline.name + " · " + stage.name});
        }
    }
    for (const UserSummary& user : users.value()) {
        if (user.active) model.owners.push_back({user.id, user.name});
    }
    for (const LostReasonSummary& reason : reasons.value()) model.lost_reasons.push_back({reason.id, reason.label});
}

void Workspace::ReloadListRows(const ui::ListState& state, const ViewClock& clock, int64_t first) {
    ListRequest request = RequestFor(state, clock);
    request.offset = first;
    request.limit = kWindowRows;
    auto page = views_.List(request);
    if (!page) {
        list_.load_error = page.first_error().message;
        list_.rows.clear();
        return;
    }
    list_.total_count = page.value().total_count;
    list_.first_index = first;
    list_.rows.clear();
    list_.rows.reserve(page.value().rows.size());
    for (const DealCard& card : page.value().rows) list_.rows.push_back(RowModel(card, clock.today));
}

Result<std::vector<std::string>> Workspace::ListIds(const ui::ListState& state, int64_t first, int64_t last) {
    if (last < first) std::swap(first, last);
    ListRequest request = RequestFor(state, clock_());
    request.offset = std::max<int64_t>(0, first);
    request.limit = last - request.offset + 1;
    return views_.ListIds(request);
}

Result<std::vector<std::string>> Workspace::AllListIds(const ui::ListState& state) {
    ListRequest request = RequestFor(state, clock_());
    request.limit = INT64_MAX;
    return views_.ListIds(request);
}

}  // namespace roadbook
