# SPDX-License-Identifier: Apache-2.0
# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE). Only the Debian package
# installs under the configured prefix: a source package keeps the source tree's layout.
if(CPACK_GENERATOR STREQUAL "DEB")
    set(CPACK_PACKAGING_INSTALL_PREFIX "${CPACK_REDPAK_INSTALL_PREFIX}")
endif()
