// The store roadbook-server and its admin commands run on.
#include "sync/server/open_server_store.h"

#include "sync/server/postgres_server_store.h"
#include "sync/server/sqlite_server_store.h"

namespace roadbook::server {

bool IsPostgresUrl(std::string_view url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

Result<std::unique_ptr<ServerStore>> OpenServerStore(const std::string& database_url,
                                                     const std::filesystem::path& data_directory) {
    if (!database_url.empty()) {
        auto store = PostgresServerStore::Open(database_url);
        if (!store) return store.errors();
        return std::unique_ptr<ServerStore>(std::move(store).value());
    }
    auto store = SqliteServerStore::Open((data_directory / kServerStoreFileName).string());
    if (!store) return store.errors();
    return std::unique_ptr<ServerStore>(std::move(store).value());
}

}  // namespace roadbook::server
