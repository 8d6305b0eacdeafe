#!/bin/bash
# Downloads Debian packages for a foreign architecture and unpacks them into one folder, without
# touching the host's dpkg architectures or apt state: apt runs with private list and cache
# directories and is told about the architecture only for this call (APT::Architectures), so
# `dpkg --print-foreign-architectures` stays as it was. Used by fetch-busybox.sh (the tests'
# busybox) and bench/fetch-python.sh (the report's python sysroot).
#
#   fetch-debs.sh NAME ARCH WORKDIR PACKAGE...
#
# NAME prefixes the messages; WORKDIR must exist and be empty (the caller removes it). On success
# the packages are unpacked in WORKDIR/x, their file names listed in WORKDIR/x/VERSIONS, and the
# status is 0; otherwise one reason on stderr and status 1.
set -uo pipefail
name=$1 arch=$2 work=$3; shift 3
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || { echo "$name: no apt-get/dpkg-deb; skipped" >&2; exit 1; }
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/x" || exit 1
apt=(-o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
     -o "APT::Architectures::=$(dpkg --print-architecture)" -o "APT::Architectures::=$arch"
     -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)" -q)
# A failed index (a mirror mid-sync, often the security suite) is not fatal: the download below
# works as long as some index lists the packages.
if ! apt-get "${apt[@]}" update >"$work/log" 2>&1; then
    echo "$name: apt-get update reported errors; trying the download anyway" >&2; grep '^E:' "$work/log" | head -2 >&2
fi
if ! (cd "$work" && apt-get "${apt[@]}" download "${@/%/:$arch}" >>"$work/log" 2>&1); then
    echo "$name: apt-get download $* ($arch) failed; skipped" >&2; tail -3 "$work/log" >&2; exit 1
fi
found=0
for deb in "$work"/*_"$arch".deb; do
    [ -f "$deb" ] || continue
    dpkg-deb -x "$deb" "$work/x" || { echo "$name: cannot extract $deb; skipped" >&2; exit 1; }
    basename "$deb" >>"$work/x/VERSIONS"
    found=1
done
[ "$found" = 1 ] || { echo "$name: no .deb downloaded; skipped" >&2; exit 1; }
