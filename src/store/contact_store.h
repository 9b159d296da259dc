// Accounts and contacts in SQLite: creating and editing them, the contacts of an opportunity with their
// roles, and the look-ups lead conversion matches with. Every change goes through the RecordedWriter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/write_context.h"

namespace roadbook {

class Database;

inline constexpr size_t kMaxJobTitleCharacters = 200;
inline constexpr size_t kMaxContactRoleCharacters = 100;

// What the contact form holds, as typed. An empty account_id means the contact belongs to no account.
struct ContactDraft {
    std::string name;
    std::string email;
    std::string phone;
    std::string job_title;
    std::string account_id;
};

struct AccountRow {
    std::string id;
    std::string name;
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

struct ContactRow {
    std::string id;
    std::string name;
    std::string email;
    std::string phone;
    std::string job_title;
    std::string account_id;    // empty when none
    std::string account_name;  // empty when none
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

// A contact on a deal, with the part they play ("Decision maker", "Champion", ...).
struct OpportunityContactRow {
    ContactRow contact;
    std::string role;
    bool is_primary = false;
};

struct AccountCreation {
    std::string id;
    bool created = false;  // false: an account with that name existed and was returned instead
};

class ContactStore {
public:
    explicit ContactStore(Database& database) : database_(database) {}

    // Account names are unique ignoring ASCII case, as opportunity creation and lead conversion already
    // link by name: creating a name that exists returns the existing account (created = false) so the form
    // can open it instead of making a twin. Name required, at most 200 characters.
    Result<AccountCreation> CreateAccount(const std::string& name, const WriteContext& context);
    // Renaming to another account's name is field "name" rule "duplicate"; unknown id is "account_id" not-found.
    Status RenameAccount(const std::string& account_id, const std::string& name, const WriteContext& context);

    // Name required (at most 200 characters), email empty or name@domain.tld, phone at most 50 characters,
    // job title at most 200, account empty or existing ("account_id" not-found). Returns the new id.
    Result<std::string> CreateContact(const ContactDraft& draft, const WriteContext& context);
    // The same rules; writes the fields that differ. Unknown id is "contact_id" not-found.
    Status EditContact(const std::string& contact_id, const ContactDraft& draft, const WriteContext& context);

    // Links a contact to a deal with a role (at most 100 characters, may be empty). The first contact linked
    // to a deal without a primary contact becomes its primary contact. Errors: "opportunity_id" / "contact_id"
    // not-found, "contact_id" already-linked (change the role instead).
    Status LinkToOpportunity(const std::string& opportunity_id, const std::string& contact_id, const std::string& role,
                             const WriteContext& context);
    // "contact_id" not-linked when the contact is not on the deal.
    Status ChangeRole(const std::string& opportunity_id, const std::string& contact_id, const std::string& role,
                      const WriteContext& context);
    // Removes the link (recorded as a tombstone: field "deleted" = 1). Unlinking the primary contact clears
    // the deal's primary contact. "contact_id" not-linked when the contact is not on the deal.
    Status Unlink(const std::string& opportunity_id, const std::string& contact_id, const WriteContext& context);

    Result<AccountRow> FindAccount(const std::string& account_id) const;
    Result<ContactRow> FindContact(const std::string& contact_id) const;
    // Primary contact first, then by name.
    Result<std::vector<OpportunityContactRow>> ContactsOfOpportunity(const std::string& opportunity_id) const;
    // The people of an account by name, at most `limit`: who a deal of that account most likely involves.
    Result<std::vector<ContactRow>> ContactsOfAccount(const std::string& account_id, int64_t limit) const;

    // Look-ups for matching (lead conversion, "already exists" hints); the oldest match wins. Names and
    // emails compare ignoring ASCII case and surrounding spaces.
    Result<std::optional<AccountRow>> FindAccountByName(const std::string& name) const;
    Result<std::optional<ContactRow>> FindContactByEmail(const std::string& email) const;
    // Within one account; an empty account_id searches the contacts that belong to no account.
    Result<std::optional<ContactRow>> FindContactByName(const std::string& name, const std::string& account_id) const;

    // The commands above inside a transaction the caller owns (lead conversion writes many rows at once).
    Result<AccountCreation> CreateAccountWithinTransaction(const std::string& name, const WriteContext& context);
    Result<std::string> CreateContactWithinTransaction(const ContactDraft& draft, const WriteContext& context);
    Status LinkWithinTransaction(const std::string& opportunity_id, const std::string& contact_id,
                                 const std::string& role, const WriteContext& context);

private:
    Database& database_;
};

}  // namespace roadbook
