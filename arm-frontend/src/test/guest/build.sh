#!/bin/sh
# Rebuilds the guest programs and then regenerates the goldens.
#   ./build.sh          both suites
#   ./build.sh armel    bin/ only: arm-linux-gnueabi-gcc/g++ (Debian gcc-arm-linux-gnueabi,
#                       g++-arm-linux-gnueabi: gcc 12.2, glibc 2.36, soft-float)
#   ./build.sh armhf    armhf/bin/ only: arm-linux-gnueabihf-gcc/g++ (Debian gcc-arm-linux-gnueabihf:
#                       ARMv7-A, VFPv3-D16, hard-float, Thumb-2 by default)
# The goldens need qemu-arm (Debian qemu-user 7.2). CI needs neither: bins and goldens are committed.
set -eu
cd "$(dirname "$0")"
suites=${1:-armel armhf}
# The ISA-neutral programs live in the PowerPC suite (one copy for both ISAs); its PowerPC
# assembly programs are left out. src/ here holds the ARM-specific ones.
SHARED=../../../../ppc-frontend/src/test/guest/src
PPC_ONLY="fault insn_fuzz smc"
# built for armel only (an A32 debuggee is enough for the gdb tests)
ARMEL_ONLY="gdb_target"
c_sources() {
    for f in "$SHARED"/*.c src/*.c; do
        case " $PPC_ONLY " in *" $(basename "$f" .c) "*) continue ;; esac
        echo "$f"
    done
}

build_armel() {
    # ARMv5TE in ARM state; the programs in THUMB also in Thumb state (bin/NAME-thumb: the program's
    # own code is Thumb-1, glibc stays ARM, so calls interwork).
    CC=arm-linux-gnueabi-gcc CXX=arm-linux-gnueabi-g++ ARCH="-march=armv5te"
    THUMB="hello sha256 sort strings intmath jumps heap arm_cond arm_atomic"
    mkdir -p bin
    for src in $(c_sources); do
        name=$(basename "$src" .c)
        echo "armel cc $name"
        # Symbols are kept (about 15% of the size) so guest addresses can be mapped to functions.
        # gdb_target is the gdb stub tests' debuggee (ArmGdbTest): unoptimised, with debug info.
        opt=-O2; [ "$name" = gdb_target ] && opt="-O0 -g"
        "$CC" -static $opt $ARCH -marm -o "bin/$name" "$src" -lm -lpthread
    done
    for name in $THUMB; do
        echo "armel cc $name-thumb"
        "$CC" -static -O2 $ARCH -mthumb -o "bin/$name-thumb" "$(c_sources | grep "/$name.c$")" -lm -lpthread
    done
    for src in "$SHARED"/*.cpp; do
        name=$(basename "$src" .cpp)
        echo "armel c++ $name"
        "$CXX" -static -O2 $ARCH -marm -o "bin/$name" "$src"
    done
}

build_armhf() {
    # The compiler's defaults (ARMv7-A, VFPv3-D16, hard-float, Thumb-2), as Debian builds armhf.
    # arm_asm's inline assembly is ARM-state only (rsc, muls); the programs in ARM also get an
    # ARM-state build (armhf/bin/NAME-arm: v7 A32 and VFP in ARM state).
    CC=arm-linux-gnueabihf-gcc CXX=arm-linux-gnueabihf-g++
    ARM="hello sha256 sort strings intmath jumps heap arm_cond arm_atomic nbody fp_round fp_special"
    mkdir -p armhf/bin
    for src in $(c_sources); do
        name=$(basename "$src" .c)
        case " $ARMEL_ONLY " in *" $name "*) continue ;; esac
        mode=
        [ "$name" = arm_asm ] && mode=-marm
        echo "armhf cc $name"
        "$CC" -static -O2 $mode -o "armhf/bin/$name" "$src" -lm -lpthread
    done
    for name in $ARM; do
        echo "armhf cc $name-arm"
        "$CC" -static -O2 -marm -o "armhf/bin/$name-arm" "$(c_sources | grep "/$name.c$")" -lm -lpthread
    done
    for src in "$SHARED"/*.cpp; do
        name=$(basename "$src" .cpp)
        echo "armhf c++ $name"
        "$CXX" -static -O2 -o "armhf/bin/$name" "$src"
    done
}

for s in $suites; do
    case $s in
        armel) build_armel; ./golden.sh ;;
        armhf) build_armhf; SUITE=armhf ./golden.sh ;;
        *) echo "unknown suite $s (armel, armhf)" >&2; exit 2 ;;
    esac
done
du -cb bin/* armhf/bin/* 2>/dev/null | tail -1
./objdump.sh
