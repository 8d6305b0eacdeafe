#!/bin/bash
# Fetches Debian's armhf xz-utils and coreutils with the libraries they link (libc6, liblzma5,
# libacl1, libattr1, libselinux1, libpcre2-8-0, libgmp10) and unpacks them into a sysroot for
# `./dynvm run -L SYSROOT SYSROOT/usr/bin/xz`: the sysroot of arm-frontend's DebianToolsTest
# (issue 17: `xz -T2 -6` round trip, `ls -ls` and `du -s` against the host's). About 4 MB of
# packages; a separate sysroot so the python one (bench/fetch-python.sh) stays as it is.
# The download is fetch-debs.sh's (the host's dpkg architectures untouched). Prints the sysroot's
# path; exits 0 even when the download is impossible (the test then skips with the reason).
#
#   fetch-userland.sh        DYNVM_CACHE  cache root (default ~/.cache/dynvm) -> $DYNVM_CACHE/userland-armhf/
set -uo pipefail
arch=armhf
root=${DYNVM_CACHE:-$HOME/.cache/dynvm}
dest=$root/userland-$arch
if [ -x "$dest/usr/bin/xz" ] && [ -x "$dest/bin/ls" ] && [ -x "$dest/usr/bin/du" ]; then echo "$dest"; exit 0; fi
mkdir -p "$root" || exit 0
work=$(mktemp -d "$root/userland-apt.XXXXXX") || exit 0
trap 'rm -rf "$work"' EXIT
bash "$(dirname "${BASH_SOURCE[0]}")/fetch-debs.sh" fetch-userland "$arch" "$work" \
    xz-utils liblzma5 coreutils libc6 libacl1 libattr1 libselinux1 libpcre2-8-0 libgmp10 || exit 0
[ -x "$work/x/usr/bin/xz" ] && [ -x "$work/x/bin/ls" ] || { echo "fetch-userland: no usr/bin/xz or bin/ls in the packages; skipped" >&2; exit 0; }
# Swapped in by renames: a run still using the old sysroot keeps its open files.
if [ -e "$dest" ]; then mv "$dest" "$work/old" || exit 0; fi
mv "$work/x" "$dest" || exit 0
echo "$dest"
