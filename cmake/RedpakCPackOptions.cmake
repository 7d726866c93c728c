# SPDX-License-Identifier: Apache-2.0
# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE). Only the binary packages
# install under the configured prefix: a source package keeps the source tree's layout.
if(CPACK_GENERATOR STREQUAL "DEB" OR CPACK_GENERATOR STREQUAL "RPM")
    set(CPACK_PACKAGING_INSTALL_PREFIX "${CPACK_REDPAK_INSTALL_PREFIX}")
endif()
# Each package's description starts with its own synopsis (RedpakPackaging.cmake). CPackDeb
# would put the project's summary before it, as a second synopsis, unless the summary is
# CPack's default.
if(CPACK_GENERATOR STREQUAL "DEB")
    set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CPACK_DEFAULT_PACKAGE_DESCRIPTION_SUMMARY}")
endif()
