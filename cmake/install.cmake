# Installing newsdex: the command line, the three static libraries with their public headers, and a
# CMake package so that other programs use them with find_package(newsdex).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set_target_properties(newsdex_common PROPERTIES EXPORT_NAME common)
set_target_properties(newsdex_indexer PROPERTIES EXPORT_NAME indexer)
set_target_properties(newsdex_searcher PROPERTIES EXPORT_NAME searcher)

install(TARGETS newsdex RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS newsdex_common newsdex_indexer newsdex_searcher
  EXPORT newsdexTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
foreach(lib common indexer searcher)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${lib}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()

set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/newsdex)
install(EXPORT newsdexTargets NAMESPACE newsdex:: DESTINATION ${config_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/newsdexConfig.cmake.in
  ${PROJECT_BINARY_DIR}/newsdexConfig.cmake INSTALL_DESTINATION ${config_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/newsdexConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/newsdexConfig.cmake ${PROJECT_BINARY_DIR}/newsdexConfigVersion.cmake
  DESTINATION ${config_dir})

# A Debian package of the above: cd build && cpack  →  newsdex_VERSION_amd64.deb
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME newsdex)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Full-text search for news archives in Ukrainian, English and Russian")
set(CPACK_PACKAGE_CONTACT "newsdex developers <newsdex@localhost>")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_STRIP_FILES ON)
# The run-time libraries and dictionaries of Debian 12 (bookworm), and the -dev packages the
# installed CMake package finds when another program links the static libraries.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libxapian30, libicu72, libarchive13, libxml2, libhunspell-1.7-0, liburiparser1, libbrotli1, libjemalloc2, hunspell-uk, hunspell-ru")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS
  "libxapian-dev, libicu-dev, libarchive-dev, libxml2-dev, libhunspell-dev, liburiparser-dev, libbrotli-dev, nlohmann-json3-dev, xapian-tools")
include(CPack)
