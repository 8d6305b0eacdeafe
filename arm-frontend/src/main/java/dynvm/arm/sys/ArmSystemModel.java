package dynvm.arm.sys;

import dynvm.spi.CpuState;
import dynvm.spi.sys.Platform;
import dynvm.spi.sys.SystemCpu;
import dynvm.spi.sys.SystemModel;
import java.util.List;

/**
 * ARM's privileged architecture for {@code ./dynvm boot}: CPUs as QEMU's {@code virt} machine
 * presents them. One model today, the Cortex-A15 (ARMv7-A with LPAE and the Generic Timer, no
 * Security or Virtualization Extensions). Stateless: one instance serves every VM.
 */
public final class ArmSystemModel implements SystemModel {
    private final PageTableWalker walker;

    public ArmSystemModel() { this(new VmsaWalker()); }

    /** With the VMSA table walk {@code walker} for MMU-on translations. */
    public ArmSystemModel(PageTableWalker walker) { this.walker = walker; }

    @Override public List<String> cpuModels() { return List.of("cortex-a15"); }

    @Override
    public SystemCpu createCpu(String model, CpuState cpu, Platform platform) {
        if (!"cortex-a15".equals(model)) throw new IllegalArgumentException("unknown ARM CPU model " + model + " (have: cortex-a15)");
        return new ArmSystemCpu(cpu, platform, walker);
    }

    /** The VMSA walk ({@link Vmsa}) behind the CPU's walker seam. */
    private static final class VmsaWalker implements PageTableWalker {
        @Override
        public long walk(Cp15View regs, TableReader mem, int va, int access, boolean privileged) {
            return Vmsa.translate(registers(regs), tables(mem), va, access, privileged);
        }

        @Override
        public long par(Cp15View regs, TableReader mem, int va, long page) {
            return Vmsa.par(registers(regs), tables(mem), va, page);
        }

        private static TranslationRegisters registers(Cp15View regs) {
            return new TranslationRegisters() {
                @Override public int sctlr() { return regs.sctlr(); }
                @Override public int ttbcr() { return regs.ttbcr(); }
                @Override public long ttbr0() { return regs.ttbr0(); }
                @Override public long ttbr1() { return regs.ttbr1(); }
                @Override public int dacr() { return regs.dacr(); }
                @Override public int mair0() { return regs.mair0(); }
                @Override public int mair1() { return regs.mair1(); }
            };
        }

        private static Vmsa.TableReader tables(TableReader mem) {
            return new Vmsa.TableReader() {
                @Override public int read32(long pa) { return mem.read32(pa); }
                @Override public long read64(long pa) { return mem.read64(pa); }
            };
        }
    }
}
