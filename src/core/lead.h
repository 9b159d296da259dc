// Leads: their statuses with the stable names stored in SQLite and sent over sync (never
// renamed), the qualification checklist, and which status moves a rep may make by hand.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/result.h"

namespace roadbook {

enum class LeadStatus { New, Working, Qualified, Disqualified, Converted };

// The BANT checklist: budget, authority, need, timing.
enum class QualificationItem { Budget, Authority, Need, Timing };

// "new", "working", "qualified", "disqualified", "converted".
std::string_view LeadStatusName(LeadStatus status);
// "New", "Working", "Qualified", "Disqualified", "Converted".
std::string_view LeadStatusLabel(LeadStatus status);
// Exact, case-sensitive stable names; anything else is field "status" rule "unknown-value".
Result<LeadStatus> ParseLeadStatus(std::string_view text);

// "budget", "authority", "need", "timing": the field names errors and the UI use.
std::string_view QualificationItemName(QualificationItem item);

// A move made with the status picker. Any of new, working and qualified may go to any other of them (a rep
// steps back when qualification falls apart) and a disqualified lead may come back to them. Errors, field
// "status": converted (a converted lead never moves: the deal carries on), use-disqualify (disqualifying
// needs a reason, so it has its own command), use-convert (converting creates records: its own command).
Status CheckLeadStatusMove(LeadStatus from, LeadStatus to);

// Only leads someone has worked can become deals: working or qualified. Otherwise field "status" rule
// "not-convertible".
Status CheckLeadConvertible(LeadStatus status);

inline constexpr size_t kMaxLeadSourceCharacters = 100;
inline constexpr size_t kMaxPhoneCharacters = 50;
inline constexpr size_t kMaxDisqualifyReasonCharacters = 500;

}  // namespace roadbook
