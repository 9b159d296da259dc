// The one translation unit that compiles Catch2's runner, so test files build quickly.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
