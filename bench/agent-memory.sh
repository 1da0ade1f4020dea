#!/bin/sh
# Resident memory of the real agent in a tray, popup open, against the dev realm with N
# coworkers, and of a bare Qt tray app (bench_bare_tray) on the same X server, tray and buses.
# A private system bus carries a NetworkManager mock, as on a desktop, so Qt's network
# information comes from NetworkManager over D-Bus as it would there.
#
#   sh bench/agent-memory.sh [--users N] [--tls]
#
# --tls serves the dev realm over https (a self-signed certificate, given to the agent as
# cert_bundle), so the figure includes OpenSSL, as with every real server.
set -eu
cd "$(dirname "$0")/.."
build=${ZP_BUILD_DIR:-$(pwd)/build}
users=10000 tls=
while [ $# -gt 0 ]; do
    case $1 in
    --users) users=$2; shift 2 ;;
    --tls) tls=1; shift ;;
    *) echo "usage: $0 [--users N] [--tls]" >&2; exit 2 ;;
    esac
done
for exe in app/zulip-presence tests/devrealm/zulip-devrealm bench/bench_bare_tray bench/bench_bare_tray_fetch; do
    [ -x "$build/$exe" ] || {
        echo "$build/$exe is missing; build it first:" >&2
        echo "    cmake --build build --target zulip-presence zulip-devrealm bench_bare_tray bench_bare_tray_fetch" >&2
        exit 2
    }
done
. bench/sandbox.sh # (the cd above made the repository the working directory)
export ZP_WORK="$work" ZP_BUILD="$build" ZP_USERS="$users"
export_realm_tls "$tls"

dbus-run-session -- xvfb-run -a -s "$xvfb_options" sh -c '
    set -eu
    . bench/desktop-rig.sh
    "$ZP_BUILD/tests/devrealm/zulip-devrealm" --port 0 --users "$ZP_USERS" --static \
        $ZP_REALM_TLS --write-zuliprc "$ZP_WORK/zuliprc" --log-requests "$ZP_WORK/requests" \
        >"$ZP_WORK/url" 2>/dev/null & realm=$!
    # Whatever happens below, nothing is left running.
    cleanup() {
        kill $realm 2>/dev/null || true
        stop_desktop_rig
    }
    trap cleanup EXIT
    sleep 2
    measure() { # label, command...
        label=$1; shift
        "$@" >/dev/null 2>"$ZP_WORK/stderr" & pid=$!
        mb() { awk -v k="$1:" "\$1 == k { printf \"%.1f MB\", \$2 / 1024 }" "$2"; }
        row() {
            echo "| $label | $1 | $(mb VmRSS /proc/$pid/status) | $(mb RssAnon /proc/$pid/status) |" \
                "$(mb RssFile /proc/$pid/status) | $(mb Pss /proc/$pid/smaps_rollup) |" \
                "$(mb VmHWM /proc/$pid/status) |"
        }
        sleep 8
        # Ended already: no figures (the caller says why, with its stderr).
        kill -0 $pid 2>/dev/null || return 0
        row "in the tray"
        xdotool mousemove 1268 14 click 1
        sleep 3
        # Only a visible popup makes the second row mean what it says.
        if [ "$(xdotool search --onlyvisible --pid $pid 2>/dev/null | wc -l)" -lt 2 ]; then
            echo "| $label | popup did not open | | | | | |"
        else
            row "popup open"
        fi
        kill $pid 2>/dev/null || true
        wait $pid 2>/dev/null || true
    }
    measure "zulip-presence, $ZP_USERS coworkers$([ -n "$ZP_REALM_TLS" ] && echo ", https" || echo ", http")" \
        "$ZP_BUILD/app/zulip-presence" --zuliprc "$ZP_WORK/zuliprc" >"$ZP_WORK/agent-rows"
    # A figure from an agent that never got through would mean nothing: none is printed.
    reports=$(grep -c "users/me/presence" "$ZP_WORK/requests" 2>/dev/null || true)
    if [ "${reports:-0}" -eq 0 ]; then
        echo "The agent did not report to the dev realm, so its memory means nothing." >&2
        echo "What it said on stderr:" >&2
        sed "s/^/    /" "$ZP_WORK/stderr" >&2
        exit 1
    fi
    measure "bare Qt tray app" "$ZP_BUILD/bench/bench_bare_tray" >"$ZP_WORK/bare-rows"
    # The same with one request to the dev realm (https with --tls): the floor for any Qt
    # tray app that talks to a server.
    site=$(head -n1 "$ZP_WORK/url")
    set -- --fetch "$site/api/v1/server_settings"
    [ -n "$ZP_REALM_TLS" ] && set -- "$@" --ca "$ZP_WORK/cert.pem"
    measure "bare Qt tray app + one request" "$ZP_BUILD/bench/bench_bare_tray_fetch" "$@" \
        >>"$ZP_WORK/bare-rows"
    grep -q "fetch: HTTP 200" "$ZP_WORK/stderr" ||
        echo "| (the bare app request failed: $(cat "$ZP_WORK/stderr")) | | | | | | |" >>"$ZP_WORK/bare-rows"
    echo "| process | state | VmRSS | anonymous | file-backed | Pss | peak so far |"
    echo "|---|---|---:|---:|---:|---:|---:|"
    cat "$ZP_WORK/agent-rows" "$ZP_WORK/bare-rows"
    echo
    echo "reports the dev realm received from the agent: $reports"
'
