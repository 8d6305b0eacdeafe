package dynvm.ppc;

import dynvm.spi.CpuState;

/**
 * lswx / stswx: the byte count comes from XER[25:31] at run time, so they cannot be unrolled at
 * decode time like lswi / stswi. Registers fill from their high byte, wrapping r31 to r0; the
 * unfilled low bytes of the last register loaded become 0.
 */
public final class PpcStrings {
    private PpcStrings() { }

    public static void loadString(CpuState cpu, int ea, int rt) {
        int n = cpu.r[PpcRegs.slot(PpcRegs.XER_BC)] & 0x7f;
        int reg = rt, acc = 0;
        for (int i = 0; i < n; i++) {
            acc |= (cpu.mem.load8(ea + i) & 0xff) << (24 - 8 * (i & 3));
            if ((i & 3) == 3 || i == n - 1) {
                cpu.r[PpcRegs.slot(PpcRegs.GPR[reg])] = acc;
                reg = (reg + 1) & 31;
                acc = 0;
            }
        }
    }

    public static void storeString(CpuState cpu, int ea, int rs) {
        int n = cpu.r[PpcRegs.slot(PpcRegs.XER_BC)] & 0x7f;
        for (int i = 0; i < n; i++) {
            int v = cpu.r[PpcRegs.slot(PpcRegs.GPR[(rs + (i >>> 2)) & 31])];
            cpu.mem.store8(ea + i, v >>> (24 - 8 * (i & 3)));
        }
    }
}
