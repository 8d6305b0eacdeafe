#!/bin/bash
# Fetches Debian's python3.11 for armhf (python3.11-minimal, libpython3.11-minimal, the standard
# library libpython3.11-stdlib, and the libraries they link: libc6, libgcc-s1, zlib1g, libexpat1,
# libssl3, libffi8, libsqlite3-0, libbz2-1.0, liblzma5, libuuid1, libcrypt1) and dash for
# /bin/sh, and unpacks them into a sysroot for `./dynvm run -L SYSROOT SYSROOT/usr/bin/python3.11`:
# the start-up workload of bench/report.sh and the sysroot of arm-frontend's PythonProgramsTest.
# The download is arm-frontend/src/test/guest/fetch-debs.sh's, as for the tests' busybox: apt with
# private list and cache directories, the host's dpkg architectures untouched. Prints the sysroot's path; exits 0 even
# when the download is impossible (the report then lists the workload as skipped).
#
#   fetch-python.sh          DYNVM_CACHE  cache root (default ~/.cache/dynvm) -> $DYNVM_CACHE/python-armhf/
set -uo pipefail
arch=armhf
root=${DYNVM_CACHE:-$HOME/.cache/dynvm}
dest=$root/python-$arch
# dash in VERSIONS marks a complete sysroot (an older one had python3.11-minimal only).
if [ -x "$dest/usr/bin/python3.11" ] && grep -q '^dash_' "$dest/VERSIONS" 2>/dev/null; then echo "$dest"; exit 0; fi
mkdir -p "$root" || exit 0
work=$(mktemp -d "$root/python-apt.XXXXXX") || exit 0
trap 'rm -rf "$work"' EXIT
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bash "$here/../arm-frontend/src/test/guest/fetch-debs.sh" fetch-python "$arch" "$work" \
    python3.11-minimal libpython3.11-minimal libpython3.11-stdlib libc6 libgcc-s1 zlib1g libexpat1 \
    libssl3 libffi8 libsqlite3-0 libbz2-1.0 liblzma5 libuuid1 libcrypt1 dash || exit 0
[ -x "$work/x/usr/bin/python3.11" ] || { echo "fetch-python: no usr/bin/python3.11 in the packages; skipped" >&2; exit 0; }
# dash's /bin/sh link comes from its maintainer script, which is not run here.
[ -e "$work/x/bin/sh" ] || ln -s dash "$work/x/bin/sh"
# Byte-compiled as Debian's py3compile does at install time (the maintainer scripts do not run here):
# without it every run compiles each module it imports. The .pyc files are the same on every
# architecture, so the host's python3.11 writes them, or qemu-arm's run of the guest's own.
pyc() { PYTHONDONTWRITEBYTECODE= "$@" -m compileall -q -j0 "$work/x/usr/lib/python3.11" >/dev/null 2>&1; }
if python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then pyc python3
elif command -v qemu-arm >/dev/null; then pyc qemu-arm -L "$work/x" "$work/x/usr/bin/python3.11"
else echo "fetch-python: no python3.11 or qemu-arm to byte-compile the standard library; imports will compile" >&2; fi
# Swapped in by renames: a run still using the old sysroot keeps its open files.
if [ -e "$dest" ]; then mv "$dest" "$work/old" || exit 0; fi
mv "$work/x" "$dest" || exit 0
echo "$dest"
