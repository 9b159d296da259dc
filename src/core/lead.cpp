// Names and parsing for the lead vocabulary, and the status moves a rep may make.
#include "core/lead.h"

#include <array>
#include <cassert>
#include <string>

namespace roadbook {
namespace {

// Indexed by the enum's value; the order is the declaration order in lead.h.
constexpr std::array<std::string_view, 5> kStatusNames = {"new", "working", "qualified", "disqualified", "converted"};
constexpr std::array<std::string_view, 5> kStatusLabels = {"New", "Working", "Qualified", "Disqualified",
                                                           "Converted"};
constexpr std::array<std::string_view, 4> kItemNames = {"budget", "authority", "need", "timing"};

size_t IndexOf(LeadStatus status) {
    const auto index = static_cast<size_t>(status);
    assert(index < kStatusNames.size() && "LeadStatus out of range");
    return index;
}

}  // namespace

std::string_view LeadStatusName(LeadStatus status) { return kStatusNames[IndexOf(status)]; }

std::string_view LeadStatusLabel(LeadStatus status) { return kStatusLabels[IndexOf(status)]; }

Result<LeadStatus> ParseLeadStatus(std::string_view text) {
    for (size_t index = 0; index < kStatusNames.size(); ++index) {
        if (kStatusNames[index] == text) return static_cast<LeadStatus>(index);
    }
    return ValidationError{"status", "unknown-value",
                           "Lead status \"" + std::string(text) +
                               "\" is not one of new, working, qualified, disqualified, converted."};
}

std::string_view QualificationItemName(QualificationItem item) {
    const auto index = static_cast<size_t>(item);
    assert(index < kItemNames.size() && "QualificationItem out of range");
    return kItemNames[index];
}

Status CheckLeadStatusMove(LeadStatus from, LeadStatus to) {
    if (from == LeadStatus::Converted) {
        return ValidationError{"status", "converted", "This lead is converted; work on its opportunity instead."};
    }
    if (to == LeadStatus::Disqualified) {
        return ValidationError{"status", "use-disqualify", "Disqualify the lead with a reason."};
    }
    if (to == LeadStatus::Converted) {
        return ValidationError{"status", "use-convert", "Convert the lead to create its opportunity."};
    }
    return Done{};
}

Status CheckLeadConvertible(LeadStatus status) {
    if (status == LeadStatus::Working || status == LeadStatus::Qualified) return Done{};
    return ValidationError{"status", "not-convertible",
                           "Only working or qualified leads can be converted; this one is " +
                               std::string(LeadStatusName(status)) + "."};
}

}  // namespace roadbook
