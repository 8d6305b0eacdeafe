#!/bin/sh
# Rebuilds the benchmark guests in bin/ from src/ with Debian's cross compilers (gcc 12.2, glibc
# 2.36), then their goldens (golden.sh, needs qemu-ppc and qemu-arm). Tests need neither: bin/ and
# golden/ are committed.
#   bin/NAME-ppc    powerpc-linux-gnu-gcc    (32-bit big-endian, hard-float)
#   bin/NAME-armel  arm-linux-gnueabi-gcc    (ARMv5TE, ARM state, soft-float)
#   bin/NAME-armhf  arm-linux-gnueabihf-gcc  (ARMv7-A, Thumb-2, VFPv3-D16 hard-float)
#   bin/NAME-neon   arm-linux-gnueabihf-gcc -O3 -mfpu=neon-vfpv4, from src-neon/ only (Thumb-2,
#                   auto-vectorised: runs on a Cortex-A15, -cpu cortex-a15)
# All -O2 -static -ffp-contract=off: without fused multiply-add every build (and the host build
# bench/report.sh makes) prints the same checksum.
set -eu
cd "$(dirname "$0")"
mkdir -p bin
for src in src/*.c; do
    name=$(basename "$src" .c)
    for t in ppc:powerpc-linux-gnu-gcc armel:arm-linux-gnueabi-gcc armhf:arm-linux-gnueabihf-gcc; do
        arch=${t%%:*} cc=${t#*:}
        extra=""; [ "$arch" = armel ] && extra="-march=armv5te -marm"
        echo "$arch cc $name"
        # stripped: the binaries are committed and symbols are not needed for timing
        "$cc" -static -O2 -ffp-contract=off $extra -s -o "bin/$name-$arch" "$src" -lm
    done
done
for src in src-neon/*.c; do
    name=$(basename "$src" .c)
    echo "neon cc $name"
    # -funsafe-math-optimizations: gcc vectorises float loops for NEON (flush-to-zero) only with it
    arm-linux-gnueabihf-gcc -static -O3 -ffp-contract=off -mfpu=neon-vfpv4 -mfloat-abi=hard \
        -funsafe-math-optimizations -s -o "bin/$name-neon" "$src" -lm
done
./golden.sh
