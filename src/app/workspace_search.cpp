// Global search's view model from the store's FTS5 search, and where a chosen result leads.
#include "app/workspace.h"
#include "core/text.h"
#include "store/opportunity_record.h"
#include "store/search.h"

namespace roadbook {
namespace {

constexpr int kResultsShown = 12;

}  // namespace

const ui::SearchModel& Workspace::Search(const std::string& text, uint64_t data_version) {
    if (search_key_ && search_key_->first == text && search_key_->second == data_version) return search_;
    search_key_ = {text, data_version};
    search_ = ui::SearchModel{};
    search_.text = text;
    if (Trim(text).empty()) return search_;
    // Activities match too in the store; the search box finds records, so asks for a few more and keeps those.
    auto hits = roadbook::Search(database_, text, kResultsShown * 2);
    if (!hits) {
        search_.error = hits.first_error().message;
        return search_;
    }
    for (const SearchHit& hit : hits.value()) {
        if (hit.entity != "opportunity" && hit.entity != "account" && hit.entity != "contact") continue;
        if (search_.results.size() >= size_t(kResultsShown)) break;
        std::string detail = hit.detail;
        if (hit.entity == "opportunity") {
            auto deal = FindOpportunity(database_, hit.entity_id);
            detail = deal ? deal.value().account_name : "";
        }
        if (detail.size() > 80) detail = detail.substr(0, 77) + "...";  // a line, not the whole note
        search_.results.push_back({hit.entity, hit.entity_id, hit.title, detail});
    }
    return search_;
}

Result<Workspace::SearchTarget> Workspace::TargetOf(const ui::SearchChoice& choice) {
    if (choice.entity == "opportunity") return SearchTarget{choice.id, ""};
    if (choice.entity == "account") return SearchTarget{"", choice.title};
    if (choice.entity == "contact") {
        auto contact = contacts_.FindContact(choice.id);
        if (!contact) return contact.errors();
        return SearchTarget{"", contact.value().account_name.empty() ? contact.value().name : contact.value().account_name};
    }
    return ValidationError{"entity", "unknown-value", "Search cannot open a " + choice.entity + "."};
}

}  // namespace roadbook
