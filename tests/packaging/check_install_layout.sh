#!/bin/sh
# `cmake --install` with prefix /usr into an empty DESTDIR lays out exactly the expected files:
# the agent (not the dev realm), its menu entry, metadata, icons, manual page and Debian docs,
# and every PNG icon has the size its folder names.
set -eu
build=$1
root=$2
rm -rf "$root"
DESTDIR="$root" cmake --install "$build" --prefix /usr >/dev/null
actual=$(cd "$root" && find . -type f | sed 's|^\./||' | sort)
expected=$(
    {
        echo usr/bin/zulip-presence
        echo usr/share/applications/zulip-presence.desktop
        echo usr/share/metainfo/io.github.zulip_presence.ZulipPresence.metainfo.xml
        echo usr/share/icons/hicolor/scalable/apps/zulip-presence.svg
        for size in 16 22 24 32 48 64 128 256; do
            echo "usr/share/icons/hicolor/${size}x${size}/apps/zulip-presence.png"
        done
        echo usr/share/man/man1/zulip-presence.1.gz
        echo usr/share/doc/zulip-presence/copyright
        echo usr/share/doc/zulip-presence/changelog.gz
    } | sort
)
if [ "$actual" != "$expected" ]; then
    echo "FAIL: installed files differ from the expected layout (< expected, > installed):"
    printf '%s\n' "$expected" >"$root.expected"
    printf '%s\n' "$actual" >"$root.actual"
    diff "$root.expected" "$root.actual" || true
    exit 1
fi
[ -x "$root/usr/bin/zulip-presence" ] || { echo "FAIL: the agent is not executable"; exit 1; }
for png in "$root"/usr/share/icons/hicolor/*x*/apps/zulip-presence.png; do
    folder=$(basename "$(dirname "$(dirname "$png")")")
    # PNG IHDR: width and height as big-endian 32-bit numbers at bytes 16..23.
    size=$(od -An -tu1 -j16 -N8 "$png" | awk '{ printf "%dx%d", $3 * 256 + $4, $7 * 256 + $8 }')
    [ "$size" = "$folder" ] || { echo "FAIL: $png is $size"; exit 1; }
done
echo "PASS: $(echo "$actual" | wc -l) files in the expected places"
