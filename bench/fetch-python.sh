#!/bin/bash
# Fetches Debian's python3.11 for armhf (python3.11-minimal, libpython3.11-minimal and the
# libraries they link: libc6, libgcc-s1, zlib1g, libexpat1) and unpacks them into a sysroot for
# `./dynvm run -L SYSROOT SYSROOT/usr/bin/python3.11`, the start-up workload of bench/report.sh.
# The download is arm-frontend/src/test/guest/fetch-debs.sh's, as for the tests' busybox: apt with
# private list and cache directories, the host's dpkg architectures untouched. Prints the sysroot's path; exits 0 even
# when the download is impossible (the report then lists the workload as skipped).
#
#   fetch-python.sh          DYNVM_CACHE  cache root (default ~/.cache/dynvm) -> $DYNVM_CACHE/python-armhf/
set -uo pipefail
arch=armhf
root=${DYNVM_CACHE:-$HOME/.cache/dynvm}
dest=$root/python-$arch
if [ -x "$dest/usr/bin/python3.11" ]; then echo "$dest"; exit 0; fi
mkdir -p "$root" || exit 0
work=$(mktemp -d "$root/python-apt.XXXXXX") || exit 0
trap 'rm -rf "$work"' EXIT
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bash "$here/../arm-frontend/src/test/guest/fetch-debs.sh" fetch-python "$arch" "$work" \
    python3.11-minimal libpython3.11-minimal libc6 libgcc-s1 zlib1g libexpat1 || exit 0
[ -x "$work/x/usr/bin/python3.11" ] || { echo "fetch-python: no usr/bin/python3.11 in the packages; skipped" >&2; exit 0; }
rm -rf "$dest" && mv "$work/x" "$dest" || exit 0
echo "$dest"
