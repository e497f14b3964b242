# NEWSDEX_SANITIZE: a comma-separated list of sanitizers ("address,undefined", "thread", ...)
# built into every target of the project. Included before any target exists, so that libraries,
# tools, tests, benchmarks and examples all carry the same instrumentation: a mixed build hides
# errors where instrumented and plain code meet (container overflows, mismatched new/delete).
set(NEWSDEX_SANITIZE "" CACHE STRING
  "Sanitizers for every target, as for -fsanitize= (e.g. address,undefined or thread); empty: none")

# libFuzzer programs (tests/CMakeLists.txt) need clang, and the project's own code instrumented
# for coverage and checked by ASan and UBSan, not only the fuzz targets' entry points.
option(NEWSDEX_FUZZ "Build the libFuzzer fuzzers (needs clang)" OFF)
if(NEWSDEX_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "NEWSDEX_FUZZ needs clang (CXX=clang++)")
  endif()
  if(NOT NEWSDEX_SANITIZE MATCHES "fuzzer-no-link")
    set(NEWSDEX_SANITIZE "fuzzer-no-link,address,undefined" CACHE STRING "" FORCE)
  endif()
endif()

set(NEWSDEX_SANITIZER_FLAGS "")
if(NEWSDEX_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "NEWSDEX_SANITIZE needs gcc or clang, not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  if(NEWSDEX_SANITIZE MATCHES "thread" AND NEWSDEX_SANITIZE MATCHES "address|leak|memory")
    message(FATAL_ERROR "NEWSDEX_SANITIZE: thread cannot be combined with address, leak or memory")
  endif()
  # Frame pointers give the fast unwinder whole stacks in reports.
  set(NEWSDEX_SANITIZER_FLAGS -fsanitize=${NEWSDEX_SANITIZE} -fno-omit-frame-pointer)
  if(NEWSDEX_SANITIZE MATCHES "undefined")
    # Without this, UBSan prints and carries on, and a test with undefined behaviour still passes.
    list(APPEND NEWSDEX_SANITIZER_FLAGS -fno-sanitize-recover=undefined)
  endif()
  add_compile_options(${NEWSDEX_SANITIZER_FLAGS})
  add_link_options(${NEWSDEX_SANITIZER_FLAGS})
  message(STATUS "newsdex: sanitizers ${NEWSDEX_SANITIZE}")
endif()

# Run-time options for ctest, set in ctest's own environment when it reads the test list, so that
# every test and every process a test starts (the newsdex binary, shell scripts, xapian-tcpsrv)
# inherits them. Called after enable_testing().
function(newsdex_sanitizer_test_environment)
  if(NOT NEWSDEX_SANITIZE)
    return()
  endif()
  set(supp ${PROJECT_SOURCE_DIR}/tests/sanitizers)
  set(file ${PROJECT_BINARY_DIR}/sanitizer_environment.cmake)
  file(WRITE ${file}
    "# Written by cmake/sanitizers.cmake; read by ctest before it runs any test.\n"
    "set(ENV{ASAN_OPTIONS} \"abort_on_error=0:halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:strict_init_order=1\")\n"
    "set(ENV{UBSAN_OPTIONS} \"print_stacktrace=1:halt_on_error=1:suppressions=${supp}/ubsan.supp\")\n"
    "set(ENV{LSAN_OPTIONS} \"suppressions=${supp}/lsan.supp:print_suppressions=0\")\n"
    "set(ENV{TSAN_OPTIONS} \"halt_on_error=1:second_deadlock_stack=1:suppressions=${supp}/tsan.supp\")\n")
  set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY TEST_INCLUDE_FILES ${file})
endfunction()
