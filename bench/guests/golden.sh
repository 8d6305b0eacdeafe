#!/bin/sh
# Runs every benchmark guest with its tiny argument (TINY below) under qemu-user and writes
# golden/NAME-ARCH.out; --check compares instead. BenchGuestsTest runs the same tiny runs under
# dynvm's interpreter and translator against these files.
set -eu
cd "$(dirname "$0")"
TINY="bench_int:2 bench_fp:1 bench_mem:1"
check=0; [ "${1:-}" = "--check" ] && check=1
mkdir -p golden
fail=0
for b in bin/*-*; do
    base=$(basename "$b"); name=${base%-*}; arch=${base##*-}
    arg=$(echo "$TINY" | tr ' ' '\n' | sed -n "s/^$name://p")
    case $arch in ppc) q="qemu-ppc" ;; *) q="qemu-arm -cpu cortex-a9" ;; esac
    out=$($q "$b" $arg)
    if [ $check = 1 ]; then
        [ "$out" = "$(cat "golden/$base.out")" ] || { echo "DIFFERS: $base"; fail=1; }
    else
        printf '%s\n' "$out" >"golden/$base.out"; echo "golden $base: $out"
    fi
done
exit $fail
