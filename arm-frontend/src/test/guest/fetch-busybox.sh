#!/bin/bash
# Fetches Debian's busybox-static for armel (ARMv5TE, soft-float) or armhf (ARMv7-A Thumb-2,
# VFPv3-D16): a real binary nobody here wrote, into a cache folder, for BusyboxTest. Never changes the host's dpkg architectures or apt state: apt runs
# with private list and cache directories under the cache folder and is told about the foreign
# architecture only for this call (APT::Architectures), so `dpkg --print-foreign-architectures` stays as it was.
# Prints the binary's path. Exits 0 even when the download is impossible (no apt, no network):
# the tests then skip with a message. Re-running with the binary present does nothing.
#
#   fetch-busybox.sh [armel|armhf]   (default armel)
#   DYNVM_CACHE  cache root (default ~/.cache/dynvm); the binary lands in $DYNVM_CACHE/busybox-ARCH/busybox
set -uo pipefail
arch=${1:-armel}
case $arch in armel|armhf) ;; *) echo "fetch-busybox: unknown architecture $arch (armel, armhf)" >&2; exit 0 ;; esac
root=${DYNVM_CACHE:-$HOME/.cache/dynvm}
dest=$root/busybox-$arch
bin=$dest/busybox
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || { echo "fetch-busybox: no apt-get/dpkg-deb; skipped" >&2; exit 0; }
mkdir -p "$dest" || exit 0
work=$(mktemp -d "$dest/apt.XXXXXX") || exit 0
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
apt=(-o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
     -o "APT::Architectures::=$(dpkg --print-architecture)" -o "APT::Architectures::=$arch"
     -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)" -q)
# A failed index (a mirror mid-sync, often the security suite) is not fatal: the download below
# works as long as some index lists the package.
if ! apt-get "${apt[@]}" update >"$work/log" 2>&1; then
    echo "fetch-busybox: apt-get update reported errors; trying the download anyway" >&2; grep '^E:' "$work/log" | head -2 >&2
fi
if ! (cd "$work" && apt-get "${apt[@]}" download busybox-static:$arch >>"$work/log" 2>&1); then
    echo "fetch-busybox: apt-get download busybox-static:$arch failed; skipped" >&2; tail -3 "$work/log" >&2; exit 0
fi
deb=$(ls "$work"/busybox-static_*_"$arch".deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "fetch-busybox: no .deb downloaded; skipped" >&2; exit 0; }
dpkg-deb -x "$deb" "$work/x" || { echo "fetch-busybox: cannot extract $deb; skipped" >&2; exit 0; }
cp "$work/x/bin/busybox" "$bin.tmp" && chmod +x "$bin.tmp" && mv "$bin.tmp" "$bin" || exit 0
basename "$deb" >"$dest/VERSION"
echo "$bin"
