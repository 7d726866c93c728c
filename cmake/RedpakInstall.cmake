# SPDX-License-Identifier: Apache-2.0
# Install rules for what no component installs itself: desktop integration (desktop entry,
# icons, AppStream metainfo), man pages, bash completion and the package documentation, then
# the Debian package (RedpakPackaging.cmake). Included by the top-level CMakeLists.txt after
# every subdirectory. The programs are installed by the directories that build them (tools/,
# app/, helper/ with its polkit, D-Bus and systemd files), the templates by core/;
# tests/packaging checks that the whole set is there and nothing else.

set(REDPAK_RESOURCES_DIR ${PROJECT_SOURCE_DIR}/resources)
set(REDPAK_DESKTOP_ID org.redpak.Manager)

# Man pages are compressed at build time: man-db reads them either way and Debian wants them
# compressed (gzip -n: no name nor timestamp, so that builds are reproducible).
set(REDPAK_MAN_PAGES redconf.1 redwrap.1)
if(REDPAK_BUILD_GUI)
    list(APPEND REDPAK_MAN_PAGES redpak-manager.1)
endif()
if(REDPAK_BUILD_HELPER)
    list(APPEND REDPAK_MAN_PAGES redpak-helper.8 redpak-helper-launch.8)
endif()
set(REDPAK_DOC_OUTPUTS)
foreach(page IN LISTS REDPAK_MAN_PAGES)
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
    install(FILES ${output} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
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
install(FILES ${REDPAK_CHANGELOG_GZ} ${REDPAK_RESOURCES_DIR}/debian/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Only read by lintian, which looks for it at this fixed path.
install(FILES ${REDPAK_RESOURCES_DIR}/debian/lintian-overrides
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME redpak-manager)

install(FILES ${REDPAK_RESOURCES_DIR}/completion/redconf ${REDPAK_RESOURCES_DIR}/completion/redwrap
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

if(REDPAK_BUILD_GUI)
    install(FILES ${REDPAK_RESOURCES_DIR}/desktop/${REDPAK_DESKTOP_ID}.desktop
            DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${REDPAK_RESOURCES_DIR}/metainfo/${REDPAK_DESKTOP_ID}.metainfo.xml
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
    install(FILES ${REDPAK_RESOURCES_DIR}/icons/${REDPAK_DESKTOP_ID}.svg
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
    foreach(size IN ITEMS 16 22 24 32 48 64 128 256)
        install(FILES ${REDPAK_RESOURCES_DIR}/icons/${size}x${size}/${REDPAK_DESKTOP_ID}.png
                DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
    endforeach()
endif()

include(${CMAKE_CURRENT_LIST_DIR}/RedpakPackaging.cmake)
