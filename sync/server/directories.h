// Startup checks of the two directories the server uses: the web root it serves and the data directory
// it will keep its database in. Problems come back as one-line messages, never exceptions.
#pragma once

#include <filesystem>
#include <string>
#include <variant>

namespace roadbook::server {

struct DirectoryError {
    std::string message;  // one line, names the directory and what to do about it
};

// The web root must be a directory holding index.html. Returns its canonical absolute path, which the
// path-safety check compares requests against.
std::variant<std::filesystem::path, DirectoryError> CheckWebRoot(const std::filesystem::path& web_root);

// Creates the data directory (and parents) if missing and proves it writable by creating and removing a
// probe file. Returns its canonical absolute path.
std::variant<std::filesystem::path, DirectoryError> PrepareDataDirectory(const std::filesystem::path& data_directory);

}  // namespace roadbook::server
