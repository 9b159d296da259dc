// Today's view model (the agenda, deals needing attention, postponed deals coming back) from
// ViewQueries::Today, and completing an activity through the next-step prompt.
#include "app/view_text.h"
#include "app/workspace.h"
#include "core/activity.h"
#include "core/money.h"

namespace roadbook {
namespace {

inline constexpr size_t kAttentionShown = 50;

ui::AgendaItemModel AgendaModel(const AgendaItem& item) {
    ui::AgendaItemModel model;
    model.activity_id = item.activity_id;
    model.kind = item.kind;
    model.subject = item.subject;
    model.opportunity_name = item.opportunity_name;
    model.context_text = item.opportunity_name;
    if (!item.account_name.empty()) {
        model.context_text += model.context_text.empty() ? item.account_name : " · " + item.account_name;
    }
    model.overdue = item.days_overdue > 0;
    model.due_text = model.overdue ? DaysText(item.days_overdue) + " overdue" : "Today";
    return model;
}

ui::AttentionDealModel AttentionModel(const DealCard& card) {
    ui::AttentionDealModel model;
    model.id = card.id;
    model.name = card.name;
    model.account_name = card.account_name;
    model.stage_name = card.stage_name;
    model.owner_name = card.owner_name;
    model.amount_text = FormatMoney(card.amount);
    model.reasons = card.attention_reasons;
    model.score = card.attention_score;
    return model;
}

}  // namespace

const ui::TodayModel& Workspace::Today(uint64_t data_version) {
    const ViewClock clock = clock_();
    TodayKey key{data_version, clock.today};
    if (!today_key_ || !(*today_key_ == key)) {
        ReloadToday(clock);
        today_key_ = key;
    }
    return today_;
}

void Workspace::ReloadToday(const ViewClock& clock) {
    today_ = ui::TodayModel{};
    ui::TodayModel& model = today_;
    model.date_text = LongDateText(clock.today);
    model.quick_due_dates = {{FormatIsoDate(AddDays(clock.today, 1)), "Tomorrow"},
                             {FormatIsoDate(AddDays(clock.today, 3)), "In 3 days"},
                             {FormatIsoDate(AddDays(clock.today, 7)), "Next week"}};
    TodayRequest request;
    request.clock = clock;
    request.attention_limit = kAttentionShown;
    auto today = views_.Today(request);
    if (!today) {
        model.load_error = today.first_error().message;
        return;
    }
    for (const AgendaItem& item : today.value().overdue) model.overdue.push_back(AgendaModel(item));
    for (const AgendaItem& item : today.value().due_today) model.due_today.push_back(AgendaModel(item));
    for (const DealCard& card : today.value().needing_attention) model.attention.push_back(AttentionModel(card));
    model.attention_count = today.value().needing_attention_count;
    for (const WakingDeal& deal : today.value().waking) {
        ui::WakingDealModel& waking = model.waking.emplace_back();
        waking.id = deal.id;
        waking.name = deal.name;
        waking.account_name = deal.account_name;
        waking.stage_name = deal.stage_name;
        waking.postponed_text = "Postponed until " + FormatShortDate(deal.postponed_until);
        if (!deal.postponed_reason.empty()) waking.postponed_text += ": " + deal.postponed_reason;
    }
}

Result<ui::NextStepPromptState> Workspace::PromptForCompletion(const std::string& activity_id) {
    auto activity = activities_.Find(activity_id);
    if (!activity) return activity.errors();
    if (activity.value().state != ActivityState::Scheduled) {
        return ValidationError{"state", "not-scheduled", "This activity is already done or cancelled."};
    }
    ui::NextStepPromptState prompt;
    prompt.open = true;
    prompt.focus_first_field = true;
    prompt.activity_id = activity_id;
    prompt.activity_subject = activity.value().subject;
    prompt.opportunity_name = activity.value().opportunity_name;
    if (!prompt.opportunity_name.empty()) prompt.subject = "Follow up: " + prompt.opportunity_name;
    prompt.due_date = FormatIsoDate(AddDays(clock_().today, 1));
    return prompt;
}

Status Workspace::CompleteActivity(const ui::NextStepAnswer& answer) {
    Completion completion;
    completion.activity_id = answer.activity_id;
    completion.outcome = answer.outcome;
    auto next_step = NextStepFrom(answer);
    if (!next_step) return next_step.errors();
    auto completed = activities_.Complete(completion, next_step.value(), new_context_());
    if (!completed) return completed.errors();
    return Done{};
}

Result<NextStep> Workspace::NextStepFrom(const ui::NextStepAnswer& answer) {
    NextStep next_step;
    if (answer.has_deal && answer.schedule) {
        std::vector<ValidationError> errors;
        auto kind = ParseActivityKind(answer.kind);
        if (!kind) errors.push_back({"next_step.kind", "unknown-value", "Choose a call, a meeting or a task."});
        auto due = ParseCalendarDate(answer.due_date, "next_step.due_date");
        if (!due) errors.insert(errors.end(), due.errors().begin(), due.errors().end());
        if (!errors.empty()) return errors;
        PlannedActivity planned;
        planned.kind = kind.value();
        planned.subject = answer.subject;
        planned.due_date = due.value();
        next_step.activity = std::move(planned);
    } else if (answer.has_deal) {
        next_step.no_next_step_reason = answer.reason;
    }
    return next_step;
}

}  // namespace roadbook
