# Windows: a GUI-subsystem executable with its icon, Qt deployed beside it by windeployqt, and
# an NSIS installer. Written for a Windows machine with Qt 6 (MSVC), CMake and NSIS; not built
# on the project's Linux CI.

set(zp_windows ${CMAKE_CURRENT_SOURCE_DIR}/windows)
set(zp_ico ${CMAKE_CURRENT_BINARY_DIR}/zulip-presence.ico)
add_custom_command(OUTPUT ${zp_ico}
    COMMAND zp-render-icon ${ZP_ICON_SVG} ${zp_ico} 256
    DEPENDS zp-render-icon ${ZP_ICON_SVG}
    COMMENT "Rendering the Windows icon")
configure_file(${zp_windows}/zulip-presence.rc.in ${CMAKE_CURRENT_BINARY_DIR}/zulip-presence.rc
               @ONLY)
# No console window behind the tray icon. (--status and --help then print nothing in cmd.exe;
# run them with `zulip-presence.exe --status | more`.)
set_target_properties(zulip-presence PROPERTIES WIN32_EXECUTABLE ON)
target_sources(zulip-presence PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/zulip-presence.rc ${zp_ico})

# Qt's DLLs and plugins next to the executable, then the libraries Qt does not know about.
get_target_property(zp_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(zp_qt_bin ${zp_qmake} DIRECTORY)
find_program(ZP_WINDEPLOYQT windeployqt HINTS ${zp_qt_bin} REQUIRED)
install(CODE "
    execute_process(COMMAND \"${ZP_WINDEPLOYQT}\" --no-translations --no-system-d3d-compiler
                            --no-opengl-sw \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/zulip-presence.exe\"
                    COMMAND_ERROR_IS_FATAL ANY)")
install(IMPORTED_RUNTIME_ARTIFACTS qt6keychain RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
include(InstallRequiredSystemLibraries)

set(CPACK_GENERATOR NSIS)
set(CPACK_NSIS_DISPLAY_NAME "Zulip Presence")
set(CPACK_NSIS_PACKAGE_NAME "Zulip Presence")
set(CPACK_NSIS_MUI_ICON ${zp_ico})
set(CPACK_NSIS_MUI_UNIICON ${zp_ico})
set(CPACK_NSIS_INSTALLED_ICON_NAME "${CMAKE_INSTALL_BINDIR}\\\\zulip-presence.exe")
set(CPACK_NSIS_URL_INFO_ABOUT ${ZP_HOMEPAGE})
set(CPACK_NSIS_EXECUTABLES_DIRECTORY ${CMAKE_INSTALL_BINDIR})
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MUI_FINISHPAGE_RUN zulip-presence.exe)
# "Start at login" lives in the Run key (core/platform/Autostart.cpp): uninstalling removes it,
# so Windows does not try to start a program that is gone.
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS
    "DeleteRegValue HKCU 'Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run' 'Zulip Presence'")
