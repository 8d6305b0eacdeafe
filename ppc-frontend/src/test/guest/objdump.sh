#!/bin/sh
# Regenerates objdump/*.objdump: the golden disassembly the -d in_asm test (InAsmListingTest)
# compares against, a few functions of one program (the whole static binary would be megabytes).
# Needs powerpc-linux-gnu-objdump (Debian binutils-powerpc-linux-gnu).
set -eu
cd "$(dirname "$0")"
OBJDUMP=${OBJDUMP:-powerpc-linux-gnu-objdump}
mkdir -p objdump
for fn in _start main __libc_start_main; do
    "$OBJDUMP" -d --no-show-raw-insn --disassemble="$fn" bin/intmath | sed -n '/^[0-9a-f]* <.*>:$/,$p'
done > objdump/intmath.objdump
