// The deal detail's view model: the deal's fields as the draft starts, the stage path, effective
// probability and forecast category (with the overrides shown), contacts with roles, the activity
// timeline and the field history from the change log, in words. Read again only when the data, the deal
// or the date changed.
#include <algorithm>
#include <cstdio>
#include <map>

#include "app/view_text.h"
#include "app/workspace.h"
#include "core/deal_rules.h"
#include "core/money.h"
#include "store/history_queries.h"
#include "store/opportunity_record.h"

namespace roadbook {
namespace {

// How the history names a field of the opportunities table; fields not listed are bookkeeping.
const std::map<std::string, std::string>& FieldLabels() {
    static const std::map<std::string, std::string> labels = {
        {"name", "Name"}, {"account_id", "Account"}, {"owner_id", "Owner"}, {"stage_id", "Stage"},
        {"amount_minor", "Amount"}, {"currency_code", "Currency"}, {"expected_close_date", "Expected close"},
        {"probability_override", "Probability"}, {"forecast_category_override", "Forecast category"},
        {"status", "Status"}, {"lost_reason_id", "Lost reason"}, {"lost_note", "Lost note"},
        {"postponed_until", "Postponed until"}, {"postponed_reason", "Postponed because"}, {"priority", "Priority"},
        {"source", "Source"}, {"tags", "Tags"}, {"needs", "Needs"}, {"closed_date", "Closed on"},
        {"primary_contact_id", "Primary contact"}, {"no_next_step_reason", "No next step because"},
    };
    return labels;
}

// "12 Jun 2026 14:05" in the device's time zone.
std::string InstantText(int64_t unix_ms, int32_t offset_minutes) {
    const CalendarDate date = DateAtInstant(unix_ms, offset_minutes);
    const int64_t local_ms = unix_ms + int64_t(offset_minutes) * 60'000;
    const int64_t minutes = ((local_ms / 60'000) % 1440 + 1440) % 1440;
    char time[8];
    std::snprintf(time, sizeof time, "%02d:%02d", int(minutes / 60), int(minutes % 60));
    return FormatShortDate(date) + " " + time;
}

std::string TimelineDetail(const ActivityRow& activity) {
    std::string detail = activity.outcome;
    if (!activity.notes.empty()) detail += (detail.empty() ? "" : " · ") + activity.notes;
    return detail;
}

}  // namespace

const ui::DealDetailModel& Workspace::Deal(const std::string& opportunity_id, uint64_t data_version) {
    const ViewClock clock = clock_();
    DealKey key{data_version, opportunity_id, clock.today};
    if (!deal_key_ || !(*deal_key_ == key)) {
        ReloadDeal(opportunity_id, clock);
        deal_key_ = std::move(key);
    }
    return deal_;
}

void Workspace::ReloadDeal(const std::string& opportunity_id, const ViewClock& clock) {
    deal_ = ui::DealDetailModel{};
    ui::DealDetailModel& model = deal_;
    auto found = FindOpportunity(database_, opportunity_id);
    if (!found) {
        model.load_error = found.first_error().message;
        return;
    }
    const OpportunityRecord& deal = found.value();
    auto stages = admin_.Stages(deal.pipeline_id);
    auto users = admin_.Users();
    auto reasons = admin_.LostReasons(true);
    auto contacts = contacts_.ContactsOfOpportunity(opportunity_id);
    auto timeline = activities_.Timeline(opportunity_id);
    auto history = FieldHistory(database_, "opportunity", opportunity_id);
    auto contact_history = ContactLinkHistory(database_, opportunity_id);
    for (const ValidationError* failure : {!stages ? &stages.first_error() : nullptr, !users ? &users.first_error() : nullptr,
                                           !reasons ? &reasons.first_error() : nullptr,
                                           !contacts ? &contacts.first_error() : nullptr,
                                           !timeline ? &timeline.first_error() : nullptr,
                                           !history ? &history.first_error() : nullptr,
                                           !contact_history ? &contact_history.first_error() : nullptr}) {
        if (failure) {
            model.load_error = failure->message;
            return;
        }
    }
    model.id = deal.id;
    model.name = deal.name;
    model.account_id = deal.account_id;
    model.account_name = deal.account_name;
    model.pipeline_name = deal.pipeline_name;
    model.open = deal.status == DealStatus::Open;
    model.saved = ui::DealDraft{deal.name, FormatMoneyForEditing(deal.amount), deal.amount.currency_code,
                                FormatIsoDate(deal.expected_close_date), deal.owner_id, std::to_string(deal.priority),
                                deal.source, "", deal.needs};
    for (const std::string& tag : deal.tags) model.saved.tags += (model.saved.tags.empty() ? "" : ", ") + tag;

    // Names for the ids the history and the pickers show.
    std::map<std::string, std::string> names;
    for (const UserSummary& user : users.value()) {
        names[user.id] = user.name;
        if (user.active) model.owners.push_back({user.id, user.name});
    }
    for (const LostReasonSummary& reason : reasons.value()) {
        names[reason.id] = reason.label;
        if (reason.active) model.lost_reasons.push_back({reason.id, reason.label});
    }
    const StageRules* current = nullptr;
    bool passed = true;
    for (const StageRules& stage : stages.value()) {
        names[stage.id] = stage.name;
        if (stage.id == deal.stage_id) {
            current = &stage;
            passed = false;
        }
        if (stage.is_won || stage.is_lost) continue;
        model.stages.push_back({stage.id, stage.name, stage.id == deal.stage_id, passed});
    }
    if (!current || !std::any_of(model.stages.begin(), model.stages.end(), [](const auto& step) { return step.current; })) {
        for (auto& step : model.stages) step.passed = false;  // won, lost or a stage of elsewhere: no position
    }

    const ForecastCategory stage_category = current ? current->forecast_category : ForecastCategory::Pipeline;
    model.stage_probability = current ? current->default_probability : 0;
    auto probability = EffectiveProbability(deal.status, model.stage_probability, deal.probability_override);
    model.probability = probability ? probability.value() : 0;
    model.probability_overridden = deal.probability_override.has_value() && model.open;
    const ForecastCategory category = EffectiveForecastCategory(deal.status, stage_category, deal.forecast_category_override);
    model.forecast_category = std::string(ForecastCategoryName(category));
    model.forecast_label = std::string(ForecastCategoryLabel(category));
    model.forecast_overridden = deal.forecast_category_override.has_value() && model.open;
    if (model.open) {
        for (ForecastCategory choice : {ForecastCategory::Pipeline, ForecastCategory::BestCase, ForecastCategory::Commit,
                                        ForecastCategory::Omitted}) {
            model.forecast_categories.push_back({std::string(ForecastCategoryName(choice)),
                                                 std::string(ForecastCategoryLabel(choice))});
        }
    }

    switch (deal.status) {
        case DealStatus::Open: model.status_text = "Open"; break;
        case DealStatus::Won:
            model.status_text = deal.closed_date ? "Won on " + FormatShortDate(*deal.closed_date) : "Won";
            break;
        case DealStatus::Lost:
            model.status_text = "Lost: " + deal.lost_reason_label + (deal.lost_note.empty() ? "" : " (" + deal.lost_note + ")");
            break;
        case DealStatus::Postponed:
            model.status_text = "Postponed until " +
                                (deal.postponed_until ? FormatShortDate(*deal.postponed_until) : std::string("?")) +
                                (deal.postponed_reason.empty() ? "" : ": " + deal.postponed_reason);
            break;
        case DealStatus::Archived: model.status_text = "Archived"; break;
    }
    model.quick_due_dates = {{FormatIsoDate(AddDays(clock.today, 1)), "Tomorrow"},
                             {FormatIsoDate(AddDays(clock.today, 3)), "In 3 days"},
                             {FormatIsoDate(AddDays(clock.today, 7)), "Next week"}};

    for (const OpportunityContactRow& row : contacts.value()) {
        const ContactRow& contact = row.contact;
        std::string detail = contact.job_title;
        for (const std::string* part : {&contact.email, &contact.phone}) {
            if (!part->empty()) detail += (detail.empty() ? "" : " · ") + *part;
        }
        model.contacts.push_back({contact.id, contact.name, row.role, detail, row.is_primary});
        names[contact.id] = contact.name;
    }

    std::vector<ui::TimelineItemModel> scheduled, done;
    std::optional<CalendarDate> next_due;
    for (const ActivityRow& activity : timeline.value()) {
        ui::TimelineItemModel item;
        item.id = activity.id;
        item.kind = std::string(ActivityKindName(activity.kind));
        item.subject = activity.subject;
        item.detail = TimelineDetail(activity);
        if (activity.state == ActivityState::Scheduled) {
            item.overdue = activity.due_date && *activity.due_date < clock.today;
            item.when_text = activity.due_date ? "Due " + FormatShortDate(*activity.due_date) : "Scheduled";
            if (activity.due_date && (!next_due || *activity.due_date < *next_due)) next_due = activity.due_date;
            scheduled.push_back(std::move(item));
        } else if (activity.state == ActivityState::Done) {
            item.done = true;
            item.when_text = activity.done_at_ms ? "Done " + InstantText(*activity.done_at_ms, clock.utc_offset_minutes)
                                                 : "Done";
            done.push_back(std::move(item));
        }
    }
    model.timeline = std::move(scheduled);
    model.timeline.insert(model.timeline.end(), done.begin(), done.end());
    model.next_activity_text = next_due ? (*next_due < clock.today ? "Next activity overdue since "
                                                                   : "Next activity ") + FormatShortDate(*next_due)
                               : deal.no_next_step_reason.empty() ? "No next activity"
                                                                  : "No next step: " + deal.no_next_step_reason;

    const auto value_text = [&](const std::string& field, const std::optional<std::string>& value) -> std::string {
        if (!value || value->empty()) return "—";
        if (field == "primary_contact_id") {
            // Someone taken off the deal is no longer in `names`; the history still says who they were.
            if (const auto name = names.find(*value); name != names.end()) return name->second;
            auto contact = contacts_.FindContact(*value);
            return contact ? contact.value().name : *value;
        }
        if (field == "stage_id" || field == "owner_id" || field == "lost_reason_id") {
            const auto name = names.find(*value);
            return name == names.end() ? *value : name->second;
        }
        return *value;
    };
    // The deal's fields and its contacts in one history, newest first by the change log's order.
    std::vector<std::pair<int64_t, ui::HistoryItemModel>> items;
    const auto add_item = [&](const FieldChange& change, std::string field, std::string text) {
        items.push_back({change.sequence, {std::move(field), std::move(text),
                                           InstantText(change.at_ms, clock.utc_offset_minutes) + " · " + change.actor}});
    };
    for (const FieldChange& change : history.value()) {
        const auto label = FieldLabels().find(change.field);
        if (label == FieldLabels().end()) continue;
        add_item(change, label->second,
                 change.old_value
                     ? value_text(change.field, change.old_value) + " → " + value_text(change.field, change.new_value)
                     : "set to " + value_text(change.field, change.new_value));
    }
    for (const ContactLinkChange& link : contact_history.value()) {
        const FieldChange& change = link.change;
        const std::string who = link.contact_name.empty() ? link.contact_id : link.contact_name;
        const std::string value = change.new_value.value_or("");
        if (change.field == "role" && !change.old_value) {  // linked: the role is recorded first
            add_item(change, "Contacts", "added " + who + (value.empty() ? "" : " as " + value));
        } else if (change.field == "role") {
            add_item(change, "Contact role",
                     who + ": " + value_text("role", change.old_value) + " → " + value_text("role", change.new_value));
        } else if (change.field == "deleted" && value == "1") {
            add_item(change, "Contacts", "removed " + who);
        }
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& left, const auto& right) { return left.first > right.first; });
    for (auto& [sequence, item] : items) model.history.push_back(std::move(item));
}

}  // namespace roadbook
