#!/bin/sh
# Regenerates objdump_golden.txt (committed: CI has no cross binutils): every VFP instruction of
# objdump_cases.s assembled by GNU as and disassembled by objdump (binutils 2.40), one
# "WORD<TAB>TEXT" line each. VfpDisassemblerTest compares dynvm's disassembly with it.
set -eu
cd "$(dirname "$0")"
AS=${AS:-arm-linux-gnueabihf-as}
OBJDUMP=${OBJDUMP:-arm-linux-gnueabihf-objdump}
tmp=$(mktemp -d)
"$AS" -o "$tmp/c.o" objdump_cases.s
"$OBJDUMP" -d "$tmp/c.o" | sed -n 's/^ *[0-9a-f]*:\t\([0-9a-f]\{8\}\) \t\(.*\)$/\1\t\2/p' > objdump_golden.txt
rm -r "$tmp"
wc -l objdump_golden.txt
