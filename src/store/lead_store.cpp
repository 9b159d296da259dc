// Lead commands, conversion and queries. Each command is one transaction through the RecordedWriter; a
// refusal returns before Commit(), so nothing is written. Conversion composes the contact, opportunity and
// activity stores' *WithinTransaction commands inside its own transaction.
#include "store/lead_store.h"

#include <array>
#include <cassert>
#include <functional>

#include "core/activity.h"
#include "core/field_checks.h"
#include "core/opportunity.h"
#include "core/text.h"
#include "store/activity_store.h"
#include "store/contact_store.h"
#include "store/command_support.h"
#include "store/database.h"
#include "store/opportunity_store.h"
#include "store/recorded_writer.h"

namespace roadbook {
namespace {

constexpr const char* kLeadColumns =
    "SELECT id, name, company, email, phone, source, coalesce(owner_id, ''), status, has_budget, has_authority, "
    "has_need, has_timing, disqualify_reason, coalesce(converted_opportunity_id, ''), created_at_ms, updated_at_ms "
    "FROM leads ";

// Indexed by QualificationItem.
constexpr std::array<std::string_view, 4> kQualificationColumns = {"has_budget", "has_authority", "has_need",
                                                                   "has_timing"};

LeadRow ReadLead(const Statement& read) {
    LeadRow row;
    row.id = read.ColumnText(0);
    row.name = read.ColumnText(1);
    row.company = read.ColumnText(2);
    row.email = read.ColumnText(3);
    row.phone = read.ColumnText(4);
    row.source = read.ColumnText(5);
    row.owner_id = read.ColumnText(6);
    auto status = ParseLeadStatus(read.ColumnText(7));
    assert(status.ok() && "the schema only stores known statuses");
    row.status = status.value();
    row.has_budget = read.ColumnInt(8) != 0;
    row.has_authority = read.ColumnInt(9) != 0;
    row.has_need = read.ColumnInt(10) != 0;
    row.has_timing = read.ColumnInt(11) != 0;
    row.disqualify_reason = read.ColumnText(12);
    row.converted_opportunity_id = read.ColumnText(13);
    row.created_at_ms = read.ColumnInt(14);
    row.updated_at_ms = read.ColumnInt(15);
    return row;
}

Result<LeadRow> LoadLead(Database& database, const std::string& lead_id) {
    auto statement = database.PrepareCached(std::string(kLeadColumns) + "WHERE id = ?", "Reading the lead");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, lead_id);
    if (!read.Step()) {
        if (!read.error().empty()) return StorageError(read);
        return NotFound("lead_id", "lead", lead_id);
    }
    LeadRow row = ReadLead(read);
    read.Reset();
    return row;
}

// A lead that may still change: converted leads are history, their deal carries on.
Result<LeadRow> LoadChangeableLead(Database& database, const std::string& lead_id) {
    auto lead = LoadLead(database, lead_id);
    if (lead && lead.value().status == LeadStatus::Converted) {
        return ValidationError{"status", "converted", "This lead is converted; work on its opportunity instead."};
    }
    return lead;
}

// Appends "owner_id" not-found unless the owner is empty or a known user.
Status CheckOwner(Database& database, const std::string& owner_id, std::vector<ValidationError>& errors) {
    if (owner_id.empty()) return Done{};
    auto exists = RowExists(database, "SELECT 1 FROM users WHERE id = ?", owner_id);
    if (!exists) return exists.errors();
    if (!exists.value()) errors.push_back(NotFound("owner_id", "user", owner_id));
    return Done{};
}

Result<std::vector<FieldValue>> LeadFields(Database& database, const LeadDraft& draft) {
    std::vector<ValidationError> errors;
    std::vector<FieldValue> fields = {
        {"name", ValidateText(draft.name, TextRule{"name", "Name", kMaxNameCharacters, true}, errors)},
        {"company", ValidateText(draft.company, TextRule{"company", "Company", kMaxNameCharacters, false}, errors)},
        {"email", ValidateEmail(draft.email, "email", errors)},
        {"phone", ValidateText(draft.phone, TextRule{"phone", "Phone", kMaxPhoneCharacters, false}, errors)},
        {"source", ValidateText(draft.source, TextRule{"source", "Source", kMaxLeadSourceCharacters, false}, errors)},
        {"owner_id", draft.owner_id.empty() ? SqlValue(nullptr) : SqlValue(draft.owner_id)}};
    if (auto checked = CheckOwner(database, draft.owner_id, errors); !checked) return checked.errors();
    if (!errors.empty()) return errors;
    return fields;
}

// How a lead finds its account and contact, shared by the preview and the conversion so they always agree.
Result<ConversionPreview> PlanConversion(Database& database, const LeadRow& lead) {
    ContactStore contacts(database);
    ConversionPreview plan;
    plan.opportunity_name = (lead.company.empty() ? lead.name : lead.company) + " deal";
    if (!lead.company.empty()) {
        auto account = contacts.FindAccountByName(lead.company);
        if (!account) return account.errors();
        plan.account = account.value() ? LinkOrCreate::Link : LinkOrCreate::Create;
        plan.account_id = account.value() ? account.value()->id : std::string();
        plan.account_name = account.value() ? account.value()->name : lead.company;
    }
    auto by_email = contacts.FindContactByEmail(lead.email);
    if (!by_email) return by_email.errors();
    std::optional<ContactRow> match = std::move(by_email).value();
    if (match) {
        plan.contact_matched_by = "email";
    } else if (plan.account != LinkOrCreate::Create) {  // a new account has no contacts to match
        auto by_name = contacts.FindContactByName(lead.name, plan.account_id);
        if (!by_name) return by_name.errors();
        match = std::move(by_name).value();
        if (match) plan.contact_matched_by = "name";
    }
    plan.contact = match ? LinkOrCreate::Link : LinkOrCreate::Create;
    plan.contact_id = match ? match->id : std::string();
    plan.contact_name = match ? match->name : lead.name;
    return plan;
}

Result<std::string> ReportingCurrency(Database& database) {
    auto statement = database.PrepareCached("SELECT reporting_currency FROM organisation LIMIT 1",
                                            "Reading the reporting currency");
    if (!statement) return statement.errors();
    std::string code = statement.value()->Step() ? statement.value()->ColumnText(0) : std::string("EUR");
    if (!statement.value()->error().empty()) return StorageError(*statement.value());
    statement.value()->Reset();
    return code;
}

// The deal conversion creates, checked like a new opportunity; "name" errors are the form's "opportunity_name".
Result<ValidOpportunity> ConversionOpportunity(Database& database, const ConversionRequest& request,
                                               const ConversionPreview& plan, std::vector<ValidationError>& errors) {
    OpportunityDraft draft;
    draft.name = Trim(request.opportunity_name).empty() ? plan.opportunity_name : request.opportunity_name;
    draft.amount = request.amount;
    draft.expected_close_date = request.expected_close_date;
    if (Trim(request.currency_code).empty()) {
        auto currency = ReportingCurrency(database);
        if (!currency) return currency.errors();
        draft.currency_code = std::move(currency).value();
    } else {
        draft.currency_code = request.currency_code;
    }
    auto valid = ValidateOpportunityDraft(draft);
    if (valid) return valid;
    for (ValidationError error : valid.errors()) {
        if (error.field == "name") error.field = "opportunity_name";
        errors.push_back(std::move(error));
    }
    return ValidOpportunity{};
}

}  // namespace

Result<std::string> LeadStore::Create(const LeadDraft& draft, const WriteContext& context) {
    assert(context.new_id && "WriteContext needs an id source");
    std::string id;
    auto status = InTransaction(database_, [&]() -> Status {
        auto fields = LeadFields(database_, draft);
        if (!fields) return fields.errors();
        fields.value().push_back({"status", std::string(LeadStatusName(LeadStatus::New))});
        fields.value().push_back({"created_at_ms", context.now_unix_ms});
        fields.value().push_back({"updated_at_ms", context.now_unix_ms});
        id = context.new_id();
        RecordedWriter writer(database_, context);
        return writer.Insert("leads", "lead", id, fields.value());
    });
    if (!status) return status.errors();
    return id;
}

Status LeadStore::Edit(const std::string& lead_id, const LeadDraft& draft, const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        if (auto lead = LoadChangeableLead(database_, lead_id); !lead) return lead.errors();
        auto fields = LeadFields(database_, draft);
        if (!fields) return fields.errors();
        RecordedWriter writer(database_, context);
        if (auto updated = writer.Update("leads", "lead", lead_id, fields.value()); !updated) return updated.errors();
        return Done{};
    });
}

Status LeadStore::SetQualification(const std::string& lead_id, QualificationItem item, bool checked,
                                   const WriteContext& context) {
    const auto index = static_cast<size_t>(item);
    assert(index < kQualificationColumns.size() && "QualificationItem out of range");
    return InTransaction(database_, [&]() -> Status {
        if (auto lead = LoadChangeableLead(database_, lead_id); !lead) return lead.errors();
        RecordedWriter writer(database_, context);
        auto updated =
            writer.Update("leads", "lead", lead_id, {{kQualificationColumns[index], int64_t{checked ? 1 : 0}}});
        if (!updated) return updated.errors();
        return Done{};
    });
}

Status LeadStore::MoveStatus(const std::string& lead_id, LeadStatus status, const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        auto lead = LoadLead(database_, lead_id);
        if (!lead) return lead.errors();
        if (auto allowed = CheckLeadStatusMove(lead.value().status, status); !allowed) return allowed;
        std::vector<FieldValue> fields = {{"status", std::string(LeadStatusName(status))}};
        if (lead.value().status == LeadStatus::Disqualified) fields.push_back({"disqualify_reason", std::string()});
        RecordedWriter writer(database_, context);
        if (auto updated = writer.Update("leads", "lead", lead_id, fields); !updated) return updated.errors();
        return Done{};
    });
}

Status LeadStore::Disqualify(const std::string& lead_id, const std::string& reason, const WriteContext& context) {
    return InTransaction(database_, [&]() -> Status {
        std::vector<ValidationError> errors;
        const std::string trimmed = ValidateText(
            reason, TextRule{"disqualify_reason", "The reason", kMaxDisqualifyReasonCharacters, true}, errors);
        if (!errors.empty()) return errors;
        if (auto lead = LoadChangeableLead(database_, lead_id); !lead) return lead.errors();
        RecordedWriter writer(database_, context);
        auto updated = writer.Update("leads", "lead", lead_id,
                                     {{"status", std::string(LeadStatusName(LeadStatus::Disqualified))},
                                      {"disqualify_reason", trimmed}});
        if (!updated) return updated.errors();
        return Done{};
    });
}

Result<ConversionPreview> LeadStore::PreviewConversion(const std::string& lead_id) const {
    auto lead = LoadLead(database_, lead_id);
    if (!lead) return lead.errors();
    return PlanConversion(database_, lead.value());
}

Result<ConversionResult> LeadStore::Convert(const ConversionRequest& request, const WriteContext& context) {
    assert(context.new_id && "WriteContext needs an id source");
    ConversionResult result;
    auto status = InTransaction(database_, [&]() -> Status {
        auto lead = LoadLead(database_, request.lead_id);
        if (!lead) return lead.errors();
        if (auto convertible = CheckLeadConvertible(lead.value().status); !convertible) return convertible;
        auto plan = PlanConversion(database_, lead.value());
        if (!plan) return plan.errors();

        std::vector<ValidationError> errors;
        auto opportunity = ConversionOpportunity(database_, request, plan.value(), errors);
        if (!opportunity) return opportunity.errors();
        const std::string role =
            ValidateText(Trim(request.contact_role).empty() ? kDefaultConversionRole : request.contact_role,
                         TextRule{"contact_role", "Role", kMaxContactRoleCharacters, false}, errors);
        if (request.follow_up_in_days < 0 || request.follow_up_in_days > kMaxFollowUpDays) {
            errors.push_back(
                {"follow_up_in_days", "range",
                 "The first follow-up is due 0 to " + std::to_string(kMaxFollowUpDays) + " days from today."});
        }
        const std::string owner_id = request.owner_id.empty() ? lead.value().owner_id : request.owner_id;
        if (auto checked = CheckOwner(database_, owner_id, errors); !checked) return checked;
        if (!request.pipeline_id.empty()) {
            auto pipeline =
                RowExists(database_, "SELECT 1 FROM pipelines WHERE id = ? AND archived = 0", request.pipeline_id);
            if (!pipeline) return pipeline.errors();
            if (!pipeline.value()) errors.push_back(NotFound("pipeline_id", "pipeline", request.pipeline_id));
        }
        if (!errors.empty()) return errors;

        ContactStore contacts(database_);
        result.account = plan.value().account;
        result.account_id = plan.value().account_id;
        if (plan.value().account == LinkOrCreate::Create) {
            auto account = contacts.CreateAccountWithinTransaction(plan.value().account_name, context);
            if (!account) return account.errors();
            result.account_id = account.value().id;
        }
        result.contact = plan.value().contact;
        result.contact_id = plan.value().contact_id;
        if (plan.value().contact == LinkOrCreate::Create) {
            const LeadRow& person = lead.value();
            auto contact = contacts.CreateContactWithinTransaction(
                ContactDraft{person.name, person.email, person.phone, "", result.account_id}, context);
            if (!contact) return contact.errors();
            result.contact_id = std::move(contact).value();
        }

        ValidOpportunity deal = std::move(opportunity).value();
        deal.account_name = plan.value().account_name;
        deal.pipeline_id = request.pipeline_id;
        deal.owner_id = owner_id;
        auto created = OpportunityStore(database_).CreateWithinTransaction(deal, context);
        if (!created) return created.errors();
        result.opportunity_id = std::move(created).value();
        // The store links an account by name; pin the one matched above (names can differ only in case) and
        // carry the lead's source over.
        RecordedWriter writer(database_, context);
        auto pinned =
            writer.Update("opportunities", "opportunity", result.opportunity_id,
                          {{"account_id", result.account_id.empty() ? SqlValue(nullptr) : SqlValue(result.account_id)},
                           {"source", lead.value().source}});
        if (!pinned) return pinned.errors();
        if (auto linked = contacts.LinkWithinTransaction(result.opportunity_id, result.contact_id, role, context);
            !linked) {
            return linked;
        }

        PlannedActivity follow_up;
        follow_up.kind = ActivityKind::Task;
        follow_up.subject = "Follow up with " + plan.value().contact_name;
        if (CountCodePoints(follow_up.subject) > kMaxSubjectCharacters) follow_up.subject = "Follow up";
        follow_up.due_date = AddDays(context.today, request.follow_up_in_days);
        follow_up.contact_id = result.contact_id;
        auto task = ActivityStore(database_).ScheduleWithinTransaction(result.opportunity_id, follow_up, context);
        if (!task) return task.errors();
        result.task_id = std::move(task).value();

        auto converted = writer.Update("leads", "lead", request.lead_id,
                                       {{"status", std::string(LeadStatusName(LeadStatus::Converted))},
                                        {"converted_opportunity_id", result.opportunity_id}});
        if (!converted) return converted.errors();
        return Done{};
    });
    if (!status) return status.errors();
    return result;
}

Result<LeadRow> LeadStore::Find(const std::string& lead_id) const { return LoadLead(database_, lead_id); }

Result<std::vector<LeadRow>> LeadStore::List(std::optional<LeadStatus> status) const {
    auto statement = database_.PrepareCached(
        std::string(kLeadColumns) + "WHERE ?1 = '' OR status = ?1 ORDER BY created_at_ms DESC, id DESC",
        "Listing leads");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    // A std::string, not an empty string_view: SQLite binds a null pointer as NULL, not ''.
    read.Bind(1, status ? std::string(LeadStatusName(*status)) : std::string());
    std::vector<LeadRow> rows;
    while (read.Step()) rows.push_back(ReadLead(read));
    if (!read.error().empty()) return StorageError(read);
    return rows;
}

}  // namespace roadbook
