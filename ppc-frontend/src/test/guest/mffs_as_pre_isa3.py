#!/usr/bin/env python3
"""Copies a big-endian ELF32 PowerPC binary, rewriting in its executable sections every
ISA 3.0 extended form of mffs (mffsce, mffscdrn[i], mffscrn[i], mffsl: primary opcode 63,
XO 583, bits 11-15 non-zero) into plain `mffs FRT`.

Why: glibc's libm (e.g. sin, cos, tan, atan, atan2) executes `mffscrni` unconditionally
and relies on processors older than ISA 3.0 ignoring the reserved bits 11-20 of mffs, so
the instruction reads the FPSCR like mffs; glibc then checks AT_HWCAP2 and sets the
rounding mode the old way. qemu-ppc 7.2 instead raises SIGILL for these forms on its
pre-ISA-3.0 CPU models, so the goldens are produced from a copy where the instruction is
already what such a processor executes. The committed binary is never modified.

usage: mffs_as_pre_isa3.py IN OUT   (prints the number of rewritten instructions)
"""
import struct
import sys

SHF_EXECINSTR = 0x4


def main(src, dst):
    data = bytearray(open(src, 'rb').read())
    if data[:4] != b'\x7fELF' or data[4] != 1 or data[5] != 2:
        sys.exit('not a big-endian ELF32 file: ' + src)
    shoff, = struct.unpack_from('>I', data, 0x20)
    shentsize, shnum = struct.unpack_from('>HH', data, 0x2e)
    patched = 0
    for i in range(shnum):
        _, _, flags, _, off, size = struct.unpack_from('>IIIIII', data, shoff + i * shentsize)
        if not flags & SHF_EXECINSTR:
            continue
        for p in range(off, off + size - 3, 4):
            w, = struct.unpack_from('>I', data, p)
            if (w & 0xfc0007fe) == 0xfc00048e and (w >> 16) & 0x1f:
                struct.pack_into('>I', data, p, w & ~0x001ff800)
                patched += 1
    open(dst, 'wb').write(data)
    print(patched)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
