package dynvm.microkernel.device;

import java.util.function.IntSupplier;

/**
 * A GICv2 interrupt controller as QEMU's {@code virt} machine has it: no Security Extensions, no
 * virtualization extensions, 32 private interrupts per CPU (16 SGIs, 16 PPIs) plus a number of
 * shared peripheral interrupts (SPIs); 256 on virt, so 288 interrupt IDs and
 * GICD_TYPER.ITLinesNumber = 8.
 *
 * <p>This class holds the state the architecture specification (IHI 0048B) defines and the
 * prioritisation logic; the two register windows that expose it are separate classes:
 * {@link #distributor()} (GICD_*, at 0x08000000 on virt) and {@link #cpuInterface()} (GICC_*, at
 * 0x08010000). Accesses to banked registers (SGI/PPI state, the whole CPU interface) are made on
 * behalf of the CPU {@code currentCpu} names, so the machine supplies which vCPU is accessing; a
 * CPU-specific window is also available with {@link #cpuInterface(int)}.
 *
 * <h2>State model</h2>
 * Every interrupt has, for each CPU that sees it (one for an SPI, each CPU for an SGI or PPI):
 * enable, a pending latch, active, group, priority (8 bits, all implemented), and its input
 * level. A level-sensitive interrupt is pending while its input is high or its latch is set;
 * an edge-triggered one only while its latch is set (a rising edge sets it). An SGI's latch is a
 * set of source CPUs, one pending instance per source as the specification requires.
 *
 * <h2>Delivery</h2>
 * For each CPU the highest-priority interrupt (lowest value, then lowest ID) that is pending, not
 * active, enabled, of a group the distributor forwards (GICD_CTLR) and targeted at that CPU is
 * the candidate; it is signalled on the CPU's IRQ line when the CPU interface enables its group
 * (GICC_CTLR), its priority is below GICC_PMR and its group priority (split by GICC_BPR) is below
 * the running priority. Acknowledge makes it active and pushes its priority; EOI drops the
 * priority and, unless GICC_CTLR.EOImode splits the two, deactivates it (else GICC_DIR does).
 * FIQ is never signalled: group 0 interrupts are delivered as IRQs (virt's Linux and firmware
 * leave FIQEn clear).
 *
 * <p>One lock, this object's monitor, guards all state: inputs come from device and timer
 * threads, register accesses from vCPU threads. Lock order is device, then GIC, then CPU lines.
 */
public final class Gicv2 {
    /** Interrupt IDs: SGIs 0-15, PPIs 16-31, SPIs from 32. */
    public static final int SGIS = 16, PRIVATE = 32;
    /** Interrupt ID returned by GICC_IAR when nothing is pending (spurious). */
    public static final int SPURIOUS = 1023;
    /** Interrupt ID returned when the highest pending is group 1 and GICC_CTLR.AckCtl is clear. */
    public static final int SPURIOUS_GROUP1 = 1022;

    final int cpus;
    final int irqs;
    private final CpuLines lines;
    final IntSupplier currentCpu;

    // Per interrupt, banked for IDs < 32 (see index()).
    final boolean[] enabled;
    final boolean[] latched;
    final boolean[] active;
    final boolean[] level;
    final boolean[] group1;
    final boolean[] edge;
    final byte[] priority;
    /** SGI pending instances: [cpu * 16 + sgi] = bit mask of source CPUs. */
    final int[] sgiSources;
    /** ITARGETSR of each SPI: a CPU bit mask. */
    final byte[] targets;

    int distributorControl;
    final CpuState[] cpu;
    private final boolean[] irqOut;

    private final Gicv2Distributor distributor;
    private final Gicv2CpuInterface[] cpuInterfaces;
    private final Gicv2CpuInterface currentCpuInterface;

    /**
     * @param cpus number of CPU interfaces (1-8)
     * @param spis number of shared peripheral interrupts, a multiple of 32 (256 on virt)
     * @param lines the IRQ output to each CPU
     * @param currentCpu which CPU is making the current register access (the vCPU thread's index)
     */
    public Gicv2(int cpus, int spis, CpuLines lines, IntSupplier currentCpu) {
        if (cpus < 1 || cpus > 8) {
            throw new IllegalArgumentException("GICv2 supports 1 to 8 CPUs, not " + cpus);
        }
        if (spis < 0 || spis % 32 != 0 || spis > 988) {
            throw new IllegalArgumentException("SPI count must be a multiple of 32 up to 988, not " + spis);
        }
        this.cpus = cpus;
        this.irqs = PRIVATE + spis;
        this.lines = lines;
        this.currentCpu = currentCpu;
        int slots = cpus * PRIVATE + spis;
        enabled = new boolean[slots];
        latched = new boolean[slots];
        active = new boolean[slots];
        level = new boolean[slots];
        group1 = new boolean[slots];
        edge = new boolean[slots];
        priority = new byte[slots];
        sgiSources = new int[cpus * SGIS];
        targets = new byte[spis];
        cpu = new CpuState[cpus];
        irqOut = new boolean[cpus];
        cpuInterfaces = new Gicv2CpuInterface[cpus];
        for (int c = 0; c < cpus; c++) {
            cpu[c] = new CpuState();
            for (int id = 0; id < SGIS; id++) {
                enabled[index(c, id)] = true; // SGIs are always enabled in QEMU's GIC
                edge[index(c, id)] = true;    // and always edge-triggered
            }
            final int fixed = c;
            cpuInterfaces[c] = new Gicv2CpuInterface(this, () -> fixed);
        }
        distributor = new Gicv2Distributor(this);
        currentCpuInterface = new Gicv2CpuInterface(this, currentCpu);
    }

    /** A single-CPU GIC as on virt with {@code -smp 1}: 256 SPIs, all accesses from CPU 0. */
    public static Gicv2 uniprocessor(CpuLines lines) {
        return new Gicv2(1, 256, lines, () -> 0);
    }

    /** The distributor's register window (GICD_*, 64 KiB on virt). */
    public MmioDevice distributor() {
        return distributor;
    }

    /** The CPU interface window of the CPU making each access (GICC_*, 64 KiB on virt). */
    public MmioDevice cpuInterface() {
        return currentCpuInterface;
    }

    /** The CPU interface of one CPU, whoever accesses it. */
    public MmioDevice cpuInterface(int cpuId) {
        return cpuInterfaces[cpuId];
    }

    /** Number of interrupt IDs (32 + SPIs). */
    public int interruptCount() {
        return irqs;
    }

    /** Drives SPI {@code n} (0-based: interrupt ID 32 + n), as a device's interrupt output does. */
    public synchronized void setSpi(int n, boolean high) {
        if (n < 0 || n >= irqs - PRIVATE) {
            throw new IllegalArgumentException("no SPI " + n);
        }
        input(index(0, PRIVATE + n), high);
    }

    /** Drives PPI interrupt ID {@code id} (16-31) of CPU {@code cpuId}: a generic timer's output, say. */
    public synchronized void setPpi(int cpuId, int id, boolean high) {
        if (id < SGIS || id >= PRIVATE) {
            throw new IllegalArgumentException("PPI IDs are 16-31, not " + id);
        }
        input(index(cpuId, id), high);
    }

    /** An {@link InterruptOutput} a device can drive, connected to SPI {@code n}. */
    public InterruptOutput spi(int n) {
        if (n < 0 || n >= irqs - PRIVATE) {
            throw new IllegalArgumentException("no SPI " + n);
        }
        return high -> setSpi(n, high);
    }

    /** True when CPU {@code cpuId}'s IRQ line is asserted. */
    public synchronized boolean irqAsserted(int cpuId) {
        return irqOut[cpuId];
    }

    private void input(int slot, boolean high) {
        if (high && !level[slot] && edge[slot]) {
            latched[slot] = true; // rising edge
        }
        level[slot] = high;
        update();
    }

    /** Storage slot of interrupt {@code id} as CPU {@code c} sees it: banked below 32, shared above. */
    int index(int c, int id) {
        return id < PRIVATE ? c * PRIVATE + id : cpus * PRIVATE + (id - PRIVATE);
    }

    boolean pending(int c, int id) {
        int slot = index(c, id);
        if (id < SGIS) {
            return sgiSources[c * SGIS + id] != 0 || latched[slot];
        }
        return latched[slot] || (!edge[slot] && level[slot]);
    }

    /** CPUs an SPI goes to: all of its targets, or CPU 0 on a uniprocessor GIC (ITARGETSR is RAZ/WI there). */
    int targetMask(int id) {
        return cpus == 1 ? 1 : targets[id - PRIVATE] & 0xff;
    }

    /** Highest-priority deliverable interrupt for CPU {@code c} (ignoring PMR and running priority), or -1. */
    int bestPending(int c) {
        int best = -1;
        int bestPriority = 0x100;
        for (int id = 0; id < irqs; id++) {
            if (id >= PRIVATE && (targetMask(id) & (1 << c)) == 0) {
                continue;
            }
            int slot = index(c, id);
            if (!enabled[slot] || active[slot] || !pending(c, id)) {
                continue;
            }
            if ((distributorControl & (group1[slot] ? 2 : 1)) == 0) {
                continue;
            }
            int p = priority[slot] & 0xff;
            if (p < bestPriority) {
                best = id;
                bestPriority = p;
            }
        }
        return best;
    }

    /** The group priority of {@code p} under CPU {@code c}'s binary point: the bits that decide preemption. */
    int groupPriority(int c, int p) {
        int bpr = cpu[c].bpr;
        return p & (0xff << (bpr + 1)) & 0xff;
    }

    /** True when {@code id} may be signalled to (or acknowledged by) CPU {@code c} now. */
    boolean deliverable(int c, int id) {
        int slot = index(c, id);
        CpuState s = cpu[c];
        int p = priority[slot] & 0xff;
        return (s.control & (group1[slot] ? 2 : 1)) != 0
                && p < s.priorityMask
                && groupPriority(c, p) < s.runningPriority();
    }

    /** Recomputes every CPU's IRQ line; called after any state change. */
    void update() {
        for (int c = 0; c < cpus; c++) {
            int best = bestPending(c);
            boolean assert_ = best >= 0 && deliverable(c, best);
            if (assert_ != irqOut[c]) {
                irqOut[c] = assert_;
                lines.set(c, assert_);
            }
        }
    }

    /** GICC_IAR: acknowledges the highest-priority deliverable interrupt of CPU {@code c}. */
    int acknowledge(int c) {
        int id = bestPending(c);
        if (id < 0 || !deliverable(c, id)) {
            return SPURIOUS;
        }
        int slot = index(c, id);
        if (group1[slot] && (cpu[c].control & Gicv2CpuInterface.CTLR_ACK_CTL) == 0) {
            return SPURIOUS_GROUP1;
        }
        int source = 0;
        if (id < SGIS) {
            int sources = sgiSources[c * SGIS + id];
            if (sources != 0) {
                source = Integer.numberOfTrailingZeros(sources);
                sgiSources[c * SGIS + id] = sources & ~(1 << source);
            } else {
                latched[slot] = false;
            }
        } else {
            latched[slot] = false;
        }
        active[slot] = true;
        cpu[c].push(groupPriority(c, priority[slot] & 0xff));
        update();
        return id | (source << 10);
    }

    /**
     * GICC_EOIR: drops the running priority (the most recent acknowledge's) and, unless EOImode
     * splits the two, deactivates the interrupt written. The specification leaves an EOI out of
     * order unpredictable; this does what QEMU does (measured: the top priority is dropped, the
     * named interrupt deactivated). An EOI with nothing active is ignored.
     */
    void endOfInterrupt(int c, int value) {
        int id = value & 0x3ff;
        if (!cpu[c].dropPriority() || id >= irqs) {
            update();
            return; // nothing running, or spurious IDs 1020-1023
        }
        if ((cpu[c].control & Gicv2CpuInterface.CTLR_EOI_MODE) == 0) {
            active[index(c, id)] = false;
        }
        update();
    }

    /** GICC_DIR: deactivates an interrupt whose priority was dropped. */
    void deactivate(int c, int value) {
        int id = value & 0x3ff;
        if (id < irqs) {
            active[index(c, id)] = false;
            update();
        }
    }

    /** Sends SGI {@code id} from CPU {@code source} to every CPU in {@code mask}. */
    void sendSgi(int source, int id, int mask) {
        for (int c = 0; c < cpus; c++) {
            if ((mask & (1 << c)) != 0) {
                sgiSources[c * SGIS + id] |= 1 << source;
            }
        }
        update();
    }

    /**
     * A CPU interface's own state: control, priority mask, binary points and the stack of active
     * priorities that makes up the running priority.
     */
    static final class CpuState {
        int control;
        int priorityMask;
        int bpr;
        int abpr = 1;   // QEMU's reset value
        /** Group priorities of acknowledged interrupts, most recent last: at most one per preemption level. */
        private final int[] activePriorities = new int[129];
        private int depth;

        int runningPriority() {
            return depth == 0 ? 0x100 : activePriorities[depth - 1];
        }

        void push(int groupPriority) {
            if (depth < activePriorities.length) {
                activePriorities[depth++] = groupPriority;
            }
        }

        /** Pops the most recent active priority; false when none is active. */
        boolean dropPriority() {
            if (depth == 0) {
                return false;
            }
            depth--;
            return true;
        }
    }
}
