# Linux desktop integration (freedesktop.org standards) and the Debian package.

set(zp_linux ${CMAKE_CURRENT_SOURCE_DIR}/linux)
set(zp_generated ${CMAKE_CURRENT_BINARY_DIR}/generated)

# The sizes panels, menus and software centres ask for.
set(ZP_ICON_SIZES 16 22 24 32 48 64 128 256)
set(zp_pngs "")
foreach(size ${ZP_ICON_SIZES})
    list(APPEND zp_pngs ${zp_generated}/hicolor/${size}x${size}/apps/zulip-presence.png)
endforeach()
add_custom_command(OUTPUT ${zp_pngs}
    COMMAND zp-render-icon ${ZP_ICON_SVG} ${zp_generated}/hicolor zulip-presence ${ZP_ICON_SIZES}
    DEPENDS zp-render-icon ${ZP_ICON_SVG}
    COMMENT "Rendering the application icon to PNG")

# Debian wants the manual page and changelog compressed, reproducibly (-n: no timestamp).
set(zp_gzipped ${zp_generated}/zulip-presence.1.gz ${zp_generated}/changelog.gz)
add_custom_command(OUTPUT ${zp_gzipped}
    # The folder may not exist yet in a fresh build tree (the icon step makes it too).
    COMMAND ${CMAKE_COMMAND} -E make_directory ${zp_generated}
    COMMAND gzip -9nc ${zp_linux}/zulip-presence.1 > ${zp_generated}/zulip-presence.1.gz
    COMMAND gzip -9nc ${zp_linux}/changelog > ${zp_generated}/changelog.gz
    DEPENDS ${zp_linux}/zulip-presence.1 ${zp_linux}/changelog)
add_custom_target(zp_desktop_files ALL DEPENDS ${zp_pngs} ${zp_gzipped})

install(FILES ${zp_linux}/zulip-presence.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${zp_linux}/${ZP_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${ZP_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(DIRECTORY ${zp_generated}/hicolor DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)
install(FILES ${zp_generated}/zulip-presence.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${zp_linux}/copyright ${zp_generated}/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/zulip-presence)

# The .deb: dependencies computed from the binary by dpkg-shlibdeps; no maintainer scripts
# (dpkg triggers refresh the icon cache and the menus).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The tray and windows need Qt's X11/Wayland platform plugins, which Qt only recommends.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "libqt6svg6, qt6-translations-l10n, gnome-keyring | kwalletmanager")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY first and indents these lines below it.
set(CPACK_PACKAGE_DESCRIPTION "zulip-presence sits in the system tray, reads the desktop's own
input-idle signal and tells your Zulip server every minute whether you are
active or idle, even when no Zulip window is open. Its popup lists your
coworkers as active, idle or offline, judged by the server's own clock.")
