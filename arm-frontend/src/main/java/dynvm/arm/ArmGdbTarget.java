package dynvm.arm;

import dynvm.spi.CpuState;
import dynvm.spi.GdbTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * ARM (A32 and Thumb) as gdb's {@code arm}: org.gnu.gdb.arm.core r0..r12, sp, lr, pc (0-15) and
 * cpsr (16), then org.gnu.gdb.arm.vfp d0..d15 or d0..d31 (from 17) and fpscr: as many double
 * registers as the CPU model has ({@link ArmCpuModel#d32}; gdb accepts both, as gdb's own
 * arm-vfpv3.xml and the D16 variant). The CPSR is assembled from the split flags as user code
 * reads it.
 */
final class ArmGdbTarget implements GdbTarget {
    private static final String CORE = "org.gnu.gdb.arm.core", VFP = "org.gnu.gdb.arm.vfp";
    static final int PC = 15, CPSR = 16, D0 = 17;
    /** Register number of fpscr: after the last d register. */
    private final int fpscr;
    private final List<Register> regs;

    ArmGdbTarget(int dRegisters) {
        this.fpscr = D0 + dRegisters;
        this.regs = registerList(dRegisters);
    }

    private static List<Register> registerList(int dRegisters) {
        List<Register> l = new ArrayList<>();
        for (int i = 0; i < 13; i++) l.add(new Register("r" + i, 32, "uint32", "general", CORE));
        l.add(new Register("sp", 32, "data_ptr", "general", CORE));
        l.add(new Register("lr", 32, "int", "general", CORE));
        l.add(new Register("pc", 32, "code_ptr", "general", CORE));
        l.add(new Register("cpsr", 32, "int", "general", CORE));
        for (int i = 0; i < dRegisters; i++) l.add(new Register("d" + i, 64, "ieee_double", "float", VFP));
        l.add(new Register("fpscr", 32, "int", "float", VFP));
        return List.copyOf(l);
    }

    @Override public String architecture() { return "arm"; }

    @Override public List<Register> registers() { return regs; }

    @Override
    public long read(CpuState cpu, int n) {
        if (n < PC) return cpu.r[ArmRegs.slot(ArmRegs.R[n])] & 0xffffffffL;
        if (n == PC) return cpu.pc & 0xffffffffL;
        if (n == CPSR) return ArmSignalFrames.cpsr(cpu) & 0xffffffffL;
        if (n < fpscr) return cpu.d[ArmRegs.slot(ArmRegs.D[n - D0])];
        return cpu.r[ArmRegs.slot(ArmRegs.FPSCR)] & 0xffffffffL;
    }

    @Override
    public void write(CpuState cpu, int n, long value) {
        if (n < PC) cpu.r[ArmRegs.slot(ArmRegs.R[n])] = (int) value;
        else if (n == PC) cpu.pc = (int) value & ~1;
        else if (n == CPSR) ArmSignalFrames.setCpsr(cpu, (int) value);
        else if (n < fpscr) cpu.d[ArmRegs.slot(ArmRegs.D[n - D0])] = value;
        else cpu.r[ArmRegs.slot(ArmRegs.FPSCR)] = (int) value;
    }
}
