# SPDX-License-Identifier: Apache-2.0
# Install rules for what no component installs itself: desktop integration (desktop entry,
# icons, AppStream metainfo), man pages, bash completion and the package documentation, then
# the packages (RedpakPackaging.cmake). Included by the top-level CMakeLists.txt after every
# subdirectory. The programs are installed by the directories that build them (tools/, app/,
# helper/ with its polkit, D-Bus and systemd files), the templates by core/;
# tests/packaging checks that the whole set is there and nothing else.
#
# Every install rule names its component, and each component is one package:
#   cli    -> redpak-tools    redwrap, redconf, redpak-probe, templates (no Qt)
#   helper -> redpak-helper   the privileged D-Bus service and its system integration
#   gui    -> redpak-manager  the Qt Quick application
set(REDPAK_PACKAGE_COMPONENTS cli)
set(REDPAK_PACKAGE_NAME_cli redpak-tools)
if(REDPAK_BUILD_HELPER)
    list(APPEND REDPAK_PACKAGE_COMPONENTS helper)
    set(REDPAK_PACKAGE_NAME_helper redpak-helper)
endif()
if(REDPAK_BUILD_GUI)
    list(APPEND REDPAK_PACKAGE_COMPONENTS gui)
    set(REDPAK_PACKAGE_NAME_gui redpak-manager)
endif()

set(REDPAK_RESOURCES_DIR ${PROJECT_SOURCE_DIR}/resources)
set(REDPAK_DESKTOP_ID org.redpak.Manager)

# Man pages are compressed at build time: man-db reads them either way and Debian wants them
# compressed (gzip -n: no name nor timestamp, so that builds are reproducible). Each page goes
# with the component (package) of its program.
set(REDPAK_MAN_PAGES cli:redconf.1 cli:redwrap.1 cli:redpak-probe.1)
if(REDPAK_BUILD_GUI)
    list(APPEND REDPAK_MAN_PAGES gui:redpak-manager.1)
endif()
if(REDPAK_BUILD_HELPER)
    list(APPEND REDPAK_MAN_PAGES helper:redpak-helper.8 helper:redpak-helper-launch.8)
endif()
set(REDPAK_DOC_OUTPUTS)
foreach(component_page IN LISTS REDPAK_MAN_PAGES)
    string(REPLACE ":" ";" component_page ${component_page})
    list(GET component_page 0 component)
    list(GET component_page 1 page)
    set(source ${PROJECT_SOURCE_DIR}/doc/man/${page})
    set(output ${PROJECT_BINARY_DIR}/doc/man/${page}.gz)
    string(REGEX REPLACE "^.*\\.([1-8])$" "\\1" section ${page})
    add_custom_command(OUTPUT ${output}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/doc/man
        COMMAND gzip -9n --stdout ${source} > ${output}
        DEPENDS ${source}
        COMMENT "Compressing man page ${page}"
        VERBATIM)
    list(APPEND REDPAK_DOC_OUTPUTS ${output})
    install(FILES ${output} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section} COMPONENT ${component})
endforeach()

set(REDPAK_CHANGELOG_GZ ${PROJECT_BINARY_DIR}/doc/changelog.gz)
add_custom_command(OUTPUT ${REDPAK_CHANGELOG_GZ}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/doc
    COMMAND gzip -9n --stdout ${REDPAK_RESOURCES_DIR}/debian/changelog > ${REDPAK_CHANGELOG_GZ}
    DEPENDS ${REDPAK_RESOURCES_DIR}/debian/changelog
    COMMENT "Compressing changelog"
    VERBATIM)
list(APPEND REDPAK_DOC_OUTPUTS ${REDPAK_CHANGELOG_GZ})
add_custom_target(redpak_docs ALL DEPENDS ${REDPAK_DOC_OUTPUTS})
# Every package carries the copyright and changelog in its own documentation directory, and
# the lintian overrides of its own binaries (only read by lintian, at this fixed path).
foreach(component IN LISTS REDPAK_PACKAGE_COMPONENTS)
    set(package ${REDPAK_PACKAGE_NAME_${component}})
    install(FILES ${REDPAK_CHANGELOG_GZ} ${REDPAK_RESOURCES_DIR}/debian/copyright
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
    set(overrides ${REDPAK_RESOURCES_DIR}/debian/${package}.lintian-overrides)
    if(EXISTS ${overrides})
        install(FILES ${overrides} DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
                RENAME ${package} COMPONENT ${component})
    endif()
endforeach()

install(FILES ${REDPAK_RESOURCES_DIR}/completion/redconf ${REDPAK_RESOURCES_DIR}/completion/redwrap
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT cli)

if(REDPAK_BUILD_GUI)
    install(FILES ${REDPAK_RESOURCES_DIR}/desktop/${REDPAK_DESKTOP_ID}.desktop
            DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT gui)
    install(FILES ${REDPAK_RESOURCES_DIR}/metainfo/${REDPAK_DESKTOP_ID}.metainfo.xml
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT gui)
    install(FILES ${REDPAK_RESOURCES_DIR}/icons/${REDPAK_DESKTOP_ID}.svg
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT gui)
    foreach(size IN ITEMS 16 22 24 32 48 64 128 256)
        install(FILES ${REDPAK_RESOURCES_DIR}/icons/${size}x${size}/${REDPAK_DESKTOP_ID}.png
                DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps COMPONENT gui)
    endforeach()
endif()

include(${CMAKE_CURRENT_LIST_DIR}/RedpakPackaging.cmake)
