#!/bin/sh
# README command (1): installs what is missing, builds, and starts the agent. Without a
# configured account it first starts the bundled dev realm (a local Zulip-compatible server
# with simulated coworkers) and points the agent at it.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

sh packaging/debian-deps.sh run
build=${ZP_BUILD_DIR:-$root/build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# Only what this needs; the test suite is command 2's business.
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target zulip-presence zulip-devrealm

agent="$build/app/zulip-presence"
realm="$build/tests/devrealm/zulip-devrealm"
config="${XDG_CONFIG_HOME:-$HOME/.config}/zulip-presence/zulip-presence.conf"

set --
if [ -n "${ZULIPRC:-}" ]; then
    set -- --zuliprc "$ZULIPRC"
elif [ -f "$HOME/.zuliprc" ] || grep -qs '^zuliprc=' "$config" ||
     { grep -qs '^server=' "$config" && grep -qs '^email=' "$config"; }; then
    : # the agent finds the account itself
else
    work=$(mktemp -d)
    # Ctrl+C reaches the realm too, so the kill may find it gone: clean up regardless.
    trap 'kill "$realm_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
    trap 'exit 130' INT TERM
    "$realm" --port 0 --users 40 --sim-speed 10 --write-zuliprc "$work/zuliprc" >"$work/realm.out" 2>"$work/realm.err" &
    realm_pid=$!
    for _ in $(seq 100); do [ -s "$work/realm.out" ] && break; sleep 0.1; done
    echo "No Zulip account configured: using the dev realm at $(head -n1 "$work/realm.out") (simulated coworkers)."
    set -- --zuliprc "$work/zuliprc"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    # No desktop here (a server or a container): run in a virtual X server with a tray panel
    # and say where the screenshot is, so the set-up can still be checked.
    echo "No display found: running in a virtual X server (Xvfb) with a tray; Ctrl+C to stop."
    shot="$root/build/agent-screenshot.png"
    xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp -noreset" sh -c '
        trayer --edge top --align right --widthtype request --height 28 2>/dev/null & sleep 1
        "$0" "$@" & pid=$!
        # A click on the tray icon (the only one, at the right end of the panel) opens the
        # popup, so the screenshot shows what a person would see.
        sleep 5; command -v xdotool >/dev/null && xdotool mousemove 1268 14 click 1 && sleep 1
        command -v import >/dev/null && import -window root "'"$shot"'" && echo "Screenshot: '"$shot"' (the popup opened from the tray icon)"
        wait $pid' "$agent" "$@"
else
    "$agent" "$@"
fi
