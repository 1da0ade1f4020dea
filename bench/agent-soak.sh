#!/bin/sh
# Whether the agent's memory stays flat while it runs: the real agent in a tray under Xvfb
# against a lively dev realm (coworkers come and go SPEED times faster than people do, the
# server asks for a report every 5 s instead of 60), the popup opened, searched and closed
# every minute. Prints its resident memory every minute.
#
#   sh bench/agent-soak.sh [--users N] [--minutes M] [--speed X] [--tls]
#
# A tray app runs for weeks: a few kilobytes lost per event or per open would show here as
# a steady climb after the first minutes.
set -eu
cd "$(dirname "$0")/.."
build=${ZP_BUILD_DIR:-$(pwd)/build}
users=1000 minutes=10 speed=30 tls=
while [ $# -gt 0 ]; do
    case $1 in
    --users) users=$2; shift 2 ;;
    --minutes) minutes=$2; shift 2 ;;
    --speed) speed=$2; shift 2 ;;
    --tls) tls=1; shift ;;
    *) echo "usage: $0 [--users N] [--minutes M] [--speed X] [--tls]" >&2; exit 2 ;;
    esac
done
for exe in app/zulip-presence tests/devrealm/zulip-devrealm; do
    [ -x "$build/$exe" ] || {
        echo "$build/$exe is missing; build it first: cmake --build build" >&2
        exit 2
    }
done
. bench/sandbox.sh # (the cd above made the repository the working directory)
export ZP_WORK="$work" ZP_BUILD="$build" ZP_USERS="$users" ZP_MINUTES="$minutes" ZP_SPEED="$speed"
export_realm_tls "$tls"

dbus-run-session -- xvfb-run -a -s "$xvfb_options" sh -c '
    set -eu
    . bench/desktop-rig.sh
    "$ZP_BUILD/tests/devrealm/zulip-devrealm" --port 0 --users "$ZP_USERS" --sim-speed "$ZP_SPEED" \
        --ping-interval 5 --longpoll-timeout 10 --rate-limit 0 $ZP_REALM_TLS \
        --write-zuliprc "$ZP_WORK/zuliprc" --log-requests "$ZP_WORK/requests" \
        >"$ZP_WORK/url" 2>/dev/null & realm=$!
    agent=
    cleanup() {
        [ -n "$agent" ] && kill $agent 2>/dev/null || true
        kill $realm 2>/dev/null || true
        stop_desktop_rig
    }
    trap cleanup EXIT
    sleep 2
    "$ZP_BUILD/app/zulip-presence" --zuliprc "$ZP_WORK/zuliprc" >/dev/null 2>"$ZP_WORK/stderr" &
    agent=$!
    mb() { awk -v k="$1:" "\$1 == k { printf \"%.1f MB\", \$2 / 1024 }" /proc/$agent/status; }
    count() { grep -c "$1" "$ZP_WORK/requests" 2>/dev/null || true; }
    echo "| minute | VmRSS | anonymous | reports so far | event polls so far | popup opens |"
    echo "|---:|---:|---:|---:|---:|---:|"
    opens=0
    minute=0
    while [ $minute -le "$ZP_MINUTES" ]; do
        kill -0 $agent 2>/dev/null || { echo "the agent ended:" >&2; cat "$ZP_WORK/stderr" >&2; exit 1; }
        if [ $minute -gt 0 ]; then
            # Open the list, search, clear the search, close it: rows, filter and avatars.
            # Counted only when a window of the agent did appear, and went again.
            windows() { xdotool search --onlyvisible --pid $agent 2>/dev/null | wc -l; }
            before=$(windows)
            xdotool mousemove 1268 14 click 1
            sleep 2
            shown=$(windows)
            xdotool type --delay 50 "an"
            sleep 1
            xdotool key --delay 50 BackSpace BackSpace Escape
            sleep 1
            [ "$shown" -gt "$before" ] && [ "$(windows)" -eq "$before" ] && opens=$((opens + 1))
            sleep 54
        else
            sleep 20
        fi
        echo "| $minute | $(mb VmRSS) | $(mb RssAnon) | $(count users/me/presence) |" \
            "$(count /api/v1/events) | $opens |"
        minute=$((minute + 1))
    done
'
