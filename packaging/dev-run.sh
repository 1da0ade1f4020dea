#!/bin/sh
# README command (1): installs what is missing, builds, and starts the agent. Without a
# configured account it first starts the bundled dev realm (a local Zulip-compatible server
# with simulated coworkers) and points the agent at it.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

sh packaging/debian-deps.sh run
build=${ZP_BUILD_DIR:-$root/build}
# ZP_BUILD_TESTS=ON: the dev realm lives with the tests, and a build folder once configured
# without them (an install recipe) must not stay that way.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZP_BUILD_TESTS=ON >/dev/null
# Only what this needs; the test suite is command 2's business. Progress goes to stderr:
# stdout is the agent's (--status --json | jq).
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target zulip-presence zulip-devrealm >&2

agent="$build/app/zulip-presence"
realm="$build/tests/devrealm/zulip-devrealm"
config="${XDG_CONFIG_HOME:-$HOME/.config}/zulip-presence/zulip-presence.conf"

# Outside a desktop session (ssh, a container, root): the folder Qt would pick itself, made
# here so that it does not warn; the agents of one person still find each other in it.
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
    XDG_RUNTIME_DIR="/tmp/runtime-$(id -un)"
    mkdir -p -m 700 "$XDG_RUNTIME_DIR"
    export XDG_RUNTIME_DIR
fi

# Whatever is started here is stopped on the way out, Ctrl+C included.
work=$(mktemp -d)
realm_pid= xvfb_pid= tray_pid= agent_pid= bus_pid=
cleanup() {
    # A second Ctrl+C must not cut this short and leave the rest running.
    trap '' INT TERM
    # The agent first, so it gives its event queue back while its X server is still there.
    [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null && wait "$agent_pid" 2>/dev/null
    for pid in $tray_pid $xvfb_pid $realm_pid $bus_pid; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP # the terminal was closed: the same as Ctrl+C
# An X display without a session bus (a virtual one, ssh -X): one of its own, stopped on the
# way out. Left to itself, D-Bus would start one for the display that outlives the agent, with
# files in the home. A desktop's bus at $XDG_RUNTIME_DIR/bus is used as it is.
own_session_bus() {
    [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ ! -S "$XDG_RUNTIME_DIR/bus" ] || return 0
    DBUS_SESSION_BUS_ADDRESS=$(dbus-daemon --session --fork --print-address=1 \
        --print-pid=3 3>"$work/bus.pid") || fail "the session bus (dbus-daemon) did not start"
    bus_pid=$(cat "$work/bus.pid")
    export DBUS_SESSION_BUS_ADDRESS
}
fail() { # what failed, and its own words
    echo "dev-run: $1" >&2
    [ -s "${2:-}" ] && sed 's/^/    /' "$2" >&2
    exit 1
}

# Options are the agent's (sh packaging/dev-run.sh --zuliprc ~/zuliprc --idle-after 60).
given_account= one_shot= no_gui=
for arg in "$@"; do
    case $arg in
    --zuliprc | --zuliprc=*) given_account=1 ;;
    # These print and end: no account, dev realm or virtual X server for them.
    --help | -h | --version | -v | --diagnose) one_shot=1 ;;
    # These need an account (the dev realm if there is none) but no display.
    --status | --headless) no_gui=1 ;;
    esac
done
if [ -n "$one_shot" ]; then
    exec "$agent" "$@"
elif [ -n "$given_account" ]; then
    : # the agent's own --zuliprc
elif [ -f "$HOME/.zuliprc" ] || grep -qs '^zuliprc=' "$config" ||
     { grep -qs '^server=' "$config" && grep -qs '^email=' "$config"; }; then
    : # the agent finds the account itself
else
    # setsid: Ctrl+C is for the agent; the realm is stopped after it, by cleanup.
    setsid "$realm" --port 0 --users 40 --sim-speed 10 --write-zuliprc "$work/zuliprc" \
        >"$work/realm.out" 2>"$work/realm.err" &
    realm_pid=$!
    for _ in $(seq 100); do [ -s "$work/realm.out" ] && break; sleep 0.1; done
    [ -s "$work/realm.out" ] || fail "the dev realm did not start:" "$work/realm.err"
    echo "No Zulip account configured: using the dev realm at $(head -n1 "$work/realm.out") (simulated coworkers)." >&2
    set -- --zuliprc "$work/zuliprc" "$@"
    # The demo's settings and avatar cache go with it: a setting saved against a realm that
    # is gone on exit, or its made-up people's pictures, have no place in the person's own.
    XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
    export XDG_CONFIG_HOME XDG_CACHE_HOME
fi

if [ -n "$no_gui" ]; then
    "$agent" "$@" &
    agent_pid=$!
elif [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    # No desktop here (a server or a container): run in a virtual X server with a tray panel
    # and say where the screenshot is, so the set-up can still be checked. The X server and
    # the panel are out of Ctrl+C's reach (setsid) and outlive the agent.
    echo "No display found: running in a virtual X server (Xvfb) with a tray; Ctrl+C to stop." >&2
    setsid Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset \
        3>"$work/display" >/dev/null 2>"$work/xvfb.err" &
    xvfb_pid=$!
    for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
    [ -s "$work/display" ] || fail "the virtual X server (Xvfb) did not start:" "$work/xvfb.err"
    DISPLAY=":$(cat "$work/display")"
    export DISPLAY
    own_session_bus
    setsid trayer --edge top --align right --widthtype request --height 28 2>/dev/null &
    tray_pid=$!
    sleep 1
    "$agent" "$@" &
    agent_pid=$!
    # A click on the tray icon (the only one, at the right end of the panel) opens the popup,
    # so the screenshot shows what a person would see.
    # (sleep in the background, so Ctrl+C is not held until it ends)
    shot="$build/agent-screenshot.png"
    sleep 5 & wait $!
    if kill -0 "$agent_pid" 2>/dev/null && command -v xdotool >/dev/null &&
        xdotool mousemove 1268 14 click 1 && { sleep 1 & wait $!; } &&
        kill -0 "$agent_pid" 2>/dev/null && command -v import >/dev/null &&
        import -window root "$shot"; then
        echo "Screenshot: $shot (the popup opened from the tray icon)" >&2
    fi
else
    own_session_bus
    "$agent" "$@" &
    agent_pid=$!
fi
# The agent's own exit status is the script's (a refused key, a broken zuliprc...).
status=0
wait "$agent_pid" || status=$?
agent_pid=
exit "$status"
