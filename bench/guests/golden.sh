#!/bin/sh
# Runs every benchmark guest with its tiny argument (tiny.tsv) under qemu-user and writes
# golden/NAME-ARCH.out; --check compares instead. BenchGuestsTest runs the same tiny runs under
# dynvm's interpreter and translator against these files.
set -eu
cd "$(dirname "$0")"
check=0; [ "${1:-}" = "--check" ] && check=1
mkdir -p golden
fail=0
for b in bin/*-*; do
    base=$(basename "$b"); name=${base%-*}; arch=${base##*-}
    arg=$(awk -F'\t' -v n="$name" '$1 == n { print $2 }' tiny.tsv)
    case $arch in ppc) q="qemu-ppc" ;; neon) q="qemu-arm -cpu cortex-a15" ;; *) q="qemu-arm -cpu cortex-a9" ;; esac
    out=$($q "$b" $arg)
    if [ $check = 1 ]; then
        [ "$out" = "$(cat "golden/$base.out")" ] || { echo "DIFFERS: $base"; fail=1; }
    else
        printf '%s\n' "$out" >"golden/$base.out"; echo "golden $base: $out"
    fi
done
exit $fail
