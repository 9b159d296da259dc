# Third-party libraries as separate static targets, built once per build tree, from the sources that
# scripts/setup.sh verified into third_party/. Their warnings are not ours to fix, so none are enabled.
set(THIRD_PARTY "${ROADBOOK_THIRD_PARTY_DIR}")
foreach(required imgui-1.90.1/imgui.cpp sqlite-3.53.2/sqlite3.c cpp-httplib-0.18.7/httplib.h include/catch2)
    if(NOT EXISTS "${THIRD_PARTY}/${required}")
        message(FATAL_ERROR "third_party/${required} is missing: run ./roadbook setup first")
    endif()
endforeach()

# SQLite: one amalgamation, the same natively and in WebAssembly so behaviour is identical.
add_library(third_party_sqlite STATIC "${THIRD_PARTY}/sqlite-3.53.2/sqlite3.c")
target_include_directories(third_party_sqlite SYSTEM PUBLIC "${THIRD_PARTY}/sqlite-3.53.2")
target_compile_definitions(third_party_sqlite PUBLIC
    SQLITE_ENABLE_FTS5 SQLITE_DQS=0 SQLITE_DEFAULT_MEMSTATUS=0 SQLITE_OMIT_DEPRECATED
    SQLITE_OMIT_LOAD_EXTENSION SQLITE_LIKE_DOESNT_MATCH_BLOBS SQLITE_USE_ALLOCA)
if(EMSCRIPTEN)
    # The browser build is single-threaded; file locking and threads would only add code.
    target_compile_definitions(third_party_sqlite PUBLIC SQLITE_THREADSAFE=0)
else()
    target_compile_definitions(third_party_sqlite PUBLIC SQLITE_THREADSAFE=1)
    find_package(Threads REQUIRED)
    target_link_libraries(third_party_sqlite PUBLIC Threads::Threads ${CMAKE_DL_LIBS})
endif()
target_compile_options(third_party_sqlite PRIVATE -w -O2)

# Header-only libraries from Debian, through a folder holding only them (never all of /usr/include).
add_library(third_party_json INTERFACE)
target_include_directories(third_party_json SYSTEM INTERFACE "${THIRD_PARTY}/include")

add_library(third_party_catch2 STATIC "${CMAKE_CURRENT_LIST_DIR}/catch2_main.cpp")
target_include_directories(third_party_catch2 SYSTEM PUBLIC "${THIRD_PARTY}/include")
if(EMSCRIPTEN)
    target_compile_options(third_party_catch2 PUBLIC -fexceptions)
    target_link_options(third_party_catch2 PUBLIC -fexceptions)
endif()

if(EMSCRIPTEN)
    # Dear ImGui with our test-engine hooks (the items() contract of tests/browser/HOOKS.md); the renderer is ours
    # (src/platform/web/web_imgui_renderer.cpp), not the OpenGL3 backend, which reads GL state every frame.
    set(IMGUI_DIR "${THIRD_PARTY}/imgui-1.90.1")
    add_library(third_party_imgui STATIC
        "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp" "${IMGUI_DIR}/imgui_tables.cpp"
        "${IMGUI_DIR}/imgui_widgets.cpp")
    target_include_directories(third_party_imgui SYSTEM PUBLIC "${IMGUI_DIR}")
    target_compile_definitions(third_party_imgui PUBLIC IMGUI_ENABLE_TEST_ENGINE
        IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_FILE_FUNCTIONS)
    target_compile_options(third_party_imgui PRIVATE -w)
else()
    add_library(third_party_httplib INTERFACE)
    target_include_directories(third_party_httplib SYSTEM INTERFACE "${THIRD_PARTY}/cpp-httplib-0.18.7")
    find_package(Threads REQUIRED)
    target_link_libraries(third_party_httplib INTERFACE Threads::Threads)
    # httplib listens with a backlog of 5: a burst of devices reconnecting after an outage (or a load
    # balancer opening connections) would see refused connections before the accept loop caught up.
    target_compile_definitions(third_party_httplib INTERFACE CPPHTTPLIB_LISTEN_BACKLOG=128)
endif()
