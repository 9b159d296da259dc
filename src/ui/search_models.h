// What global search draws (results as you type across deals, accounts and contacts) and its UI state:
// open or not, the text, which result the arrow keys highlight. Plain data.
#pragma once

#include <string>
#include <vector>

namespace roadbook::ui {

struct SearchResultModel {
    std::string entity;  // "opportunity", "account", "contact"
    std::string id;
    std::string title;
    std::string detail;  // the account of a deal, a contact's email, ...
};

struct SearchModel {
    std::string text;  // the text these results are for
    std::vector<SearchResultModel> results;
    std::string error;
};

struct SearchState {
    bool open = false;
    bool focus_input = false;
    std::string text;
    int highlighted = 0;
};

// What choosing a result asks for.
struct SearchChoice {
    std::string entity;
    std::string id;
    std::string title;
};

}  // namespace roadbook::ui
