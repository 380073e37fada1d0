# The Debian package (docs/OPERATIONS.md "Install on the plant PC"): `make package` builds the
# `package` preset (Release, only the binary) and runs CPack's DEB generator on it. Layout:
#   /usr/bin/plcbridge                       stripped
#   /etc/plcbridge/plcbridge.toml            conffile, the packaged paths
#   /etc/plcbridge/{read,write,failure}_map.csv   conffiles, the plant's maps
#   /lib/systemd/system/plcbridge.service    the unit
#   /usr/share/doc/plcbridge/                README, CONTRACT, OPERATIONS, copyright, changelog
# The maintainer scripts (packaging/debian) create the plcbridge system user and enable the unit.

set(PLCBRIDGE_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)

install(TARGETS plcbridge RUNTIME DESTINATION bin)
install(FILES ${PLCBRIDGE_PACKAGING_DIR}/plcbridge.toml
              ${PROJECT_SOURCE_DIR}/config/read_map.csv
              ${PROJECT_SOURCE_DIR}/config/write_map.csv
              ${PROJECT_SOURCE_DIR}/config/failure_map.csv
        DESTINATION /etc/plcbridge)
install(FILES ${PLCBRIDGE_PACKAGING_DIR}/plcbridge.service DESTINATION /lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/CONTRACT.md
              ${PROJECT_SOURCE_DIR}/docs/OPERATIONS.md ${PLCBRIDGE_PACKAGING_DIR}/debian/copyright
        DESTINATION share/doc/plcbridge)
# Debian wants the changelog (changelog.gz: the version has no Debian revision, a native package) gzipped with no timestamp (reproducible).
configure_file(${PLCBRIDGE_PACKAGING_DIR}/debian/changelog ${CMAKE_BINARY_DIR}/changelog @ONLY)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/changelog.gz
                   COMMAND gzip -n -9 -c ${CMAKE_BINARY_DIR}/changelog > ${CMAKE_BINARY_DIR}/changelog.gz
                   DEPENDS ${CMAKE_BINARY_DIR}/changelog)
add_custom_target(plcbridge_changelog ALL DEPENDS ${CMAKE_BINARY_DIR}/changelog.gz)
install(FILES ${CMAKE_BINARY_DIR}/changelog.gz DESTINATION share/doc/plcbridge)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME plcbridge)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CONTACT "plcbridge maintainers <maintainers@users.noreply.r-seed-d710d2e2.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Omron PLC (FINS) to Odoo manufacturing orders bridge")
# CPack puts the summary on the Description line itself; this is the extended text below it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "plcbridge queues confirmed Odoo manufacturing orders into an Omron PLC's\n\
batch slots, follows the batches the PLC runs, reports finished batches'\n\
consumption to Odoo, and cancels the order in Odoo when the PLC reports a\n\
failure. It runs as a systemd service with an HTTP API and /metrics.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The runtime libraries only, as dpkg-shlibdeps finds them in the binary; adduser and
# init-system-helpers for the maintainer scripts; tzdata for [plc] time_zone; ca-certificates for
# HTTPS to Odoo.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, init-system-helpers (>= 1.52), tzdata, ca-certificates")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PLCBRIDGE_PACKAGING_DIR}/debian/postinst ${PLCBRIDGE_PACKAGING_DIR}/debian/prerm
                                       ${PLCBRIDGE_PACKAGING_DIR}/debian/postrm ${PLCBRIDGE_PACKAGING_DIR}/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
