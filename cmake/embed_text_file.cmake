# Script mode helper for EmbedFiles.cmake: writes INPUT as a C++ raw string literal named k_IDENTIFIER.
file(READ "${INPUT}" content)
string(FIND "${content}" ")embedded\"" collision)
if(NOT collision EQUAL -1)
    message(FATAL_ERROR "${INPUT} contains the raw-string terminator )embedded\"")
endif()
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/embed_text_file.cmake; do not edit.\nnamespace roadbook::embedded {\nextern const char k_${IDENTIFIER}[] = R\"embedded(${content})embedded\";\n}\n")
