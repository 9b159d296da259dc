// Undo of a rep's recent change (a stage move, a bulk edit, an outcome) as a new recorded change: the
// fields it changed go back to their earlier values through the RecordedWriter, so the change log (and
// sync) see the undo like any other edit; nothing is rolled back in the database.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/write_context.h"

namespace roadbook {

class Database;

// The change log's position: the sequence of its newest row, 0 while it is empty. Taken before and after
// a command, two positions bound exactly what that command recorded.
Result<int64_t> LastChangeSequence(Database& database);

// Puts back every opportunity field recorded in (after_sequence, up_to_sequence] to the value it had
// before the first of those changes, in one transaction. Refused with nothing written when a field was
// changed again since ("<field>" changed-since), when the changes touched anything but opportunities
// ("" cannot-undo), or when there is nothing in the range. Returns how many deals changed back.
Result<int64_t> RevertOpportunityChanges(Database& database, int64_t after_sequence, int64_t up_to_sequence,
                                         const WriteContext& context);

}  // namespace roadbook
