# Sourced by the benchmark scripts inside their private X server and session bus (ZP_WORK set):
# a private system bus carrying a NetworkManager mock, as on a desktop (without one Qt falls
# back to GLib's network monitor, 1.5 MB more), and a tray panel at the top right.
# stop_desktop_rig ends them.
eval "$(dbus-daemon --session --fork --print-address=1 --print-pid=3 3>"$ZP_WORK/sysbus.pid" |
    sed "s/^/DBUS_SYSTEM_BUS_ADDRESS=/; s/\$/; export DBUS_SYSTEM_BUS_ADDRESS/")"
/usr/bin/python3 -m dbusmock --system --template networkmanager >/dev/null 2>&1 &
rig_nm=$!
trayer --edge top --align right --widthtype request --height 28 &
rig_tray=$!
stop_desktop_rig() {
    kill $rig_tray $rig_nm 2>/dev/null || true
    kill "$(cat "$ZP_WORK/sysbus.pid")" 2>/dev/null || true
}
