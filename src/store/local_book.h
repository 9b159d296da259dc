// The book a device kept on its own, at its first sign-in to an organisation: the demo data is removed
// (it belongs to a made-up organisation and must never be uploaded), and records nobody owns become the
// signed-in person's, so they land in that person's scope and on their board.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "store/write_context.h"

namespace roadbook {

// Whether the device holds people the server never sent: only the demo loader makes users locally.
Result<bool> HoldsDemoData(Database& database);

// Deletes every record and the change log (its numbering continues, so mutation ids are never reused),
// and forgets what the server sent (generations, conflicts, rejections), in one transaction. The caller
// pulls everything again afterwards.
Status RemoveLocalBook(Database& database);

// A deal, lead or activity made on this device that nobody owns.
struct UnownedRecord {
    const char* table;
    const char* entity;
    std::string id;
};

// The unowned records the server never sent: read at sign-in, before the upload makes them the server's.
Result<std::vector<UnownedRecord>> UnownedLocalRecords(Database& database);

// Gives those of `records` still without an owner to `context.actor`, through the change log so the owner
// travels with the next push. Returns how many records changed.
Result<int64_t> AdoptRecords(Database& database, const std::vector<UnownedRecord>& records, const WriteContext& context);

}  // namespace roadbook
