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
 * 32-bit little-endian ARM, user mode, as one of the {@link ArmCpuModel}s {@code -cpu} selects.
 * The default is a Cortex-A15: ARMv7-A with ARM and Thumb-2 states, the v6/v7 media instructions,
 * Advanced SIMD (NEON), VFPv4-D32 and the integer divider; armhf and armel (ARMv5TE, soft-float)
 * binaries run on it as on real v7 hardware. {@code -cpu cortex-a9} is the VFPv3-D16 core without
 * NEON (Debian armhf's baseline). The model is part of the decode context.
 */
public final class ArmIsa implements Isa, dynvm.spi.LinuxUserAbi {
    /** AT_HWCAP of the default model (see {@link ArmCpuModel#DEFAULT}). */
    static final int HWCAP = ArmCpuModel.DEFAULT.hwcap;

    private final ArmCpuModel model;
    private final int modelBits;

    /** The default model (what ServiceLoader creates). */
    public ArmIsa() { this(ArmCpuModel.DEFAULT); }

    public ArmIsa(ArmCpuModel model) {
        this.model = model;
        this.modelBits = model.contextBits();
        this.gdb = new ArmGdbTarget(model.d32 ? 32 : 16);
    }

    /** The CPU model of this instance. */
    public ArmCpuModel model() { return model; }

    @Override
    public List<dynvm.spi.CpuModel> cpuModels() {
        List<dynvm.spi.CpuModel> l = new java.util.ArrayList<>();
        l.add(new dynvm.spi.CpuModel(ArmCpuModel.DEFAULT.cpuName, ArmCpuModel.DEFAULT.summary, true));
        for (ArmCpuModel m : ArmCpuModel.values())
            if (m != ArmCpuModel.DEFAULT) l.add(new dynvm.spi.CpuModel(m.cpuName, m.summary, true));
        return l;
    }

    @Override
    public Isa withCpu(String name) {
        ArmCpuModel m = ArmCpuModel.byName(name);
        if (m == null) return Isa.super.withCpu(name);
        return m == model ? this : new ArmIsa(m);
    }

    @Override public String cpu() { return model.cpuName; }

    /** capstone.h: CS_ARCH_ARM with CS_MODE_ARM (A32; capstone decodes ARMv8 A32 with VFP and NEON) or CS_MODE_THUMB. */
    static final DisassemblyTarget CAPSTONE_A32 = new DisassemblyTarget(0, 0), CAPSTONE_THUMB = new DisassemblyTarget(0, 1 << 4);

    private final ArmDecoder decoder = new ArmDecoder();
    private final ArmSyscallAbi abi = new ArmSyscallAbi();
    private final ArmSignalFrames frames = new ArmSignalFrames();

    @Override public String name() { return "arm"; }
    @Override public List<String> aliases() { return List.of("armel", "armhf", "arm32", "armv7"); }
    @Override public String description() { return "ARM 32-bit little-endian (-cpu " + model.cpuName + ": " + model.summary + ")"; }
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
     * the system-mode bits (SYSTEM, VFP_ENABLED, PRIVILEGED, ALIGNMENT_CHECK) from ArmRegs.SYSMODE, always 0 in user mode;
     * bits 21:20 the CPU model ({@link ArmCpuModel#contextBits}), so models never share a translation.
     */
    @Override
    public int context(CpuState cpu) {
        int[] r = cpu.r;
        return r[T_SLOT] & ArmDecoder.THUMB | (r[IT_SLOT] & 0xff) << ArmDecoder.IT_SHIFT
                | (r[SYSMODE_SLOT] & 0xf) << ArmDecoder.SYSMODE_SHIFT | modelBits;
    }

    @Override public int[] contextRegisters() { return new int[]{ArmRegs.T, ArmRegs.ITSTATE, ArmRegs.SYSMODE}; }

    // The dispatcher asks for the context before every block: constants, so C1's code for this
    // method is three loads and a few shifts (a register-file look-up here cost a fifth of a
    // soft-float loop's time).
    private static final int T_SLOT = ArmRegs.slot(ArmRegs.T), IT_SLOT = ArmRegs.slot(ArmRegs.ITSTATE),
            SYSMODE_SLOT = ArmRegs.slot(ArmRegs.SYSMODE);

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

    @Override public int hwcap() { return model.hwcap; }

    @Override public String platform() { return model.platform; }

    @Override public String machine() { return model.machine; }

    @Override public String cpuinfo() { return model.cpuinfo(); }

    @Override public Map<Integer, byte[]> kernelPages() { return ArmKuserPage.pages(); }

    @Override public dynvm.spi.SignalFrames signalFrames() { return frames; }

    private final ArmGdbTarget gdb;

    @Override public dynvm.spi.GdbTarget gdbTarget() { return gdb; }

    @Override public String stackPointerName() { return "sp"; }
}
