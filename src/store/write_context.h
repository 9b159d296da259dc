// Who writes, when, and the sources of new ids and clock stamps: every command takes one, and every change
// it makes is recorded with it in the change log.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/calendar_date.h"

namespace roadbook {

struct WriteContext {
    std::string actor;                        // user id (or "local" before sign-in)
    int64_t now_unix_ms = 0;
    std::function<std::string()> new_id;      // UUIDv7 in the app; deterministic in tests
    CalendarDate today;                       // the device's local date, for "won today" and due dates
    std::function<std::string()> next_clock;  // hybrid logical clock stamp per change; empty gives ""
};

}  // namespace roadbook
