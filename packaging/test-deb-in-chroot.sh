#!/bin/sh
# The .deb end to end: builds it with CPack, checks it with lintian, installs it with apt-get
# into a clean Debian 12 root (debootstrap --variant=minbase bookworm) and runs the installed
# agent there: --help, --version, and --status against the dev realm on this machine's
# 127.0.0.1 (a chroot shares the network). Then removes it again.
#
#   sh packaging/test-deb-in-chroot.sh [BUILD_DIR]     (default: build; needs root)
#
# Slow (minutes: debootstrap and Qt's packages), so not part of `sh tests/run-all-tests.sh`.
# The debootstrap tarball and the downloaded .debs are cached under BUILD_DIR/deb-chroot-cache.
set -eu
cd "$(dirname "$0")/.."
source_dir=$(pwd)
build=$(realpath -m "${1:-$source_dir/build}")
started=$(date +%s)
step() { echo "== $* ($(($(date +%s) - started)) s)"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "run as root: debootstrap and chroot need it."

step "packages"
sh packaging/debian-deps.sh package

step "build"
cmake -S . -B "$build" -DZP_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j2 --target zulip-presence zp_desktop_files zulip-devrealm
packages="$build/deb-packages"
rm -rf "$packages"
(cd "$build" && cpack -G DEB -B "$packages" >/dev/null)
deb=$(ls "$packages"/zulip-presence_*.deb)
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

step "package contents"
dpkg-deb -I "$deb"
for script in preinst postinst prerm postrm config; do
    dpkg-deb -I "$deb" "$script" >/dev/null 2>&1 && fail "the package has a $script script"
done
dpkg-deb -f "$deb" Depends | grep -q 'libqt6widgets6' || fail "Depends was not computed"

step "lintian"
# Errors fail; warnings fail unless packaging/linux/lintian-explained lists (and explains) them.
lintian --fail-on error,warning --suppress-tags-from-file packaging/linux/lintian-explained \
    --display-info "$deb"

step "clean Debian 12 root"
# The mirror this machine's apt already uses (deb822 or one-line sources), else Debian's own.
mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\/debian\)[[:space:]]*$/\1/p' \
             /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
[ -n "$mirror" ] || mirror=$(sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\)[[:space:]]\+bookworm[[:space:]].*/\2/p' \
                               /etc/apt/sources.list 2>/dev/null | head -n1)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
cache="$build/deb-chroot-cache"
tarball="$cache/bookworm-minbase.tgz"
mkdir -p "$cache/archives/partial"
if [ ! -s "$tarball" ]; then
    rm -rf "$cache/make-tarball"
    debootstrap --variant=minbase --make-tarball="$tarball" bookworm "$cache/make-tarball" "$mirror"
    rm -rf "$cache/make-tarball"
fi
root="$build/deb-chroot"
realm_pid=""
cleanup() {
    [ -n "$realm_pid" ] && kill "$realm_pid" 2>/dev/null
    for m in "$root/var/cache/apt/archives" "$root/dev" "$root/proc"; do
        mountpoint -q "$m" 2>/dev/null && umount -l "$m"
    done
    return 0
}
trap cleanup EXIT INT TERM
cleanup
rm -rf "$root"
debootstrap --variant=minbase --unpack-tarball="$tarball" bookworm "$root" "$mirror" >/dev/null
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
echo "deb $mirror bookworm main" >"$root/etc/apt/sources.list"
# The host's way of reaching the mirror (proxy, validity checks of snapshot mirrors).
apt-config dump | grep -E '^Acquire::(Check-Valid-Until|Check-Date|https?::Proxy) ' \
    >"$root/etc/apt/apt.conf.d/00host" || true
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

step "apt-get install ./$(basename "$deb")"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$deb")" >/dev/null
for f in /usr/bin/zulip-presence /usr/share/applications/zulip-presence.desktop \
    /usr/share/metainfo/io.github.zulip_presence.ZulipPresence.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/zulip-presence.svg \
    /usr/share/icons/hicolor/48x48/apps/zulip-presence.png; do
    [ -f "$root$f" ] || fail "$f is not installed"
done

step "the installed agent"
in_root zulip-presence --help | grep -q '^Usage: zulip-presence' || fail "--help"
version=$(in_root zulip-presence --version)
[ "$version" = "zulip-presence $(sed -n 's/^project(zulip-presence VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)" ] ||
    fail "--version said: $version"
"$build/tests/devrealm/zulip-devrealm" --port 0 --users 6 --write-zuliprc "$root/tmp/zuliprc" \
    >"$build/deb-chroot-realm.out" 2>"$build/deb-chroot-realm.err" &
realm_pid=$!
for _ in $(seq 100); do [ -s "$build/deb-chroot-realm.out" ] && break; sleep 0.1; done
[ -s "$root/tmp/zuliprc" ] || fail "the dev realm did not start"
status=$(in_root zulip-presence --status --json --zuliprc /tmp/zuliprc) || fail "--status exited $?"
echo "$status" | python3 -c '
import json, sys
rows = json.load(sys.stdin)
# 6 accounts: yourself (10), a bot (11) and a deactivated user (12) are never listed.
assert isinstance(rows, list) and sorted(r["user_id"] for r in rows) == [13, 14, 15], rows
assert all(r["status"] in ("active", "idle", "offline") and r["email"] for r in rows), rows
print("--status in the chroot listed", len(rows), "coworkers")'

step "apt-get remove"
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq zulip-presence >/dev/null
[ ! -e "$root/usr/bin/zulip-presence" ] || fail "remove left the binary"
[ ! -e "$root/usr/share/applications/zulip-presence.desktop" ] || fail "remove left the menu entry"

step "PASS"
