// Enforces the layers of docs/ARCHITECTURE.md: layers point down only. Scans every source file's #include lines.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Include {
    fs::path file;
    int line;
    std::string target;
};

std::vector<Include> IncludesUnder(const fs::path& folder) {
    std::vector<Include> includes;
    if (!fs::exists(folder)) return includes;
    const std::regex include_line(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        const auto extension = entry.path().extension();
        if (!entry.is_regular_file() || (extension != ".h" && extension != ".cpp" && extension != ".inc")) continue;
        std::ifstream stream(entry.path());
        std::string text;
        int number = 0;
        while (std::getline(stream, text)) {
            ++number;
            std::smatch match;
            if (std::regex_search(text, match, include_line)) includes.push_back({entry.path(), number, match[1]});
        }
    }
    return includes;
}

bool StartsWithAny(const std::string& text, const std::vector<std::string>& prefixes) {
    for (const auto& prefix : prefixes) {
        if (text.rfind(prefix, 0) == 0) return true;
    }
    return false;
}

// Fails listing every include under `folder` that is neither a project include from `allowed_layers`
// nor a system header in `allowed_system`.
void CheckLayer(const std::string& folder, const std::vector<std::string>& allowed_layers,
                const std::vector<std::string>& forbidden_system) {
    const fs::path root = fs::path(ROADBOOK_SOURCE_DIR);
    const std::vector<std::string> all_layers = {"core/", "store/", "sync/", "ui/", "app/", "platform/"};
    std::vector<std::string> violations;
    for (const Include& include : IncludesUnder(root / folder)) {
        const bool project = StartsWithAny(include.target, all_layers);
        const bool allowed = project ? StartsWithAny(include.target, allowed_layers)
                                     : !StartsWithAny(include.target, forbidden_system);
        if (!allowed) {
            violations.push_back(fs::relative(include.file, root).string() + ":" + std::to_string(include.line) +
                                 " includes " + include.target);
        }
    }
    INFO("layer " << folder << " may include only " << allowed_layers.size() << " project layers");
    for (const auto& violation : violations) UNSCOPED_INFO(violation);
    REQUIRE(violations.empty());
}

// Headers that mean UI, browser, sockets or another library; the core may use none of them.
const std::vector<std::string> kPlatformHeaders = {
    "imgui", "emscripten", "GLES", "GL/", "GLFW", "SDL", "sys/socket", "netinet", "arpa/", "httplib",
    "windows.h", "unistd.h", "pthread", "libpq", "sodium"};

}  // namespace

TEST_CASE("core includes only the standard library and itself") {
    auto forbidden = kPlatformHeaders;
    forbidden.insert(forbidden.end(), {"sqlite", "nlohmann"});
    CheckLayer("src/core", {"core/"}, forbidden);
}

TEST_CASE("store adds SQLite, nothing platform-specific") {
    auto forbidden = kPlatformHeaders;
    forbidden.push_back("nlohmann");
    CheckLayer("src/store", {"core/", "store/"}, forbidden);
}

TEST_CASE("ui adds Dear ImGui, never SQLite or the platform") {
    std::vector<std::string> forbidden = {"sqlite", "emscripten", "GLES", "GLFW", "sys/socket", "httplib", "libpq"};
    CheckLayer("src/ui", {"core/", "ui/"}, forbidden);
}

TEST_CASE("app wires layers but leaves the browser and sockets to platform") {
    std::vector<std::string> forbidden = {"sqlite", "emscripten", "GLES", "GLFW", "sys/socket", "httplib", "libpq"};
    CheckLayer("src/app", {"core/", "store/", "ui/", "app/", "sync/"}, forbidden);
}

TEST_CASE("sync outside sync/server does no I/O") {
    const fs::path root = fs::path(ROADBOOK_SOURCE_DIR) / "sync";
    std::vector<std::string> violations;
    for (const Include& include : IncludesUnder(root)) {
        if (include.file.string().find("/sync/server/") != std::string::npos) continue;
        if (StartsWithAny(include.target, kPlatformHeaders) || StartsWithAny(include.target, {"ui/", "app/", "platform/"})) {
            violations.push_back(include.file.string() + " includes " + include.target);
        }
    }
    for (const auto& violation : violations) UNSCOPED_INFO(violation);
    REQUIRE(violations.empty());
}

TEST_CASE("the scanner itself sees includes, so a violation could be caught") {
    const auto includes = IncludesUnder(fs::path(ROADBOOK_SOURCE_DIR) / "src/store");
    bool sees_sqlite = false;
    for (const auto& include : includes) sees_sqlite = sees_sqlite || include.target == "sqlite3.h";
    REQUIRE(sees_sqlite);
}
