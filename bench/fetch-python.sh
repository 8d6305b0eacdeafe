#!/bin/bash
# Fetches Debian's python3.11 for armhf (python3.11-minimal, libpython3.11-minimal and the
# libraries they link: libc6, libgcc-s1, zlib1g, libexpat1) and unpacks them into a sysroot for
# `./dynvm run -L SYSROOT SYSROOT/usr/bin/python3.11`, the start-up workload of bench/report.sh.
# Works like arm-frontend/src/test/guest/fetch-busybox.sh: apt with private list and cache
# directories, the host's dpkg architectures untouched. Prints the sysroot's path; exits 0 even
# when the download is impossible (the report then lists the workload as skipped).
#
#   fetch-python.sh          DYNVM_CACHE  cache root (default ~/.cache/dynvm) -> $DYNVM_CACHE/python-armhf/
set -uo pipefail
arch=armhf
root=${DYNVM_CACHE:-$HOME/.cache/dynvm}
dest=$root/python-$arch
if [ -x "$dest/usr/bin/python3.11" ]; then echo "$dest"; exit 0; fi
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || { echo "fetch-python: no apt-get/dpkg-deb; skipped" >&2; exit 0; }
mkdir -p "$root" || exit 0
work=$(mktemp -d "$root/python-apt.XXXXXX") || exit 0
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
apt=(-o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
     -o "APT::Architectures::=$(dpkg --print-architecture)" -o "APT::Architectures::=$arch"
     -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)" -q)
if ! apt-get "${apt[@]}" update >"$work/log" 2>&1; then
    echo "fetch-python: apt-get update reported errors; trying the download anyway" >&2; grep '^E:' "$work/log" | head -2 >&2
fi
pkgs=(python3.11-minimal libpython3.11-minimal libc6 libgcc-s1 zlib1g libexpat1)
if ! (cd "$work" && apt-get "${apt[@]}" download "${pkgs[@]/%/:$arch}" >>"$work/log" 2>&1); then
    echo "fetch-python: apt-get download failed; skipped" >&2; tail -3 "$work/log" >&2; exit 0
fi
mkdir -p "$work/x"
for deb in "$work"/*_"$arch".deb; do
    dpkg-deb -x "$deb" "$work/x" || { echo "fetch-python: cannot extract $deb; skipped" >&2; exit 0; }
    basename "$deb" >>"$work/x/VERSIONS"
done
[ -x "$work/x/usr/bin/python3.11" ] || { echo "fetch-python: no usr/bin/python3.11 in the packages; skipped" >&2; exit 0; }
rm -rf "$dest" && mv "$work/x" "$dest" || exit 0
echo "$dest"
