#!/bin/sh
# The menu entry, the AppStream metadata and the autostart entry the agent writes all pass the
# freedesktop.org validators (exit 1 on any error or warning; 77 when a validator is missing).
set -eu
source_dir=$1
for tool in desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null ||
        { echo "SKIP: $tool is missing (sh packaging/debian-deps.sh test installs it)"; exit 77; }
done
linux="$source_dir/packaging/linux"
out=$(desktop-file-validate "$linux/zulip-presence.desktop" 2>&1) || true
[ -z "$out" ] || { echo "$out"; echo "FAIL: zulip-presence.desktop"; exit 1; }
appstreamcli validate --no-net --no-color "$linux"/*.metainfo.xml
# appstreamcli exits 0 on warnings; warnings count as failures here.
appstreamcli validate --no-net --no-color "$linux"/*.metainfo.xml | grep -q '^W:' &&
    { echo "FAIL: metainfo has warnings"; exit 1; }
echo "PASS: desktop entry and metainfo validate"
