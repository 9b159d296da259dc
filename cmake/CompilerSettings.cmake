# Warnings, asserts and sanitizers shared by every Roadbook target (third-party targets do not use it).
add_library(roadbook_settings INTERFACE)
target_compile_options(roadbook_settings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion)
# Programmer errors are asserts: on in Debug trees (debug, fuzz); CMake's Release and RelWithDebInfo flags
# (release, web, asan) define NDEBUG.
if(ROADBOOK_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()
if(EMSCRIPTEN)
    # Node and Emscripten's JS optimizer find acorn through NODE_PATH (see docs/BUILDING.md, Traps).
    if(NOT DEFINED ENV{NODE_PATH})
        message(WARNING "NODE_PATH is not set; Emscripten's optimizer needs NODE_PATH=/usr/share/nodejs")
    endif()
endif()
