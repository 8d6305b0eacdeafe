package dynvm.microkernel.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class Gicv2Test {
    private static final int D = 0, TIMER_PPI = 30, UART_SPI = 1;
    private final boolean[] irq = new boolean[2];
    private final Gicv2 gic = Gicv2.uniprocessor((cpu, level) -> irq[cpu] = level);
    private final MmioDevice gicd = gic.distributor();
    private final MmioDevice gicc = gic.cpuInterface();

    private void enableAll() {
        gicd.write(Gicv2Distributor.GICD_CTLR, 4, 1);
        gicc.write(Gicv2CpuInterface.GICC_CTLR, 4, 1);
        gicc.write(Gicv2CpuInterface.GICC_PMR, 4, 0xf0);
    }

    private void enable(int id, int priority) {
        gicd.write(Gicv2Distributor.GICD_ISENABLER + id / 32 * 4, 4, 1L << (id % 32));
        gicd.write(Gicv2Distributor.GICD_IPRIORITYR + id, 1, priority);
    }

    private int iar() { return (int) gicc.read(Gicv2CpuInterface.GICC_IAR, 4); }

    private void eoi(int value) { gicc.write(Gicv2CpuInterface.GICC_EOIR, 4, value); }

    @Test
    void identificationAsQemuReportsIt() {
        assertEquals(8, gicd.read(Gicv2Distributor.GICD_TYPER, 4), "288 IDs, 1 CPU");
        assertEquals(0x43b, gicd.read(Gicv2Distributor.GICD_IIDR, 4));
        assertEquals(0x0002043b, gicc.read(Gicv2CpuInterface.GICC_IIDR, 4));
        assertEquals(0x90, gicd.read(0xfe0, 4));
        assertEquals(0xb1, gicd.read(0xffc, 4));
        assertEquals(0xffff, gicd.read(Gicv2Distributor.GICD_ISENABLER, 4), "SGIs always enabled");
        assertEquals(0xaaaaaaaaL, gicd.read(Gicv2Distributor.GICD_ICFGR, 4), "SGIs edge-triggered");
        assertEquals(0xff, gicc.read(Gicv2CpuInterface.GICC_RPR, 4));
        assertEquals(1, gicc.read(Gicv2CpuInterface.GICC_ABPR, 4));
        assertEquals(0, gicd.read(Gicv2Distributor.GICD_ITARGETSR + 32, 1), "RAZ on a uniprocessor GIC");
    }

    @Test
    void spuriousWhenNothingPending() {
        enableAll();
        assertEquals(Gicv2.SPURIOUS, iar());
        assertEquals(Gicv2.SPURIOUS, gicc.read(Gicv2CpuInterface.GICC_HPPIR, 4));
    }

    @Test
    void sgiToSelfCarriesItsSource() {
        enableAll();
        gicd.write(Gicv2Distributor.GICD_IPRIORITYR + 3, 1, 0x80);
        gicd.write(Gicv2Distributor.GICD_SGIR, 4, (2 << 24) | 3);
        assertTrue(irq[0]);
        assertEquals(0x01000000, gicd.read(Gicv2Distributor.GICD_SPENDSGIR, 4), "SGI 3 pending from CPU 0");
        assertEquals(3, gicc.read(Gicv2CpuInterface.GICC_HPPIR, 4));
        assertEquals(3, iar());
        assertFalse(irq[0]);
        assertEquals(0x80, gicc.read(Gicv2CpuInterface.GICC_RPR, 4));
        assertEquals(1 << 3, gicd.read(Gicv2Distributor.GICD_ISACTIVER, 4));
        eoi(3);
        assertEquals(0, gicd.read(Gicv2Distributor.GICD_ISACTIVER, 4));
        assertEquals(0xff, gicc.read(Gicv2CpuInterface.GICC_RPR, 4));
    }

    @Test
    void sgiTargetListFilterOnTwoCpus() {
        boolean[] lines = new boolean[2];
        AtomicInteger current = new AtomicInteger(0);
        Gicv2 smp = new Gicv2(2, 32, (c, l) -> lines[c] = l, current::get);
        MmioDevice d = smp.distributor();
        d.write(Gicv2Distributor.GICD_CTLR, 4, 1);
        for (int c = 0; c < 2; c++) {
            smp.cpuInterface(c).write(Gicv2CpuInterface.GICC_CTLR, 4, 1);
            smp.cpuInterface(c).write(Gicv2CpuInterface.GICC_PMR, 4, 0xff);
        }
        d.write(Gicv2Distributor.GICD_SGIR, 4, (1 << 24) | 5); // all but self (CPU 0)
        assertFalse(lines[0]);
        assertTrue(lines[1]);
        assertEquals(5, smp.cpuInterface(1).read(Gicv2CpuInterface.GICC_IAR, 4), "source CPU 0");
        current.set(1);
        d.write(Gicv2Distributor.GICD_SGIR, 4, (0b01 << 16) | 7); // list: CPU 0 only
        assertTrue(lines[0]);
        assertEquals(7 | (1 << 10), smp.cpuInterface(0).read(Gicv2CpuInterface.GICC_IAR, 4), "source CPU 1");
        assertEquals(0b10, d.read(Gicv2Distributor.GICD_ITARGETSR + 20, 1), "PPI target reads as the accessing CPU");
    }

    @Test
    void levelSensitivePpiFollowsTheTimer() {
        enableAll();
        enable(TIMER_PPI, 0xa0);
        gic.setPpi(0, TIMER_PPI, true);
        assertTrue(irq[0]);
        assertEquals(TIMER_PPI, iar());
        assertFalse(irq[0], "active: not signalled again");
        eoi(TIMER_PPI);
        assertTrue(irq[0], "input still high: pending again after EOI");
        gic.setPpi(0, TIMER_PPI, false);
        assertFalse(irq[0]);
        assertEquals(Gicv2.SPURIOUS, iar());
    }

    @Test
    void spiFromTheUart() {
        enableAll();
        enable(32 + UART_SPI, 0xa0);
        Pl011 uart = new Pl011(OutputStream.nullOutputStream(), gic.spi(UART_SPI));
        uart.write(0x38, 4, Pl011.INT_RX);
        uart.receive((byte) 'k');
        assertTrue(irq[0]);
        assertEquals(32 + UART_SPI, iar());
        assertEquals('k', uart.read(0, 4));
        eoi(32 + UART_SPI);
        assertFalse(irq[0]);
        assertEquals(0, gicd.read(Gicv2Distributor.GICD_ISPENDR + 4, 4));
    }

    @Test
    void edgeTriggeredSpiLatches() {
        enableAll();
        enable(40, 0x10);
        gicd.write(Gicv2Distributor.GICD_ICFGR + 40 / 16 * 4, 4, 2L << ((40 % 16) * 2));
        gic.setSpi(8, true);
        gic.setSpi(8, false);
        assertTrue(irq[0], "the pulse stays pending");
        assertEquals(40, iar());
        eoi(40);
        assertFalse(irq[0]);
    }

    @Test
    void priorityMaskAndPreemption() {
        enableAll();
        enable(33, 0x80);
        enable(34, 0x40);
        gicc.write(Gicv2CpuInterface.GICC_PMR, 4, 0x40);
        gic.setSpi(1, true);
        gic.setSpi(2, true);
        assertFalse(irq[0], "both at or below the mask");
        assertEquals(Gicv2.SPURIOUS, iar());

        gicc.write(Gicv2CpuInterface.GICC_PMR, 4, 0xf0);
        assertEquals(34, iar(), "higher priority (lower value) first");
        assertFalse(irq[0], "0x80 does not preempt running 0x40");
        assertEquals(Gicv2.SPURIOUS, iar());
        gic.setSpi(2, false); // the device was serviced
        eoi(34);
        assertTrue(irq[0]);
        assertEquals(33, iar());
    }

    @Test
    void disabledInterruptsAndDistributorGate() {
        gicc.write(Gicv2CpuInterface.GICC_CTLR, 4, 1);
        gicc.write(Gicv2CpuInterface.GICC_PMR, 4, 0xff);
        enable(35, 0);
        gic.setSpi(3, true);
        assertFalse(irq[0], "distributor disabled");
        gicd.write(Gicv2Distributor.GICD_CTLR, 4, 1);
        assertTrue(irq[0]);
        gicd.write(Gicv2Distributor.GICD_ICENABLER + 4, 4, 1 << 3);
        assertFalse(irq[0]);
        assertEquals(1 << 3, gicd.read(Gicv2Distributor.GICD_ISPENDR + 4, 4), "still pending while disabled");
    }

    @Test
    void splitEoiModeNeedsDir() {
        enableAll();
        gicc.write(Gicv2CpuInterface.GICC_CTLR, 4, 1 | Gicv2CpuInterface.CTLR_EOI_MODE);
        enable(36, 0x20);
        gic.setSpi(4, true);
        assertEquals(36, iar());
        eoi(36);
        assertEquals(0xff, gicc.read(Gicv2CpuInterface.GICC_RPR, 4), "priority dropped");
        assertEquals(1 << 4, gicd.read(Gicv2Distributor.GICD_ISACTIVER + 4, 4), "still active");
        gicc.write(Gicv2CpuInterface.GICC_DIR, 4, 36);
        assertEquals(0, gicd.read(Gicv2Distributor.GICD_ISACTIVER + 4, 4));
    }

    @Test
    void group1NeedsAckCtl() {
        gicd.write(Gicv2Distributor.GICD_CTLR, 4, 3);
        gicc.write(Gicv2CpuInterface.GICC_CTLR, 4, 3);
        gicc.write(Gicv2CpuInterface.GICC_PMR, 4, 0xff);
        gicd.write(Gicv2Distributor.GICD_IGROUPR + 4, 4, 1 << 5);
        enable(37, 0x20);
        gic.setSpi(5, true);
        assertEquals(Gicv2.SPURIOUS_GROUP1, iar());
        gicc.write(Gicv2CpuInterface.GICC_CTLR, 4, 3 | Gicv2CpuInterface.CTLR_ACK_CTL);
        assertEquals(37, iar());
    }

    @Test
    void priorityAndPendingBytesRoundTrip() {
        gicd.write(Gicv2Distributor.GICD_IPRIORITYR + 32, 4, 0x11223344);
        assertEquals(0x22, gicd.read(Gicv2Distributor.GICD_IPRIORITYR + 34, 1));
        gicd.write(Gicv2Distributor.GICD_ISPENDR + 4, 4, 0x5);
        assertEquals(0x5, gicd.read(Gicv2Distributor.GICD_ISPENDR + 4, 4));
        gicd.write(Gicv2Distributor.GICD_ICPENDR + 4, 4, 0x1);
        assertEquals(0x4, gicd.read(Gicv2Distributor.GICD_ISPENDR + 4, 4));
        gicd.write(Gicv2Distributor.GICD_SPENDSGIR, 4, 0x1);
        assertEquals(1, gicd.read(Gicv2Distributor.GICD_ISPENDR, 4));
        gicd.write(Gicv2Distributor.GICD_CPENDSGIR, 4, 0x1);
        assertEquals(0, gicd.read(Gicv2Distributor.GICD_ISPENDR, 4));
    }

    /** Values read from qemu-system-arm 7.2 by a bare-metal probe doing the same accesses. */
    @Test
    void outOfOrderEoiAsQemuDoesIt() {
        enableAll();
        gicd.write(Gicv2Distributor.GICD_IPRIORITYR + 3, 1, 0x81);
        gicd.write(Gicv2Distributor.GICD_SGIR, 4, (2 << 24) | 3);
        assertEquals(3, iar());
        assertEquals(0x80, gicc.read(Gicv2CpuInterface.GICC_RPR, 4), "group priority under BPR 0");
        assertEquals(Gicv2.SPURIOUS, gicc.read(Gicv2CpuInterface.GICC_HPPIR, 4));
        gicd.write(Gicv2Distributor.GICD_IPRIORITYR + 40, 1, 0x40);
        gicd.write(Gicv2Distributor.GICD_ISENABLER + 4, 4, 1 << 8);
        gicd.write(Gicv2Distributor.GICD_ISPENDR + 4, 4, 1 << 8);
        assertEquals(40, gicc.read(Gicv2CpuInterface.GICC_HPPIR, 4));
        assertEquals(40, iar(), "0x40 preempts 0x80");
        assertEquals(0x40, gicc.read(Gicv2CpuInterface.GICC_RPR, 4));
        eoi(3); // out of order
        assertEquals(0x80, gicc.read(Gicv2CpuInterface.GICC_RPR, 4));
        assertEquals(0, gicd.read(Gicv2Distributor.GICD_ISACTIVER, 4));
        assertEquals(1 << 8, gicd.read(Gicv2Distributor.GICD_ISACTIVER + 4, 4));
        eoi(40);
        assertEquals(0xff, gicc.read(Gicv2CpuInterface.GICC_RPR, 4));
        assertEquals(0, gicd.read(Gicv2Distributor.GICD_ISACTIVER + 4, 4));
        gicd.write(Gicv2Distributor.GICD_ICFGR + 4, 4, 0xffffffffL);
        assertEquals(0xaaaaaaaaL, gicd.read(Gicv2Distributor.GICD_ICFGR + 4, 4), "PPI configuration writable");
        gicd.write(Gicv2Distributor.GICD_ICENABLER, 4, 0xffffffffL);
        assertEquals(0xffff, gicd.read(Gicv2Distributor.GICD_ISENABLER, 4), "SGIs cannot be disabled");
    }

    /** The distributor and CPU interface side of the timer_gic guest's QEMU golden (arm-frontend/src/test/guest/virt). */
    @Test
    void timerGicGolden() {
        gicd.write(Gicv2Distributor.GICD_CTLR, 4, 0);
        for (int id = 0; id < 32; id++) {
            gicd.write(Gicv2Distributor.GICD_IPRIORITYR + id, 1, 0xa0);
        }
        int[][] prio = {{0, 0x40}, {1, 0xc0}, {27, 0x80}, {30, 0x60}};
        for (int[] p : prio) {
            gicd.write(Gicv2Distributor.GICD_IPRIORITYR + p[0], 1, p[1]);
        }
        gicd.write(Gicv2Distributor.GICD_ISENABLER, 4, (1 << 0) | (1 << 1) | (1 << 27) | (1 << 30));
        assertEquals(0x4800ffffL, gicd.read(Gicv2Distributor.GICD_ISENABLER, 4));
        assertEquals(0xa0a0c040L, gicd.read(Gicv2Distributor.GICD_IPRIORITYR, 4));
        assertEquals(0x80a0a0a0L, gicd.read(Gicv2Distributor.GICD_IPRIORITYR + 24, 4));
        assertEquals(0xa060a0a0L, gicd.read(Gicv2Distributor.GICD_IPRIORITYR + 28, 4));
        assertEquals(0, gicd.read(Gicv2Distributor.GICD_ICFGR + 4, 4));
        gicd.write(Gicv2Distributor.GICD_CTLR, 4, 1);
        gicc.write(Gicv2CpuInterface.GICC_PMR, 4, 0xf0);
        gicc.write(Gicv2CpuInterface.GICC_BPR, 4, 0);
        gicc.write(Gicv2CpuInterface.GICC_CTLR, 4, 1);
        assertEquals(1, gicd.read(Gicv2Distributor.GICD_CTLR, 4));
        assertEquals(1, gicc.read(Gicv2CpuInterface.GICC_CTLR, 4));

        gicd.write(Gicv2Distributor.GICD_SGIR, 4, 2 << 24);
        assertEquals(1, gicd.read(Gicv2Distributor.GICD_ISPENDR, 4));
        assertEquals(0, gicc.read(Gicv2CpuInterface.GICC_HPPIR, 4));
        assertEquals(0, iar());
        assertEquals(0x40, gicc.read(Gicv2CpuInterface.GICC_RPR, 4));
        eoi(0);

        gicc.write(Gicv2CpuInterface.GICC_PMR, 4, 0x80);
        gicd.write(Gicv2Distributor.GICD_SGIR, 4, (2 << 24) | 1);
        assertEquals(2, gicd.read(Gicv2Distributor.GICD_ISPENDR, 4));
        assertFalse(irq[0]);
        gicc.write(Gicv2CpuInterface.GICC_PMR, 4, 0xf0);
        assertTrue(irq[0]);
        assertEquals(1, iar());
        assertEquals(0xc0, gicc.read(Gicv2CpuInterface.GICC_RPR, 4));
        eoi(1);
        assertEquals(0, gicd.read(Gicv2Distributor.GICD_ISPENDR, 4));

        for (int[] timer : new int[][] {{27, 0x80}, {30, 0x60}}) {
            for (int n = 0; n < 5; n++) {
                gic.setPpi(0, timer[0], true);   // the timer condition is met
                assertTrue(irq[0]);
                assertEquals(timer[0], iar());
                assertEquals(timer[1], gicc.read(Gicv2CpuInterface.GICC_RPR, 4));
                gic.setPpi(0, timer[0], false);  // the handler reprograms the timer
                eoi(timer[0]);
                assertFalse(irq[0]);
            }
        }
        assertEquals(0, gicd.read(Gicv2Distributor.GICD_ISPENDR, 4));
    }
}
