# SPDX-License-Identifier: Apache-2.0
# The packages, built by `cpack -G DEB` or `cpack -G RPM` in the build directory: one package
# per install component (RedpakInstall.cmake lists them and their names).
#   redpak-tools    redwrap, redconf, redpak-probe, templates; no Qt, for targets without a
#                   display
#   redpak-helper   the privileged D-Bus service, its launcher, polkit, D-Bus and systemd files
#   redpak-manager  the Qt Quick application
# Library dependencies come from dpkg-shlibdeps (Debian) and rpmbuild's automatic Requires
# (RPM); what the programs run or load at run time (bwrap, the bus, polkitd, QML modules) is
# listed here. No dependency has an upper bound: every program links glibc dynamically but
# redpak-probe, which is static and loads nothing at run time (tools/CMakeLists.txt).
#
# The packages install under CMAKE_INSTALL_PREFIX, the prefix compiled into the programs and
# written into the D-Bus and systemd files: a tree configured for another prefix than /usr
# would produce a helper that cannot be activated.

if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    message(WARNING "CMAKE_INSTALL_PREFIX is ${CMAKE_INSTALL_PREFIX}: the packages built "
                    "from this tree install there too, which Debian policy forbids for /usr/local.")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME redpak-manager)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The RedPak Manager developers")
set(CPACK_PACKAGE_CONTACT "The RedPak Manager developers <redpak-manager@example.org>")
set(CPACK_REDPAK_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/RedpakCPackOptions.cmake)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR TXZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/__pycache__/")

set(CPACK_COMPONENTS_ALL ${REDPAK_PACKAGE_COMPONENTS})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_RPM_COMPONENT_INSTALL ON)
# The helper and the GUI run redwrap and read the templates of redpak-tools: same release.
set(CPACK_COMPONENT_HELPER_DEPENDS cli)
set(CPACK_COMPONENT_GUI_DEPENDS cli)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

# What all three packages say first; each adds what it brings.
set(REDPAK_DESCRIPTION_INTRO [=[
RedPak Manager administers rednodes, the light containers of the REDPAK
system: directories holding YAML configurations, nested like Russian dolls
so that a child never gets more than its parents allow.]=])
set(REDPAK_SUMMARY_cli "Rednode light containers: launcher and configuration tools")
set(REDPAK_DESCRIPTION_cli [=[
This package holds the command-line programs. redwrap merges the
configurations of a node's family and runs a program in the node with
bubblewrap. redconf creates nodes, shows the tree, a node's configuration and
its effective configuration with the provenance of every item, checks a
running node against its plan, and reviews configurations for continuous
integration (semantic diff, impact of a change, audit approvals, risk
findings). It needs no display and no Qt.]=])
set(REDPAK_SUMMARY_helper "Rednode light containers: privileged D-Bus helper")
set(REDPAK_DESCRIPTION_helper [=[
This package holds redpak-helper, a D-Bus activated system service that
creates, changes and launches system nodes for unprivileged users, each
action being authorized by polkit, with its polkit actions, bus policy and
systemd unit.]=])
set(REDPAK_SUMMARY_gui "Rednode light containers: desktop application")
set(REDPAK_DESCRIPTION_gui [=[
This package holds redpak-manager, a Qt Quick desktop application to browse,
edit, review and launch nodes; system nodes are changed through
redpak-helper.]=])

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "Apache-2.0")
set(CPACK_RPM_PACKAGE_GROUP "System Environment/Base")
set(CPACK_RPM_PACKAGE_URL "https://example.org/redpak-manager")
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
# The Packager tag; no /usr/lib/.build-id links: without a debuginfo package they would only
# point at the stripped programs, and two packages of different releases would clash on them.
set(CPACK_RPM_SPEC_MORE_DEFINE
    "%define packager ${CPACK_PACKAGE_CONTACT}\n%define _build_id_links none")
# Directories other packages own (filesystem, dbus, polkit, systemd, hicolor-icon-theme,
# bash-completion): the packages own only their files and their own directories.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/libexec /usr/share/man /usr/share/man/man1 /usr/share/man/man8
    /usr/share/bash-completion /usr/share/bash-completion/completions
    /usr/share/lintian /usr/share/lintian/overrides
    /usr/share/dbus-1 /usr/share/dbus-1/system.d /usr/share/dbus-1/system-services
    /usr/share/dbus-1/interfaces /usr/share/polkit-1 /usr/share/polkit-1/actions
    /usr/lib/systemd /usr/lib/systemd/system /usr/share/applications /usr/share/metainfo
    /usr/share/icons /usr/share/icons/hicolor)
foreach(size IN ITEMS scalable 16x16 22x22 24x24 32x32 48x48 64x64 128x128 256x256)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
         /usr/share/icons/hicolor/${size} /usr/share/icons/hicolor/${size}/apps)
endforeach()

# What the programs execute or load, invisible to dpkg-shlibdeps and rpmbuild.
set(REDPAK_RUNTIME_DEPENDS_cli bubblewrap)
set(REDPAK_RUNTIME_DEPENDS_helper dbus polkitd)
set(REDPAK_RPM_REQUIRES_cli bubblewrap)
set(REDPAK_RPM_REQUIRES_helper dbus polkit)
# The QML modules imported by qml/ (QtQuick.Controls needs its templates at run time, the folder
# dialog Qt.labs.folderlistmodel), and a platform plugin: without one (libqt6gui6 only recommends
# them) the application cannot start.
set(REDPAK_RUNTIME_DEPENDS_gui
    qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-dialogs
    qml6-module-qt-labs-folderlistmodel qml6-module-qtquick-layouts
    qml6-module-qtquick-templates qml6-module-qtquick-window qt6-qpa-plugins)
set(REDPAK_RPM_REQUIRES_gui qt6-qtdeclarative)
# Native Wayland sessions (X11 and XWayland work without it); Qt's own French strings.
set(CPACK_DEBIAN_GUI_PACKAGE_RECOMMENDS "redpak-helper, qt6-wayland, qt6-translations-l10n")
set(CPACK_RPM_GUI_PACKAGE_SUGGESTS "redpak-helper")

foreach(component IN LISTS REDPAK_PACKAGE_COMPONENTS)
    string(TOUPPER ${component} upper)
    set(package ${REDPAK_PACKAGE_NAME_${component}})
    set(CPACK_COMPONENT_${upper}_DISPLAY_NAME ${package})
    set(CPACK_DEBIAN_${upper}_PACKAGE_NAME ${package})
    set(CPACK_DEBIAN_${upper}_DESCRIPTION
        "${REDPAK_SUMMARY_${component}}\n${REDPAK_DESCRIPTION_INTRO}\n.\n${REDPAK_DESCRIPTION_${component}}")
    list(JOIN REDPAK_RUNTIME_DEPENDS_${component} ", " CPACK_DEBIAN_${upper}_PACKAGE_DEPENDS)
    set(CPACK_RPM_${upper}_PACKAGE_NAME ${package})
    set(CPACK_RPM_${upper}_PACKAGE_SUMMARY "${REDPAK_SUMMARY_${component}}")
    set(CPACK_RPM_${upper}_PACKAGE_DESCRIPTION
        "${REDPAK_DESCRIPTION_INTRO}\n\n${REDPAK_DESCRIPTION_${component}}")
    set(requires ${REDPAK_RPM_REQUIRES_${component}})
    if(NOT component STREQUAL "cli")
        list(PREPEND requires "redpak-tools = ${PROJECT_VERSION}")
    endif()
    list(JOIN requires ", " CPACK_RPM_${upper}_PACKAGE_REQUIRES)
endforeach()

# Only the helper needs maintainer scripts: systemd learns and forgets its unit, a running
# helper is stopped before its binary goes, purge removes its state. The other packages ship
# plain files that dpkg and rpm handle alone.
if(REDPAK_BUILD_HELPER)
    set(REDPAK_HELPER_PATH ${CMAKE_INSTALL_FULL_LIBEXECDIR}/redpak-helper)
    set(REDPAK_HELPER_STATE_DIR ${CMAKE_INSTALL_FULL_LOCALSTATEDIR}/lib/redpak)
    set(scripts)
    foreach(script IN ITEMS postinst prerm postrm)
        configure_file(${PROJECT_SOURCE_DIR}/resources/debian/redpak-helper.${script}
                       ${PROJECT_BINARY_DIR}/debian/redpak-helper/${script} @ONLY
                       FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
                                        GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
        list(APPEND scripts ${PROJECT_BINARY_DIR}/debian/redpak-helper/${script})
    endforeach()
    set(CPACK_DEBIAN_HELPER_PACKAGE_CONTROL_EXTRA ${scripts})
    foreach(script IN ITEMS preun postun)
        configure_file(${PROJECT_SOURCE_DIR}/resources/rpm/redpak-helper.${script}
                       ${PROJECT_BINARY_DIR}/rpm/redpak-helper.${script} @ONLY)
    endforeach()
    set(CPACK_RPM_HELPER_PRE_UNINSTALL_SCRIPT_FILE ${PROJECT_BINARY_DIR}/rpm/redpak-helper.preun)
    set(CPACK_RPM_HELPER_POST_UNINSTALL_SCRIPT_FILE ${PROJECT_BINARY_DIR}/rpm/redpak-helper.postun)
endif()

include(CPack)
