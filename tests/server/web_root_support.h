// A throwaway directory tree for server tests: a web root shaped like the built app, a secret file
// outside it (in the parent and in a sibling directory), a symlink inside pointing at the secret, and a
// data directory path that does not exist yet.
#pragma once

#include <filesystem>
#include <string>

namespace roadbook::testing {

class TemporaryWebRoot {
public:
    TemporaryWebRoot();  // throws std::runtime_error if the tree cannot be made
    ~TemporaryWebRoot();
    TemporaryWebRoot(const TemporaryWebRoot&) = delete;
    TemporaryWebRoot& operator=(const TemporaryWebRoot&) = delete;

    const std::filesystem::path& base() const { return base_; }  // holds everything below
    std::filesystem::path web_root() const { return base_ / "web"; }
    std::filesystem::path data_directory() const { return base_ / "state" / "data"; }
    std::filesystem::path sibling_secret() const { return base_ / "outside" / "secret.txt"; }
    std::filesystem::path parent_secret() const { return base_ / "secret.txt"; }

    // Contents of the files, so responses can be compared byte for byte.
    static const std::string kIndexHtml;
    static const std::string kWasmBytes;  // includes a NUL byte, as real WebAssembly does
    static const std::string kServiceWorker;
    static const std::string kManifest;
    static const std::string kAppScript;
    // A marker no legitimate response contains; finding it in a response means a traversal worked.
    static const std::string kSecret;

private:
    std::filesystem::path base_;
};

void WriteFile(const std::filesystem::path& path, const std::string& contents);

}  // namespace roadbook::testing
