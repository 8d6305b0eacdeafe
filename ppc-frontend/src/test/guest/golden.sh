#!/bin/bash
# Runs every case of cases.tsv under qemu-ppc and writes golden/NAME.out (exact stdout)
# and golden/NAME.exit (exit status, decimal). Each case runs:
#   - in a fresh empty temporary directory as its cwd (also what @TMP@ expands to),
#   - with exactly the environment listed in the env column (env -i), nothing else,
#   - with stdin from data/FILE, or from /dev/null when the column is '-',
#   - with @DATA@ in args replaced by the absolute path of data/,
#   - on qemu's PowerPC 750 CPU model (qemu-ppc's default, pinned here), which is pre-ISA 3.0.
# The binaries run are copies made by mffs_as_pre_isa3.py (see there and README.md: qemu 7.2
# raises SIGILL on the mffscrni that glibc's libm executes; real pre-ISA-3.0 processors
# execute it as mffs). For binaries without such instructions the copy is byte-identical.
# With --check it compares against the existing goldens instead of writing them.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$(pwd)
QEMU=${QEMU:-qemu-ppc}
QEMU_CPU_MODEL=${QEMU_CPU_MODEL:-750}
check=0
[ "${1:-}" = "--check" ] && check=1
mkdir -p golden
fail=0
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
for b in bin/*; do
    n=$(python3 mffs_as_pre_isa3.py "$b" "$stage/$(basename "$b")")
    chmod +x "$stage/$(basename "$b")"
    [ "$n" != 0 ] && echo "note: $(basename "$b"): $n ISA 3.0 mffs forms run as mffs" >&2
done
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
            a=${a//@DATA@/$HERE/data}
            a=${a//@TMP@/$tmp}
            argv+=("$a")
        done
    fi
    envv=()
    if [ "$envs" != "-" ]; then
        IFS=',' read -r -a envv <<<"$envs"
    fi
    in=/dev/null
    [ "$stdin" != "-" ] && in="$HERE/data/$stdin"
    set +e
    (cd "$tmp" && env -i ${envv[@]+"${envv[@]}"} "$QEMU" -cpu "$QEMU_CPU_MODEL" "$stage/$prog" ${argv[@]+"${argv[@]}"} <"$in" >"$tmp.out")
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
