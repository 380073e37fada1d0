# plcbridge_sanitizers: ASan + UBSan when PLCBRIDGE_SANITIZE is on (dev preset). Linked PRIVATE into
# every target, including tests, so the whole process is instrumented.
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
