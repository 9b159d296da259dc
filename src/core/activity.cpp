// Names and parsing for the activity vocabulary, and which kinds each command accepts.
#include "core/activity.h"

#include <array>
#include <cassert>
#include <string>

#include "core/text.h"

namespace roadbook {
namespace {

// Indexed by the enum's value; the order is the declaration order in activity.h.
constexpr std::array<std::string_view, 5> kKindNames = {"call", "meeting", "task", "email", "note"};
constexpr std::array<std::string_view, 5> kKindLabels = {"Call", "Meeting", "Task", "Email", "Note"};
constexpr std::array<std::string_view, 3> kStateNames = {"scheduled", "done", "cancelled"};

size_t IndexOf(ActivityKind kind) {
    const auto index = static_cast<size_t>(kind);
    assert(index < kKindNames.size() && "ActivityKind out of range");
    return index;
}

size_t IndexOf(ActivityState state) {
    const auto index = static_cast<size_t>(state);
    assert(index < kStateNames.size() && "ActivityState out of range");
    return index;
}

}  // namespace

std::string_view ActivityKindName(ActivityKind kind) { return kKindNames[IndexOf(kind)]; }

std::string_view ActivityKindLabel(ActivityKind kind) { return kKindLabels[IndexOf(kind)]; }

Result<ActivityKind> ParseActivityKind(std::string_view text) {
    for (size_t index = 0; index < kKindNames.size(); ++index) {
        if (kKindNames[index] == text) return static_cast<ActivityKind>(index);
    }
    return ValidationError{"kind", "unknown-value",
                           "Activity kind \"" + std::string(text) + "\" is not one of " + JoinWithCommas(kKindNames) + "."};
}

std::string_view ActivityStateName(ActivityState state) { return kStateNames[IndexOf(state)]; }

Result<ActivityState> ParseActivityState(std::string_view text) {
    for (size_t index = 0; index < kStateNames.size(); ++index) {
        if (kStateNames[index] == text) return static_cast<ActivityState>(index);
    }
    return ValidationError{
        "state", "unknown-value",
        "Activity state \"" + std::string(text) + "\" is not one of " + JoinWithCommas(kStateNames) + "."};
}

bool CanBeLogged(ActivityKind kind) { return kind != ActivityKind::Task; }

bool CanBeScheduled(ActivityKind kind) {
    return kind == ActivityKind::Call || kind == ActivityKind::Meeting || kind == ActivityKind::Task;
}

}  // namespace roadbook
