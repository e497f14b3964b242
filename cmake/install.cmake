# Installing newsdex: the command line, the three static libraries with their public headers, a
# CMake package (find_package(newsdex)) and a pkg-config file (pkg-config --libs newsdex), so that
# other programs use them. Two components, packaged as two .debs: "newsdex" (the command line, its
# man page and completion: every install() without a COMPONENT) and "dev" (what embedders build with).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set_target_properties(newsdex_common PROPERTIES EXPORT_NAME common)
set_target_properties(newsdex_indexer PROPERTIES EXPORT_NAME indexer)
set_target_properties(newsdex_searcher PROPERTIES EXPORT_NAME searcher)

install(TARGETS newsdex RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS newsdex_common newsdex_indexer newsdex_searcher
  EXPORT newsdexTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The public API and nothing else (docs/library.md): each library's include/ holds only public
# headers; the internal ones live in common/internal/ and are never installed.
foreach(lib common indexer searcher)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${lib}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev)
endforeach()
install(FILES ${PROJECT_BINARY_DIR}/common/include/newsdex/version.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/newsdex COMPONENT dev)

set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/newsdex)
install(EXPORT newsdexTargets NAMESPACE newsdex:: DESTINATION ${config_dir} COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/newsdexConfig.cmake.in
  ${PROJECT_BINARY_DIR}/newsdexConfig.cmake INSTALL_DESTINATION ${config_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/newsdexConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/newsdexConfig.cmake ${PROJECT_BINARY_DIR}/newsdexConfigVersion.cmake
  DESTINATION ${config_dir} COMPONENT dev)

# pkg-config: the prefix is found from the .pc file's own place (${pcfiledir}), as many "../" as
# the library directory is deep.
set(pc_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  message(FATAL_ERROR "newsdex.pc needs a relative CMAKE_INSTALL_LIBDIR, not ${CMAKE_INSTALL_LIBDIR}")
endif()
string(REGEX REPLACE "[^/]+" ".." NEWSDEX_PC_TO_PREFIX "${pc_dir}")
# A sanitized build's libraries need the sanitizer run-time in whatever links them.
list(JOIN NEWSDEX_SANITIZER_FLAGS " " NEWSDEX_PC_SANITIZER_FLAGS)
configure_file(${PROJECT_SOURCE_DIR}/cmake/newsdex.pc.in ${PROJECT_BINARY_DIR}/newsdex.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/newsdex.pc DESTINATION ${pc_dir} COMPONENT dev)

# Debian packages of the above: cd build && cpack  →  newsdex_VERSION_amd64.deb (the command line)
# and libnewsdex-dev_VERSION_amd64.deb (headers, static libraries, CMake and pkg-config files).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME newsdex)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Full-text search for news archives in Ukrainian, English and Russian")
set(CPACK_PACKAGE_CONTACT "newsdex developers <newsdex@localhost>")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL newsdex dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_NEWSDEX_PACKAGE_NAME newsdex)
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libnewsdex-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEV_DESCRIPTION "newsdex libraries for embedding: headers, static libraries, CMake and pkg-config files")
# The shared libraries the command line links, as dpkg-shlibdeps finds them in the binary; the
# dictionaries it opens at run time, which no tool can see in the binary.
set(CPACK_DEBIAN_NEWSDEX_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_NEWSDEX_PACKAGE_DEPENDS "hunspell-uk, hunspell-ru")
# Static libraries carry no dependency information a tool could read: what a program linking them
# needs is the -dev package of each library in newsdex.pc's Requires, and the dictionaries.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
  "libxapian-dev, libicu-dev, libarchive-dev, libxml2-dev, libhunspell-dev, liburiparser-dev, libbrotli-dev, zlib1g-dev, hunspell-uk, hunspell-ru")
set(CPACK_DEBIAN_NEWSDEX_PACKAGE_SUGGESTS "xapian-tools")
include(CPack)
