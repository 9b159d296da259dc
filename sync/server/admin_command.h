// `roadbook-server admin ...`: account management on the server's own store, run on the server machine
// (organisations, their first admin, users, password resets, token revocation, the demo organisation).
#pragma once

#include <span>
#include <string>

namespace roadbook::server {

// `arguments` are the words after "admin". Prints results to stdout and problems to stderr; returns the
// exit status (0, 1 for a failure of the store, 2 for a wrong command line).
int RunAdminCommand(std::span<const std::string> arguments);

std::string AdminUsageText();

}  // namespace roadbook::server
