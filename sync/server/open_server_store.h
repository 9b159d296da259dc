// Chooses the server store: PostgreSQL when --database names one (several servers can share it), else
// the embedded SQLite file under the data directory.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "sync/server/server_store.h"

namespace roadbook::server {

// postgresql://... or postgres://..., the two URL schemes libpq accepts.
bool IsPostgresUrl(std::string_view url);

// `database_url` empty selects SQLite in `data_directory`.
Result<std::unique_ptr<ServerStore>> OpenServerStore(const std::string& database_url,
                                                     const std::filesystem::path& data_directory);

}  // namespace roadbook::server
