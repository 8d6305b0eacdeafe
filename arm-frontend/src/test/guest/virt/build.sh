#!/bin/sh
# Rebuilds every virt system-mode guest into bin/NAME.elf (arm-none-eabi-gcc 12, Debian
# gcc-arm-none-eabi) and bin/compute-linux.elf, then runs goldens.sh unless --no-goldens.
# Deterministic: fixed flag set, fixed object order, no build-id, no debug info, relative paths.
set -eu
cd "$(dirname "$0")"
CC=arm-none-eabi-gcc
CFLAGS="-mcpu=cortex-a15 -marm -mfloat-abi=soft -mno-unaligned-access -O2 -ffreestanding -fno-builtin -fno-delete-null-pointer-checks
  -fno-common -fno-pic -fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables
  -Wall -Wno-main -nostdlib -static -Isrc/lib -ffile-prefix-map=$PWD=."
LDFLAGS="-T src/lib/link.ld -Wl,--build-id=none -Wl,-n"
GUESTS="hello fpu_id exceptions memmap alignment mmu_short mmu_lpae timer_gic usermode compute paravirt isolation spinner ticker dtb_hello pingpong crash filler figures"
mkdir -p bin
OBJ=$(mktemp -d)
trap 'rm -rf "$OBJ"' EXIT
# Compile each source on its own (-c) so no temporary file names end up in the symbol table.
obj() { o="$OBJ/$(basename "$1" | tr . _).o"; $CC $CFLAGS -c -o "$o" "$1"; echo "$o"; }
LIBOBJ="$(obj src/lib/start.S) $(obj src/lib/lib.c)"
LOOPOBJ=$(obj src/compute_loop.c)
for g in $GUESTS; do
    objs=""
    for ext in S c; do [ -f "src/$g.$ext" ] && objs="$objs $(obj "src/$g.$ext")"; done
    [ -n "$objs" ] || continue
    [ "$g" = compute ] && objs="$objs $LOOPOBJ"
    echo "cc $g"
    $CC $CFLAGS $LDFLAGS -o "bin/$g.elf" $LIBOBJ $objs -lgcc
done
echo "cc compute-linux"
$CC $CFLAGS -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,-Ttext=0x10000 -Wl,-e,_start \
    -o bin/compute-linux.elf "$(obj src/compute_linux.c)" "$LOOPOBJ" -lgcc
[ "${1:-}" = --no-goldens ] || ./goldens.sh
