// Runs the real roadbook-server binary as a child process for tests: posix_spawn with pipes on stdout and
// stderr, timed reads and waits, and a destructor that always kills and reaps the child.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace roadbook::testing {

using namespace std::chrono_literals;

class ServerProcess {
public:
    // Starts `binary` with `arguments` (not including the program name). Throws std::runtime_error when the
    // process cannot be spawned, which is a broken test setup rather than a server failure.
    ServerProcess(const std::string& binary, const std::vector<std::string>& arguments);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    pid_t pid() const { return pid_; }

    // The next line the server writes to stdout, without the newline; nothing on timeout or end of output.
    std::optional<std::string> ReadStdoutLine(std::chrono::milliseconds timeout = 5000ms);

    // Waits for the listening line and returns the port parsed from "http://127.0.0.1:PORT/"; nothing
    // when the line does not come or does not match. The line itself is kept in listening_line().
    std::optional<int> WaitUntilListening(std::chrono::milliseconds timeout = 5000ms);
    const std::string& listening_line() const { return listening_line_; }

    // The exit status (or 128 + signal number, as shells report it) once the process ends; nothing if it
    // is still running when the timeout expires.
    std::optional<int> WaitForExit(std::chrono::milliseconds timeout = 5000ms);

    void SendSignal(int signal_number);

    // Everything written so far that has not been read (stdout) / everything written (stderr), reading until
    // end of output or the timeout. Call after the process has exited to get all of it.
    std::string RemainingStdout(std::chrono::milliseconds timeout = 2000ms);
    std::string AllStderr(std::chrono::milliseconds timeout = 2000ms);

private:
    pid_t pid_ = -1;
    std::optional<int> exit_status_;  // set once reaped; the pid must not be signalled after that
    int stdout_descriptor_ = -1;
    int stderr_descriptor_ = -1;
    std::string stdout_buffer_;
    std::string stderr_buffer_;
    std::string listening_line_;
};

}  // namespace roadbook::testing
