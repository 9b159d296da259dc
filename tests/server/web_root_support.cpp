// The temporary web root tree for server tests, made under the system temporary directory with mkdtemp so
// parallel test runs do not collide.
#include "web_root_support.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace roadbook::testing {

const std::string TemporaryWebRoot::kIndexHtml =
    "<!doctype html><html><head><title>Roadbook test</title></head><body>roadbook index</body></html>\n";
const std::string TemporaryWebRoot::kWasmBytes = std::string("\0asm\x01\0\0\0", 8);
const std::string TemporaryWebRoot::kServiceWorker = "self.addEventListener('install', () => {});\n";
const std::string TemporaryWebRoot::kManifest = "{\"name\":\"Roadbook\",\"start_url\":\"/\"}\n";
const std::string TemporaryWebRoot::kAppScript = "console.log('roadbook app');\n";
const std::string TemporaryWebRoot::kSecret = "TOP-SECRET-7f3c9e1a-do-not-serve\n";

void WriteFile(const std::filesystem::path& path, const std::string& contents) {
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    if (!stream) throw std::runtime_error("cannot write " + path.string());
}

TemporaryWebRoot::TemporaryWebRoot() {
    std::string pattern = (std::filesystem::temp_directory_path() / "roadbook-server-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    base_ = pattern;

    std::filesystem::create_directories(web_root());
    std::filesystem::create_directories(base_ / "outside");
    WriteFile(web_root() / "index.html", kIndexHtml);
    WriteFile(web_root() / "app.0123abcd.wasm", kWasmBytes);
    WriteFile(web_root() / "sw.js", kServiceWorker);
    WriteFile(web_root() / "manifest.webmanifest", kManifest);
    WriteFile(web_root() / "app.js", kAppScript);
    WriteFile(sibling_secret(), kSecret);
    WriteFile(parent_secret(), kSecret);
    std::filesystem::create_directory_symlink(base_ / "outside", web_root() / "link-to-outside");
    std::filesystem::create_symlink(sibling_secret(), web_root() / "link-to-secret.txt");
}

TemporaryWebRoot::~TemporaryWebRoot() {
    std::error_code ignored;  // a destructor must not throw; a leftover temp dir is harmless
    std::filesystem::remove_all(base_, ignored);
}

}  // namespace roadbook::testing
