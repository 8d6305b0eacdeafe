package dynvm.microkernel.device;

/**
 * The GICv2 distributor's register window (GICD_*). Every register except GICD_SGIR is defined
 * byte by byte, as the specification allows byte access to IPRIORITYR, ITARGETSR and the SGI
 * pending registers; a word access is four byte accesses (as in QEMU's model), which also makes
 * ISENABLER and friends bit-accurate for any access size. Values read are QEMU's for virt:
 * GICD_IIDR 0x43b, the CoreLink-style peripheral IDs, SGIs enabled and edge-triggered.
 */
final class Gicv2Distributor implements MmioDevice {
    static final int GICD_CTLR = 0x000, GICD_TYPER = 0x004, GICD_IIDR = 0x008,
            GICD_IGROUPR = 0x080, GICD_ISENABLER = 0x100, GICD_ICENABLER = 0x180,
            GICD_ISPENDR = 0x200, GICD_ICPENDR = 0x280, GICD_ISACTIVER = 0x300,
            GICD_ICACTIVER = 0x380, GICD_IPRIORITYR = 0x400, GICD_ITARGETSR = 0x800,
            GICD_ICFGR = 0xc00, GICD_SGIR = 0xf00, GICD_CPENDSGIR = 0xf10, GICD_SPENDSGIR = 0xf20;

    /** Implementer ARM (0x43b), as QEMU's GIC reports. */
    static final int IIDR = 0x43b;
    /** PeriphID4..7, PeriphID0..3, ComponentID0..3 at 0xfd0-0xffc, QEMU's values. */
    private static final int[] IDS = {0x04, 0, 0, 0, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

    private final Gicv2 gic;

    Gicv2Distributor(Gicv2 gic) {
        this.gic = gic;
    }

    @Override public String name() { return "gic-v2-distributor"; }

    @Override public int size() { return 0x10000; }

    @Override
    public long read(int offset, int size) {
        synchronized (gic) {
            int c = gic.currentCpu.getAsInt();
            long value = 0;
            for (int i = Math.min(size, 4) - 1; i >= 0; i--) {
                value = (value << 8) | readByte(c, offset + i);
            }
            return value;
        }
    }

    @Override
    public void write(int offset, int size, long value) {
        synchronized (gic) {
            int c = gic.currentCpu.getAsInt();
            if (offset == GICD_SGIR && size >= 4) {
                softwareInterrupt(c, (int) value);
                return;
            }
            for (int i = 0; i < Math.min(size, 4); i++) {
                writeByte(c, offset + i, (int) (value >>> (8 * i)) & 0xff);
            }
            gic.update();
        }
    }

    private int readByte(int c, int offset) {
        if (offset < 0x80) {
            return switch (offset) {
                case GICD_CTLR -> gic.distributorControl;
                case GICD_TYPER -> (gic.irqs / 32 - 1) | ((gic.cpus - 1) << 5);
                case GICD_IIDR -> IIDR & 0xff;
                case GICD_IIDR + 1 -> IIDR >> 8;
                default -> 0;
            };
        }
        if (offset < GICD_IPRIORITYR) {
            return bits(c, offset);
        }
        if (offset < GICD_ITARGETSR) {
            int id = offset - GICD_IPRIORITYR;
            return id < gic.irqs ? gic.priority[gic.index(c, id)] & 0xff : 0;
        }
        if (offset < GICD_ICFGR) {
            int id = offset - GICD_ITARGETSR;
            if (gic.cpus == 1 || id >= gic.irqs) {
                return 0; // RAZ/WI on a uniprocessor GIC
            }
            return id < Gicv2.PRIVATE ? 1 << c : gic.targets[id - Gicv2.PRIVATE] & 0xff;
        }
        if (offset < GICD_SGIR) {
            int first = (offset - GICD_ICFGR) * 4;
            int value = 0;
            for (int i = 0; i < 4 && first + i < gic.irqs; i++) {
                if (gic.edge[gic.index(c, first + i)]) {
                    value |= 2 << (2 * i);
                }
            }
            return value;
        }
        if (offset >= GICD_CPENDSGIR && offset < GICD_SPENDSGIR + 0x10) {
            int sgi = (offset - GICD_CPENDSGIR) & 0xf;
            return gic.sgiSources[c * Gicv2.SGIS + sgi];
        }
        if (offset >= 0xfd0 && offset < 0x1000) {
            return (offset & 3) == 0 ? IDS[(offset - 0xfd0) >> 2] : 0;
        }
        return 0;
    }

    /** The one-bit-per-interrupt registers from IGROUPR to ICACTIVER: 8 interrupts per byte. */
    private int bits(int c, int offset) {
        int register = offset & ~0x7f;
        int first = (offset & 0x7f) * 8;
        int value = 0;
        for (int i = 0; i < 8 && first + i < gic.irqs; i++) {
            int id = first + i;
            int slot = gic.index(c, id);
            boolean set = switch (register) {
                case GICD_IGROUPR -> gic.group1[slot];
                case GICD_ISENABLER, GICD_ICENABLER -> gic.enabled[slot];
                case GICD_ISPENDR, GICD_ICPENDR -> gic.pending(c, id);
                default -> gic.active[slot]; // ISACTIVER, ICACTIVER
            };
            if (set) {
                value |= 1 << i;
            }
        }
        return value;
    }

    private void writeByte(int c, int offset, int value) {
        if (offset < 0x80) {
            if (offset == GICD_CTLR) {
                gic.distributorControl = value & 3; // EnableGrp0, EnableGrp1
            }
            return;
        }
        if (offset < GICD_IPRIORITYR) {
            writeBits(c, offset, value);
        } else if (offset < GICD_ITARGETSR) {
            int id = offset - GICD_IPRIORITYR;
            if (id < gic.irqs) {
                gic.priority[gic.index(c, id)] = (byte) value;
            }
        } else if (offset < GICD_ICFGR) {
            int id = offset - GICD_ITARGETSR;
            if (gic.cpus > 1 && id >= Gicv2.PRIVATE && id < gic.irqs) {
                gic.targets[id - Gicv2.PRIVATE] = (byte) (value & ((1 << gic.cpus) - 1));
            }
        } else if (offset < GICD_SGIR) {
            int first = (offset - GICD_ICFGR) * 4;
            for (int i = 0; i < 4 && first + i < gic.irqs; i++) {
                if (first + i >= Gicv2.SGIS) { // SGIs are always edge-triggered
                    gic.edge[gic.index(c, first + i)] = (value & (2 << (2 * i))) != 0;
                }
            }
        } else if (offset >= GICD_CPENDSGIR && offset < GICD_SPENDSGIR) {
            gic.sgiSources[c * Gicv2.SGIS + (offset - GICD_CPENDSGIR)] &= ~value;
        } else if (offset >= GICD_SPENDSGIR && offset < GICD_SPENDSGIR + 0x10) {
            gic.sgiSources[c * Gicv2.SGIS + (offset - GICD_SPENDSGIR)] |= value & ((1 << gic.cpus) - 1);
        }
    }

    private void writeBits(int c, int offset, int value) {
        int register = offset & ~0x7f;
        int first = (offset & 0x7f) * 8;
        for (int i = 0; i < 8 && first + i < gic.irqs; i++) {
            int id = first + i;
            int slot = gic.index(c, id);
            boolean one = (value & (1 << i)) != 0;
            switch (register) {
                case GICD_IGROUPR -> gic.group1[slot] = one;
                case GICD_ISENABLER -> gic.enabled[slot] |= one;
                case GICD_ICENABLER -> { if (one && id >= Gicv2.SGIS) gic.enabled[slot] = false; }
                case GICD_ISPENDR -> { if (one && id >= Gicv2.SGIS) gic.latched[slot] = true; }
                case GICD_ICPENDR -> { if (one && id >= Gicv2.SGIS) gic.latched[slot] = false; }
                case GICD_ISACTIVER -> gic.active[slot] |= one;
                default -> { if (one) gic.active[slot] = false; } // ICACTIVER
            }
        }
    }

    /** GICD_SGIR: TargetListFilter (bits 25:24), CPUTargetList (23:16), SGIINTID (3:0). */
    private void softwareInterrupt(int c, int value) {
        int all = (1 << gic.cpus) - 1;
        int mask = switch ((value >>> 24) & 3) {
            case 0 -> (value >>> 16) & all;
            case 1 -> all & ~(1 << c);
            case 2 -> 1 << c;
            default -> 0; // reserved
        };
        gic.sendSgi(c, value & 0xf, mask);
    }
}
