// The leads inbox's view model (filters with counts, rows, the chosen lead with its checklist and what
// converting it would link or create) and its commands, over LeadStore.
#include <algorithm>
#include <array>

#include "app/workspace.h"
#include "core/lead.h"
#include "core/text.h"

namespace roadbook {
namespace {

constexpr std::array<QualificationItem, 4> kChecklist = {QualificationItem::Budget, QualificationItem::Authority,
                                                          QualificationItem::Need, QualificationItem::Timing};
// A month ahead is where a fresh deal's close date usually starts.
constexpr int64_t kDefaultCloseInDays = 30;

bool Checked(const LeadRow& lead, QualificationItem item) {
    switch (item) {
        case QualificationItem::Budget: return lead.has_budget;
        case QualificationItem::Authority: return lead.has_authority;
        case QualificationItem::Need: return lead.has_need;
        case QualificationItem::Timing: return lead.has_timing;
    }
    return false;
}

int CheckedCount(const LeadRow& lead) {
    return int(std::count_if(kChecklist.begin(), kChecklist.end(), [&](QualificationItem item) { return Checked(lead, item); }));
}

// The filter a lead falls under besides "all": the open statuses together make "active".
bool Matches(const std::string& filter, LeadStatus status) {
    if (filter == "all") return true;
    if (filter == "active") return status == LeadStatus::New || status == LeadStatus::Working || status == LeadStatus::Qualified;
    return filter == LeadStatusName(status);
}

std::string LabelWithCount(std::string_view label, int64_t count) {
    return std::string(label) + " (" + std::to_string(count) + ")";
}

std::string CheckLabel(QualificationItem item) {
    std::string label(QualificationItemName(item));
    if (!label.empty()) label[0] = char(label[0] - 'a' + 'A');
    return label;
}

std::string PreviewText(LinkOrCreate action, const std::string& what, const std::string& name, const std::string& matched_by) {
    switch (action) {
        case LinkOrCreate::None: return "No " + what + ": the lead names no company";
        case LinkOrCreate::Link:
            return "Links the " + what + " " + name + (matched_by.empty() ? std::string() : " (same " + matched_by + ")");
        case LinkOrCreate::Create: break;
    }
    return "Creates the " + what + " " + name;
}

ui::LeadDetailModel DetailOf(const LeadRow& lead) {
    ui::LeadDetailModel detail;
    detail.id = lead.id;
    detail.name = lead.name;
    detail.company = lead.company;
    detail.contact_line = lead.email;
    if (!lead.phone.empty()) detail.contact_line += (detail.contact_line.empty() ? "" : " \u00b7 ") + lead.phone;
    detail.source = lead.source;
    detail.status = std::string(LeadStatusName(lead.status));
    detail.status_label = std::string(LeadStatusLabel(lead.status));
    detail.disqualify_reason = lead.disqualify_reason;
    detail.converted_opportunity_id = lead.converted_opportunity_id;
    for (QualificationItem item : kChecklist) {
        detail.checklist.push_back({std::string(QualificationItemName(item)), CheckLabel(item), Checked(lead, item)});
    }
    const bool open = lead.status == LeadStatus::New || lead.status == LeadStatus::Working;
    detail.can_work = lead.status == LeadStatus::New;
    detail.can_qualify = open && CheckedCount(lead) == int(kChecklist.size());
    detail.can_disqualify = open || lead.status == LeadStatus::Qualified;
    detail.can_reopen = lead.status == LeadStatus::Disqualified;
    detail.can_convert = bool(CheckLeadConvertible(lead.status));
    return detail;
}

bool IsKnownUser(AdminStore& admin, const std::string& user_id) {
    auto users = admin.Users();
    if (!users) return false;
    return std::any_of(users.value().begin(), users.value().end(), [&](const UserSummary& user) { return user.id == user_id; });
}

}  // namespace

const ui::LeadsModel& Workspace::Leads(const ui::LeadsState& state, uint64_t data_version) {
    const ViewClock clock = clock_();
    const LeadsKey key{data_version, state.filter, state.selected_id, clock.today};
    if (leads_key_ == key) return leads_;
    leads_key_ = key;
    leads_ = ui::LeadsModel{};
    auto leads = leads_store_.List();
    auto pipelines = admin_.Pipelines();
    auto rates = admin_.ExchangeRates();
    if (!leads || !pipelines || !rates) {
        leads_.load_error = !leads ? leads.first_error().message
                            : !pipelines ? pipelines.first_error().message
                                         : rates.first_error().message;
        return leads_;
    }
    leads_.reporting_currency = rates.value().reporting_currency_code;
    leads_.default_close_date = FormatIsoDate(AddDays(clock.today, kDefaultCloseInDays));
    for (const PipelineSummary& pipeline : pipelines.value()) {
        if (!pipeline.archived) leads_.pipelines.push_back({pipeline.id, pipeline.name});
    }
    const std::pair<const char*, const char*> filters[] = {{"active", "Active"},          {"new", "New"},
                                                           {"working", "Working"},        {"qualified", "Qualified"},
                                                           {"disqualified", "Disqualified"}, {"converted", "Converted"}};
    for (const auto& filter : filters) {
        const std::string id = filter.first;
        const int64_t count = std::count_if(leads.value().begin(), leads.value().end(),
                                            [&](const LeadRow& lead) { return Matches(id, lead.status); });
        leads_.filters.push_back({id, LabelWithCount(filter.second, count)});
        if (id == "active") leads_.active_count = count;
    }
    for (const LeadRow& lead : leads.value()) {
        if (lead.id == state.selected_id) leads_.detail = DetailOf(lead);
        if (!Matches(state.filter, lead.status)) continue;
        ui::LeadRowModel row;
        row.id = lead.id;
        row.name = lead.name;
        row.company = lead.company;
        row.status = std::string(LeadStatusName(lead.status));
        row.status_label = std::string(LeadStatusLabel(lead.status));
        row.detail = (lead.source.empty() ? std::string("No source") : lead.source) + " \u00b7 " +
                     std::to_string(CheckedCount(lead)) + " of 4 checked";
        leads_.rows.push_back(std::move(row));
    }
    if (leads_.detail && leads_.detail->can_convert) {
        auto preview = leads_store_.PreviewConversion(state.selected_id);
        if (preview) {
            const ConversionPreview& what = preview.value();
            leads_.detail->account_text = PreviewText(what.account, "account", what.account_name, {});
            leads_.detail->contact_text = PreviewText(what.contact, "contact", what.contact_name, what.contact_matched_by);
            leads_.detail->default_deal_name = what.opportunity_name;
        } else {
            leads_.detail->account_text = "Cannot tell what converting does: " + preview.first_error().message;
        }
    }
    return leads_;
}

Result<std::string> Workspace::CreateLead(const ui::NewLeadDialogState& dialog) {
    LeadDraft draft;
    draft.name = Trim(dialog.name);
    draft.company = Trim(dialog.company);
    draft.email = Trim(dialog.email);
    draft.phone = Trim(dialog.phone);
    draft.source = Trim(dialog.source);
    const WriteContext context = new_context_();
    // A rep's own leads are theirs; before signing in (no user yet) nobody owns them.
    if (IsKnownUser(admin_, context.actor)) draft.owner_id = context.actor;
    return leads_store_.Create(draft, context);
}

Status Workspace::SetLeadCheck(const ui::LeadCheckChange& change) {
    for (QualificationItem item : kChecklist) {
        if (QualificationItemName(item) == change.item) {
            return leads_store_.SetQualification(change.lead_id, item, change.checked, new_context_());
        }
    }
    return ValidationError{"item", "unknown", "No checklist item called '" + change.item + "'."};
}

Status Workspace::MoveLead(const ui::LeadStatusChange& change) {
    auto status = ParseLeadStatus(change.status);
    if (!status) return status.errors();
    return leads_store_.MoveStatus(change.lead_id, status.value(), new_context_());
}

Status Workspace::DisqualifyLead(const std::string& lead_id, const std::string& reason) {
    return leads_store_.Disqualify(lead_id, std::string(Trim(reason)), new_context_());
}

Result<ConversionResult> Workspace::ConvertLead(const std::string& lead_id, const ui::ConvertDialogState& dialog) {
    ConversionRequest request;
    request.lead_id = lead_id;
    request.pipeline_id = dialog.pipeline_id;
    request.opportunity_name = Trim(dialog.deal_name);
    request.amount = Trim(dialog.amount);
    request.currency_code = Trim(dialog.currency);
    request.expected_close_date = Trim(dialog.close_date);
    const WriteContext context = new_context_();
    if (IsKnownUser(admin_, context.actor)) request.owner_id = context.actor;  // else the lead's owner
    return leads_store_.Convert(request, context);
}

}  // namespace roadbook
