// Child-process plumbing for the server tests. Pipes are close-on-exec so only the dup2'd ends reach the
// child, and signal state is reset so the child behaves as when started from a shell.
#include "server_process_support.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <utility>

extern char** environ;

namespace roadbook::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds Remaining(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() > 0 ? left : 0ms;
}

// Reads what is available into `buffer`; false at end of output, on error, or when nothing came in time.
bool ReadSome(int descriptor, std::string& buffer, std::chrono::milliseconds timeout) {
    if (descriptor < 0) return false;
    pollfd poll_entry{descriptor, POLLIN, 0};
    int ready = ::poll(&poll_entry, 1, static_cast<int>(timeout.count()));
    if (ready <= 0) return false;
    char chunk[4096];
    ssize_t count = ::read(descriptor, chunk, sizeof chunk);
    if (count <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(count));
    return true;
}

std::string DrainUntilEnd(int descriptor, std::string& buffer, std::chrono::milliseconds timeout) {
    Clock::time_point deadline = Clock::now() + timeout;
    while (ReadSome(descriptor, buffer, Remaining(deadline))) {
    }
    return std::exchange(buffer, std::string());
}

void CloseIfOpen(int& descriptor) {
    if (descriptor >= 0) ::close(descriptor);
    descriptor = -1;
}

}  // namespace

ServerProcess::ServerProcess(const std::string& binary, const std::vector<std::string>& arguments) {
    int stdout_pipe[2];
    int stderr_pipe[2];
    if (::pipe2(stdout_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    if (::pipe2(stderr_pipe, O_CLOEXEC) != 0) {
        ::close(stdout_pipe[0]);
        ::close(stdout_pipe[1]);
        throw std::runtime_error("pipe2 failed");
    }

    posix_spawn_file_actions_t file_actions;
    posix_spawn_file_actions_init(&file_actions);
    posix_spawn_file_actions_adddup2(&file_actions, stdout_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&file_actions, stderr_pipe[1], STDERR_FILENO);

    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t no_signals;
    sigemptyset(&no_signals);
    sigset_t default_signals;
    sigemptyset(&default_signals);
    for (int signal_number : {SIGINT, SIGTERM, SIGPIPE}) sigaddset(&default_signals, signal_number);
    posix_spawnattr_setsigmask(&attributes, &no_signals);
    posix_spawnattr_setsigdefault(&attributes, &default_signals);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> argument_strings;
    argument_strings.push_back(binary);
    argument_strings.insert(argument_strings.end(), arguments.begin(), arguments.end());
    std::vector<char*> argument_pointers;
    for (std::string& argument : argument_strings) argument_pointers.push_back(argument.data());
    argument_pointers.push_back(nullptr);

    int spawn_error = posix_spawn(&pid_, binary.c_str(), &file_actions, &attributes, argument_pointers.data(), environ);
    posix_spawn_file_actions_destroy(&file_actions);
    posix_spawnattr_destroy(&attributes);
    ::close(stdout_pipe[1]);
    ::close(stderr_pipe[1]);
    stdout_descriptor_ = stdout_pipe[0];
    stderr_descriptor_ = stderr_pipe[0];
    if (spawn_error != 0) {
        pid_ = -1;
        CloseIfOpen(stdout_descriptor_);
        CloseIfOpen(stderr_descriptor_);
        throw std::runtime_error("cannot start " + binary + ": " + std::strerror(spawn_error));
    }
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0 && !exit_status_) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
    }
    CloseIfOpen(stdout_descriptor_);
    CloseIfOpen(stderr_descriptor_);
}

std::optional<std::string> ServerProcess::ReadStdoutLine(std::chrono::milliseconds timeout) {
    Clock::time_point deadline = Clock::now() + timeout;
    while (true) {
        size_t newline = stdout_buffer_.find('\n');
        if (newline != std::string::npos) {
            std::string line = stdout_buffer_.substr(0, newline);
            stdout_buffer_.erase(0, newline + 1);
            return line;
        }
        if (!ReadSome(stdout_descriptor_, stdout_buffer_, Remaining(deadline))) return std::nullopt;
    }
}

std::optional<int> ServerProcess::WaitUntilListening(std::chrono::milliseconds timeout) {
    std::optional<std::string> line = ReadStdoutLine(timeout);
    if (!line) return std::nullopt;
    listening_line_ = *line;
    constexpr std::string_view kUrlStart = "http://127.0.0.1:";
    size_t start = listening_line_.find(kUrlStart);
    if (start == std::string::npos) return std::nullopt;
    const char* digits = listening_line_.data() + start + kUrlStart.size();
    int port = 0;
    auto [stop, error] = std::from_chars(digits, listening_line_.data() + listening_line_.size(), port);
    if (error != std::errc() || stop == digits || *stop != '/') return std::nullopt;
    return port;
}

std::optional<int> ServerProcess::WaitForExit(std::chrono::milliseconds timeout) {
    Clock::time_point deadline = Clock::now() + timeout;
    while (!exit_status_) {
        int status = 0;
        pid_t result = ::waitpid(pid_, &status, WNOHANG);
        if (result == pid_) {
            exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            break;
        }
        if (result < 0 && errno != EINTR) return std::nullopt;
        if (Clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(5ms);
    }
    return exit_status_;
}

void ServerProcess::SendSignal(int signal_number) {
    if (pid_ > 0 && !exit_status_) ::kill(pid_, signal_number);
}

std::string ServerProcess::RemainingStdout(std::chrono::milliseconds timeout) {
    return DrainUntilEnd(stdout_descriptor_, stdout_buffer_, timeout);
}

std::string ServerProcess::AllStderr(std::chrono::milliseconds timeout) {
    return DrainUntilEnd(stderr_descriptor_, stderr_buffer_, timeout);
}

}  // namespace roadbook::testing
