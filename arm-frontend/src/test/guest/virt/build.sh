#!/bin/sh
# Rebuilds every virt system-mode guest into bin/NAME.elf (arm-none-eabi-gcc 12, Debian
# gcc-arm-none-eabi) and bin/compute-linux.elf, then runs goldens.sh unless --no-goldens.
# Deterministic: fixed flag set, fixed object order, no build-id, no debug info, relative paths.
set -eu
cd "$(dirname "$0")"
CC=arm-none-eabi-gcc
CFLAGS="-mcpu=cortex-a15 -marm -mfloat-abi=soft -mno-unaligned-access -O2 -ffreestanding -fno-builtin
  -fno-common -fno-pic -fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables
  -Wall -Wno-main -nostdlib -static -Isrc/lib -ffile-prefix-map=$PWD=."
LDFLAGS="-T src/lib/link.ld -Wl,--build-id=none -Wl,-n"
LIB="src/lib/start.S src/lib/lib.c"
GUESTS="hello exceptions mmu_short mmu_lpae timer_gic usermode compute paravirt isolation spinner ticker"
mkdir -p bin
for g in $GUESTS; do
    srcs=""
    for ext in S c; do [ -f "src/$g.$ext" ] && srcs="$srcs src/$g.$ext"; done
    [ -n "$srcs" ] || continue
    extra=""; [ "$g" = compute ] && extra="src/compute_loop.c"
    echo "cc $g"
    $CC $CFLAGS $LDFLAGS -o "bin/$g.elf" $LIB $srcs $extra -lgcc
done
if [ -f src/compute_linux.c ]; then
    echo "cc compute-linux"
    $CC $CFLAGS -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,-Ttext=0x10000 -Wl,-e,_start \
        -o bin/compute-linux.elf src/compute_linux.c src/compute_loop.c -lgcc
fi
[ "${1:-}" = --no-goldens ] || ./goldens.sh
