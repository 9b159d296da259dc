// Web root and data directory checks, with std::filesystem error codes turned into readable messages.
#include "sync/server/directories.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

#include <system_error>

namespace roadbook::server {
std::variant<std::filesystem::path, DirectoryError> CheckWebRoot(const std::filesystem::path& web_root) {
    std::error_code error;
    std::filesystem::file_status status = std::filesystem::status(web_root, error);
    if (!std::filesystem::exists(status)) {
        return DirectoryError{"the web root " + web_root.string() +
                              " does not exist (build the web app first, or pass --web-root DIR)"};
    }
    if (!std::filesystem::is_directory(status)) {
        return DirectoryError{"the web root " + web_root.string() + " is not a directory (pass --web-root DIR)"};
    }
    if (!std::filesystem::is_regular_file(web_root / "index.html", error)) {
        return DirectoryError{"the web root " + web_root.string() +
                              " has no index.html (is it the built web app? pass --web-root DIR)"};
    }
    std::filesystem::path canonical = std::filesystem::canonical(web_root, error);
    if (error) {
        return DirectoryError{"cannot resolve the web root " + web_root.string() + ": " + error.message()};
    }
    return canonical;
}

std::variant<std::filesystem::path, DirectoryError> PrepareDataDirectory(const std::filesystem::path& data_directory) {
    std::error_code error;
    std::filesystem::create_directories(data_directory, error);
    if (error) {
        return DirectoryError{"cannot create the data directory " + data_directory.string() + ": " + error.message() +
                              " (pass --data-dir DIR)"};
    }
    if (!std::filesystem::is_directory(data_directory, error)) {
        return DirectoryError{"the data directory " + data_directory.string() +
                              " is not a directory (pass --data-dir DIR)"};
    }
    // It holds the team's pipeline and password hashes: the server's user alone may enter it.
    std::filesystem::permissions(data_directory, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace,
                                 error);

    // access(W_OK) answers for the real user id and ignores read-only mounts; writing a file does not lie.
    std::filesystem::path probe = data_directory / (".roadbook-write-probe-" + std::to_string(::getpid()));
    int probe_descriptor = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (probe_descriptor < 0) {
        int open_errno = errno;
        return DirectoryError{"the data directory " + data_directory.string() + " is not writable: " +
                              std::generic_category().message(open_errno) + " (pass --data-dir DIR)"};
    }
    ::close(probe_descriptor);
    std::filesystem::remove(probe, error);

    std::filesystem::path canonical = std::filesystem::canonical(data_directory, error);
    if (error) {
        return DirectoryError{"cannot resolve the data directory " + data_directory.string() + ": " + error.message()};
    }
    return canonical;
}

}  // namespace roadbook::server
