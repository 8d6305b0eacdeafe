#!/bin/sh
# Rebuilds the dynamically linked PowerPC test programs in bin/ (Debian gcc-powerpc-linux-gnu:
# gcc 12.2, glibc 2.36). They are linked against the sysroot /usr/powerpc-linux-gnu and run
# with `dynvm run -L /usr/powerpc-linux-gnu` (DynamicLinkTest compares with qemu-ppc -L, live).
#   dyn_hello        PIE (the compiler's default), libc + libm + dlopen
#   dyn_hello_nopie  the same as a fixed-address executable
#   dyn_libm         libm results with %.17g
# The ARM suites build the same sources: arm-frontend/src/test/guest/dynamic/build.sh.
set -eu
cd "$(dirname "$0")"
CC=${CC:-powerpc-linux-gnu-gcc}
mkdir -p bin
"$CC" -O2 -o bin/dyn_hello src/dyn_hello.c -lm
"$CC" -O2 -no-pie -o bin/dyn_hello_nopie src/dyn_hello.c -lm
"$CC" -O2 -o bin/dyn_libm src/dyn_libm.c -lm
