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

    public ArmSystemModel() { this(PageTableWalker.VMSA); }

    /** With the VMSA table walk {@code walker} for MMU-on translations. */
    public ArmSystemModel(PageTableWalker walker) { this.walker = walker; }

    @Override public List<String> cpuModels() { return List.of("cortex-a15"); }

    @Override
    public SystemCpu createCpu(String model, CpuState cpu, Platform platform) {
        if (!"cortex-a15".equals(model)) throw new IllegalArgumentException("unknown ARM CPU model " + model + " (have: cortex-a15)");
        return new ArmSystemCpu(cpu, platform, walker);
    }
}
