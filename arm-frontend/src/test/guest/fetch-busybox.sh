#!/bin/bash
# Fetches Debian's busybox-static for armel (ARMv5TE, soft-float) or armhf (ARMv7-A Thumb-2,
# VFPv3-D16): a real binary nobody here wrote, into a cache folder, for BusyboxTest. Never changes the host's dpkg architectures or apt state
# (fetch-debs.sh does the download).
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
mkdir -p "$dest" || exit 0
work=$(mktemp -d "$dest/apt.XXXXXX") || exit 0
trap 'rm -rf "$work"' EXIT
bash "$(dirname "${BASH_SOURCE[0]}")/fetch-debs.sh" fetch-busybox "$arch" "$work" busybox-static || exit 0
cp "$work/x/bin/busybox" "$bin.tmp" && chmod +x "$bin.tmp" && mv "$bin.tmp" "$bin" || exit 0
cp "$work/x/VERSIONS" "$dest/VERSION"
echo "$bin"
