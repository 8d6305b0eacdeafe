#!/bin/sh
# Rebuilds the instruction-level differential harness bin/insn_fuzz (committed: CI needs no cross
# compiler). Needs arm-linux-gnueabi-gcc (Debian gcc-arm-linux-gnueabi, gcc 12.2, glibc 2.36).
# ARM state, ARMv5TE: the stub and the C code run on every CPU model the test uses (arm926, arm1136, cortex-a9).
set -eu
cd "$(dirname "$0")"
CC=${CC:-arm-linux-gnueabi-gcc}
mkdir -p bin
"$CC" -static -O2 -march=armv5te -marm -o bin/insn_fuzz insn_fuzz.c
# The VFP variant: the same ARMv5TE soft-float C code (so it runs on dynvm's A32 decoder as is);
# only the stub's load and store of d0-d15 and FPSCR are VFPv3-D16 (.fpu in the assembly).
"$CC" -static -O2 -march=armv5te -marm -DVFP -o bin/insn_fuzz_vfp insn_fuzz.c
# The Advanced SIMD variant (NeonQemuDifferentialTest, -cpu cortex-a15 only): d0-d31 and FPSCR,
# built for armhf (Debian gcc-arm-linux-gnueabihf); the stub's assembly is VFPv4-D32.
${CCHF:-arm-linux-gnueabihf-gcc} -static -O2 -march=armv7-a -mfpu=vfpv3-d16 -marm -DVFP -DD32 -o bin/insn_fuzz_neon insn_fuzz.c
ls -l bin/insn_fuzz bin/insn_fuzz_vfp bin/insn_fuzz_neon
