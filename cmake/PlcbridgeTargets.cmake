# Helpers that keep every folder's CMakeLists.txt to its link list.

# plcbridge_add_library(NAME SOURCES... LINKS...): one library per folder under src/plcbridge/.
# The link list is the dependency rule (docs/DESIGN.md "Layers and the dependency rule": inward only).
function(plcbridge_add_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
    add_library(plcbridge_${name} STATIC ${ARG_SOURCES})
    target_include_directories(plcbridge_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(plcbridge_${name} PUBLIC ${ARG_LINKS}
        PRIVATE plcbridge_warnings plcbridge_sanitizers)
endfunction()

# plcbridge_add_test(NAME SOURCES... LINKS... [LABELS...]): one GoogleTest binary, tests discovered
# individually so ctest reports each one.
function(plcbridge_add_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LINKS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_LINKS} GTest::gtest_main GTest::gmock
        plcbridge_warnings plcbridge_sanitizers)
    gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${ARG_LABELS}"
        ENVIRONMENT "PLCBRIDGE_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data")
endfunction()
