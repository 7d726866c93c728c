# SPDX-License-Identifier: Apache-2.0
# The Debian package `redpak-manager`, built by `cpack -G DEB` in the build directory from the
# install rules of every component. Library dependencies come from dpkg-shlibdeps; what the
# programs run or load at run time (bwrap, the bus, polkitd, QML modules) is listed here.
#
# The package installs under CMAKE_INSTALL_PREFIX, the prefix compiled into the programs and
# written into the D-Bus and systemd files: a tree configured for another prefix than /usr
# would produce a package whose helper cannot be activated.

if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    message(WARNING "CMAKE_INSTALL_PREFIX is ${CMAKE_INSTALL_PREFIX}: the Debian package built "
                    "from this tree installs there too, which Debian policy forbids for /usr/local.")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME redpak-manager)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The RedPak Manager developers")
set(CPACK_PACKAGE_CONTACT "The RedPak Manager developers <redpak-manager@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "light containers with nested configurations, GUI and tools")
set(CPACK_REDPAK_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/RedpakCPackOptions.cmake)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR TXZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/__pycache__/")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION [=[
RedPak Manager administers rednodes, the light containers of the REDPAK
system: directories holding YAML configurations, nested like Russian dolls
so that a child never gets more than its parents allow.

redwrap merges the configurations of a node's family and runs a program in
the node with bubblewrap. redconf creates nodes, shows the tree, a node's
configuration and its effective configuration with the provenance of every
item, and reviews configurations for continuous integration (semantic diff,
impact of a change, audit approvals, risk findings). redpak-manager is a
Qt Quick desktop application to browse, edit, review and launch nodes.
redpak-helper is a D-Bus activated system service that changes system
nodes, each action being authorized by polkit.]=])

# Shared-library dependencies are computed from the binaries; the rest is loaded or executed
# at run time and invisible to dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(REDPAK_RUNTIME_DEPENDS bubblewrap)
if(REDPAK_BUILD_HELPER)
    list(APPEND REDPAK_RUNTIME_DEPENDS dbus polkitd)
endif()
if(REDPAK_BUILD_GUI)
    # The QML modules imported by qml/ (QtQuick.Controls needs its templates at run time).
    list(APPEND REDPAK_RUNTIME_DEPENDS
        qml6-module-qtqml
        qml6-module-qtqml-models
        qml6-module-qtqml-workerscript
        qml6-module-qtquick
        qml6-module-qtquick-controls
        qml6-module-qtquick-dialogs
        qml6-module-qtquick-layouts
        qml6-module-qtquick-templates
        qml6-module-qtquick-window)
    # Native Wayland sessions (X11 and XWayland work without it); Qt's own French strings.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")
endif()
list(JOIN REDPAK_RUNTIME_DEPENDS ", " CPACK_DEBIAN_PACKAGE_DEPENDS)

# Paths the maintainer scripts act on: the helper they stop and the state it keeps (purge).
set(REDPAK_HELPER_PATH ${CMAKE_INSTALL_FULL_LIBEXECDIR}/redpak-helper)
set(REDPAK_HELPER_STATE_DIR ${CMAKE_INSTALL_FULL_LOCALSTATEDIR}/lib/redpak)
set(REDPAK_MAINTAINER_SCRIPTS)
foreach(script IN ITEMS postinst prerm postrm)
    configure_file(${PROJECT_SOURCE_DIR}/resources/debian/${script}
                   ${PROJECT_BINARY_DIR}/debian/${script} @ONLY
                   FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
                                    GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
    list(APPEND REDPAK_MAINTAINER_SCRIPTS ${PROJECT_BINARY_DIR}/debian/${script})
endforeach()
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${REDPAK_MAINTAINER_SCRIPTS})
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
