# macOS: an app bundle that lives only in the menu bar (LSUIElement: no Dock icon), Qt deployed
# into it by macdeployqt, and a disk image (CPack DragNDrop). Written for a Mac with Qt 6 and
# the Xcode command line tools; not built on the project's Linux CI. Not signed or notarized.

set(zp_macos ${CMAKE_CURRENT_SOURCE_DIR}/macos)

# The .icns from an iconset rendered from the SVG (iconutil ships with macOS).
set(zp_iconset ${CMAKE_CURRENT_BINARY_DIR}/zulip-presence.iconset)
set(zp_icns ${CMAKE_CURRENT_BINARY_DIR}/zulip-presence.icns)
set(zp_render_dir ${CMAKE_CURRENT_BINARY_DIR}/icns-sizes)
set(zp_iconset_copies "")
foreach(pair 16:16x16 32:16x16@2x 32:32x32 64:32x32@2x 128:128x128 256:128x128@2x
             256:256x256 512:256x256@2x 512:512x512 1024:512x512@2x)
    string(REPLACE ":" ";" pair ${pair})
    list(GET pair 0 size)
    list(GET pair 1 name)
    list(APPEND zp_iconset_copies COMMAND ${CMAKE_COMMAND} -E copy
         ${zp_render_dir}/${size}x${size}/apps/zulip-presence.png ${zp_iconset}/icon_${name}.png)
endforeach()
add_custom_command(OUTPUT ${zp_icns}
    COMMAND zp-render-icon ${ZP_ICON_SVG} ${zp_render_dir} zulip-presence 16 32 64 128 256 512 1024
    COMMAND ${CMAKE_COMMAND} -E make_directory ${zp_iconset}
    ${zp_iconset_copies}
    COMMAND iconutil -c icns -o ${zp_icns} ${zp_iconset}
    DEPENDS zp-render-icon ${ZP_ICON_SVG}
    COMMENT "Rendering the macOS icon")
set_source_files_properties(${zp_icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
target_sources(zulip-presence PRIVATE ${zp_icns})

configure_file(${zp_macos}/Info.plist.in ${CMAKE_CURRENT_BINARY_DIR}/Info.plist @ONLY)
set_target_properties(zulip-presence PROPERTIES
    MACOSX_BUNDLE ON
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_BINARY_DIR}/Info.plist)

# Qt frameworks and plugins (and QtKeychain) copied into the bundle, which then runs anywhere.
get_target_property(zp_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(zp_qt_bin ${zp_qmake} DIRECTORY)
find_program(ZP_MACDEPLOYQT macdeployqt HINTS ${zp_qt_bin} REQUIRED)
install(CODE "
    execute_process(COMMAND \"${ZP_MACDEPLOYQT}\" \"\${CMAKE_INSTALL_PREFIX}/zulip-presence.app\"
                            -always-overwrite
                    COMMAND_ERROR_IS_FATAL ANY)")

set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME "Zulip Presence")
set(CPACK_DMG_FORMAT UDZO)
