// Starting, killing and restarting the soak's servers.
#include "soak_servers.h"

#include <signal.h>

#include <stdexcept>

namespace roadbook::testing {

SoakServers::SoakServers(std::string binary, std::filesystem::path web_root, std::vector<std::string> store_arguments,
                         int count)
    : binary_(std::move(binary)), web_root_(std::move(web_root)), store_arguments_(std::move(store_arguments)) {
    servers_.resize(size_t(count));
    ports_.assign(size_t(count), 0);
}

SoakServers::~SoakServers() {
    for (auto& server : servers_) {
        if (!server) continue;
        server->SendSignal(SIGTERM);
        if (!server->WaitForExit(10'000ms)) server->SendSignal(SIGKILL);
    }
}

void SoakServers::Admin(const std::vector<std::string>& arguments) {
    std::vector<std::string> command = {"admin"};
    command.insert(command.end(), arguments.begin(), arguments.end());
    command.insert(command.end(), store_arguments_.begin(), store_arguments_.end());
    ServerProcess process(binary_, command);
    const std::optional<int> status = process.WaitForExit(60'000ms);
    if (status != 0) throw std::runtime_error("roadbook-server admin " + arguments.front() + " failed: " + process.AllStderr());
}

void SoakServers::CreateOrganisation(const std::vector<SoakPerson>& people, const std::string& password) {
    Admin({"create-organisation", "--name", "Soak", "--admin-email", "admin@soak.test", "--admin-name", "Ada Admin",
           "--password", password});
    for (const SoakPerson& person : people) {
        Admin({"add-user", "--organisation", "Soak", "--email", person.email, "--name", person.email, "--role",
               person.role, "--team", "Field", "--password", password});
    }
}

void SoakServers::Kill(int index) {
    auto& server = servers_[size_t(index)];
    if (!server) return;
    server->SendSignal(SIGKILL);
    server->WaitForExit(10'000ms);
    log_ += server->AllStderr(100ms);
    server.reset();
}

void SoakServers::Start(int index) {
    std::vector<std::string> arguments = {"--port", std::to_string(ports_[size_t(index)]), "--web-root",
                                          web_root_.string()};
    arguments.insert(arguments.end(), store_arguments_.begin(), store_arguments_.end());
    auto server = std::make_unique<ServerProcess>(binary_, arguments);
    const std::optional<int> port = server->WaitUntilListening(20'000ms);
    if (!port) throw std::runtime_error("roadbook-server did not start: " + server->AllStderr());
    ports_[size_t(index)] = *port;
    servers_[size_t(index)] = std::move(server);
}

}  // namespace roadbook::testing
