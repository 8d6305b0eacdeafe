package dynvm.ppc;

import dynvm.spi.CpuState;
import dynvm.spi.Decoder;
import dynvm.spi.DisassemblyTarget;
import dynvm.spi.Isa;
import dynvm.spi.RegisterFile;
import dynvm.spi.SyscallAbi;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** 32-bit big-endian PowerPC, user mode (Power ISA Book I plus the classic FPU). */
public final class PpcIsa implements Isa, dynvm.spi.LinuxUserAbi {
    /** AT_HWCAP bits: PPC_FEATURE_32 | PPC_FEATURE_HAS_FPU | PPC_FEATURE_HAS_MMU. */
    static final int HWCAP = 0x80000000 | 0x08000000 | 0x04000000;
    static final int AT_DCACHEBSIZE = 19, AT_ICACHEBSIZE = 20, AT_UCACHEBSIZE = 21;

    /** Sorted, so the auxiliary vector comes out in the same order on every run. */
    private static final Map<Integer, Integer> AUXV;

    static {
        TreeMap<Integer, Integer> m = new TreeMap<>();
        m.put(AT_DCACHEBSIZE, SystemOps.CACHE_BLOCK);
        m.put(AT_ICACHEBSIZE, SystemOps.CACHE_BLOCK);
        m.put(AT_UCACHEBSIZE, 0);
        AUXV = Collections.unmodifiableMap(m);
    }

    /** capstone.h: CS_ARCH_PPC, CS_MODE_32 | CS_MODE_BIG_ENDIAN. */
    static final DisassemblyTarget CAPSTONE_PPC32_BE = new DisassemblyTarget(4, 1 << 2 | 1 << 31);

    private final PpcDecoder decoder = new PpcDecoder();
    private final PpcSyscallAbi abi = new PpcSyscallAbi();
    private final PpcSignalFrames frames = new PpcSignalFrames();

    @Override public String name() { return "ppc32"; }
    @Override public List<String> aliases() { return List.of("ppc", "powerpc"); }
    @Override public String description() { return "PowerPC 32-bit big-endian (Power ISA Book I, classic FPU)"; }

    /**
     * The one model: a PowerPC 750 (G3), classic FPU, no AltiVec. The 7400 (G4) differs by AltiVec,
     * which dynvm does not implement, so it is listed and refused rather than silently run as a 750.
     */
    @Override
    public List<dynvm.spi.CpuModel> cpuModels() {
        return List.of(new dynvm.spi.CpuModel("750", "PowerPC 750 (G3): 32-bit, classic FPU, no AltiVec (default)", true),
                new dynvm.spi.CpuModel("7400", "PowerPC 7400 (G4): needs AltiVec, which dynvm does not implement", false));
    }

    @Override
    public Isa withCpu(String model) {
        if (model.equals("750")) return this;
        if (model.equals("7400")) throw new IllegalArgumentException("CPU model 7400 is not supported: it has AltiVec, which dynvm does not implement (use 750)");
        return Isa.super.withCpu(model);
    }

    @Override public String cpu() { return "750"; }
    @Override public int elfMachine() { return 20; }
    @Override public ByteOrder byteOrder() { return ByteOrder.BIG_ENDIAN; }

    @Override public DisassemblyTarget disassemblyTarget(int context) { return CAPSTONE_PPC32_BE; }
    /** tw/twi, the conditional traps that end a block with the breakpoint service, are one word. */
    @Override public int breakpointInsnSize(int context) { return 4; }
    @Override public RegisterFile registers() { return PpcRegs.FILE; }
    @Override public Decoder decoder() { return decoder; }
    @Override public SyscallAbi syscalls() { return abi; }

    /** The Linux user ABI is implemented by this class too (its hooks share the ISA's constants). */
    @Override public dynvm.spi.LinuxUserAbi linuxUser() { return this; }

    /** pc = entry, r1 = stack pointer, everything else 0 and no reservation (as Linux starts a process). */
    @Override
    public void initUserState(CpuState cpu, int entry, int stackPointer) {
        Arrays.fill(cpu.r, 0);
        Arrays.fill(cpu.d, 0);
        cpu.pc = entry;
        PpcRegs.FILE.write(cpu, PpcRegs.GPR[1], stackPointer);
        PpcRegs.FILE.write(cpu, PpcRegs.RESV_ADDR, -1);
    }

    @Override public int hwcap() { return HWCAP; }

    /**
     * /proc/cpuinfo as arch/powerpc/kernel/setup-common.c prints it for one 750 (cputable's
     * "740/750" entry, PVR {@link FixedPoint#PVR_750}) on a G3 PowerMac (QEMU's g3beige): the
     * timebase is mftb's rate ({@link PpcTimeBase#HZ}), bogomips follows from it (loops_per_jiffy
     * is the timebase ticks per jiffy on ppc32), and the clock is given the same 512 MHz.
     */
    @Override
    public String cpuinfo() {
        int pvr = FixedPoint.PVR_750;
        long tb = PpcTimeBase.HZ;
        return "processor\t: 0\n"
                + "cpu\t\t: 740/750\n"
                + "clock\t\t: " + tb / 1_000_000 + ".000000MHz\n"
                + "revision\t: " + (pvr >> 8 & 0xff) + "." + (pvr & 0xff)
                + String.format(" (pvr %04x %04x)\n", pvr >>> 16, pvr & 0xffff)
                + String.format("bogomips\t: %d.%02d\n\n", tb / 500_000, tb / 5_000 % 100)
                + "timebase\t: " + tb + "\n"
                + "platform\t: PowerMac\n"
                + "model\t\t: AAPL,PowerMac G3\n"
                + "machine\t\t: AAPL,PowerMac G3\n"
                + "motherboard\t: AAPL,PowerMac G3 MacRISC\n"
                + "detected as\t: 49 (PowerMac G3 (Silk))\n"
                + "pmac flags\t: 00000000\n"
                + "L2 cache\t: 512K unified\n"
                + "pmac-generation\t: OldWorld\n";
    }

    /** qemu-ppc gives no AT_PLATFORM; neither do we, so programs see the same auxv. */
    @Override public String platform() { return null; }

    @Override public Map<Integer, Integer> extraAuxv() { return AUXV; }

    @Override public dynvm.spi.SignalFrames signalFrames() { return frames; }

    private final PpcGdbTarget gdb = new PpcGdbTarget();

    @Override public dynvm.spi.GdbTarget gdbTarget() { return gdb; }

    @Override public String stackPointerName() { return "r1"; }
}
