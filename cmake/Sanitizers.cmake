# plcbridge_sanitizers: ASan + UBSan when PLCBRIDGE_SANITIZE is on (dev preset), ThreadSanitizer when
# PLCBRIDGE_TSAN is on (tsan preset; the two cannot be combined). Linked PRIVATE into every target,
# including tests, so the whole process is instrumented.
add_library(plcbridge_sanitizers INTERFACE)
option(PLCBRIDGE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(PLCBRIDGE_SANITIZE)
    set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        # clang 14 cannot emit UBSan's vptr and function checks in split coroutines ("Cannot represent a
        # difference across sections"); the fuzz build (clang) keeps every other check.
        list(APPEND _san -fno-sanitize=vptr,function)
    endif()
    target_compile_options(plcbridge_sanitizers INTERFACE ${_san})
    target_link_options(plcbridge_sanitizers INTERFACE ${_san})
endif()

option(PLCBRIDGE_TSAN "Build with ThreadSanitizer (the event loop, the database thread, the servers)" OFF)
if(PLCBRIDGE_TSAN)
    if(PLCBRIDGE_SANITIZE)
        message(FATAL_ERROR "PLCBRIDGE_TSAN and PLCBRIDGE_SANITIZE cannot be combined")
    endif()
    # GCC 12 warns that TSan does not model atomic_thread_fence, which Asio's resolver uses; the
    # warning is about the tool, not our code, and would stop the build under -Werror.
    target_compile_options(plcbridge_sanitizers INTERFACE -fsanitize=thread -fno-omit-frame-pointer -Wno-tsan)
    target_link_options(plcbridge_sanitizers INTERFACE -fsanitize=thread)
endif()
