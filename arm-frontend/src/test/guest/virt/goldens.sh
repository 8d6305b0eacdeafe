#!/bin/sh
# Runs every bin/NAME.elf under the real qemu-system-arm (Debian 7.2) and stores its serial
# output in golden/NAME.out. -nographic with stdin from /dev/null gives a byte-clean transcript
# (no monitor banner, nothing on stdout but the guest's PL011 bytes; QEMU's own messages go to
# stderr, which is kept in /tmp). The guests end with PSCI SYSTEM_OFF, which makes qemu exit 0.
# Not from qemu: paravirt and pingpong (dynvm hypercalls: written by hand), figures (no golden:
# it measures, see bench/), compute-linux
# (qemu-arm user mode). spinner, filler and crash never end: their golden is the output within a
# 3 s timeout. filler runs with -m 256M (it fills RAM beyond 128 MiB); dtb_hello prints what it
# finds in qemu's device tree, so its golden pins qemu's PL011, RAM and PL031 addresses.
#   ./goldens.sh           regenerate golden/*.out
#   ./goldens.sh --check   compare instead (exit 1 on a difference), golden/ untouched
set -eu
cd "$(dirname "$0")"
check=0; [ "${1:-}" = --check ] && check=1
OUT=golden; [ $check = 1 ] && OUT=$(mktemp -d)
fail=0
QEMU="qemu-system-arm -M virt -cpu cortex-a15 -nographic -no-reboot"
mkdir -p golden
for elf in bin/*.elf; do
    name=$(basename "$elf" .elf)
    case "$name" in
    paravirt|pingpong|figures) continue ;;   # figures: host-time costs, read by dynvm.bench.SystemFigures
    compute-linux)
        echo "qemu-arm $name"
        qemu-arm "$elf" </dev/null >"$OUT/$name.out"
        continue ;;
    spinner|crash) t=3; mem=128M ;;
    filler) t=3; mem=256M ;;
    *) t=20; mem=128M ;;
    esac
    echo "qemu-system-arm $name"
    rc=0
    timeout $t $QEMU -m $mem -kernel "$elf" </dev/null >"$OUT/$name.out" 2>"/tmp/golden-$name.err" || rc=$?
    if [ $t = 3 ]; then
        [ $rc = 124 ] || echo "  $name: expected the timeout, got rc=$rc" >&2
    elif [ $rc != 0 ]; then
        echo "  $name: qemu rc=$rc (see /tmp/golden-$name.err)" >&2
    fi
    tail -n1 "$OUT/$name.out" | grep -qx done || [ $t = 3 ] || echo "  $name: no final 'done'" >&2
done
if [ $check = 1 ]; then
    for f in "$OUT"/*.out; do
        cmp -s "$f" "golden/$(basename "$f")" || { echo "DIFFERS: $(basename "$f")"; fail=1; }
    done
    rm -rf "$OUT"
    [ $fail = 0 ] && echo "all goldens reproduce"
fi
exit $fail
