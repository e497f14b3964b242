# Compiler warnings for the project's own targets only, as target properties rather than global
# flags: nothing leaks into programs that use the installed package, and NEWSDEX_WERROR (on in CI,
# through tools/test.sh) makes any warning fail the build.
option(NEWSDEX_WERROR "Treat compiler warnings as errors" OFF)
set(NEWSDEX_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
if(NEWSDEX_WERROR)
  list(APPEND NEWSDEX_WARNING_FLAGS -Werror)
endif()

# Gives every target that compiles code in @p dir and below the warning flags. Called once, after
# all subdirectories were added, so that a new target cannot be forgotten.
function(newsdex_add_warnings dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
      target_compile_options(${target} PRIVATE ${NEWSDEX_WARNING_FLAGS})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    newsdex_add_warnings(${subdir})
  endforeach()
endfunction()
