#!/bin/sh
# Rebuilds the dynamically linked ARM test programs from the PowerPC suite's sources
# (ppc-frontend/src/test/guest/dynamic/src), the compilers' defaults otherwise:
#   armel/NAME  arm-linux-gnueabi-gcc   (Debian gcc 12.2, glibc 2.36, soft-float), sysroot /usr/arm-linux-gnueabi
#   armhf/NAME  arm-linux-gnueabihf-gcc (ARMv7-A Thumb-2, VFPv3-D16, hard-float),  sysroot /usr/arm-linux-gnueabihf
# Programs: dyn_hello (PIE), dyn_hello_nopie, dyn_libm. ArmDynamicLinkTest runs them with
# `-L SYSROOT` and compares with qemu-arm -L, live.
#   ./build.sh [armel|armhf]   (default both)
set -eu
cd "$(dirname "$0")"
SRC=../../../../../ppc-frontend/src/test/guest/dynamic/src
for abi in ${1:-armel armhf}; do
    case $abi in armel) CC=arm-linux-gnueabi-gcc ;; armhf) CC=arm-linux-gnueabihf-gcc ;; *) echo "unknown $abi" >&2; exit 1 ;; esac
    mkdir -p "$abi"
    echo "$abi"
    "$CC" -O2 -o "$abi/dyn_hello" "$SRC/dyn_hello.c" -lm
    "$CC" -O2 -no-pie -o "$abi/dyn_hello_nopie" "$SRC/dyn_hello.c" -lm
    "$CC" -O2 -o "$abi/dyn_libm" "$SRC/dyn_libm.c" -lm
done
