#!/bin/sh
# Installs, with apt-get, the Debian 12 packages that are missing for building and running
# zulip-presence ("run"), for building it and running every test ("test"), or for also
# building and checking the .deb in a clean Debian root ("package").
# Only missing packages are installed, so a second run costs one dpkg query.
set -eu
profile=${1:-run}

# qt6-websockets-dev: Qt6HttpServer's CMake config needs it but Debian does not depend on it.
# dpkg-dev and file: the README's .deb recipe (CPack) needs dpkg-shlibdeps to list the Qt
# libraries the package depends on, and stops without file.
build="cmake g++ make pkg-config dpkg-dev file qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qtkeychain-qt6-dev libxss-dev libxext-dev libx11-dev
  libsimdjson-dev zlib1g-dev libwayland-dev wayland-protocols plasma-wayland-protocols"
# Runtime pieces that Debian only recommends: the Qt platform plugins, the SVG icon loader, Qt's
# own translations (its buttons in the person's language), the keyring and libsecret
# (QtKeychain loads it at run time to reach the keyring).
runtime="qt6-qpa-plugins libqt6svg6 qt6-image-formats-plugins qt6-translations-l10n gnome-keyring libsecret-1-0
  dbus xvfb xauth trayer"
tests="xdotool x11-utils imagemagick libglib2.0-bin libsecret-tools python3 python3-dbusmock
  python3-yaml python3-jsonschema clang-format desktop-file-utils appstream openssl
  sway wtype mutter kwin-wayland g++-mingw-w64-x86-64"
# Command 1 on a machine without a desktop clicks the tray icon and saves a screenshot of the
# virtual X server with the popup open.
demo="imagemagick xdotool"
# Only for packaging/test-deb-in-chroot.sh (slow, not in the default test run).
package="lintian debootstrap"

case "$profile" in
run) wanted="$build $runtime $demo" ;;
test) wanted="$build $runtime $tests" ;;
package) wanted="$build $runtime $tests $package" ;;
*) echo "usage: $0 [run|test|package]" >&2; exit 2 ;;
esac

missing=""
for p in $wanted; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
