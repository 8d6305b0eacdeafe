#!/bin/sh
# Regenerates objdump/*.objdump: the golden disassembly the -d in_asm test (ArmInAsmListingTest)
# compares against: a few functions of intmath in ARM state (bin/intmath), Thumb-1 (bin/intmath-thumb)
# and Thumb-2 (armhf/bin/intmath). The whole static binaries would be megabytes.
# Needs arm-linux-gnueabihf-objdump (Debian binutils-arm-linux-gnueabihf).
set -eu
cd "$(dirname "$0")"
OBJDUMP=${OBJDUMP:-arm-linux-gnueabihf-objdump}
mkdir -p objdump
dump() { # binary output functions...
    bin=$1 out=$2; shift 2
    for fn in "$@"; do
        "$OBJDUMP" -d --no-show-raw-insn --disassemble="$fn" "$bin" | sed -n '/^[0-9a-f]* <.*>:$/,$p'
    done > "objdump/$out.objdump"
}
dump bin/intmath intmath-arm _start main __libc_start_main
dump bin/intmath-thumb intmath-thumb main
dump armhf/bin/intmath intmath-armhf _start main __libc_start_main
