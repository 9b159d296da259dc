// Leads in SQLite: creating and editing them, the qualification checklist, status moves, disqualifying, and
// converting a lead into an account, a contact, an opportunity and its first follow-up task at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/lead.h"
#include "core/result.h"
#include "store/write_context.h"

namespace roadbook {

class Database;

inline constexpr const char* kDefaultConversionRole = "Decision maker";
inline constexpr int32_t kDefaultFollowUpDays = 2;
inline constexpr int32_t kMaxFollowUpDays = 365;

// What the lead form holds, as typed. An empty owner_id means nobody owns the lead yet.
struct LeadDraft {
    std::string name;
    std::string company;
    std::string email;
    std::string phone;
    std::string source;
    std::string owner_id;
};

struct LeadRow {
    std::string id;
    std::string name;
    std::string company;
    std::string email;
    std::string phone;
    std::string source;
    std::string owner_id;  // empty when none
    LeadStatus status = LeadStatus::New;
    bool has_budget = false;
    bool has_authority = false;
    bool has_need = false;
    bool has_timing = false;
    std::string disqualify_reason;
    std::string converted_opportunity_id;  // empty until converted
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

// The conversion form. Text fields are as typed; empty ones take the defaults named.
struct ConversionRequest {
    std::string lead_id;
    std::string pipeline_id;          // empty: the first pipeline; the deal starts in its first open stage
    std::string owner_id;             // empty: the lead's owner
    std::string opportunity_name;     // empty: "<company> deal", or "<lead name> deal" without a company
    std::string amount;               // e.g. "12,500.00"; empty: not known yet (zero)
    std::string currency_code;        // empty: the organisation's reporting currency
    std::string expected_close_date;  // YYYY-MM-DD, required
    std::string contact_role;         // empty: "Decision maker"
    int32_t follow_up_in_days = kDefaultFollowUpDays;  // the first task is due today + this, 0..365
};

// What conversion does with the account and the contact: link an existing one, create one, or (for the
// account of a lead without a company) none.
enum class LinkOrCreate { None, Link, Create };

// What PreviewConversion finds, so the form can say "will link Acme" or "will create Acme" first.
struct ConversionPreview {
    LinkOrCreate account = LinkOrCreate::None;
    std::string account_id;    // the existing account when linking
    std::string account_name;  // the existing or the new name
    LinkOrCreate contact = LinkOrCreate::Create;
    std::string contact_id;            // the existing contact when linking
    std::string contact_name;          // the existing or the new name
    std::string contact_matched_by;    // "email" or "name" when linking
    std::string opportunity_name;      // the default deal name
};

struct ConversionResult {
    LinkOrCreate account = LinkOrCreate::None;
    std::string account_id;  // empty when the lead has no company
    LinkOrCreate contact = LinkOrCreate::Create;
    std::string contact_id;
    std::string opportunity_id;
    std::string task_id;
};

class LeadStore {
public:
    explicit LeadStore(Database& database) : database_(database) {}

    // Name required (at most 200 characters), company at most 200, email empty or name@domain.tld, phone at
    // most 50, source at most 100, owner empty or an existing user ("owner_id" not-found). New leads are "new".
    Result<std::string> Create(const LeadDraft& draft, const WriteContext& context);
    // The same rules; writes the fields that differ. "lead_id" not-found; "status" converted for converted leads.
    Status Edit(const std::string& lead_id, const LeadDraft& draft, const WriteContext& context);

    // Ticks or unticks one checklist item. "lead_id" not-found; "status" converted.
    Status SetQualification(const std::string& lead_id, QualificationItem item, bool checked,
                            const WriteContext& context);
    // Moves among new, working and qualified (CheckLeadStatusMove); leaving disqualified clears its reason.
    Status MoveStatus(const std::string& lead_id, LeadStatus status, const WriteContext& context);
    // Disqualifies with a reason ("disqualify_reason" required / too-long, at most 500). "status" converted.
    Status Disqualify(const std::string& lead_id, const std::string& reason, const WriteContext& context);

    // What Convert would link or create, read without writing (any status).
    Result<ConversionPreview> PreviewConversion(const std::string& lead_id) const;
    // In one transaction: links or creates the account (company name, ignoring ASCII case) and the contact
    // (email first, ignoring case; then name within that account), creates the opportunity in the pipeline's
    // first open stage with the lead's source, links the contact as primary with the role, schedules the
    // first follow-up task, and marks the lead converted. Errors: "lead_id" not-found, "status"
    // not-convertible (only working or qualified), "opportunity_name" / "amount" / "currency" /
    // "expected_close_date" as for a new opportunity, "contact_role" too-long, "follow_up_in_days" range,
    // "owner_id" / "pipeline_id" not-found, "pipeline_id" no-open-stage.
    Result<ConversionResult> Convert(const ConversionRequest& request, const WriteContext& context);

    Result<LeadRow> Find(const std::string& lead_id) const;
    // Newest first; only leads with `status` when given.
    Result<std::vector<LeadRow>> List(std::optional<LeadStatus> status = std::nullopt) const;

private:
    Database& database_;
};

}  // namespace roadbook
