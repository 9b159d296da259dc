// The workspace tests' fixture: a workspace over the view tests' hand-made data, with unique ids for each
// write and today fixed at kViewToday.
#pragma once

#include <memory>
#include <string>

#include "../store/view_test_support.h"
#include "app/workspace.h"

namespace roadbook::testing {

// A workspace over `database` whose writes get unique ids and whose today is kViewToday.
struct Fixture {
    Database database = OpenViewDatabase();
    std::shared_ptr<int> counter = std::make_shared<int>(0);
    Workspace workspace{database,
                        [counter = counter] {
                            WriteContext context = DeterministicContext(kTodayNoonMs);
                            const int first = ++*counter * 1000;
                            auto next = std::make_shared<int>(first);
                            context.new_id = [next] { return "w-" + std::to_string(++*next); };
                            return context;
                        },
                        [] { return TestClock(); }};
};

}  // namespace roadbook::testing
