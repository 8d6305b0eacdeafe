#!/bin/bash
# Rewrites xz.golden for DebianToolsTest: the sha256 of make-input.py's 20 MiB input and of its
# `xz -T2 -6` compression by Debian's armhf xz under qemu-arm -L (the sysroot of
# ../fetch-userland.sh), after checking that qemu-arm's `xz -T2 -d` gives the input back.
# `ls -ls` and `du -s` have no golden: the test compares them live with the host's coreutils.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sr=${1:-$(bash "$here/../fetch-userland.sh")}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 "$here/make-input.py" >"$tmp/input"
qemu-arm -L "$sr" "$sr/usr/bin/xz" -T2 -6 -c "$tmp/input" >"$tmp/input.xz"
qemu-arm -L "$sr" "$sr/usr/bin/xz" -T2 -d -c "$tmp/input.xz" | cmp - "$tmp/input"
{
    echo "input $(sha256sum <"$tmp/input" | cut -d' ' -f1) $(stat -c %s "$tmp/input")"
    echo "xz $(sha256sum <"$tmp/input.xz" | cut -d' ' -f1) $(stat -c %s "$tmp/input.xz")"
} >"$here/xz.golden"
cat "$here/xz.golden"
