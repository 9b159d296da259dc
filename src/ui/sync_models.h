// What the sync views show and what they ask for: the status chip, the sign-in form, the pending list, the
// conflict inbox and the "while you were away" digest. Plain data: the app fills it from the engine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace roadbook::ui {

enum class SyncChipState { LocalOnly, Offline, Syncing, Synced, Waiting, Error };

struct SyncLine {
    std::string title;   // "Müller GmbH" or "Deal"
    std::string detail;  // "Amount → €12,500.00 by Mia Manager"
};

struct SyncConflictRow {
    int64_t id = 0;
    std::string deal_name;
    std::string field_label;  // "Amount"
    std::string base;         // formatted values; "—" for none
    std::string mine;
    std::string theirs;
    std::string theirs_by;    // a person's name
    bool mine_won = false;
};

struct SyncModel {
    bool signed_in = false;
    bool signing_in = false;
    std::string user_line;          // "Mia Manager · mia@acme.test · manager"
    std::string organisation_name;
    std::string server_url;
    SyncChipState chip = SyncChipState::LocalOnly;
    std::string chip_text;          // the whole sentence the chip says
    std::string error;              // the last problem, with what to do
    int64_t pending = 0;
    std::vector<SyncLine> pending_lines;   // the first few changes waiting to go
    std::vector<SyncLine> rejected_lines;  // changes the server refused, with its reason
    std::vector<SyncConflictRow> conflicts;
    std::vector<SyncLine> away_lines;      // others' changes to my deals since my previous sync
    std::string default_server_url;        // the page's own origin
    bool holds_demo_data = false;          // signed out with the demo loaded: signing in removes it
};

// One record's sync state, shown in its detail view.
enum class RecordSyncState { LocalOnly, Synced, Pending, Conflict, Refused };

struct RecordSyncModel {
    RecordSyncState state = RecordSyncState::LocalOnly;
    std::string text;  // "2 changes waiting to sync", "Conflict on Amount: choose in Settings"
};

struct SyncFormState {
    bool initialised = false;
    char server_url[256] = {};
    char email[256] = {};
    char password[256] = {};
    bool confirm_remove_demo = false;  // the "remove the demo data and sign in?" question is showing
};

struct SyncCommands {
    bool sign_in = false;  // with the form's fields
    bool remove_demo = false;  // confirmed: the demo data goes before the organisation's data arrives
    bool sign_out = false;
    bool sync_now = false;
    std::optional<int64_t> keep_mine;    // a conflict id
    std::optional<int64_t> keep_theirs;
};

}  // namespace roadbook::ui
