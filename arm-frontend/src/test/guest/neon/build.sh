#!/bin/sh
# Rebuilds the NEON guest program and its golden (qemu-arm -cpu cortex-a15); the tests only use the committed files.
set -e
cd "$(dirname "$0")"
arm-linux-gnueabihf-gcc -O2 -mfpu=neon-vfpv4 -mfloat-abi=hard -static -o neon_intrinsics neon_intrinsics.c
qemu-arm -cpu cortex-a15 ./neon_intrinsics > neon_intrinsics.golden
arm-linux-gnueabihf-gcc -O2 -mfpu=neon-vfpv4 -mfloat-abi=hard -static -o neon_bench neon_bench.c
# Auto-vectorised plain C (-O3; NEON float vectorisation needs -funsafe-math-optimizations), in
# Thumb-2 and in ARM state; both print the same, so they share one golden.
for isa in thumb arm; do
    out=neon_autovec; [ $isa = arm ] && out=neon_autovec_arm
    arm-linux-gnueabihf-gcc -O3 -m$isa -mfpu=neon-vfpv4 -mfloat-abi=hard -funsafe-math-optimizations -static -o $out neon_autovec.c
done
qemu-arm -cpu cortex-a15 ./neon_autovec > neon_autovec.golden
qemu-arm -cpu cortex-a15 ./neon_autovec_arm | cmp - neon_autovec.golden
