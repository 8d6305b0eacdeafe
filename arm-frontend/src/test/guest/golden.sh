#!/bin/bash
# Runs every case of a suite's cases.tsv under qemu-arm and writes its golden/NAME.out (exact
# stdout) and golden/NAME.exit (exit status, decimal). SUITE=armel (default: cases.tsv, bin/,
# golden/ here) or SUITE=armhf (the same under armhf/). Each case runs:
#   - in a fresh empty temporary directory as its cwd (also what @TMP@ expands to),
#   - with exactly the environment listed in the env column (env -i), nothing else,
#   - with stdin from data/FILE, or from /dev/null when the column is '-',
#   - with @DATA@ in args replaced by the absolute path of data/,
#   - on qemu's Cortex-A15 CPU model (ARMv7-A with NEON and VFPv4-D32), dynvm's default model, so
#     glibc takes its NEON string routines on both. Until h-a15 the goldens came from qemu's
#     cortex-a9; `QEMU_CPU_MODEL=cortex-a15 golden.sh --check` found every one unchanged.
#     The model matters for armel too: with HWCAP_VFP, glibc's soft-float fenv really switches
#     rounding modes and raises exception flags with VFP instructions (fp_round, libm_more).
# With --check it compares against the existing goldens instead of writing them.
set -euo pipefail
cd "$(dirname "$0")"
DATA=$(pwd)/data
case ${SUITE:-armel} in
    armel) ;;
    armhf) cd armhf ;;
    *) echo "unknown SUITE ${SUITE} (armel, armhf)" >&2; exit 2 ;;
esac
HERE=$(pwd)
QEMU=${QEMU:-qemu-arm}
QEMU_CPU_MODEL=${QEMU_CPU_MODEL:-cortex-a15}
check=0
[ "${1:-}" = "--check" ] && check=1
mkdir -p golden
fail=0
set -f   # args are split on spaces but never globbed
TAB=$'\t'
while IFS= read -r line; do
    # split by hand: read with IFS=tab would merge empty fields
    name=${line%%"$TAB"*}; line=${line#*"$TAB"}
    prog=${line%%"$TAB"*}; line=${line#*"$TAB"}
    args=${line%%"$TAB"*}; line=${line#*"$TAB"}
    stdin=${line%%"$TAB"*}; envs=${line#*"$TAB"}
    case "$name" in ''|'#'*) continue ;; esac
    # qemu-user cannot execve a guest program (no binfmt_misc here): exec_self's golden is the
    # output of the same source built for the host (gcc -O2 src/exec_self.c), kept as it is
    case "$name" in exec_self|exec_other) echo "keep $name (golden from a native build)"; continue ;; esac
    tmp=$(mktemp -d)
    argv=()
    if [ -n "$args" ]; then
        for a in $args; do
            a=${a//@DATA@/$DATA}
            a=${a//@TMP@/$tmp}
            argv+=("$a")
        done
    fi
    envv=()
    if [ "$envs" != "-" ]; then
        IFS=',' read -r -a envv <<<"$envs"
    fi
    in=/dev/null
    [ "$stdin" != "-" ] && in="$DATA/$stdin"
    set +e
    (cd "$tmp" && env -i ${envv[@]+"${envv[@]}"} "$QEMU" -cpu "$QEMU_CPU_MODEL" "$HERE/bin/$prog" ${argv[@]+"${argv[@]}"} <"$in" >"$tmp.out")
    code=$?
    set -e
    leftover=$(ls -A "$tmp")
    rm -rf "$tmp"
    if [ -n "$leftover" ]; then echo "WARNING: $name left files in its cwd: $leftover" >&2; fi
    if [ $check = 1 ]; then
        if cmp -s "$tmp.out" "golden/$name.out" && [ "$code" = "$(cat "golden/$name.exit")" ]; then
            echo "ok   $name"
        else
            echo "FAIL $name (exit $code)"; fail=1
        fi
        rm -f "$tmp.out"
    else
        mv "$tmp.out" "golden/$name.out"
        echo "$code" >"golden/$name.exit"
        echo "$name: exit $code, $(wc -c <"golden/$name.out") bytes"
    fi
done <cases.tsv
exit $fail
