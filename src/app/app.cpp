// Frame building and command handling. Commands run after the views so a frame never draws half-applied
// state; each view model is re-read only when its data, filters or position changed.
#include "app/app.h"

#include <cassert>

#include "core/calendar_date.h"
#include "store/backup.h"
#include "store/demo_data.h"
#include "ui/item_registry.h"
#include "ui/screen_view.h"

namespace roadbook {
namespace {

constexpr int kDefaultCloseInDays = 30;
constexpr int64_t kDemoDeals = 10'000;  // the demo set Settings loads

}  // namespace

App::ScreenFingerprint App::FingerprintOf(const ui::ScreenState& state) {
    const ui::ListState& list = state.list;
    return ScreenFingerprint{state.screen, state.deal.opportunity_id, state.search.text, state.deal.add_contact.search,
                             list.text, list.status, list.sort, list.descending, list.selected.size(), list.anchor_index,
                             {list.lost.open, state.search.open, state.next_step.open, state.deal.log.open,
                              state.deal.lost.open, state.deal.postpone.open, state.deal.confirm_won, state.form.open,
                              state.deal.add_contact.open}};
}

Result<std::unique_ptr<App>> App::Create(AppServices services, const std::string& database_path) {
    assert(services.now_unix_ms && services.utc_offset_minutes && services.random_bytes);
    auto database = Database::Open(database_path);
    if (!database) return database.errors();
    return Create(std::move(services), std::move(database).value());
}

std::unique_ptr<App> App::Create(AppServices services, Database database) {
    assert(services.now_unix_ms && services.utc_offset_minutes && services.random_bytes);
    return std::unique_ptr<App>(new App(std::move(services), std::move(database)));
}

namespace {

// 16 random hex digits: unique enough across a team's devices, and a valid HLC node id.
std::string RandomNodeId(const AppServices& services) {
    uint8_t bytes[8];
    services.random_bytes(bytes, sizeof bytes);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id;
    for (uint8_t byte : bytes) {
        id.push_back(kHex[byte >> 4]);
        id.push_back(kHex[byte & 0x0F]);
    }
    return id;
}

}  // namespace

App::App(AppServices services, Database database)
    : services_(std::move(services)),
      database_(std::move(database)),
      opportunities_(database_),
      workspace_(database_, [this] { return NewWriteContext(); }, [this] { return Clock(); }),
      clock_(RandomNodeId(services_)) {
    ui::ApplyTheme(theme_);
    sync_ = std::make_unique<SyncController>(
        database_, services_.now_unix_ms, services_.utc_offset_minutes,
        [this] { return "client-" + RandomNodeId(services_) + RandomNodeId(services_); },
        [this] {
            uint8_t bytes[2];
            services_.random_bytes(bytes, sizeof bytes);
            return double(bytes[0] << 8 | bytes[1]) / 65536.0;
        });
    if (auto opened = sync_->Open(); !opened) ShowMessage(opened.first_error().message, true);
    // A restart must never stamp earlier than before, whatever the wall clock says.
    if (auto newest = sync_->engine().replica().NewestLocalClock(); newest && !newest.value().empty()) {
        if (auto stamp = ParseHybridTimestamp(newest.value()); stamp) clock_ = HybridLogicalClock(clock_.Last().node_id, stamp.value());
    }
    storage_.can_back_up = services_.download_backup && services_.choose_backup_to_restore;
}

void App::OpenOnLaunch(const std::string& action, const std::string& screen) {
    if (screen == "settings") screen_.screen = ui::Screen::Settings;
    if (screen == "opportunities") screen_.screen = ui::Screen::Opportunities;
    if (screen == "today") screen_.screen = ui::Screen::Today;
    if (screen == "board") screen_.screen = ui::Screen::Board;
    if (screen == "forecast") screen_.screen = ui::Screen::Forecast;
    if (screen == "leads") screen_.screen = ui::Screen::Leads;
    if (action == "new-opportunity") {
        screen_.screen = ui::Screen::Opportunities;
        OpenNewOpportunityForm();
    }
}

void App::SetTheme(ui::ThemeMode mode) {
    system_theme_ = mode;
    ApplyThemeChoice();
}

void App::ApplyThemeChoice() {
    theme_ = theme_choice_ == ui::ThemeChoice::Light  ? ui::ThemeMode::Light
             : theme_choice_ == ui::ThemeChoice::Dark ? ui::ThemeMode::Dark
                                                      : system_theme_;
    ui::ApplyTheme(theme_);
}

CalendarDate App::Today() {
    const int64_t now = services_.now_unix_ms();
    return DateAtInstant(now, services_.utc_offset_minutes(now));
}

ViewClock App::Clock() {
    const int64_t now = services_.now_unix_ms();
    const int32_t offset = services_.utc_offset_minutes(now);
    return ViewClock{DateAtInstant(now, offset), offset};
}

void App::Changed() {
    ++data_version_;
    sync_->OnLocalCommit();
}

void App::SetShell(const ui::ShellModel& shell) {
    const bool back_online = shell.connection == ui::Connection::Online && shell_.connection != ui::Connection::Online;
    shell_ = shell;
    if (back_online) sync_->RequestSync();
}

bool App::SyncTick() {
    bool changed = sync_->Tick();
    if (sync_->TakeDataChanged()) {
        ++data_version_;  // pulled changes: views read again (not a local commit, so no push follows)
        changed = true;
    }
    if (sync_->highest_remote_clock() > remote_clock_seen_) {
        remote_clock_seen_ = sync_->highest_remote_clock();
        if (auto stamp = ParseHybridTimestamp(remote_clock_seen_); stamp) clock_.Receive(stamp.value(), services_.now_unix_ms());
    }
    if (auto toast = sync_->TakeToast()) {
        ShowMessage(*toast, false);
        changed = true;
    }
    return changed;
}

WriteContext App::NewWriteContext() {
    WriteContext context;
    context.actor = sync_->actor();
    context.now_unix_ms = services_.now_unix_ms();
    context.today = Today();
    context.next_clock = [this] { return EncodeHybridTimestamp(clock_.Tick(services_.now_unix_ms())); };
    context.new_id = [this] {
        UuidV7Generator::RandomBytes random;
        services_.random_bytes(random.data(), random.size());
        return ids_.Next(services_.now_unix_ms(), random);
    };
    return context;
}

void App::OpenNewOpportunityForm() {
    ui::OpportunityFormState& form = screen_.form;
    form = ui::OpportunityFormState{};
    form.open = true;
    form.focus_first_field = true;
    form.draft.currency_code = last_currency_;
    form.draft.expected_close_date = FormatIsoDate(AddDays(Today(), kDefaultCloseInDays));
}

void App::SaveNewOpportunity(const OpportunityDraft& draft, double now_seconds) {
    auto valid = ValidateOpportunityDraft(draft);
    if (!valid) {
        screen_.form.errors = valid.errors();
        return;
    }
    auto created = opportunities_.Create(valid.value(), NewWriteContext());
    if (!created) {
        // Nothing was written; the form stays open with the reason so the rep loses nothing typed.
        screen_.form.errors = created.errors();
        return;
    }
    Changed();
    last_currency_ = valid.value().amount.currency_code;
    screen_.form = ui::OpportunityFormState{};
    screen_.toast = ui::Toast{"Opportunity saved", ui::ToastKind::Success, now_seconds};
}

void App::SetDeviceStorage(const ui::DeviceStorageModel& storage) {
    storage_ = storage;
    storage_.can_back_up = services_.download_backup && services_.choose_backup_to_restore;
}

Result<std::vector<uint8_t>> App::ExportBackup() { return ExportDatabase(database_); }

Status App::RestoreBackup(std::span<const uint8_t> file) {
    auto restored = RestoreDatabase(database_, file);
    if (restored) Changed();
    return restored;
}

Status App::ExecuteForTest(const std::string& sql) {
    auto executed = database_.Execute(sql, "Running the test statement");
    if (!executed) {
        // A failed statement after an explicit BEGIN leaves the transaction open: end it, unchanged.
        if (database_.InTransaction()) (void)database_.Execute("ROLLBACK", "Rolling back the test statement");
        return executed;
    }
    Changed();
    return Done{};
}

Status App::LoadDemo(int64_t opportunity_count) {
    auto existing = database_.QueryReadOnly("SELECT count(*) FROM opportunities");
    if (!existing) return existing.errors();
    if (std::get<int64_t>(existing.value()[0].values[0]) > 0) {
        return ValidationError{"", "not-empty", "Demo data replaces everything, so it loads only into an empty database."};
    }
    return ReplaceWithDemo(opportunity_count);
}

Status App::ReplaceWithDemo(int64_t opportunity_count) {
    DemoOptions options;
    options.opportunity_count = opportunity_count;
    options.today = Today();
    if (auto loaded = LoadDemoData(database_, options); !loaded) return loaded;
    Changed();
    return Done{};
}

void App::ShowMessage(const std::string& message, bool is_error) {
    screen_.toast = ui::Toast{message, is_error ? ui::ToastKind::Error : ui::ToastKind::Success, last_frame_seconds_};
}

void App::Frame(double now_seconds) {
    last_frame_seconds_ = now_seconds;
    if (demo_load_countdown_ > 0 && --demo_load_countdown_ == 0) {
        auto loaded = ReplaceWithDemo(kDemoDeals);
        // Whatever was selected or open belonged to the data that is gone.
        screen_.list = ui::ListState{};
        screen_.deal = ui::DealState{};
        if (screen_.screen == ui::Screen::Deal) screen_.screen = ui::Screen::Board;
        undo_.reset();
        undo_removal_.reset();
        screen_.toast = loaded ? ui::Toast{"Demo data loaded: 10,000 deals", ui::ToastKind::Success, now_seconds}
                               : ui::Toast{loaded.first_error().message, ui::ToastKind::Error, now_seconds};
    }
    ui::ScreenModel model{&storage_, &shell_, now_seconds, ROADBOOK_VERSION, theme_choice_};
    const ui::SyncModel sync_model =
        sync_->Model(screen_.screen == ui::Screen::Settings, shell_.connection == ui::Connection::Offline);
    model.sync = &sync_model;
    drawn_data_version_ = data_version_;
    // Only the screen on show is read; each view query runs again only when its data or filters changed.
    switch (screen_.screen) {
        case ui::Screen::Opportunities: model.list = &workspace_.List(screen_.list, data_version_); break;
        case ui::Screen::Board: model.board = &workspace_.Board(screen_.board, data_version_); break;
        case ui::Screen::Today: model.today = &workspace_.Today(data_version_); break;
        case ui::Screen::Forecast: model.forecast = &workspace_.Forecast(data_version_); break;
        case ui::Screen::Leads: model.leads = &workspace_.Leads(screen_.leads, data_version_); break;
        case ui::Screen::Settings:
            model.configuration = &workspace_.Configuration(data_version_);
            model.can_configure = !sync_model.signed_in || sync_->engine().identity().user_role == "admin";
            break;
        case ui::Screen::Deal:
            model.deal = &workspace_.Deal(screen_.deal.opportunity_id, data_version_);
            model.deal_sync = &sync_->RecordState("opportunity", screen_.deal.opportunity_id,
                                                  shell_.connection == ui::Connection::Offline);
            if (screen_.deal.add_contact.open) {
                model.contact_picker = &workspace_.ContactPicker(screen_.deal.opportunity_id,
                                                                 screen_.deal.add_contact.search, data_version_);
            }
            break;
    }
    const ScreenFingerprint before = FingerprintOf(screen_);
    if (screen_.search.open) model.search = &workspace_.Search(screen_.search.text, data_version_);
    ui::BeginItemFrame();
    ui::UiCommands commands;
    ui::DrawScreen(model, screen_, commands);
    ui::FinishItemFrame();

    if (commands.toggle_theme) {
        theme_choice_ = theme_ == ui::ThemeMode::Light ? ui::ThemeChoice::Dark : ui::ThemeChoice::Light;
        ApplyThemeChoice();
    }
    if (commands.set_theme) {
        theme_choice_ = *commands.set_theme;
        ApplyThemeChoice();
    }
    if (commands.load_demo && sync_->actor() != "local") {
        // The demo replaces the rows sync tracks without recording changes for them: never on a synced device.
        screen_.toast = ui::Toast{"Sign out of sync before loading the demo data: it would replace your team's deals "
                                  "on this device.", ui::ToastKind::Error, now_seconds};
    } else if (commands.load_demo) {
        // The load takes a second or two at 10k deals: say so in a frame before the work starts.
        screen_.toast = ui::Toast{"Loading the demo data...", ui::ToastKind::Success, now_seconds};
        demo_load_countdown_ = 2;
    }
    if (commands.show_screen) screen_.screen = *commands.show_screen;
    if (commands.download_backup && services_.download_backup) services_.download_backup();
    if (commands.restore_backup && services_.choose_backup_to_restore) services_.choose_backup_to_restore();
    if (commands.install_app && services_.install_app) services_.install_app();
    if (commands.open_new_opportunity) OpenNewOpportunityForm();
    if (commands.save_new_opportunity) SaveNewOpportunity(*commands.save_new_opportunity, now_seconds);
    ApplyWorkspaceCommands(commands, now_seconds);
    ApplyListCommands(commands, now_seconds);
    ApplyDealCommands(commands, now_seconds);
    ApplyContactCommands(commands, now_seconds);
    ApplyLeadCommands(commands.leads, now_seconds);
    ApplyConfigurationCommands(commands.configuration, now_seconds);
    if (auto problem = sync_->Apply(commands.sync, screen_.sync_form, NewWriteContext())) ShowMessage(*problem, true);
    sync_needs_frame_ = SyncTick();  // a sign-in, a sync state or a resolved conflict shows in the next frame
    // A click that changed the screen, the list's sort, filters or selection, or a dialog shows in the next
    // frame: ask for it even when the input that caused it has been used up.
    redraw_ = !(FingerprintOf(screen_) == before);
    Announce(sync_model);
}

void App::Announce(const ui::SyncModel& sync) {
    if (!services_.announce) return;
    // Each new toast once (a save, an error, an undo offer), by the time it shows.
    if (screen_.toast && screen_.toast->shown_at_seconds != announced_toast_at_) {
        announced_toast_at_ = screen_.toast->shown_at_seconds;
        services_.announce(screen_.toast->message);
    }
    // Sync: going offline, failing, and coming back; not every quiet round.
    const bool worth_saying = sync.chip == ui::SyncChipState::Offline || sync.chip == ui::SyncChipState::Error ||
                              (sync.chip == ui::SyncChipState::Synced &&
                               (announced_chip_ == ui::SyncChipState::Offline || announced_chip_ == ui::SyncChipState::Error));
    if (sync.signed_in && sync.chip != announced_chip_ && sync.chip != ui::SyncChipState::Syncing) {
        if (worth_saying) services_.announce(sync.chip_text);
        announced_chip_ = sync.chip;
    }
}

bool App::WantsAnotherFrame(double now_seconds) const {
    // A change made while building the last frame shows in the next one.
    // The list drew placeholders for rows outside its loaded window: the next frame loads them.
    return drawn_data_version_ != data_version_ || sync_needs_frame_ || redraw_ || demo_load_countdown_ > 0 ||
           (screen_.list.missing_rows && screen_.screen == ui::Screen::Opportunities) ||
           ui::ScreenIsAnimating(screen_, now_seconds);
}

}  // namespace roadbook
