#!/bin/sh
# Rebuilds every guest program into bin/ and then regenerates the goldens.
# Needs arm-linux-gnueabi-gcc/g++ (Debian gcc-arm-linux-gnueabi, g++-arm-linux-gnueabi: gcc 12.2,
# glibc 2.36, soft-float armel) and, for the goldens, qemu-arm (Debian qemu-user 7.2).
# CI needs neither: bin/ and golden/ are committed.
# Every program is built for ARMv5TE in ARM state; the ones in THUMB additionally in Thumb state
# (bin/NAME-thumb: the program's own code is Thumb-1, glibc stays ARM, so calls interwork).
set -eu
cd "$(dirname "$0")"
CC=${CC:-arm-linux-gnueabi-gcc}
CXX=${CXX:-arm-linux-gnueabi-g++}
ARCH="-march=armv5te"
THUMB="hello sha256 sort strings intmath jumps heap arm_cond arm_atomic"
mkdir -p bin
for src in src/*.c; do
    name=$(basename "$src" .c)
    echo "cc $name"
    # Symbols are kept (about 15% of the size) so guest addresses can be mapped to functions.
    "$CC" -static -O2 $ARCH -marm -o "bin/$name" "$src" -lm -lpthread
done
for name in $THUMB; do
    echo "cc $name-thumb"
    "$CC" -static -O2 $ARCH -mthumb -o "bin/$name-thumb" "src/$name.c" -lm -lpthread
done
for src in src/*.cpp; do
    name=$(basename "$src" .cpp)
    echo "c++ $name"
    "$CXX" -static -O2 $ARCH -marm -o "bin/$name" "$src"
done
ls -l bin
du -cb bin/* | tail -1
./golden.sh
