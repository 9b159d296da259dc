// The text every form and every synced field shares: control and text-direction characters refused, text
// with nothing visible refused, real names in any script kept.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/field_checks.h"

using namespace roadbook;

namespace {

// The rule a name is refused under ("" when it is taken).
std::string NameRule(const std::string& text, bool required = true) {
    std::vector<ValidationError> errors;
    ValidateText(text, TextRule{"name", "Name", 200, required}, errors);
    return errors.empty() ? std::string() : errors.front().rule;
}

}  // namespace

TEST_CASE("text with a NUL, a control character or a text-direction override is refused") {
    CHECK(NameRule(std::string("Acme\0Corp", 9)) == "control");
    CHECK(NameRule("Acme\x1B[31m") == "control");
    CHECK(NameRule("Acme\x7F") == "control");
    CHECK(NameRule("Acme \xC2\x85") == "control");               // U+0085, a C1 control
    CHECK(NameRule("Invoice \xE2\x80\xAEgpj.exe") == "control");  // U+202E right-to-left override
    CHECK(NameRule("x \xE2\x81\xA6y\xE2\x81\xA9") == "control");  // U+2066 and U+2069 isolates
    std::vector<ValidationError> errors;
    ValidateText("a\x01", TextRule{"notes", "Notes", 200, false}, errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors.front().field == "notes");
    CHECK(errors.front().message == "Notes contains a control or text-direction character.");
}

TEST_CASE("text made only of invisible characters is refused, required or not") {
    CHECK(NameRule("\xE2\x80\x8B\xE2\x80\x8B") == "invisible");  // zero-width spaces
    CHECK(NameRule("\xE3\x85\xA4") == "invisible");              // U+3164 Hangul filler
    CHECK(NameRule("\xC2\xA0\xE2\x80\x83") == "invisible");      // no-break and em spaces
    CHECK(NameRule("\xEF\xBB\xBF", false) == "invisible");       // a lone byte-order mark
    CHECK(NameRule("   ") == "required");
    CHECK(NameRule("", false) == "");
}

TEST_CASE("names in any script, with tabs and line breaks in notes, are taken") {
    CHECK(NameRule("Café Müller – Ørsted Åse Łódź Ελλάδα Пётр 東京 😀") == "");
    CHECK(NameRule("A\xE2\x80\x8B" "B") == "");  // an invisible character beside visible ones is text
    CHECK(NameRule("Line one\r\nLine two\twith a tab", false) == "");
}
