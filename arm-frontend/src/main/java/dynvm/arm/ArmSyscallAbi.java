package dynvm.arm;

import dynvm.spi.CpuState;
import dynvm.spi.SyscallAbi;

/**
 * The ARM EABI Linux system-call convention (svc #0 in ARM or Thumb state): number in r7,
 * arguments in r0..r5, result in r0. Errors come back as the raw -errno in r0 with no flag, so
 * the result is stored unchanged. The thread pointer (set_tls) is the user-read-only TPIDRURO.
 */
public final class ArmSyscallAbi implements SyscallAbi {
    @Override public int number(CpuState cpu) { return cpu.r[ArmRegs.slot(ArmRegs.R[7])]; }

    @Override
    public int arg(CpuState cpu, int i) {
        if (i < 0 || i > 5) throw new IllegalArgumentException("syscall argument " + i);
        return cpu.r[ArmRegs.slot(ArmRegs.R[i])];
    }

    @Override public void setResult(CpuState cpu, int value) { cpu.r[ArmRegs.slot(ArmRegs.R[0])] = value; }

    /** set_tls: what mrc p15, 0, rd, c13, c0, 3 reads afterwards (and the kuser helper at 0xffff0fe0). */
    @Override public void setThreadPointer(CpuState cpu, int value) { cpu.r[ArmRegs.slot(ArmRegs.TPIDRURO)] = value; }

    @Override public int threadPointer(CpuState cpu) { return cpu.r[ArmRegs.slot(ArmRegs.TPIDRURO)]; }

    @Override public void setStackPointer(CpuState cpu, int sp) { cpu.r[ArmRegs.slot(ArmRegs.R[13])] = sp; }

    @Override public String name(int number) { return ArmSyscallNames.name(number); }

    @Override public String linuxArch() { return ArmLinuxAbi.ARCH; }
}
