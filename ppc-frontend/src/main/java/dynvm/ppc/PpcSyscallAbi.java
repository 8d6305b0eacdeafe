package dynvm.ppc;

import dynvm.spi.CpuState;
import dynvm.spi.SyscallAbi;

/**
 * The PowerPC Linux system-call convention: number in r0, arguments in r3..r8, result in r3. On
 * failure r3 holds the positive errno and CR0.SO is set; on success CR0.SO is cleared.
 */
public final class PpcSyscallAbi implements SyscallAbi {
    private static final int SO = 1;

    @Override public int number(CpuState cpu) { return cpu.r[PpcRegs.slot(PpcRegs.GPR[0])]; }

    @Override
    public int arg(CpuState cpu, int i) {
        if (i < 0 || i > 5) throw new IllegalArgumentException("syscall argument " + i);
        return cpu.r[PpcRegs.slot(PpcRegs.GPR[3 + i])];
    }

    @Override
    public void setResult(CpuState cpu, int value) {
        int cr0 = PpcRegs.slot(PpcRegs.CR[0]);
        boolean error = value < 0 && value >= -4095;
        cpu.r[PpcRegs.slot(PpcRegs.GPR[3])] = error ? -value : value;
        cpu.r[cr0] = error ? cpu.r[cr0] | SO : cpu.r[cr0] & ~SO;
    }

    /** The PPC32 ABI keeps the thread pointer in r2. */
    @Override public void setThreadPointer(CpuState cpu, int value) { cpu.r[PpcRegs.slot(PpcRegs.GPR[2])] = value; }

    @Override public int threadPointer(CpuState cpu) { return cpu.r[PpcRegs.slot(PpcRegs.GPR[2])]; }

    /** r1 is the stack pointer. */
    @Override public void setStackPointer(CpuState cpu, int sp) { cpu.r[PpcRegs.slot(PpcRegs.GPR[1])] = sp; }

    @Override public String name(int number) { return PpcSyscallNames.name(number); }

    @Override public String linuxArch() { return PpcLinuxAbi.ARCH; }
}
