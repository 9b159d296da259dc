// Search over the search_index FTS5 table that triggers keep current (see migrations/v2).
#include "store/search.h"

#include "core/text.h"
#include "store/database.h"

namespace roadbook {
namespace {

// Separators between words: ASCII space and punctuation. Other bytes (letters of any script) stay, as
// FTS5's unicode61 tokenizer treats them.
bool IsSeparator(unsigned char character) {
    return character < 0x80 && !((character >= '0' && character <= '9') || (character >= 'a' && character <= 'z') ||
                                 (character >= 'A' && character <= 'Z'));
}

// The rows of a search statement (entity, id, title, detail, rank), in its order.
Result<std::vector<SearchHit>> ReadHits(Statement& read) {
    std::vector<SearchHit> hits;
    while (read.Step()) {
        SearchHit hit;
        hit.entity = read.ColumnText(0);
        hit.entity_id = read.ColumnText(1);
        hit.title = read.ColumnText(2);
        hit.detail = read.ColumnText(3);
        const SqlValue rank = read.ColumnValue(4);
        hit.rank = std::holds_alternative<double>(rank) ? std::get<double>(rank) : 0.0;
        hits.push_back(std::move(hit));
    }
    if (!read.error().empty()) return ValidationError{"search", "query", read.error()};
    return hits;
}

}  // namespace

std::string SearchQueryFor(std::string_view text) {
    std::string query;
    size_t index = 0;
    while (index < text.size()) {
        while (index < text.size() && IsSeparator(static_cast<unsigned char>(text[index]))) ++index;
        const size_t start = index;
        while (index < text.size() && !IsSeparator(static_cast<unsigned char>(text[index]))) ++index;
        if (index > start) {
            if (!query.empty()) query.push_back(' ');
            query += "\"" + std::string(text.substr(start, index - start)) + "\"*";
        }
    }
    return query;
}

Result<std::vector<SearchHit>> Search(Database& database, std::string_view text, int limit) {
    const std::string query = SearchQueryFor(FoldForSearch(text));
    if (query.empty() || limit <= 0) return std::vector<SearchHit>{};
    // Ranking every match costs time proportional to the matches (a common prefix in a 100k book matches
    // tens of thousands of rows), so the candidates are the newest matches, which FTS5 reads in rowid order
    // and stops early: up to kCandidates whose title matches and as many matching anywhere. Those are ranked
    // by bm25, a title match counting ten times one in the detail. A record in both sets scores differently
    // in each (the title-only query ranks by the title alone), so it is kept once, with its better rank.
    constexpr int64_t kCandidates = 200;
    auto statement = database.PrepareCached(
        "SELECT d.entity, d.entity_id, d.title, d.detail, candidates.rank FROM (SELECT rowid, min(rank) AS rank FROM ("
        " SELECT * FROM (SELECT rowid, bm25(search_index, 10.0, 1.0) AS rank FROM search_index"
        "  WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT ?3)"
        " UNION"
        " SELECT * FROM (SELECT rowid, bm25(search_index, 10.0, 1.0) AS rank FROM search_index"
        "  WHERE search_index MATCH ?2 ORDER BY rowid DESC LIMIT ?3)"
        ") GROUP BY rowid) AS candidates JOIN search_documents d ON d.document_id = candidates.rowid "
        "ORDER BY candidates.rank, d.document_id DESC LIMIT ?4",
        "Searching");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, "{title} : (" + query + ")").Bind(2, query).Bind(3, kCandidates).Bind(4, int64_t(limit));
    return ReadHits(read);
}

Result<std::vector<SearchHit>> SearchEntity(Database& database, std::string_view text, std::string_view entity,
                                            int limit) {
    const std::string query = SearchQueryFor(FoldForSearch(text));
    if (query.empty() || limit <= 0) return std::vector<SearchHit>{};
    // Search()'s candidate rule (the newest matches, title matches first), counting only this entity's rows.
    constexpr int64_t kCandidates = 200;
    auto statement = database.PrepareCached(
        "SELECT d.entity, d.entity_id, d.title, d.detail, candidates.rank FROM (SELECT rowid, min(rank) AS rank FROM ("
        " SELECT * FROM (SELECT search_index.rowid, bm25(search_index, 10.0, 1.0) AS rank FROM search_index"
        "  JOIN search_documents e ON e.document_id = search_index.rowid"
        "  WHERE search_index MATCH ?1 AND e.entity = ?4 ORDER BY search_index.rowid DESC LIMIT ?3)"
        " UNION"
        " SELECT * FROM (SELECT search_index.rowid, bm25(search_index, 10.0, 1.0) AS rank FROM search_index"
        "  JOIN search_documents e ON e.document_id = search_index.rowid"
        "  WHERE search_index MATCH ?2 AND e.entity = ?4 ORDER BY search_index.rowid DESC LIMIT ?3)"
        ") GROUP BY rowid) AS candidates JOIN search_documents d ON d.document_id = candidates.rowid "
        "ORDER BY candidates.rank, d.document_id DESC LIMIT ?5",
        "Searching");
    if (!statement) return statement.errors();
    Statement& read = *statement.value();
    read.Bind(1, "{title} : (" + query + ")").Bind(2, query).Bind(3, kCandidates).Bind(4, entity).Bind(5, int64_t(limit));
    return ReadHits(read);
}

}  // namespace roadbook
