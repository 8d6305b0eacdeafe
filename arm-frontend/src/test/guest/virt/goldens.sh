#!/bin/sh
# Runs every bin/NAME.elf under the real qemu-system-arm (Debian 7.2) and stores its serial
# output in golden/NAME.out. -nographic with stdin from /dev/null gives a byte-clean transcript
# (no monitor banner, nothing on stdout but the guest's PL011 bytes; QEMU's own messages go to
# stderr, which is kept in /tmp). The guests end with PSCI SYSTEM_OFF, which makes qemu exit 0.
# Not from qemu: paravirt (written by hand), spinner (never ends: golden = the output within the
# timeout), compute-linux (qemu-arm user mode).
#   ./goldens.sh           regenerate golden/*.out
#   ./goldens.sh --check   compare instead (exit 1 on a difference), golden/ untouched
set -eu
cd "$(dirname "$0")"
check=0; [ "${1:-}" = --check ] && check=1
OUT=golden; [ $check = 1 ] && OUT=$(mktemp -d)
fail=0
QEMU="qemu-system-arm -M virt -cpu cortex-a15 -m 128M -nographic -no-reboot"
mkdir -p golden
for elf in bin/*.elf; do
    name=$(basename "$elf" .elf)
    case "$name" in
    paravirt) continue ;;
    compute-linux)
        echo "qemu-arm $name"
        qemu-arm "$elf" </dev/null >"$OUT/$name.out"
        continue ;;
    spinner) t=3 ;;
    *) t=20 ;;
    esac
    echo "qemu-system-arm $name"
    rc=0
    timeout $t $QEMU -kernel "$elf" </dev/null >"$OUT/$name.out" 2>"/tmp/golden-$name.err" || rc=$?
    if [ "$name" = spinner ]; then
        [ $rc = 124 ] || echo "  spinner: expected the timeout, got rc=$rc" >&2
    elif [ $rc != 0 ]; then
        echo "  $name: qemu rc=$rc (see /tmp/golden-$name.err)" >&2
    fi
    tail -n1 "$OUT/$name.out" | grep -qx done || [ "$name" = spinner ] || echo "  $name: no final 'done'" >&2
done
if [ $check = 1 ]; then
    for f in "$OUT"/*.out; do
        cmp -s "$f" "golden/$(basename "$f")" || { echo "DIFFERS: $(basename "$f")"; fail=1; }
    done
    rm -rf "$OUT"
    [ $fail = 0 ] && echo "all goldens reproduce"
fi
exit $fail
