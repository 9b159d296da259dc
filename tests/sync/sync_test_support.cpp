// The in-process server and the test devices.
#include "sync_test_support.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <stdexcept>

#include "postgres_cluster.h"
#include "sync/server/credentials.h"
#include "sync/server/postgres_server_store.h"
#include "sync/server/sqlite_server_store.h"
#include "sync/server/routes.h"
#include "store/opportunity_commands.h"
#include "store/opportunity_store.h"
#include "core/opportunity.h"

namespace roadbook::testing {

std::filesystem::path MakeTemporaryDirectory(const std::string& prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

InProcessServer::InProcessServer(server::SyncSettings settings) : directory_(MakeTemporaryDirectory("roadbook-sync")) {
    if (UsePostgresStore()) {
        database_url_ = PostgresCluster::Shared().CreateDatabase();
        auto store = server::PostgresServerStore::Open(database_url_);
        if (!store) throw std::runtime_error(store.first_error().message);
        store_ = std::move(store).value();
    } else {
        auto store = server::SqliteServerStore::Open((directory_ / "server.sqlite").string());
        if (!store) throw std::runtime_error(store.first_error().message);
        store_ = std::move(store).value();
    }
    StartServing(settings);
}

InProcessServer::InProcessServer(server::SyncSettings settings, const std::string& database_url)
    : directory_(MakeTemporaryDirectory("roadbook-sync")), database_url_(database_url) {
    auto store = server::PostgresServerStore::Open(database_url_);
    if (!store) throw std::runtime_error(store.first_error().message);
    store_ = std::move(store).value();
    StartServing(settings);
}

void InProcessServer::StartServing(server::SyncSettings settings) {
    std::filesystem::create_directories(directory_ / "web");
    service_ = std::make_unique<server::SyncService>(*store_, settings);
    accounts_ = std::make_unique<server::Accounts>(*service_);
    http_.new_task_queue = [] { return new httplib::ThreadPool(16); };
    server::InstallRoutes(http_, server::RouteSettings{std::filesystem::canonical(directory_ / "web"), service_.get(),
                                                      server::HostAllowList::For("127.0.0.1", {})});
    port_ = http_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind 127.0.0.1");
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    http_.wait_until_ready();
}

InProcessServer::~InProcessServer() {
    service_->notifier().StopAll();
    http_.stop();
    if (thread_.joinable()) thread_.join();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

std::string InProcessServer::QueryText(const std::string& sql) {
    if (!database_url_.empty()) return PostgresCluster::QueryText(database_url_, sql);
    OpenOptions options;
    options.schema_version = 0;
    auto database = Database::Open((directory_ / "server.sqlite").string(), options);
    if (!database) throw std::runtime_error(database.first_error().message);
    (void)database.value().Execute("PRAGMA busy_timeout = 5000", "waiting");
    auto statement = database.value().Prepare(sql, "test query");
    if (!statement) throw std::runtime_error(statement.first_error().message);
    if (!statement.value().Step()) return "";
    return statement.value().ColumnIsNull(0) ? "NULL" : statement.value().ColumnText(0);
}

TestOrganisation CreateTestOrganisation(server::Accounts& accounts, const std::string& name) {
    TestOrganisation organisation;
    organisation.name = name;
    const std::string domain = "@" + name + ".test";
    organisation.admin = "admin" + domain;
    organisation.manager = "manager" + domain;
    organisation.rep_a = "rep.a" + domain;
    organisation.rep_b = "rep.b" + domain;
    organisation.rep_west = "rep.west" + domain;
    const auto check = [](const Result<std::string>& result) {
        if (!result) throw std::runtime_error(result.first_error().message);
    };
    check(accounts.CreateOrganisation(name, organisation.admin, "Ada Admin", organisation.password));
    check(accounts.AddUser(name, organisation.manager, "Mia Manager", "manager", "East", organisation.password));
    check(accounts.AddUser(name, organisation.rep_a, "Ravi Rep", "rep", "East", organisation.password));
    check(accounts.AddUser(name, organisation.rep_b, "Rosa Rep", "rep", "East", organisation.password));
    check(accounts.AddUser(name, organisation.rep_west, "Wes West", "rep", "West", organisation.password));
    return organisation;
}

Database OpenDatabaseOrFail(const std::filesystem::path& file) {
    auto database = Database::Open(file.string());
    if (!database) throw std::runtime_error(database.first_error().message);
    return std::move(database).value();
}

TestDevice::TestDevice(std::string name, std::filesystem::path database_file, int64_t clock_offset)
    : clock_offset_ms(clock_offset),
      name_(std::move(name)),
      database_(OpenDatabaseOrFail(database_file)),
      clock_(name_),
      transport_(std::chrono::seconds(5)) {
    // Continue the clock from the newest stamp this device wrote, as the app does after a restart.
    auto statement = database_.Prepare("SELECT max(clock) FROM change_log WHERE origin = 'local'", "last clock");
    if (statement && statement.value().Step() && !statement.value().ColumnIsNull(0)) {
        auto last = ParseHybridTimestamp(statement.value().ColumnText(0));
        if (last && last.value().node_id == name_) clock_ = HybridLogicalClock(name_, last.value());
    }
    auto random = std::make_shared<std::mt19937_64>(std::hash<std::string>{}(name_));
    sync::EngineHooks hooks;
    hooks.now_ms = [this] { return now_ms(); };
    hooks.new_client_id = [random] {
        static const char* digits = "0123456789abcdef";
        std::string id = "client-";
        for (int index = 0; index < 24; ++index) id += digits[(*random)() % 16];
        return id;
    };
    hooks.random_unit = [random] { return double((*random)() % 1000) / 1000.0; };
    hooks.persisted_sequence = [this] {
        const int64_t highest = Number("SELECT coalesce(max(sequence), 0) FROM change_log WHERE origin = 'local'");
        return persisted_up_to ? std::min(*persisted_up_to, highest) : highest;
    };
    engine_ = std::make_unique<sync::SyncEngine>(database_, hooks);
    if (auto opened = engine_->Open(); !opened) throw std::runtime_error(opened.first_error().message);
    next_id_ = Number("SELECT count(*) FROM change_log") + 1;
}

int64_t TestDevice::now_ms() const { return server::UnixMillisecondsNow() + clock_offset_ms; }

WriteContext TestDevice::Context() {
    WriteContext context;
    context.actor = engine_->identity().user_id.empty() ? "local" : engine_->identity().user_id;
    context.now_unix_ms = now_ms();
    context.new_id = [this] {
        // UUID-shaped, unique per device and run.
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%08x-0000-7000-8000-%012llx", unsigned(std::hash<std::string>{}(name_)),
                      static_cast<unsigned long long>(next_id_++));
        return std::string(buffer);
    };
    context.today = DateAtInstant(now_ms(), 0);
    context.next_clock = [this] { return EncodeHybridTimestamp(clock_.Tick(now_ms())); };
    return context;
}

void TestDevice::SignIn(const std::string& url, const std::string& email, const std::string& password) {
    engine_->BeginSignIn(url, email, password);
    auto request = engine_->NextRequest();
    if (!request) throw std::runtime_error("no sign-in request");
    engine_->HandleReply(transport_.Send(*request));
    if (!engine_->signed_in()) throw std::runtime_error("sign-in failed: " + engine_->CurrentStatus().error);
}

sync::SyncPhase TestDevice::Sync(const std::function<Delivery(const sync::OutgoingRequest&)>& network, int max_requests) {
    engine_->RequestSync();
    for (int count = 0; count < max_requests; ++count) {
        auto request = engine_->NextRequest();
        if (!request) break;
        const Delivery delivery = network ? network(*request) : Delivery::kDeliver;
        sync::HttpReply reply;
        switch (delivery) {
        case Delivery::kDeliver: reply = transport_.Send(*request); break;
        case Delivery::kDropRequest: reply = {0, {}}; break;
        case Delivery::kDropReply: (void)transport_.Send(*request); reply = {0, {}}; break;
        case Delivery::kDuplicateRequest: (void)transport_.Send(*request); reply = transport_.Send(*request); break;
        case Delivery::kServiceUnavailable: reply = {503, R"({"error":{"code":"busy","message":"busy","hint":""}})"}; break;
        }
        engine_->HandleReply(reply);
        if (!engine_->highest_remote_clock().empty()) {
            if (auto stamp = ParseHybridTimestamp(engine_->highest_remote_clock()); stamp) clock_.Receive(stamp.value(), now_ms());
        }
    }
    return engine_->CurrentStatus().phase;
}

std::string TestDevice::CreateDeal(const std::string& name, int64_t amount_minor, const std::string& close_date) {
    OpportunityDraft draft;
    draft.name = name;
    draft.amount = std::to_string(amount_minor / 100) + "." + (amount_minor % 100 < 10 ? "0" : "") +
                   std::to_string(amount_minor % 100);
    draft.currency_code = "EUR";
    draft.expected_close_date = close_date;
    auto valid = ValidateOpportunityDraft(draft);
    if (!valid) throw std::runtime_error(valid.first_error().message);
    ValidOpportunity opportunity = valid.value();
    opportunity.owner_id = engine_->identity().user_id;
    OpportunityStore store(database_);
    auto created = store.Create(opportunity, Context());
    if (!created) throw std::runtime_error(created.first_error().message);
    return created.value();
}

void TestDevice::SetAmount(const std::string& deal_id, int64_t amount_minor) {
    OpportunityEdit edit;
    edit.amount = Money{amount_minor, "EUR"};
    if (auto done = OpportunityCommands(database_).Edit(deal_id, edit, Context()); !done) {
        throw std::runtime_error(done.first_error().message);
    }
}

void TestDevice::SetName(const std::string& deal_id, const std::string& name) {
    OpportunityEdit edit;
    edit.name = name;
    if (auto done = OpportunityCommands(database_).Edit(deal_id, edit, Context()); !done) {
        throw std::runtime_error(done.first_error().message);
    }
}

void TestDevice::SetOwner(const std::string& deal_id, const std::string& user_id) {
    OpportunityEdit edit;
    edit.owner_id = user_id;
    if (auto done = OpportunityCommands(database_).Edit(deal_id, edit, Context()); !done) {
        throw std::runtime_error(done.first_error().message);
    }
}

std::string TestDevice::Text(const std::string& sql) {
    auto statement = database_.Prepare(sql, "test query");
    if (!statement) throw std::runtime_error(statement.first_error().message);
    if (!statement.value().Step()) return "";
    return statement.value().ColumnIsNull(0) ? "NULL" : statement.value().ColumnText(0);
}

int64_t TestDevice::Number(const std::string& sql) { return std::stoll(Text(sql)); }

sync::HttpReply Post(const std::string& url, const std::string& path, const std::string& body, const std::string& token) {
    platform::HttpSyncTransport transport(std::chrono::seconds(5));
    return transport.Send(sync::OutgoingRequest{url, "POST", path, body, token});
}

std::string SignInToken(const std::string& url, const std::string& email, const std::string& password) {
    const sync::HttpReply reply = Post(url, "/api/v1/auth/login", sync::EncodeLoginRequest({email, password}));
    if (reply.status != 200) throw std::runtime_error("sign-in refused: " + reply.body);
    auto login = sync::DecodeLoginResponse(reply.body);
    if (!login) throw std::runtime_error(login.first_error().message);
    return login.value().token;
}

Team::Team(server::SyncSettings settings)
    : server(settings),
      organisation(CreateTestOrganisation(server.accounts(), "acme")),
      directory(MakeTemporaryDirectory("roadbook-devices")) {}

Team::~Team() {
    std::error_code ignored;
    std::filesystem::remove_all(directory, ignored);
}

std::unique_ptr<TestDevice> Team::Device(const std::string& name, const std::string& email, int64_t offset_ms) {
    auto device = std::make_unique<TestDevice>(name, directory / (name + ".sqlite"), offset_ms);
    device->SignIn(server.url(), email, organisation.password);
    if (device->Sync() != sync::SyncPhase::kIdle) {
        throw std::runtime_error("first sync failed: " + device->engine().CurrentStatus().error);
    }
    return device;
}

}  // namespace roadbook::testing
