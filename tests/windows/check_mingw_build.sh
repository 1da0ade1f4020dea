#!/bin/sh
# Cross-compiles the Qt-free Win32 part of the Windows idle backend (GetLastInputInfo, WTS
# session notifications) with Debian's MinGW and checks that the executable imports exactly
# the system calls the backend is written against. It cannot run here (no Windows).
# Usage: check_mingw_build.sh SOURCE_DIR WORK_DIR
set -eu
src=$1
work=$2
cxx=x86_64-w64-mingw32-g++-posix
command -v "$cxx" >/dev/null 2>&1 || { echo "SKIP: $cxx not installed (g++-mingw-w64-x86-64)"; exit 77; }
mkdir -p "$work"
exe="$work/zp-windows-idle-probe.exe"
"$cxx" -std=c++20 -Wall -Wextra -Werror -O2 -I"$src/core" \
    "$src/tests/windows/probe.cpp" "$src/core/idle/sampled/IdleArithmetic.cpp" \
    "$src/core/idle/windows/WindowsSessionApi.cpp" \
    -static -luser32 -lwtsapi32 -o "$exe"
imports=$(x86_64-w64-mingw32-objdump -p "$exe")
for call in GetLastInputInfo GetTickCount WTSRegisterSessionNotification \
            WTSUnRegisterSessionNotification CreateWindowExW; do
    echo "$imports" | grep -q "$call" || { echo "FAIL: $exe does not import $call"; exit 1; }
done
echo "$imports" | grep -q 'DLL Name: WTSAPI32.dll\|DLL Name: wtsapi32.dll' ||
    { echo "FAIL: $exe does not link wtsapi32.dll"; exit 1; }
echo "OK: $exe ($(wc -c < "$exe") bytes) imports GetLastInputInfo and the WTS session calls"
