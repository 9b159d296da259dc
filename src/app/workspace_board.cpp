// The board's view model: pickers (pipelines, owners, teams, lost reasons) and the columns of the chosen
// pipeline from ViewQueries::Board, with totals in the reporting currency and each card's indicators.
#include <algorithm>

#include "app/view_text.h"
#include "app/workspace.h"
#include "core/money.h"
#include "core/text.h"

namespace roadbook {
namespace {

ui::BoardCardModel CardModel(const DealCard& card, CalendarDate today) {
    ui::BoardCardModel model;
    model.id = card.id;
    model.name = card.name;
    model.account_name = card.account_name;
    model.amount_text = FormatMoney(card.amount);
    model.close_date_text = FormatShortDate(card.expected_close_date);
    model.close_date_passed = card.expected_close_date < today;
    model.owner_name = card.owner_name;
    model.next_activity = ActivityDueFor(card.next_activity.state);
    model.next_activity_text = NextActivityText(card.next_activity);
    model.rot_days = card.rot.is_rotting ? card.rot.days_rotting : 0;
    return model;
}

// Fills the pickers; false (with the model's error set) when one could not be read.
bool LoadChoices(AdminStore& admin, const ui::BoardState& state, ui::BoardModel& model) {
    auto pipelines = admin.Pipelines();
    auto users = admin.Users();
    auto teams = admin.Teams();
    auto reasons = admin.LostReasons();
    const ValidationError* failure = !pipelines ? &pipelines.first_error()
                                     : !users   ? &users.first_error()
                                     : !teams   ? &teams.first_error()
                                     : !reasons ? &reasons.first_error()
                                                : nullptr;
    if (failure) {
        model.load_error = failure->message;
        return false;
    }
    for (const PipelineSummary& pipeline : pipelines.value()) {
        if (!pipeline.archived) model.pipelines.push_back({pipeline.id, pipeline.name});
    }
    for (const UserSummary& user : users.value()) {
        // Within a team filter only its members are offered as owners.
        if (user.active && (state.team_id.empty() || user.team_id == state.team_id)) {
            model.owners.push_back({user.id, user.name});
        }
    }
    for (const TeamSummary& team : teams.value()) model.teams.push_back({team.id, team.name});
    for (const LostReasonSummary& reason : reasons.value()) model.lost_reasons.push_back({reason.id, reason.label});
    return true;
}

}  // namespace

const ui::BoardModel& Workspace::Board(const ui::BoardState& state, uint64_t data_version) {
    const ViewClock clock = clock_();
    BoardKey key{data_version, state.pipeline_id, state.owner_id, state.team_id, state.text, clock.today};
    if (!board_key_ || !(*board_key_ == key)) {
        ReloadBoard(state, clock);
        board_key_ = std::move(key);
    }
    return board_;
}

void Workspace::ReloadBoard(const ui::BoardState& state, const ViewClock& clock) {
    board_ = ui::BoardModel{};
    ui::BoardModel& model = board_;
    if (!LoadChoices(admin_, state, model)) return;
    if (model.pipelines.empty()) {
        model.load_error = "There is no pipeline to show. Add one in the settings.";
        return;
    }
    const bool chosen_exists = std::any_of(model.pipelines.begin(), model.pipelines.end(),
                                           [&](const ui::ChoiceModel& pipeline) { return pipeline.id == state.pipeline_id; });
    model.pipeline_id = chosen_exists ? state.pipeline_id : model.pipelines.front().id;
    model.filtered = !state.owner_id.empty() || !state.team_id.empty() || !Trim(state.text).empty();

    BoardRequest request;
    request.pipeline_id = model.pipeline_id;
    request.scope.owner_id = state.owner_id;
    request.scope.team_id = state.team_id;
    request.text = state.text;
    request.clock = clock;
    auto board = views_.Board(request);
    if (!board) {
        model.load_error = board.first_error().message;
        return;
    }
    const PipelineBoard& read = board.value();
    const auto money = [&](int64_t minor_units) { return FormatMoney(Money{minor_units, read.reporting_currency}); };
    model.deal_count = read.deal_count;
    model.total_text = money(read.total_minor);
    model.weighted_text = money(read.weighted_minor);
    model.columns.reserve(read.columns.size());
    for (const BoardColumn& column : read.columns) {
        ui::BoardColumnModel& target = model.columns.emplace_back();
        target.stage_id = column.stage_id;
        target.name = column.stage_name;
        target.probability = column.probability;
        target.deal_count = column.deal_count;
        target.total_text = money(column.total_minor);
        target.weighted_text = money(column.weighted_minor);
        target.cards.reserve(column.cards.size());
        for (const DealCard& card : column.cards) target.cards.push_back(CardModel(card, clock.today));
    }
}

}  // namespace roadbook
