#!/bin/bash
# Rewrites the goldens of PythonProgramsTest and PythonNeonTest: each program's stdout under
# qemu-arm -cpu cortex-a15 -L with the Debian armhf python3.11 sysroot (bench/fetch-python.sh),
# run in an empty temporary folder. cortex-a15 is dynvm's default model: AT_HWCAP has neon, so
# libcrypto and glibc take their NEON paths (neon_hashes).
# subprocess_pipes.out is the host's python3.11 instead: qemu-user cannot exec the foreign
# python it starts without binfmt_misc (ENOEXEC), and the program prints nothing that depends on
# the ISA, so Linux's own answer is the golden. proc_tasks.out is the host's python3.11 too: under
# qemu-user /proc/self/task is the host's, with qemu's own RCU thread in it (5 tasks for 4 threads).
# stat_blocks has no golden: the test compares it with the host's `stat` of the same files.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sr=${1:-$(bash "$here/../../../../../bench/fetch-python.sh")}
for f in "$here"/*.py; do
    n=$(basename "$f" .py)
    [ "$n" = stat_blocks ] && continue
    tmp=$(mktemp -d)
    if [ "$n" = subprocess_pipes ] || [ "$n" = proc_tasks ]; then
        (cd "$tmp" && env -i PATH=/usr/bin:/bin PYTHONDONTWRITEBYTECODE=1 python3.11 "$f") >"$here/$n.out"
    else
        (cd "$tmp" && env -i PATH=/usr/bin:/bin PYTHONDONTWRITEBYTECODE=1 qemu-arm -cpu cortex-a15 -L "$sr" "$sr/usr/bin/python3.11" "$f") >"$here/$n.out"
    fi
    rm -rf "$tmp"
    echo "$n: $(wc -l <"$here/$n.out") lines"
done
