// The rep's workspace behind the Today and board screens: builds their view models from the store's view
// queries (again only when the data, the filters or the date changed) and carries out what the screens
// ask for through the store's commands. No Dear ImGui, so it is tested natively.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/result.h"
#include "store/activity_store.h"
#include "store/admin_store.h"
#include "store/contact_store.h"
#include "store/lead_store.h"
#include "store/opportunity_commands.h"
#include "store/view_queries.h"
#include "store/write_context.h"
#include "ui/board_models.h"
#include "ui/deal_models.h"
#include "ui/configuration_models.h"
#include "ui/forecast_models.h"
#include "ui/lead_models.h"
#include "ui/list_models.h"
#include "ui/search_models.h"
#include "ui/today_models.h"

namespace roadbook {

class Database;

// What a bulk command did: deals changed, and deals the store's rules refused (left as they were).
struct BulkOutcome {
    int64_t changed = 0;
    int64_t skipped = 0;
    std::string first_refusal;  // why the first skipped deal was refused
};

// Two change-log positions around a command: exactly what Undo() puts back.
struct UndoRange {
    int64_t after_sequence = 0;
    int64_t up_to_sequence = 0;
};

class Workspace {
public:
    // `new_context` stamps each write (actor, time, ids, clock); `clock` gives the device's today.
    Workspace(Database& database, std::function<WriteContext()> new_context, std::function<ViewClock()> clock);

    // The board for the pipeline and filters in `state`; the view query runs again only when
    // `data_version`, the pipeline, a filter or the date differs from the last call.
    const ui::BoardModel& Board(const ui::BoardState& state, uint64_t data_version);
    // Today for everyone on this device, with the same rule for running the queries again.
    const ui::TodayModel& Today(uint64_t data_version);

    // Moves a card to an open stage of its pipeline.
    Status MoveStage(const ui::StageMove& move);
    // Won today, into the pipeline's won stage.
    Status MarkWon(const std::string& opportunity_id);
    // Lost with a reason from the admin's list ("lost_reason_id" required) and an optional note.
    Status MarkLost(const ui::LostAnswer& answer);

    // The next-step prompt for completing a scheduled activity, filled in with a call tomorrow about
    // the same deal. "activity_id" not-found, "state" not-scheduled.
    Result<ui::NextStepPromptState> PromptForCompletion(const std::string& activity_id);
    // Completes the activity with the store's next-step rule: the next activity scheduled with it, or
    // "no next step" with a reason. Errors name the prompt's fields ("next_step", "next_step.subject",
    // "next_step.due_date", "outcome").
    Status CompleteActivity(const ui::NextStepAnswer& answer);
    // Wakes the postponed deals whose date has come; returns how many.
    Result<size_t> WakePostponed();

    // The deal list for the filters and sort in `state`: the count and totals are read again only when
    // `data_version`, a filter, the sort or the date changed; the rows also when the screen moves out of
    // the window of rows loaded around it (a page, never every deal).
    const ui::DealListModel& List(const ui::ListState& state, uint64_t data_version);
    // The ids of the listed deals at positions first..last (inclusive, in the list's order): a Shift+click
    // range; and every listed id: select all.
    Result<std::vector<std::string>> ListIds(const ui::ListState& state, int64_t first, int64_t last);
    Result<std::vector<std::string>> AllListIds(const ui::ListState& state);

    // Bulk edits in one transaction, each deal through the store's command with its rules; a deal the rules
    // refuse is skipped and counted. When every deal is refused the first refusal's errors come back (for
    // the dialog), and nothing is written.
    Result<BulkOutcome> BulkMoveStage(const std::vector<std::string>& ids, const std::string& stage_id);
    Result<BulkOutcome> BulkChangeOwner(const std::vector<std::string>& ids, const std::string& owner_id);
    Result<BulkOutcome> BulkMarkLost(const ui::BulkLostAnswer& answer);

    // The deal detail of `opportunity_id`, read again only when `data_version`, the deal or the date changed.
    const ui::DealDetailModel& Deal(const std::string& opportunity_id, uint64_t data_version);
    // Saves the fields of the draft that differ, each checked by the store's rules; errors name the draft's
    // fields ("name", "amount", "currency", "expected_close_date", "priority", "tags", "owner_id", ...).
    Status SaveDeal(const ui::DealSave& save);
    // An override typed by the rep ("probability" format / range), or back to the stage's when empty.
    Status SetProbability(const ui::ProbabilityChange& change);
    Status SetForecastCategory(const ui::ForecastChange& change);
    Status ApplyOutcome(const ui::DealOutcomeRequest& request);
    Status Postpone(const ui::PostponeAnswer& answer);
    // The next-step prompt after logging an interaction on a deal; "subject" required when empty.
    Result<ui::NextStepPromptState> PromptAfterLogging(const std::string& opportunity_id, const ui::LogDialogState& log);
    // Logs the interaction the prompt carries with its next step (the store's rule: schedule one or say why not).
    Status LogInteraction(const ui::NextStepAnswer& answer);

    // The deal's contacts (workspace_deal_contacts.cpp). The Add contact dialog's choices: with nothing typed,
    // the people of the deal's account; otherwise the contacts matching the text (FTS5, prefix words,
    // diacritics folded); those already on the deal are marked. Read again only when the deal, the text or
    // the data changed.
    const ui::ContactPickerModel& ContactPicker(const std::string& opportunity_id, const std::string& text,
                                                uint64_t data_version);
    // Links a chosen contact with a role, or creates one (in the deal's account) and links it, in one
    // transaction; returns the contact's name. Errors: "contact_id" required, not-found or already-linked,
    // "role" too-long, and the new contact's "name", "email" (also duplicate: someone has it already),
    // "phone", "job_title", all at once.
    Result<std::string> AddContact(const ui::ContactAddition& addition);
    // "role" too-long, "contact_id" not-linked.
    Status ChangeContactRole(const ui::ContactRoleChange& change);
    // The deal's primary contact becomes this linked one ("contact_id" not-linked otherwise).
    Status MakePrimaryContact(const ui::DealContact& contact);
    // Takes the contact off the deal (clearing the primary contact if it was that); returns what the
    // toast's Undo needs to put it back.
    Result<ui::ContactRemoval> RemoveContact(const ui::DealContact& contact);
    // Links a removed contact back with its role, and primary exactly if it was. "contact_id" changed-since
    // when it was added back meanwhile.
    Status RestoreContact(const ui::ContactRemoval& removal);

    // The leads inbox (workspace_leads.cpp): filters with counts, rows, the chosen lead with what converting
    // it would do; read again when the data, the filter or the choice changed. And its commands.
    const ui::LeadsModel& Leads(const ui::LeadsState& state, uint64_t data_version);
    Result<std::string> CreateLead(const ui::NewLeadDialogState& dialog);
    Status SetLeadCheck(const ui::LeadCheckChange& change);
    Status MoveLead(const ui::LeadStatusChange& change);
    Status DisqualifyLead(const std::string& lead_id, const std::string& reason);
    Result<ConversionResult> ConvertLead(const std::string& lead_id, const ui::ConvertDialogState& dialog);

    // The Settings editors (workspace_configuration.cpp): pipelines and stages, lost reasons, currencies;
    // read again after data changed. Their commands go through AdminStore's rules.
    const ui::ConfigurationModel& Configuration(uint64_t data_version);
    Result<std::string> AddPipeline(const std::string& name);
    Result<std::string> AddStage(const std::string& pipeline_id, const std::string& name);
    Status SaveStage(const std::string& pipeline_id, const std::string& stage_id, const ui::StageDraft& draft);
    Status MoveStageInOrder(const std::string& pipeline_id, const ui::StageOrderMove& move);
    Result<std::string> AddLostReason(const std::string& label);
    Status SetLostReasonActive(const std::string& reason_id, bool active);
    Status SetExchangeRate(const std::string& currency, const std::string& rate_text);
    Status RemoveExchangeRate(const std::string& currency);
    Status SetReportingCurrency(const std::string& currency);

    // The forecast by expected close month (workspace_forecast.cpp), read again only after data changed; and
    // moving a deal's expected close date into another month (same day, clamped to the month's end).
    const ui::ForecastModel& Forecast(uint64_t data_version);
    Status Redate(const ui::ForecastRedate& redate);

    // Results as you type across deals, accounts and contacts (FTS5, prefix words, diacritics folded); read
    // again only when the text or the data changed.
    const ui::SearchModel& Search(const std::string& text, uint64_t data_version);
    // Where a chosen result leads: a deal opens its detail; an account or a contact opens the deal list
    // filtered to the account (or the contact's name when it has no account).
    struct SearchTarget {
        std::string opportunity_id;  // set: open this deal
        std::string list_filter;     // otherwise: the list filtered by this text
    };
    Result<SearchTarget> TargetOf(const ui::SearchChoice& choice);

    // The change log's position now; and undoing what was recorded between two positions, as a new change.
    Result<int64_t> ChangePosition();
    Result<int64_t> Undo(const UndoRange& range);

private:
    struct BoardKey {
        uint64_t data_version = 0;
        std::string pipeline_id, owner_id, team_id, text;
        CalendarDate today;
        friend bool operator==(const BoardKey&, const BoardKey&) = default;
    };
    struct TodayKey {
        uint64_t data_version = 0;
        CalendarDate today;
        friend bool operator==(const TodayKey&, const TodayKey&) = default;
    };
    struct ListKey {
        uint64_t data_version = 0;
        std::string text;
        ui::ListStatusFilter status = ui::ListStatusFilter::Open;
        ui::ListColumn sort = ui::ListColumn::CloseDate;
        bool descending = false;
        CalendarDate today;
        friend bool operator==(const ListKey&, const ListKey&) = default;
    };
    struct LeadsKey {
        uint64_t data_version = 0;
        std::string filter, selected_id;
        CalendarDate today;
        friend bool operator==(const LeadsKey&, const LeadsKey&) = default;
    };
    struct ForecastKey {
        uint64_t data_version = 0;
        CalendarDate today;
        friend bool operator==(const ForecastKey&, const ForecastKey&) = default;
    };
    struct DealKey {
        uint64_t data_version = 0;
        std::string opportunity_id;
        CalendarDate today;
        friend bool operator==(const DealKey&, const DealKey&) = default;
    };
    struct PickerKey {
        uint64_t data_version = 0;
        std::string opportunity_id, text;
        friend bool operator==(const PickerKey&, const PickerKey&) = default;
    };
    void ReloadDeal(const std::string& opportunity_id, const ViewClock& clock);
    void ReloadContactPicker(const std::string& opportunity_id, const std::string& text);
    // The deal's link to the contact, or "contact_id" not-linked.
    Result<OpportunityContactRow> LinkedContact(const std::string& opportunity_id, const std::string& contact_id);
    Result<NextStep> NextStepFrom(const ui::NextStepAnswer& answer);
    void ReloadBoard(const ui::BoardState& state, const ViewClock& clock);
    void ReloadListSummary(const ui::ListState& state, const ViewClock& clock);
    void ReloadListRows(const ui::ListState& state, const ViewClock& clock, int64_t first);
    Result<BulkOutcome> Bulk(const std::vector<std::string>& ids,
                             const std::function<Status(const std::string& id, const WriteContext& context)>& command);
    void ReloadToday(const ViewClock& clock);

    Database& database_;
    std::function<WriteContext()> new_context_;
    std::function<ViewClock()> clock_;
    ViewQueries views_;
    AdminStore admin_;
    OpportunityCommands opportunities_;
    ActivityStore activities_;
    ContactStore contacts_;
    LeadStore leads_store_;
    std::optional<LeadsKey> leads_key_;
    std::optional<uint64_t> configuration_version_;
    ui::ConfigurationModel configuration_;
    ui::LeadsModel leads_;
    std::optional<BoardKey> board_key_;
    ui::BoardModel board_;
    std::optional<TodayKey> today_key_;
    ui::TodayModel today_;
    std::optional<std::pair<std::string, uint64_t>> search_key_;
    ui::SearchModel search_;
    std::optional<ForecastKey> forecast_key_;
    ui::ForecastModel forecast_;
    std::optional<DealKey> deal_key_;
    ui::DealDetailModel deal_;
    std::optional<PickerKey> picker_key_;
    ui::ContactPickerModel picker_;
    std::optional<ListKey> list_key_;
    ui::DealListModel list_;
};

}  // namespace roadbook
