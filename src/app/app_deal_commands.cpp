// The App's handling of the deal detail: opening it (from a row, a card or a search result) and closing
// it, saving the edited fields (errors stay under their fields with the draft kept), overrides, outcomes
// (offered for undo), postponing, and logging an interaction through the next-step prompt.
#include "app/app.h"

namespace roadbook {

void App::OpenDeal(const std::string& opportunity_id) {
    if (screen_.screen != ui::Screen::Deal) screen_.deal_back = screen_.screen;
    screen_.screen = ui::Screen::Deal;
    if (screen_.deal.opportunity_id != opportunity_id) screen_.deal = ui::DealState{};
    screen_.deal.opportunity_id = opportunity_id;
}

void App::ApplyDealCommands(const ui::UiCommands& commands, double now_seconds) {
    ui::DealState& deal = screen_.deal;
    const auto toast = [&](std::string message, ui::ToastKind kind = ui::ToastKind::Success) {
        screen_.toast = ui::Toast{std::move(message), kind, now_seconds};
    };
    if (commands.open_search) {
        screen_.search = ui::SearchState{};
        screen_.search.open = true;
        screen_.search.focus_input = true;
    }
    if (commands.search_choice) {
        screen_.search = ui::SearchState{};
        auto target = workspace_.TargetOf(*commands.search_choice);
        if (!target) {
            toast(target.first_error().message, ui::ToastKind::Error);
        } else if (!target.value().opportunity_id.empty()) {
            OpenDeal(target.value().opportunity_id);
        } else {
            // An account or a contact: every deal of the account, whatever its status.
            screen_.screen = ui::Screen::Opportunities;
            screen_.list.text = target.value().list_filter;
            screen_.list.status = ui::ListStatusFilter::All;
            screen_.list.selected.clear();
            screen_.list.anchor_index = -1;
        }
    }
    if (commands.open_deal) OpenDeal(*commands.open_deal);
    if (commands.close_deal) screen_.screen = screen_.deal_back;
    if (commands.save_deal) {
        auto saved = workspace_.SaveDeal(*commands.save_deal);
        if (saved) {
            Changed();
            deal.errors.clear();
            deal.base = deal.draft;  // the stored values are now the draft's
            toast("Changes saved");
        } else {
            deal.errors = saved.errors();  // shown under their fields; the draft keeps what was typed
        }
    }
    if (commands.set_probability) {
        auto set = workspace_.SetProbability(*commands.set_probability);
        if (set) {
            Changed();
            deal.probability.clear();
            std::erase_if(deal.errors, [](const ValidationError& error) { return error.field == "probability"; });
        } else {
            deal.errors = set.errors();
        }
    }
    if (commands.set_forecast) {
        auto set = workspace_.SetForecastCategory(*commands.set_forecast);
        if (set) Changed(); else deal.errors = set.errors();
    }
    if (commands.deal_outcome) {
        const ui::DealOutcomeRequest& request = *commands.deal_outcome;
        const std::string name = workspace_.Deal(request.opportunity_id, data_version_).name;
        const char* what = request.outcome == ui::DealOutcome::Won       ? " won"
                           : request.outcome == ui::DealOutcome::Archive ? " archived"
                                                                         : " reopened";
        auto done = RunUndoable([&] { return workspace_.ApplyOutcome(request); }, name + what, now_seconds);
        if (!done) toast(done.first_error().message, ui::ToastKind::Error);
    }
    if (commands.deal_lost) {
        const std::string name = workspace_.Deal(commands.deal_lost->opportunity_id, data_version_).name;
        auto lost = RunUndoable([&] { return workspace_.MarkLost(*commands.deal_lost); }, name + " marked lost", now_seconds);
        if (lost) deal.lost = ui::LostDialogState{}; else deal.lost.errors = lost.errors();
    }
    if (commands.postpone) {
        const std::string name = workspace_.Deal(commands.postpone->opportunity_id, data_version_).name;
        auto postponed = RunUndoable([&] { return workspace_.Postpone(*commands.postpone); }, name + " postponed",
                                     now_seconds);
        if (postponed) deal.postpone = ui::PostponeDialogState{}; else deal.postpone.errors = postponed.errors();
    }
    if (commands.log_next) {
        auto prompt = workspace_.PromptAfterLogging(deal.opportunity_id, deal.log);
        if (prompt) {
            deal.log = ui::LogDialogState{};
            screen_.next_step = std::move(prompt).value();
        } else {
            deal.log.errors = prompt.errors();
        }
    }
}

}  // namespace roadbook
