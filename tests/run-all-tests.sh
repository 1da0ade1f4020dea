#!/bin/sh
# README command (2): installs what is missing, builds everything, and runs every test.
# Each test run gets a private X server, a private D-Bus session bus and a throwaway HOME, so
# nothing of the person's own desktop, keyring or settings is read or touched.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

sh packaging/debian-deps.sh test

build=${ZP_BUILD_DIR:-$root/build}
jobs=$(nproc 2>/dev/null || echo 2)
# ZP_BUILD_TESTS=ON: a build folder once configured without tests (an install recipe) would
# otherwise stay so, and "no tests" must never pass.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZP_BUILD_TESTS=ON
cmake --build "$build" -j"$jobs"

sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
mkdir -m 700 "$sandbox/home" "$sandbox/runtime"
export HOME="$sandbox/home" XDG_RUNTIME_DIR="$sandbox/runtime"
export XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache" XDG_DATA_HOME="$HOME/.local/share"
unset XDG_SESSION_TYPE WAYLAND_DISPLAY http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY='*' no_proxy='*'

# Tests run one at a time: several start X servers and measure timing on a 2-core machine.
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp -noreset" \
    ctest --test-dir "$build" --output-on-failure --no-tests=error --timeout 300 "$@"
