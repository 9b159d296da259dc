// Instant search across deals, accounts, contacts and activity notes (FTS5): prefix matching on every
// word, diacritics-insensitive ("mull" finds "Müller"), ranked with names above notes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace roadbook {

class Database;

struct SearchHit {
    std::string entity;     // "opportunity", "account", "contact", "activity"
    std::string entity_id;
    std::string title;      // the name (or an activity's subject)
    std::string detail;     // needs, email or notes
    double rank = 0;        // lower is better (FTS5 bm25)
};

// Every word of `text` must prefix-match a word of the record. Text that holds no word returns nothing;
// FTS5 syntax in the text is treated as plain words, never as a query language.
Result<std::vector<SearchHit>> Search(Database& database, std::string_view text, int limit = 20);
// The same matching and ranking over the records of one entity ("contact"): a picker for one kind of record
// must not lose its matches to the other kinds' newer ones.
Result<std::vector<SearchHit>> SearchEntity(Database& database, std::string_view text, std::string_view entity,
                                            int limit = 20);

// The FTS5 query for `text`: each word quoted and prefixed, e.g. `Café mü` -> `"Café"* "mü"*`.
std::string SearchQueryFor(std::string_view text);

}  // namespace roadbook
