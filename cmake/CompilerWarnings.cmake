# plcbridge_warnings: the warning set every project target links PRIVATE (docs/DESIGN.md "Errors": warnings are errors in the dev preset).
# PLCBRIDGE_WARNINGS_AS_ERRORS turns them into errors (on in the dev preset).
add_library(plcbridge_warnings INTERFACE)
target_compile_options(plcbridge_warnings INTERFACE
    -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused
    -Woverloaded-virtual -Wpedantic -Wconversion -Wsign-conversion
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(plcbridge_warnings INTERFACE
        -Wmisleading-indentation -Wduplicated-cond -Wduplicated-branches -Wlogical-op
        -Wuseless-cast -Wsuggest-override
        # False positive at the end of every Asio coroutine frame (GCC 12's -Wmismatched-new-delete on the coroutine frame's sized delete).
        -Wno-mismatched-new-delete)
endif()
option(PLCBRIDGE_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
if(PLCBRIDGE_WARNINGS_AS_ERRORS)
    target_compile_options(plcbridge_warnings INTERFACE -Werror)
endif()
