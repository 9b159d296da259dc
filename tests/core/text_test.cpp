// Text helpers: trimming and UTF-8 validation of what keyboards, paste and imports deliver.
#include <catch2/catch.hpp>

#include "core/text.h"

using namespace roadbook;

TEST_CASE("trim removes ASCII whitespace only") {
    REQUIRE(Trim("  Acme \t\n") == "Acme");
    REQUIRE(Trim("") == "");
    REQUIRE(Trim(" \t ") == "");
    REQUIRE(Trim("\xC2\xA0" "Acme") == "\xC2\xA0" "Acme");
}

TEST_CASE("UTF-8 validation accepts real names and refuses malformed bytes") {
    REQUIRE(IsValidUtf8("Café Müller – Ørsted Åse Łódź Ελλάδα"));
    REQUIRE(IsValidUtf8("東京 😀"));
    REQUIRE_FALSE(IsValidUtf8("\xC3"));              // truncated
    REQUIRE_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
    REQUIRE_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
    REQUIRE_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    REQUIRE_FALSE(IsValidUtf8("\xFF"));
    REQUIRE(CountCodePoints("Łódź") == 4);
    size_t at = 0;
    REQUIRE(NextCodePoint("Ł😀a", at) == U'Ł');
    REQUIRE(NextCodePoint("Ł😀a", at) == U'😀');
    REQUIRE(NextCodePoint("Ł😀a", at) == U'a');
    REQUIRE(at == 7);
    REQUIRE(ToUpperAscii("eur") == "EUR");
}

TEST_CASE("search folding maps letters without a decomposition to their Latin base") {
    REQUIRE(FoldForSearch("Łódź") == "Lódź");  // ó and ź are left to the tokenizer's diacritic removal
    REQUIRE(FoldForSearch("Ørsted Åse") == "Orsted Åse");
    REQUIRE(FoldForSearch("Straße Œuvre Æsir Þór ıi") == "Strasse Oeuvre Aesir Thór ii");
    REQUIRE(FoldForSearch("plain ASCII") == "plain ASCII");
    REQUIRE(FoldForSearch("\xC5") == "\xC5");  // a broken sequence passes through unchanged
}
