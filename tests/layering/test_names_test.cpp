// Every Catch2 test name must reach ctest intact: catch_discover_tests hands each name back to the binary as
// a filter, and CMake splits lists at ';' while Catch reads a leading '-' as a flag. Such a test "passes"
// under ctest without running, so this scan keeps them out.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> TestNamesUnder(const fs::path& folder) {
    std::vector<std::string> names;
    const std::regex test_case(R"(TEST_CASE\s*\(\s*"((?:[^"\\]|\\.)*)\")");
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".cpp") continue;
        std::ifstream stream(entry.path());
        const std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
        for (auto match = std::sregex_iterator(text.begin(), text.end(), test_case); match != std::sregex_iterator(); ++match) {
            names.push_back(fs::relative(entry.path(), folder).string() + ": " + (*match)[1].str());
        }
    }
    return names;
}

}  // namespace

TEST_CASE("test names survive ctest: no semicolons and no leading dash") {
    const std::vector<std::string> names = TestNamesUnder(fs::path(ROADBOOK_SOURCE_DIR) / "tests");
    REQUIRE(names.size() > 100);  // the scan sees the suite, so a bad name could be caught
    std::vector<std::string> broken;
    for (const std::string& entry : names) {
        const std::string name = entry.substr(entry.find(": ") + 2);
        if (name.find(';') != std::string::npos || (!name.empty() && name.front() == '-')) broken.push_back(entry);
    }
    for (const std::string& entry : broken) UNSCOPED_INFO(entry);
    REQUIRE(broken.empty());
}
