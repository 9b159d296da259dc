// roadbook-server: serves the built web app and the /api/v1 endpoints on one port, until SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "httplib.h"
#include "sync/server/admin_command.h"
#include "sync/server/command_line.h"
#include "sync/server/connection_guard.h"
#include "sync/server/credentials.h"
#include "sync/server/directories.h"
#include "sync/server/listening.h"
#include "sync/server/routes.h"
#include "sync/server/open_server_store.h"
#include "sync/server/sync_service.h"
#include "sync/server/version.h"

namespace roadbook::server {
namespace {

void PrintError(const std::string& message) {
    std::fprintf(stderr, "%s: %s\n", std::string(kServerName).c_str(), message.c_str());
    std::fflush(stderr);
}

void PrintLine(const std::string& line) {
    std::fprintf(stdout, "%s\n", line.c_str());
    std::fflush(stdout);  // tests and scripts wait for this line through a pipe
}

sigset_t ShutdownSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    return signals;
}

// Shutdown signals are blocked in every thread and taken synchronously by one watcher thread with
// sigwait, so no code runs in signal-handler context and server.stop() is an ordinary call.
class ShutdownWatcher {
public:
    ShutdownWatcher(httplib::Server& server, ChangeNotifier& notifier)
        : server_(server), notifier_(notifier), thread_([this] { Watch(); }) {}
    ShutdownWatcher(const ShutdownWatcher&) = delete;
    ShutdownWatcher& operator=(const ShutdownWatcher&) = delete;

    // Called once serving has ended for any reason; wakes the watcher if no signal did.
    ~ShutdownWatcher() {
        serving_ended_ = true;
        if (!stop_requested_) pthread_kill(thread_.native_handle(), SIGTERM);
        thread_.join();
    }

    bool stop_requested() const { return stop_requested_; }

private:
    void Watch() {
        sigset_t signals = ShutdownSignals();
        int signal_number = 0;
        sigwait(&signals, &signal_number);
        if (serving_ended_) return;
        stop_requested_ = true;
        // A signal can arrive between bind and listen; stop() only acts on a running server.
        while (!server_.is_running() && !serving_ended_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        notifier_.StopAll();  // event streams end, so their threads are free to finish
        server_.stop();
    }

    httplib::Server& server_;
    ChangeNotifier& notifier_;
    std::atomic<bool> serving_ended_{false};
    std::atomic<bool> stop_requested_{false};
    std::thread thread_;  // last: starts after the flags above exist
};

int Serve(const ServerOptions& options) {
    std::variant<std::filesystem::path, DirectoryError> web_root = CheckWebRoot(options.web_root);
    if (const auto* error = std::get_if<DirectoryError>(&web_root)) {
        PrintError(error->message);
        return kExitFailure;
    }
    std::variant<std::filesystem::path, DirectoryError> data_directory = PrepareDataDirectory(options.data_directory);
    if (const auto* error = std::get_if<DirectoryError>(&data_directory)) {
        PrintError(error->message);
        return kExitFailure;
    }

    // Before any thread exists, so every thread (httplib's pool included) inherits the mask.
    sigset_t signals = ShutdownSignals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);  // a client hanging up mid-response is that request's problem only

    if (!InitialiseCredentials()) {
        PrintError("libsodium could not start (no system randomness?)");
        return kExitFailure;
    }
    auto store = OpenServerStore(options.database_url, std::get<std::filesystem::path>(data_directory));
    if (!store) {
        PrintError("cannot open the server store: " + store.first_error().message);
        return kExitFailure;
    }
    SyncService sync_service(*store.value());

    // Each event stream holds a connection (and a thread) for its life; the limit leaves room beside them.
    GuardedServer server(ConnectionLimits{
        .max_connections = static_cast<size_t>(options.max_connections),
        .max_connections_per_address = static_cast<size_t>(options.max_connections_per_address)});
    UseExclusivePortSocketOptions(server);
    InstallRoutes(server, RouteSettings{std::get<std::filesystem::path>(web_root), &sync_service,
                                        HostAllowList::For(options.bind_address, options.allowed_hosts)});

    if (std::optional<std::string> problem = CheckBindAddress(options.bind_address, options.port)) {
        PrintError(*problem);
        return kExitFailure;
    }
    errno = 0;
    int port = options.port;
    bool bound = false;
    if (options.port == 0) {
        port = server.bind_to_any_port(options.bind_address);
        bound = port > 0;
    } else {
        bound = server.bind_to_port(options.bind_address, options.port);
    }
    if (!bound) {
        PrintError(DescribeListenError(options.bind_address, options.port, errno));
        return kExitFailure;
    }
    PrintLine(ListeningLine(options.bind_address, port, std::get<std::filesystem::path>(web_root),
                            std::get<std::filesystem::path>(data_directory)));

    // Tombstones past the retention window, old sign-in attempts, dead tokens and month-old records of refused
    // changes go at start and hourly.
    std::mutex maintenance_mutex;
    std::condition_variable maintenance_stop;
    bool stopping = false;
    std::thread maintenance([&] {
        std::unique_lock lock(maintenance_mutex);
        do {
            if (auto collected = sync_service.CollectTombstones(UnixMillisecondsNow()); !collected) {
                PrintError("collecting deleted records failed: " + collected.first_error().message);
            }
            if (auto pruned = sync_service.store().PruneSignIns(UnixMillisecondsNow() - 60'000); !pruned) {
                PrintError("pruning old sign-ins failed: " + pruned.first_error().message);
            }
            // Refused mutations are kept 30 days for an operator to look into, then go.
            if (auto pruned = sync_service.store().PruneRejections(UnixMillisecondsNow() - 30LL * 24 * 3600 * 1000);
                !pruned) {
                PrintError("pruning old refused changes failed: " + pruned.first_error().message);
            }
        } while (!maintenance_stop.wait_for(lock, std::chrono::hours(1), [&] { return stopping; }));
    });
    const auto stop_maintenance = [&] {
        {
            std::lock_guard lock(maintenance_mutex);
            stopping = true;
        }
        maintenance_stop.notify_all();
        maintenance.join();
    };

    bool listened = false;
    bool stopped_by_signal = false;
    {
        ShutdownWatcher watcher(server, sync_service.notifier());
        listened = server.listen_after_bind();
        stopped_by_signal = watcher.stop_requested();
    }
    stop_maintenance();
    if (!listened && !stopped_by_signal) {
        PrintError("the listening socket failed; the server stopped");
        return kExitFailure;
    }
    PrintLine(std::string(kServerName) + ": stopped");
    return kExitSuccess;
}

int Run(int argc, char** argv) {
    // The data directory, the database file and the demo users' passwords are the team's pipeline and keys:
    // only the server's own user may read them (directories 0700, files 0600).
    ::umask(077);
    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (!arguments.empty() && arguments[0] == "admin") {
        if (!InitialiseCredentials()) {
            PrintError("libsodium could not start (no system randomness?)");
            return kExitFailure;
        }
        return RunAdminCommand(std::span<const std::string>(arguments).subspan(1));
    }
    std::variant<ParsedCommandLine, CommandLineError> parsed = ParseCommandLine(arguments);
    if (const auto* error = std::get_if<CommandLineError>(&parsed)) {
        PrintError(error->message);
        return kExitUsage;
    }
    const ParsedCommandLine& command = std::get<ParsedCommandLine>(parsed);
    switch (command.action) {
    case CommandAction::kShowHelp:
        std::fputs(UsageText().c_str(), stdout);
        return kExitSuccess;
    case CommandAction::kShowVersion:
        PrintLine(std::string(kServerName) + " " + std::string(kServerVersion));
        return kExitSuccess;
    case CommandAction::kServe:
        break;
    }
    return Serve(command.options);
}

}  // namespace
}  // namespace roadbook::server

int main(int argc, char** argv) {
    try {
        return roadbook::server::Run(argc, argv);
    } catch (const std::exception& exception) {
        // Out of memory or a thread that cannot start: say so in one line rather than abort.
        std::fprintf(stderr, "roadbook-server: %s\n", exception.what());
        return roadbook::server::kExitFailure;
    }
}
