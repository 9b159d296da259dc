// The soak's roadbook-server processes: the organisation made with the admin commands, each server on a
// fixed loopback port, killed with SIGKILL and started again on the same port and store.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "server_process_support.h"

namespace roadbook::testing {

struct SoakPerson {
    std::string email;
    std::string role;
};

class SoakServers {
public:
    // `store_arguments` name the store ("--data-dir DIR" or "--database URL"); `count` servers share it.
    SoakServers(std::string binary, std::filesystem::path web_root, std::vector<std::string> store_arguments, int count);
    ~SoakServers();

    // The organisation "Soak" with one team of these people, all with `password`.
    void CreateOrganisation(const std::vector<SoakPerson>& people, const std::string& password);

    int count() const { return int(servers_.size()); }
    int port(int index) const { return ports_[size_t(index)]; }
    bool running(int index) const { return servers_[size_t(index)] != nullptr; }
    void Kill(int index);
    void Start(int index);  // on its earlier port (a fresh one the first time)
    // Everything a server wrote to stderr before it was killed: kept for a failing run's report.
    const std::string& log() const { return log_; }

private:
    void Admin(const std::vector<std::string>& arguments);

    std::string binary_;
    std::filesystem::path web_root_;
    std::vector<std::string> store_arguments_;
    std::vector<std::unique_ptr<ServerProcess>> servers_;
    std::vector<int> ports_;
    std::string log_;
};

}  // namespace roadbook::testing
