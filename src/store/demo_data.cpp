// Loading the demo organisation: clearing local data, then the configuration (organisation, teams, users,
// pipelines, stages, lost reasons, rates), accounts, contacts and leads; deals come from demo_deals.cpp.
// Everything happens in one transaction with statements prepared once: 100k deals load in seconds.
#include "store/demo_data.h"

#include <algorithm>
#include <cassert>
#include <string>

#include "core/demo_names.h"
#include "store/database.h"
#include "store/demo_writer.h"

namespace roadbook {
namespace {

using demo::kMillisecondsPerDay;
using Field = std::pair<std::string_view, std::string>;

constexpr int64_t kHistoryDays = 548;  // 18 months

// Children before parents, so foreign keys never block a delete; the search tables last because their
// triggers (today or in later migrations) may touch them while the records go.
constexpr const char* kTablesToClear[] = {
    "change_log", "opportunity_contacts", "activities", "leads", "opportunities", "contacts", "accounts",
    "stages", "pipelines", "lost_reasons", "users", "teams", "exchange_rates", "organisation",
    "search_documents", "search_index",
};


// The generator writes consistent rows by construction (the tests run foreign_key_check on its output), so
// the load skips the checks: they are a parent lookup per reference, about a sixth of the load's time. The
// pragma only takes effect outside a transaction; the previous setting comes back whatever happens.
class ForeignKeysOff {
public:
    explicit ForeignKeysOff(Database& database) : database_(database) {
        auto rows = database_.QueryReadOnly("PRAGMA foreign_keys");
        was_on_ = rows && !rows.value().empty() && rows.value()[0].values[0] == SqlValue(int64_t(1));
        if (was_on_) (void)database_.Execute("PRAGMA foreign_keys = OFF", "Pausing foreign keys");
    }
    ~ForeignKeysOff() {
        if (was_on_) (void)database_.Execute("PRAGMA foreign_keys = ON", "Restoring foreign keys");
    }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

private:
    Database& database_;
    bool was_on_ = false;
};

struct StageSpec {
    std::string_view name;
    int32_t probability;
    std::string_view forecast_category;
    int32_t rot_days;  // 0: never rots
    int32_t next_step_window_days;
    int32_t usual_days;
};

constexpr StageSpec kNewBusiness[] = {
    {"Lead in", 10, "pipeline", 14, 7, 6},      {"Qualified", 20, "pipeline", 14, 7, 9},
    {"Discovery", 30, "pipeline", 14, 7, 12},   {"Demo", 45, "best_case", 10, 7, 10},
    {"Proposal", 60, "best_case", 10, 5, 14},   {"Negotiation", 80, "commit", 7, 3, 8},
    {"Won", 100, "closed", 0, 0, 0},            {"Lost", 0, "omitted", 0, 0, 0},
};
constexpr StageSpec kRenewals[] = {
    {"Renewal due", 30, "pipeline", 21, 14, 10},   {"Usage review", 40, "pipeline", 21, 14, 12},
    {"Expansion scoped", 50, "best_case", 14, 10, 9}, {"Quote sent", 70, "best_case", 10, 7, 11},
    {"Verbal yes", 90, "commit", 7, 5, 6},          {"Paperwork", 95, "commit", 5, 3, 5},
    {"Renewed", 100, "closed", 0, 0, 0},            {"Churned", 0, "omitted", 0, 0, 0},
};

Status WriteConfiguration(demo::Writer& writer, demo::Organisation& organisation) {
    const int64_t at = (organisation.today_day - kHistoryDays - 30) * kMillisecondsPerDay + 9 * 3'600'000;
    const std::string organisation_id = writer.NewId(at);
    const std::string team_ids[] = {writer.NewId(at), writer.NewId(at)};
    organisation.manager_id = writer.NewId(at);
    const std::string_view actor = organisation.manager_id;

    auto insert_organisation = writer.Prepare("INSERT OR FAIL INTO organisation (id, name, reporting_currency) VALUES (?, ?, ?)");
    if (!insert_organisation) return insert_organisation.errors();
    insert_organisation.value()->Bind(1, organisation_id).Bind(2, "Nordlicht Vertrieb GmbH").Bind(3, "EUR");
    if (auto done = demo::RunAndReset(*insert_organisation.value()); !done) return done;
    const Field organisation_fields[] = {{"name", "Nordlicht Vertrieb GmbH"}, {"reporting_currency", "EUR"}};
    if (auto done = writer.Created("organisation", organisation_id, organisation_fields, actor, at); !done) return done;

    auto insert_team = writer.Prepare("INSERT OR FAIL INTO teams (id, name) VALUES (?, ?)");
    if (!insert_team) return insert_team.errors();
    const std::string team_names[] = {"Team Nord", "Team Süd"};
    for (int team = 0; team < 2; ++team) {
        insert_team.value()->Reset();
        insert_team.value()->Bind(1, team_ids[team]).Bind(2, team_names[team]);
        if (auto done = demo::RunAndReset(*insert_team.value()); !done) return done;
        const Field fields[] = {{"name", team_names[team]}};
        if (auto done = writer.Created("team", team_ids[team], fields, actor, at); !done) return done;
    }

    struct Person { std::string_view name, email; int team; };
    const Person people[] = {
        {"Ingrid Ørsted", "ingrid.orsted@nordlicht.example", -1},
        {"Jürgen Müller", "juergen.mueller@nordlicht.example", 0},
        {"Zofia Wąsowska", "zofia.wasowska@nordlicht.example", 0},
        {"Søren Hægland", "soeren.haegland@nordlicht.example", 0},
        {"Ayşe Çelik", "ayse.celik@nordlicht.example", 1},
        {"João Conceição", "joao.conceicao@nordlicht.example", 1},
        {"Ελένη Παπαδοπούλου", "eleni.papadopoulou@nordlicht.example", 1},
    };
    auto insert_user = writer.Prepare("INSERT OR FAIL INTO users (id, name, email, team_id, role) VALUES (?, ?, ?, ?, ?)");
    if (!insert_user) return insert_user.errors();
    for (const Person& person : people) {
        const bool manager = person.team < 0;
        const std::string id = manager ? organisation.manager_id : writer.NewId(at);
        if (!manager) organisation.rep_ids.push_back(id);
        Statement& statement = *insert_user.value();
        statement.Reset();
        statement.Bind(1, id).Bind(2, person.name).Bind(3, person.email).Bind(5, manager ? "manager" : "rep");
        if (manager) statement.BindNull(4); else statement.Bind(4, team_ids[person.team]);
        if (auto done = demo::RunAndReset(statement); !done) return done;
        std::vector<Field> fields = {{"name", std::string(person.name)}, {"email", std::string(person.email)},
                                     {"role", manager ? "manager" : "rep"}};
        if (!manager) fields.emplace_back("team_id", team_ids[person.team]);
        if (auto done = writer.Created("user", id, fields, actor, at); !done) return done;
    }

    auto insert_pipeline = writer.Prepare("INSERT OR FAIL INTO pipelines (id, name, position) VALUES (?, ?, ?)");
    auto insert_stage = writer.Prepare(
        "INSERT OR FAIL INTO stages (id, pipeline_id, name, position, default_probability, forecast_category, rot_days,"
        " next_step_window_days, is_won, is_lost) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert_pipeline) return insert_pipeline.errors();
    if (!insert_stage) return insert_stage.errors();
    const std::pair<std::string_view, std::span<const StageSpec>> pipelines[] = {{"New business", kNewBusiness},
                                                                                   {"Renewals & expansion", kRenewals}};
    for (int64_t position = 0; position < 2; ++position) {
        demo::Pipeline pipeline;
        pipeline.id = writer.NewId(at);
        insert_pipeline.value()->Reset();
        insert_pipeline.value()->Bind(1, pipeline.id).Bind(2, pipelines[position].first).Bind(3, position);
        if (auto done = demo::RunAndReset(*insert_pipeline.value()); !done) return done;
        const Field fields[] = {{"name", std::string(pipelines[position].first)}, {"position", std::to_string(position)}};
        if (auto done = writer.Created("pipeline", pipeline.id, fields, actor, at); !done) return done;
        int64_t stage_position = 0;
        for (const StageSpec& spec : pipelines[position].second) {
            demo::Stage stage{writer.NewId(at), spec.probability, spec.forecast_category, spec.usual_days,
                              spec.forecast_category == "closed", spec.probability == 0};
            Statement& statement = *insert_stage.value();
            statement.Reset();
            statement.Bind(1, stage.id).Bind(2, pipeline.id).Bind(3, spec.name).Bind(4, stage_position)
                .Bind(5, int64_t(spec.probability)).Bind(6, spec.forecast_category)
                .Bind(8, int64_t(spec.next_step_window_days)).Bind(9, int64_t(stage.is_won))
                .Bind(10, int64_t(stage.is_lost));
            if (spec.rot_days > 0) statement.Bind(7, int64_t(spec.rot_days)); else statement.BindNull(7);
            if (auto done = demo::RunAndReset(statement); !done) return done;
            std::vector<Field> stage_fields = {
                {"pipeline_id", pipeline.id}, {"name", std::string(spec.name)},
                {"position", std::to_string(stage_position)}, {"default_probability", std::to_string(spec.probability)},
                {"forecast_category", std::string(spec.forecast_category)},
                {"next_step_window_days", std::to_string(spec.next_step_window_days)},
                {"is_won", stage.is_won ? "1" : "0"}, {"is_lost", stage.is_lost ? "1" : "0"}};
            if (spec.rot_days > 0) stage_fields.emplace_back("rot_days", std::to_string(spec.rot_days));
            if (auto done = writer.Created("stage", stage.id, stage_fields, actor, at); !done) return done;
            if (stage.is_won) pipeline.won_index = int(pipeline.stages.size());
            if (stage.is_lost) pipeline.lost_index = int(pipeline.stages.size());
            if (!stage.is_won && !stage.is_lost) ++pipeline.open_stage_count;
            pipeline.stages.push_back(std::move(stage));
            ++stage_position;
        }
        organisation.pipelines.push_back(std::move(pipeline));
    }

    auto insert_reason = writer.Prepare("INSERT OR FAIL INTO lost_reasons (id, label, position) VALUES (?, ?, ?)");
    if (!insert_reason) return insert_reason.errors();
    const std::string_view reasons[] = {"Price", "Chose a competitor", "No budget", "No decision", "Timing",
                                        "Product fit"};
    for (int64_t position = 0; position < int64_t(std::size(reasons)); ++position) {
        const std::string id = writer.NewId(at);
        insert_reason.value()->Reset();
        insert_reason.value()->Bind(1, id).Bind(2, reasons[position]).Bind(3, position);
        if (auto done = demo::RunAndReset(*insert_reason.value()); !done) return done;
        const Field fields[] = {{"label", std::string(reasons[position])}, {"position", std::to_string(position)}};
        if (auto done = writer.Created("lost_reason", id, fields, actor, at); !done) return done;
        organisation.lost_reason_ids.push_back(id);
    }

    // Reporting-currency units per unit, times 10^9: 1 USD = 0.92 EUR, 1 GBP = 1.17 EUR.
    organisation.currencies = {"EUR", "USD", "GBP"};
    auto insert_rate = writer.Prepare(
        "INSERT OR FAIL INTO exchange_rates (currency_code, rate_nanos, updated_at_ms) VALUES (?, ?, ?)");
    if (!insert_rate) return insert_rate.errors();
    const std::pair<std::string_view, int64_t> rates[] = {{"USD", 920'000'000}, {"GBP", 1'170'000'000}};
    const int64_t rates_at = organisation.now_ms - kMillisecondsPerDay;
    for (const auto& [code, rate_nanos] : rates) {
        insert_rate.value()->Reset();
        insert_rate.value()->Bind(1, code).Bind(2, rate_nanos).Bind(3, rates_at);
        if (auto done = demo::RunAndReset(*insert_rate.value()); !done) return done;
        const Field fields[] = {{"rate_nanos", std::to_string(rate_nanos)}};
        if (auto done = writer.Created("exchange_rate", code, fields, actor, rates_at); !done) return done;
    }
    return Done{};
}

std::string AccountName(int64_t index) {
    if (index == 0) return std::string(kDemoFirstAccountName);
    const auto stems = DemoCompanyStems();
    const auto kinds = DemoCompanyKinds();
    const auto cities = DemoCities();
    const int64_t pair_count = int64_t(stems.size() * kinds.size());
    const int64_t pair = (index - 1) % pair_count;
    const int64_t round = (index - 1) / pair_count;
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about "literal" + std::string.
    std::string name(stems[size_t(pair % int64_t(stems.size()))].name);
    name.append(" ").append(kinds[size_t(pair / int64_t(stems.size()))]);
    if (round > 0) name.append(" ").append(cities[size_t((round - 1) % int64_t(cities.size()))]);
    if (round > int64_t(cities.size())) name.append(" ").append(std::to_string(round / int64_t(cities.size())));
    return name;
}

// Accounts and their two contacts each, created before the 18 months of history in id order.
Status WriteAccounts(demo::Writer& writer, demo::Organisation& organisation, int64_t account_count) {
    demo::BatchInsert accounts(writer.database(), "accounts (id, name, created_at_ms, updated_at_ms)", 4, 2000);
    demo::BatchInsert contacts(writer.database(),
                               "contacts (id, account_id, name, email, phone, job_title, created_at_ms, updated_at_ms)",
                               8, 2000);
    demo::Random& random = writer.random();
    const int64_t first_day = organisation.today_day - kHistoryDays - 730;
    for (int64_t index = 0; index < account_count; ++index) {
        const int64_t day = first_day + index * 700 / account_count;
        const int64_t at = demo::WorkingTime(random, day);
        demo::Account account{writer.NewId(at), AccountName(index), {}, {}};
        const std::string_view actor = organisation.rep_ids[size_t(index) % organisation.rep_ids.size()];
        accounts.Text(account.id).Text(account.name).Integer(at).Integer(at);
        if (auto done = accounts.EndRow(); !done) return done;
        const Field account_fields[] = {{"name", account.name}};
        if (auto done = writer.Created("account", account.id, account_fields, actor, at); !done) return done;

        const auto stem = DemoCompanyStems()[size_t((index + 39) % int64_t(DemoCompanyStems().size()))];
        for (int contact = 0; contact < 2; ++contact) {
            const auto first = random.Pick(DemoFirstNames());
            const auto last = random.Pick(DemoLastNames());
            const int64_t contact_at = at + (contact + 1) * 600'000;
            const std::string id = writer.NewId(contact_at);
            std::string name(first.name);
            name.append(" ").append(last.name);
            std::string email(first.ascii);
            email.append(".").append(last.ascii).append("@").append(stem.ascii).append("-");
            email.append(std::to_string(index)).append(".example");
            const std::string phone = "+49 30 " + std::to_string(random.Between(1'000'000, 9'999'999));
            const std::string title(random.Pick(DemoJobTitles()));
            contacts.Text(id).Text(account.id).Text(name).Text(email).Text(phone).Text(title).Integer(contact_at)
                .Integer(contact_at);
            if (auto done = contacts.EndRow(); !done) return done;
            const Field fields[] = {{"account_id", account.id}, {"name", name}, {"email", email}};
            if (auto done = writer.Created("contact", id, fields, actor, contact_at); !done) return done;
            account.contact_ids.push_back(id);
            account.contact_names.push_back(name);
        }
        organisation.accounts.push_back(std::move(account));
    }
    if (auto done = accounts.Flush(); !done) return done;
    return contacts.Flush();
}

// Leads still being worked or already dropped, from the last six months (converted ones come with deals).
Status WriteLeads(demo::Writer& writer, const demo::Organisation& organisation, int64_t lead_count) {
    demo::BatchInsert leads(writer.database(),
                            "leads (id, name, company, email, source, owner_id, status, has_budget, has_authority,"
                            " has_need, has_timing, disqualify_reason, created_at_ms, updated_at_ms)",
                            14, 500);
    demo::Random& random = writer.random();
    std::vector<int64_t> days;
    for (int64_t index = 0; index < lead_count; ++index) days.push_back(organisation.today_day - random.Between(0, 180));
    std::sort(days.begin(), days.end());
    constexpr std::string_view kStatuses[] = {"new", "new", "working", "working", "qualified", "disqualified"};
    for (const int64_t day : days) {
        const int64_t at = demo::WorkingTime(random, day);
        const std::string id = writer.NewId(at);
        const auto first = random.Pick(DemoFirstNames());
        const auto last = random.Pick(DemoLastNames());
        const auto stem = random.Pick(DemoCompanyStems());
        std::string name(first.name);
        name.append(" ").append(last.name);
        std::string company(stem.name);
        company.append(" ").append(random.Pick(DemoCities()));
        std::string email(first.ascii);
        email.append("@").append(stem.ascii).append(".example");
        const std::string source(random.Pick(DemoDealSources()));
        const std::string& owner = organisation.rep_ids[size_t(random.Between(0, 5))];
        const std::string status(random.Pick(std::span<const std::string_view>(kStatuses)));
        const bool qualified = status == "qualified";
        leads.Text(id).Text(name).Text(company).Text(email).Text(source).Text(owner).Text(status)
            .Integer(qualified || random.Percent(30)).Integer(qualified).Integer(qualified || random.Percent(50))
            .Integer(qualified).Text(status == "disqualified" ? "No budget and no project this year." : "")
            .Integer(at).Integer(at);
        if (auto done = leads.EndRow(); !done) return done;
        const Field fields[] = {{"name", name}, {"company", company}, {"status", status}};
        if (auto done = writer.Created("lead", id, fields, owner, at); !done) return done;
    }
    return leads.Flush();
}

}  // namespace

Status ClearLocalData(Database& database) {
    for (const char* table : kTablesToClear) {
        const std::string sql = std::string("DELETE FROM ") + table;
        if (auto cleared = database.Execute(sql, std::string("Clearing ") + table); !cleared) return cleared;
    }
    return Done{};
}

Status LoadDemoData(Database& database, const DemoOptions& options) {
    if (options.opportunity_count < 1 || options.opportunity_count > kMaxDemoOpportunities) {
        return ValidationError{"opportunity_count", "range",
                               "The demo needs between 1 and " + std::to_string(kMaxDemoOpportunities) +
                                   " opportunities (not " + std::to_string(options.opportunity_count) + ")."};
    }
    assert(IsValidDate(options.today) && options.today.year >= 2000 && "the demo's today must be a real date");
    ForeignKeysOff foreign_keys_off(database);  // declared first: restored after the transaction ends
    Transaction transaction(database);
    if (!transaction.began()) {
        return ValidationError{"", "storage", "Loading the demo data failed: " + database.LastErrorMessage()};
    }
    if (auto cleared = ClearLocalData(database); !cleared) return cleared;
    // The change log restarts at 1, so a reload gives the same sequence numbers as a fresh database.
    if (auto reset = database.Execute("DELETE FROM sqlite_sequence WHERE name = 'change_log'", "Resetting the change log");
        !reset) {
        return reset;
    }

    demo::Random random(options.seed);
    demo::Writer writer(database, random);
    demo::Organisation organisation;
    organisation.today_day = DaysSinceEpoch(options.today);
    organisation.now_ms = organisation.today_day * kMillisecondsPerDay + 18 * 3'600'000;
    if (auto done = WriteConfiguration(writer, organisation); !done) return done;
    if (auto done = WriteAccounts(writer, organisation, std::max<int64_t>(12, options.opportunity_count / 8)); !done) {
        return done;
    }
    if (auto done = WriteLeads(writer, organisation, std::max<int64_t>(4, options.opportunity_count / 25)); !done) {
        return done;
    }
    if (auto done = demo::WriteDeals(writer, organisation, options.opportunity_count); !done) return done;
    return transaction.Commit();
}

Result<LocalDataCounts> CountLocalData(Database& database) {
    auto statement = database.Prepare(
        "SELECT (SELECT count(*) FROM teams), (SELECT count(*) FROM users), (SELECT count(*) FROM pipelines),"
        " (SELECT count(*) FROM stages), (SELECT count(*) FROM lost_reasons), (SELECT count(*) FROM exchange_rates),"
        " (SELECT count(*) FROM accounts), (SELECT count(*) FROM contacts), (SELECT count(*) FROM leads),"
        " (SELECT count(*) FROM opportunities),"
        " (SELECT count(*) FROM opportunities WHERE status = 'open'),"
        " (SELECT count(*) FROM opportunities WHERE status = 'won'),"
        " (SELECT count(*) FROM opportunities WHERE status = 'lost'),"
        " (SELECT count(*) FROM opportunities WHERE status = 'postponed'),"
        " (SELECT count(*) FROM opportunities WHERE status = 'archived'),"
        " (SELECT count(*) FROM activities), (SELECT count(*) FROM activities WHERE state = 'scheduled'),"
        " (SELECT count(*) FROM change_log)",
        "Counting local data");
    if (!statement) return statement.errors();
    Statement& counts = statement.value();
    if (!counts.Step()) {
        return ValidationError{"", "storage", counts.error().empty() ? "Counting local data failed" : counts.error()};
    }
    LocalDataCounts result;
    int64_t* const targets[] = {&result.teams, &result.users, &result.pipelines, &result.stages,
                                &result.lost_reasons, &result.exchange_rates, &result.accounts, &result.contacts,
                                &result.leads, &result.opportunities, &result.open, &result.won, &result.lost,
                                &result.postponed, &result.archived, &result.activities,
                                &result.scheduled_activities, &result.change_log_rows};
    for (int column = 0; column < int(std::size(targets)); ++column) *targets[column] = counts.ColumnInt(column);
    return result;
}

}  // namespace roadbook
