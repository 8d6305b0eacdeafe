package dynvm.arm;

import dynvm.spi.CpuState;
import dynvm.spi.Decoder;
import dynvm.spi.DisassemblyTarget;
import dynvm.spi.Isa;
import dynvm.spi.RegisterFile;
import dynvm.spi.SyscallAbi;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * 32-bit little-endian ARM, user mode. The CPU model is an ARMv7-A core like a Cortex-A9 without
 * NEON: ARM and Thumb-2 states, the v6/v7 media instructions, VFPv3-D16 (16 double registers, no
 * half-precision, no fused multiply-add) and no integer divider, which is exactly Debian armhf's
 * baseline; armel (ARMv5TE, soft-float) binaries run on it as on real v7 hardware.
 */
public final class ArmIsa implements Isa, dynvm.spi.LinuxUserAbi {
    /**
     * AT_HWCAP, what is implemented and nothing more: SWP | HALF | THUMB | FAST_MULT | VFP | EDSP |
     * VFPv3 | VFPv3D16 | TLS. No NEON (glibc then picks its non-NEON routines), no IDIVA/IDIVT, no
     * VFPD32, no VFPv4.
     */
    static final int HWCAP = 0x1 | 0x2 | 0x4 | 0x10 | 0x40 | 0x80 | 0x2000 | 0x4000 | 0x8000;

    /** capstone.h: CS_ARCH_ARM with CS_MODE_ARM (A32; capstone decodes ARMv8 A32 with VFP and NEON) or CS_MODE_THUMB. */
    static final DisassemblyTarget CAPSTONE_A32 = new DisassemblyTarget(0, 0), CAPSTONE_THUMB = new DisassemblyTarget(0, 1 << 4);

    private final ArmDecoder decoder = new ArmDecoder();
    private final ArmSyscallAbi abi = new ArmSyscallAbi();
    private final ArmSignalFrames frames = new ArmSignalFrames();

    @Override public String name() { return "arm"; }
    @Override public List<String> aliases() { return List.of("armel", "armhf", "arm32", "armv7"); }
    @Override public String description() { return "ARM 32-bit little-endian (ARMv7-A: ARM, Thumb-2, VFPv3-D16; no NEON)"; }
    @Override public int elfMachine() { return 40; }
    @Override public ByteOrder byteOrder() { return ByteOrder.LITTLE_ENDIAN; }

    @Override public DisassemblyTarget disassemblyTarget(int context) {
        return (context & ArmDecoder.THUMB) != 0 ? CAPSTONE_THUMB : CAPSTONE_A32;
    }
    @Override public RegisterFile registers() { return ArmRegs.FILE; }
    @Override public Decoder decoder() { return decoder; }
    @Override public SyscallAbi syscalls() { return abi; }

    /** The Linux user ABI is implemented by this class too (its hooks share the ISA's constants). */
    @Override public dynvm.spi.LinuxUserAbi linuxUser() { return this; }

    /**
     * The T bit selects the decoder (ARM or Thumb); bits 15:8 carry the IT state; bits 17:16 are
     * the system-mode bits (SYSTEM, VFP_ENABLED, PRIVILEGED, ALIGNMENT_CHECK) from ArmRegs.SYSMODE, always 0 in user mode.
     */
    @Override
    public int context(CpuState cpu) {
        return cpu.r[ArmRegs.slot(ArmRegs.T)] & ArmDecoder.THUMB | (cpu.r[ArmRegs.slot(ArmRegs.ITSTATE)] & 0xff) << ArmDecoder.IT_SHIFT
                | (cpu.r[ArmRegs.slot(ArmRegs.SYSMODE)] & 0xf) << ArmDecoder.SYSMODE_SHIFT;
    }

    private final dynvm.arm.sys.ArmSystemModel system = new dynvm.arm.sys.ArmSystemModel();

    /** System mode on QEMU's ARM {@code virt} machine: a Cortex-A15 ({@link dynvm.arm.sys.ArmSystemModel}). */
    @Override public dynvm.spi.sys.SystemModel systemModel() { return system; }

    /**
     * As Linux starts a process: pc = entry with bit 0 cleared, Thumb state if bit 0 was set,
     * sp = the stack pointer, every other register and flag 0, no exclusive reservation.
     */
    @Override
    public void initUserState(CpuState cpu, int entry, int stackPointer) {
        Arrays.fill(cpu.r, 0);
        Arrays.fill(cpu.d, 0);
        cpu.pc = entry & ~1;
        ArmRegs.FILE.write(cpu, ArmRegs.T, entry & 1);
        ArmRegs.FILE.write(cpu, ArmRegs.SP, stackPointer);
        ArmRegs.FILE.write(cpu, ArmRegs.EXCL_ADDR, -1);
    }

    @Override public int hwcap() { return HWCAP; }

    @Override public String platform() { return "v7l"; }

    @Override public Map<Integer, byte[]> kernelPages() { return ArmKuserPage.pages(); }

    @Override public dynvm.spi.SignalFrames signalFrames() { return frames; }

    private final ArmGdbTarget gdb = new ArmGdbTarget();

    @Override public dynvm.spi.GdbTarget gdbTarget() { return gdb; }

    @Override public String stackPointerName() { return "sp"; }
}
