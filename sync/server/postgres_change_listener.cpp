// The PostgreSQL store's LISTEN thread: every write transaction NOTIFYs "<organisation> <version>" on
// commit, and each roadbook-server sharing the database hears it here and wakes its own event streams.
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>

#include "sync/server/postgres_server_store.h"

namespace roadbook::server {
namespace {

constexpr int kReconnectDelayMs = 500;
// Without traffic a dead TCP connection can look alive; after this long quiet the thread asks the server.
constexpr int kQuietCheckMs = 10'000;

}  // namespace

void PostgresServerStore::WatchChanges(ChangeCallback on_change) {
    std::lock_guard lock(callback_mutex_);
    on_change_ = std::move(on_change);
    if (on_change_ && !listener_.joinable()) {
        if (pipe(wake_pipe_) != 0) {
            // Without the pipe the thread could not be woken for shutdown; polling stays correct without it.
            wake_pipe_[0] = wake_pipe_[1] = -1;
        }
        listener_ = std::thread([this] { Listen(); });
    }
}

PostgresServerStore::~PostgresServerStore() {
    stopping_ = true;
    if (listener_.joinable()) {
        if (wake_pipe_[1] >= 0) (void)!write(wake_pipe_[1], "x", 1);
        listener_.join();
    }
    for (int descriptor : wake_pipe_) {
        if (descriptor >= 0) close(descriptor);
    }
}

void PostgresServerStore::Deliver(const std::string& organisation_id, int64_t version) {
    std::lock_guard lock(callback_mutex_);
    if (on_change_) on_change_(organisation_id, version);
}

void PostgresServerStore::Listen() {
    // Waits up to `milliseconds` for data on `socket` (or only for shutdown when socket < 0); false on shutdown.
    const auto wait = [&](int socket, int milliseconds, bool& readable) {
        pollfd descriptors[2] = {{wake_pipe_[0], POLLIN, 0}, {socket, POLLIN, 0}};
        const int count = poll(descriptors, socket >= 0 ? 2 : 1, wake_pipe_[0] >= 0 ? milliseconds : std::min(milliseconds, 200));
        readable = count > 0 && socket >= 0 && (descriptors[1].revents & (POLLIN | POLLERR | POLLHUP)) != 0;
        return !stopping_;
    };
    bool readable = false;
    while (!stopping_) {
        auto opened = PostgresConnection::Open(pool_.url());
        if (!opened) {
            if (!wait(-1, kReconnectDelayMs, readable)) return;
            continue;
        }
        PostgresConnection& connection = *opened.value();
        if (auto listening = connection.Execute("Listening for changes", std::string("LISTEN ") + kChangeChannel);
            !listening) {
            if (!wait(-1, kReconnectDelayMs, readable)) return;
            continue;
        }
        // Changes committed while this server was not listening sent pokes nobody heard: poke everyone now
        // with the current versions (a stream that already saw a version is not woken by it again).
        if (auto organisations = connection.Execute("Reading versions", "SELECT id, version FROM organisations")) {
            for (int row = 0; row < organisations.value().count(); ++row) {
                Deliver(organisations.value().Text(row, 0), organisations.value().Number(row, 1));
            }
        }
        while (!stopping_) {
            if (!wait(PQsocket(connection.native()), kQuietCheckMs, readable)) return;
            if (!readable) {
                if (!connection.Execute("Checking the connection", "SELECT 1")) break;
            } else if (PQconsumeInput(connection.native()) == 0) {
                break;  // the database went away: reconnect
            }
            while (PGnotify* notification = PQnotifies(connection.native())) {
                const std::string_view payload = notification->extra;
                const size_t space = payload.rfind(' ');
                int64_t version = 0;
                if (space != std::string_view::npos) {
                    std::from_chars(payload.data() + space + 1, payload.data() + payload.size(), version);
                    Deliver(std::string(payload.substr(0, space)), version);
                }
                PQfreemem(notification);
            }
            if (connection.broken()) break;
        }
        // The database went away (a restart, most likely): the pool's idle connections died with this one.
        // Dropping them now spares the next requests a failure each.
        pool_.DropIdle();
    }
}

}  // namespace roadbook::server
