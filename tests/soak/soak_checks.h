// The soak's verdict, read from the devices' own SQLite files and an auditor device that pulled everything
// the server holds: replicas equal to the server, no acknowledged change missing, nothing duplicated.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "sync_test_support.h"

namespace roadbook::testing {

struct SoakVerdict {
    int64_t deals_on_server = 0;
    int64_t divergent = 0;      // devices whose deals differ from the server's
    int64_t lost = 0;           // acknowledged changes the server does not hold (nor anything newer)
    int64_t duplicated = 0;     // deals on the server nobody created, or created deals counted twice
    int64_t unacknowledged = 0; // changes still waiting after the final calm rounds
    std::vector<std::string> problems;  // the first few, for the report
};

// `devices` and `auditor` have synced on a calm network; `created` holds every deal id the devices made.
SoakVerdict CheckSoak(const std::vector<TestDevice*>& devices, TestDevice& auditor, const std::set<std::string>& created);

}  // namespace roadbook::testing
