#!/bin/sh
# Rebuilds every guest program into bin/ and then regenerates the goldens.
# Needs powerpc-linux-gnu-gcc (Debian gcc-powerpc-linux-gnu) and, for the goldens,
# qemu-ppc (Debian qemu-user 7.2). CI does not need either: bin/ and golden/ are committed.
# bin/lua is not built here: build-lua.sh rebuilds it from Debian's lua5.4 source package.
set -eu
cd "$(dirname "$0")"
CC=${CC:-powerpc-linux-gnu-gcc}
CXX=${CXX:-powerpc-linux-gnu-g++}   # Debian g++-powerpc-linux-gnu, for src/*.cpp
mkdir -p bin
for src in src/*.c; do
    name=$(basename "$src" .c)
    echo "cc $name"
    # Symbols are kept (about 8% of the size) so guest addresses can be mapped to functions.
    # gdb_target is the gdb stub tests' debuggee: unoptimised, with debug info.
    opt=-O2; [ "$name" = gdb_target ] && opt="-O0 -g"
    "$CC" -static $opt -o "bin/$name" "$src" -lm
done
for src in src/*.cpp; do
    name=$(basename "$src" .cpp)
    echo "c++ $name"
    "$CXX" -static -O2 -o "bin/$name" "$src"
done
ls -l bin
du -cb bin/* | tail -1
./golden.sh
./objdump.sh
