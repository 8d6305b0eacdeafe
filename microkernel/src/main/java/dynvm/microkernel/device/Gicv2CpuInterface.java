package dynvm.microkernel.device;

import java.util.function.IntSupplier;

/**
 * One view of the GICv2 CPU interface registers (GICC_*): either the interface of the CPU making
 * the access (the window the machine maps) or of a fixed CPU. Word access only; values read are
 * QEMU's for virt (GICC_IIDR 0x0002043b, ABPR resetting to 1, idle running priority 0xff). The
 * aliased non-secure registers (AIAR, AEOIR, AHPPIR) and the active priority registers read as
 * zero and ignore writes, as QEMU's do on a GIC without Security Extensions.
 */
final class Gicv2CpuInterface implements MmioDevice {
    static final int GICC_CTLR = 0x00, GICC_PMR = 0x04, GICC_BPR = 0x08, GICC_IAR = 0x0c,
            GICC_EOIR = 0x10, GICC_RPR = 0x14, GICC_HPPIR = 0x18, GICC_ABPR = 0x1c,
            GICC_AIAR = 0x20, GICC_AEOIR = 0x24, GICC_AHPPIR = 0x28, GICC_IIDR = 0xfc,
            GICC_DIR = 0x1000;

    /** GICC_CTLR bits (no Security Extensions): EnableGrp0, EnableGrp1, AckCtl, FIQEn, CBPR, EOImode. */
    static final int CTLR_ENABLE_GRP0 = 1, CTLR_ENABLE_GRP1 = 1 << 1, CTLR_ACK_CTL = 1 << 2,
            CTLR_FIQ_EN = 1 << 3, CTLR_CBPR = 1 << 4, CTLR_EOI_MODE = 1 << 9;
    private static final int CTLR_WRITABLE = 0x21f;
    static final int IIDR = 0x0002043b;

    private final Gicv2 gic;
    private final IntSupplier cpu;

    Gicv2CpuInterface(Gicv2 gic, IntSupplier cpu) {
        this.gic = gic;
        this.cpu = cpu;
    }

    @Override public String name() { return "gic-v2-cpu"; }

    @Override public int size() { return 0x10000; }

    @Override
    public long read(int offset, int size) {
        synchronized (gic) {
            int c = cpu.getAsInt();
            Gicv2.CpuState s = gic.cpu[c];
            int value = switch (RegisterWindow.wordOffset(offset)) {
                case GICC_CTLR -> s.control;
                case GICC_PMR -> s.priorityMask;
                case GICC_BPR -> s.bpr;
                case GICC_IAR -> gic.acknowledge(c);
                case GICC_RPR -> Math.min(s.runningPriority(), 0xff);
                case GICC_HPPIR -> highestPending(c);
                case GICC_ABPR -> s.abpr;
                case GICC_IIDR -> IIDR;
                default -> 0;
            };
            return RegisterWindow.extract(value, offset, size);
        }
    }

    @Override
    public void write(int offset, int size, long value) {
        synchronized (gic) {
            int c = cpu.getAsInt();
            Gicv2.CpuState s = gic.cpu[c];
            int v = RegisterWindow.writeValue(value, size);
            switch (RegisterWindow.wordOffset(offset)) {
                case GICC_CTLR -> s.control = v & CTLR_WRITABLE;
                case GICC_PMR -> s.priorityMask = v & 0xff;
                case GICC_BPR -> s.bpr = v & 7;
                case GICC_EOIR -> gic.endOfInterrupt(c, v);
                case GICC_ABPR -> s.abpr = v & 7;
                case GICC_DIR -> gic.deactivate(c, v);
                default -> { }
            }
            gic.update();
        }
    }

    /** GICC_HPPIR: what IAR would return, without acknowledging (1023 when it would be spurious). */
    private int highestPending(int c) {
        int id = gic.bestPending(c);
        if (id < 0 || (gic.priority[gic.index(c, id)] & 0xff) >= gic.cpu[c].priorityMask) {
            return Gicv2.SPURIOUS;
        }
        if (id < Gicv2.SGIS) {
            int sources = gic.sgiSources[c * Gicv2.SGIS + id];
            return id | (sources == 0 ? 0 : Integer.numberOfTrailingZeros(sources) << 10);
        }
        return id;
    }
}
