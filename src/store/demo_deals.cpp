// Writing the planned demo deals: the opportunity rows, their contacts, activities and converted leads,
// and the change-log rows that replay each deal exactly, at the times things happened.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "store/demo_plan.h"

namespace roadbook::demo {
namespace {

constexpr std::string_view kContactRoles[] = {"Decision maker", "Champion", "User", "Purchasing"};

std::optional<std::string> OptionalText(std::string_view text) {
    if (text.empty()) return std::nullopt;
    return std::string(text);
}

std::optional<std::string> OptionalDay(const std::optional<int64_t>& day) {
    if (!day) return std::nullopt;
    return DayText(*day);
}

// Deals, their contacts, activities and converted leads go to the database a batch at a time.
struct Batches {
    explicit Batches(Database& database)
        : deals(database,
                "opportunities (id, name, account_id, primary_contact_id, pipeline_id, stage_id, owner_id, amount_minor,"
                " currency_code, probability_override, forecast_category_override, expected_close_date, source,"
                " priority, tags, needs, status, closed_date, lost_reason_id, lost_note, postponed_until,"
                " postponed_reason, no_next_step_reason, stage_entered_at_ms, last_touch_at_ms,"
                " close_date_push_count, created_at_ms, updated_at_ms)",
                28, 1000),
          deal_contacts(database, "opportunity_contacts (opportunity_id, contact_id, role)", 3, 500),
          activities(database,
                     "activities (id, kind, subject, notes, opportunity_id, contact_id, owner_id, due_date, state,"
                     " outcome, done_at_ms, created_at_ms, updated_at_ms)",
                     13, 2000),
          leads(database,
                "leads (id, name, company, source, owner_id, status, has_budget, has_authority, has_need, has_timing,"
                " converted_opportunity_id, created_at_ms, updated_at_ms)",
                13, 500) {}

    Status Flush() {
        for (BatchInsert* batch : {&deals, &deal_contacts, &activities, &leads}) {
            if (auto done = batch->Flush(); !done) return done;
        }
        return Done{};
    }

    BatchInsert deals;
    BatchInsert deal_contacts;
    BatchInsert activities;
    BatchInsert leads;
};

// An activity waiting to be written once every deal is: activities go in creation order, so their ids
// (which carry the creation time) ascend and every index insert lands at the end of its index.
struct PendingActivity {
    Activity activity;
    size_t deal = 0;                            // index into the written deal ids
    const std::string* contact_id = nullptr;    // the deal's primary contact, into the Organisation
    std::string_view owner;
};

Status WriteActivity(Writer& writer, Batches& batches, const PendingActivity& pending, const std::string& deal_id) {
    const Activity& activity = pending.activity;
    const std::string id = writer.NewId(activity.created_ms);
    const std::optional<std::string> due = OptionalDay(activity.due_day);
    const std::optional<std::string> contact =
        activity.with_contact && pending.contact_id ? std::optional<std::string>(*pending.contact_id) : std::nullopt;
    BatchInsert& row = batches.activities;
    row.Text(id).Text(activity.kind).Text(activity.subject).Text(activity.notes).Text(deal_id).OptionalText(contact)
        .Text(pending.owner).OptionalText(due).Text(activity.state).Text(activity.outcome);
    if (activity.state == "done") {
        row.Integer(activity.finished_ms ? activity.finished_ms : activity.created_ms);
    } else {
        row.OptionalText(std::nullopt);
    }
    row.Integer(activity.created_ms).Integer(std::max(activity.created_ms, activity.finished_ms));
    if (auto done = row.EndRow(); !done) return done;

    // What identifies and places the activity; its contact, owner and outcome are on the row.
    std::vector<std::pair<std::string_view, std::string>> fields = {
        {"kind", std::string(activity.kind)}, {"subject", std::string(activity.subject)}, {"opportunity_id", deal_id},
        {"state", activity.was_scheduled ? "scheduled" : std::string(activity.state)}};
    if (due) fields.emplace_back("due_date", *due);
    if (!activity.notes.empty()) fields.emplace_back("notes", std::string(activity.notes));
    if (auto done = writer.Created("activity", id, fields, pending.owner, activity.created_ms); !done) return done;
    if (activity.was_scheduled && activity.state != "scheduled") {
        return writer.Change("activity", id, "state", "scheduled", std::string(activity.state), pending.owner,
                             activity.finished_ms);
    }
    return Done{};
}

Status WriteDeal(Writer& writer, Batches& batches, const Deal& deal, const std::string& id) {
    const std::string_view owner = deal.owner_id;
    const Stage& initial_stage = deal.pipeline->stages[size_t(deal.visits[0])];
    const std::optional<std::string> contact_id =
        deal.contact >= 0 ? std::optional<std::string>(deal.account->contact_ids[size_t(deal.contact)]) : std::nullopt;
    BatchInsert& row = batches.deals;
    row.Text(id).Text(deal.name).Text(deal.account->id).OptionalText(contact_id).Text(deal.pipeline->id)
        .Text(deal.pipeline->stages[size_t(deal.stage)].id).Text(owner).Integer(deal.amount_minor).Text(deal.currency);
    if (deal.probability_override) row.Integer(*deal.probability_override); else row.OptionalText(std::nullopt);
    row.OptionalText(OptionalText(deal.category_override)).Text(DayText(deal.close_day)).Text(deal.source)
        .Integer(deal.priority).Text(deal.tags).Text(deal.needs).Text(StatusName(deal.outcome))
        .OptionalText(OptionalDay(deal.closed_day)).OptionalText(OptionalText(deal.lost_reason_id)).Text(deal.lost_note)
        .OptionalText(OptionalDay(deal.postponed_until_day)).Text(deal.postponed_reason).Text(deal.no_next_step_reason)
        .Integer(deal.stage_entered_ms).Integer(deal.last_touch_ms).Integer(deal.push_count).Integer(deal.created_ms)
        .Integer(deal.updated_ms);
    if (auto done = row.EndRow(); !done) return done;

    // What the rep entered to create the deal; source, priority and tags are on the row.
    std::vector<std::pair<std::string_view, std::string>> fields = {
        {"name", deal.name}, {"account_id", deal.account->id}, {"pipeline_id", deal.pipeline->id},
        {"stage_id", initial_stage.id}, {"owner_id", std::string(owner)},
        {"amount_minor", std::to_string(deal.amount_minor)}, {"currency_code", std::string(deal.currency)},
        {"expected_close_date", DayText(deal.initial_close_day)}, {"status", "open"}};
    if (contact_id) fields.emplace_back("primary_contact_id", *contact_id);
    if (!deal.needs.empty()) fields.emplace_back("needs", std::string(deal.needs));
    if (auto done = writer.Created("opportunity", id, fields, owner, deal.created_ms); !done) return done;
    for (const Event& event : deal.events) {
        auto done = writer.Change("opportunity", id, event.field, event.old_value, event.new_value, owner, event.at_ms);
        if (!done) return done;
    }
    if (!deal.no_next_step_reason.empty()) {
        const int64_t at = std::max(deal.last_touch_ms, deal.events.empty() ? deal.created_ms : deal.events.back().at_ms);
        auto done = writer.Change("opportunity", id, "no_next_step_reason", std::nullopt,
                                  std::string(deal.no_next_step_reason), owner, at);
        if (!done) return done;
    }
    if (contact_id) {
        batches.deal_contacts.Text(id).Text(*contact_id).Text(
            writer.random().Pick(std::span<const std::string_view>(kContactRoles)));
        if (auto done = batches.deal_contacts.EndRow(); !done) return done;
    }
    return Done{};
}

// One deal in a hundred came from a lead that was qualified and converted shortly before.
Status WriteConvertedLead(Writer& writer, Batches& batches, const Deal& deal, const std::string& deal_id) {
    const int64_t at = deal.created_ms - writer.random().Between(1, 10) * kMillisecondsPerDay;
    const std::string id = writer.NewId(at);
    const std::string& name = deal.account->contact_names[size_t(std::max(deal.contact, 0))];
    const std::string_view owner = deal.owner_id;
    batches.leads.Text(id).Text(name).Text(deal.account->name).Text(deal.source).Text(owner).Text("converted")
        .Integer(1).Integer(1).Integer(1).Integer(1).Text(deal_id).Integer(at).Integer(deal.created_ms);
    if (auto done = batches.leads.EndRow(); !done) return done;
    const std::pair<std::string_view, std::string> fields[] = {
        {"name", name}, {"company", deal.account->name}, {"status", "new"}};
    if (auto done = writer.Created("lead", id, fields, owner, at); !done) return done;
    if (auto done = writer.Change("lead", id, "status", "new", "converted", owner, deal.created_ms); !done) return done;
    return writer.Change("lead", id, "converted_opportunity_id", std::nullopt, deal_id, owner, deal.created_ms);
}

}  // namespace

Status WriteDeals(Writer& writer, const Organisation& organisation, int64_t opportunity_count) {
    Batches batches(writer.database());
    // Deals in creation order, so their ids ascend (see PlanCreationTime).
    std::vector<std::pair<int64_t, uint64_t>> creation_order;  // (created_ms, the deal's seed)
    creation_order.reserve(size_t(opportunity_count));
    for (int64_t index = 0; index < opportunity_count; ++index) {
        const uint64_t seed = writer.random().Next();
        Random deal_random(seed);
        creation_order.emplace_back(PlanCreationTime(deal_random, organisation), seed);
    }
    std::sort(creation_order.begin(), creation_order.end());

    std::vector<std::string> deal_ids;
    deal_ids.reserve(creation_order.size());
    std::vector<PendingActivity> activities;
    for (size_t position = 0; position < creation_order.size(); ++position) {
        Random deal_random(creation_order[position].second);
        const Deal deal = PlanDeal(deal_random, organisation);
        deal_ids.push_back(writer.NewId(deal.created_ms));
        if (auto done = WriteDeal(writer, batches, deal, deal_ids.back()); !done) return done;
        if (position % 100 == 7 && deal.pipeline == &organisation.pipelines[0]) {
            if (auto done = WriteConvertedLead(writer, batches, deal, deal_ids.back()); !done) return done;
        }
        const std::string* contact_id =
            deal.contact >= 0 ? &deal.account->contact_ids[size_t(deal.contact)] : nullptr;
        for (const Activity& activity : deal.activities) {
            activities.push_back({activity, position, contact_id, deal.owner_id});
        }
    }
    std::stable_sort(activities.begin(), activities.end(), [](const PendingActivity& left, const PendingActivity& right) {
        return left.activity.created_ms < right.activity.created_ms;
    });
    for (const PendingActivity& pending : activities) {
        if (auto done = WriteActivity(writer, batches, pending, deal_ids[pending.deal]); !done) return done;
    }
    if (auto done = batches.Flush(); !done) return done;
    return writer.Flush();
}

}  // namespace roadbook::demo
