#!/bin/sh
# Runs bench_popup (10 000 coworkers unless told otherwise) in its own Xvfb with a tray panel,
# a private session bus and a throwaway HOME. Figures go to docs/PERFORMANCE.md.
#
#   sh bench/run-popup-bench.sh [--users N] [--opens K]
set -eu
cd "$(dirname "$0")/.."
build=${ZP_BUILD_DIR:-$(pwd)/build}
[ -x "$build/bench/bench_popup" ] || { echo "build first (cmake --build build --target bench_popup)" >&2; exit 2; }
. bench/sandbox.sh # (the cd above made the repository the working directory)
dbus-run-session -- xvfb-run -a -s "$xvfb_options" sh -c '
    trayer --edge top --align right --widthtype request --height 28 & tray=$!
    sleep 1
    "$0" "$@"; rc=$?
    kill $tray 2>/dev/null; exit $rc' "$build/bench/bench_popup" "$@"
