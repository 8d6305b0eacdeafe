#!/bin/sh
# Rebuilds the NEON guest program and its golden (qemu-arm -cpu cortex-a15); the tests only use the committed files.
set -e
cd "$(dirname "$0")"
arm-linux-gnueabihf-gcc -O2 -mfpu=neon-vfpv4 -mfloat-abi=hard -static -o neon_intrinsics neon_intrinsics.c
qemu-arm -cpu cortex-a15 ./neon_intrinsics > neon_intrinsics.golden
arm-linux-gnueabihf-gcc -O2 -mfpu=neon-vfpv4 -mfloat-abi=hard -static -o neon_bench neon_bench.c
