package dynvm.ppc;

import dynvm.spi.CpuState;
import dynvm.spi.GdbTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * The 32-bit PowerPC as gdb's {@code powerpc:common} with an FPU, in gdb's (and qemu's) remote
 * numbering: r0..r31 (0-31), f0..f31 (32-63), pc, msr, cr, lr, ctr, xer (64-69), fpscr (70).
 * CR and XER are assembled from the split registers of {@link PpcRegs}.
 */
final class PpcGdbTarget implements GdbTarget {
    private static final String CORE = "org.gnu.gdb.power.core", FPU = "org.gnu.gdb.power.fpu";
    static final int F0 = 32, PC = 64, MSR = 65, CR = 66, LR = 67, CTR = 68, XER = 69, FPSCR = 70;
    private static final List<Register> REGS = registerList();

    private static List<Register> registerList() {
        List<Register> l = new ArrayList<>();
        for (int i = 0; i < 32; i++) l.add(new Register("r" + i, 32, "uint32", "general", CORE));
        for (int i = 0; i < 32; i++) l.add(new Register("f" + i, 64, "ieee_double", "float", FPU));
        l.add(new Register("pc", 32, "code_ptr", "general", CORE));
        l.add(new Register("msr", 32, "uint32", "general", CORE));
        l.add(new Register("cr", 32, "uint32", "general", CORE));
        l.add(new Register("lr", 32, "code_ptr", "general", CORE));
        l.add(new Register("ctr", 32, "uint32", "general", CORE));
        l.add(new Register("xer", 32, "uint32", "general", CORE));
        l.add(new Register("fpscr", 32, "int", "float", FPU));
        return List.copyOf(l);
    }

    @Override public String architecture() { return "powerpc:common"; }

    @Override public List<Register> registers() { return REGS; }

    private static int slot(int reg) { return PpcRegs.slot(reg); }

    @Override
    public long read(CpuState cpu, int n) {
        if (n < 32) return cpu.r[slot(PpcRegs.GPR[n])] & 0xffffffffL;
        if (n < 64) return cpu.d[slot(PpcRegs.FPR[n - F0])];
        int v = switch (n) {
            case PC -> cpu.pc;
            case MSR -> PpcSignalFrames.MSR_USER;
            case CR -> {
                int cr = 0;
                for (int i = 0; i < 8; i++) cr |= (cpu.r[slot(PpcRegs.CR[i])] & 0xf) << (28 - 4 * i);
                yield cr;
            }
            case LR -> cpu.r[slot(PpcRegs.LR)];
            case CTR -> cpu.r[slot(PpcRegs.CTR)];
            case XER -> cpu.r[slot(PpcRegs.XER_SO)] << 31 | cpu.r[slot(PpcRegs.XER_OV)] << 30
                    | cpu.r[slot(PpcRegs.XER_CA)] << 29 | cpu.r[slot(PpcRegs.XER_BC)] & 0x7f;
            case FPSCR -> cpu.r[slot(PpcRegs.FPSCR)];
            default -> 0;
        };
        return v & 0xffffffffL;
    }

    @Override
    public void write(CpuState cpu, int n, long value) {
        int v = (int) value;
        if (n < 32) { cpu.r[slot(PpcRegs.GPR[n])] = v; return; }
        if (n < 64) { cpu.d[slot(PpcRegs.FPR[n - F0])] = value; return; }
        switch (n) {
            case PC -> cpu.pc = v;
            case CR -> { for (int i = 0; i < 8; i++) cpu.r[slot(PpcRegs.CR[i])] = v >>> (28 - 4 * i) & 0xf; }
            case LR -> cpu.r[slot(PpcRegs.LR)] = v;
            case CTR -> cpu.r[slot(PpcRegs.CTR)] = v;
            case XER -> {
                cpu.r[slot(PpcRegs.XER_SO)] = v >>> 31;
                cpu.r[slot(PpcRegs.XER_OV)] = v >>> 30 & 1;
                cpu.r[slot(PpcRegs.XER_CA)] = v >>> 29 & 1;
                cpu.r[slot(PpcRegs.XER_BC)] = v & 0x7f;
            }
            case FPSCR -> cpu.r[slot(PpcRegs.FPSCR)] = v;
            default -> { } // msr: fixed in user mode
        }
    }
}
