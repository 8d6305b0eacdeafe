package dynvm.microkernel.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** A VM assembled from one Kernel: a vCPU that sleeps in "WFI" until a timer interrupt wakes it. */
class KernelTest {
    static final long LONG = TimeUnit.SECONDS.toNanos(30);
    static final int TIMER_IRQ = 0;

    /** The vCPU body: run "slices" that retire instructions, and wait for the timer's interrupt bit. */
    static KThread.Body vcpu(Kernel k, Notification irqs, IrqBinding timerLine, AtomicLong wokeAt) {
        return self -> {
            k.retired(1000);                                    // boot code
            long bits = self.blocking(() -> irqs.waitAny(LONG)); // WFI
            assertEquals(1L << TIMER_IRQ, bits);
            wokeAt.set(k.clock().nanos());
            timerLine.lower();
            timerLine.ack();
            self.yieldPoint();
        };
    }

    @Test
    void aHostTimeVmWakesItsVcpuFromATimerInterrupt() throws Exception {
        try (Kernel k = Kernel.onHostTime("vm1", Schedule.single())) {
            Notification irqs = new Notification();
            IrqBinding line = new IrqBinding(irqs, 1L << TIMER_IRQ);
            long deadline = k.clock().nanos() + 5_000_000;
            k.timers().arm(deadline, line::raise);
            AtomicLong wokeAt = new AtomicLong();
            KThread cpu = k.scheduler().spawn("cpu0", k.scheduler().schedule().partition("main"), 10, vcpu(k, irqs, line, wokeAt));
            assertTrue(k.scheduler().join(cpu, LONG));
            assertNull(cpu.failure());
            assertTrue(wokeAt.get() >= deadline);
        }
    }

    @Test
    void anInstructionCountVmFiresTimersAtTheSameInstructionEveryRun() {
        for (int run = 0; run < 2; run++) {
            try (Kernel k = Kernel.onInstructionCount("det", 2, Schedule.single())) {
                assertTrue(k.isDeterministic());
                AtomicLong firedAt = new AtomicLong(-1);
                k.timers().arm(4000, () -> firedAt.set(k.clock().nanos()));
                k.retired(999);
                assertEquals(-1, firedAt.get());
                k.retired(1);
                assertEquals(4000, firedAt.get(), "1000 instructions << 2");
            }
        }
    }

    @Test
    void aDeterministicVcpuInWfiSkipsToItsTimerInterrupt() throws Exception {
        try (Kernel k = Kernel.onInstructionCount("wfi", 0, Schedule.single())) {
            Notification irqs = new Notification();
            IrqBinding line = new IrqBinding(irqs, 1L << TIMER_IRQ);
            k.timers().arm(50_000, line::raise);
            AtomicLong wokeAt = new AtomicLong(), bits = new AtomicLong();
            KThread cpu = k.scheduler().spawn("cpu0", k.scheduler().schedule().partition("main"), 10, self -> {
                k.retired(1000);
                if (irqs.peek() == 0) k.skipToNextTimer();   // WFI with no other vCPU to move time on
                bits.set(irqs.poll());
                wokeAt.set(k.clock().nanos());
            });
            assertTrue(k.scheduler().join(cpu, LONG));
            assertNull(cpu.failure());
            assertEquals(1L << TIMER_IRQ, bits.get());
            assertEquals(50_000, wokeAt.get(), "time jumped exactly to the deadline");
        }
    }

    @Test
    void closeLeavesNoThreadsAndSpacesStayApart() {
        Kernel a = Kernel.onHostTime("iso-a", Schedule.single());
        Kernel b = Kernel.onHostTime("iso-b", Schedule.single());
        Space ramA = a.newSpace("phys", Unassigned.ABORT);
        Space ramB = b.newSpace("phys", Unassigned.ABORT);
        ramA.addRam(0, Space.PAGE_SIZE);
        assertThrows(IllegalArgumentException.class, () -> ramA.map(ramB, 0, 0, Space.PAGE_SIZE, Rights.RW));
        assertEquals(1, a.spaces().size());
        a.scheduler().spawn("spin", a.scheduler().schedule().partition("main"), 1, self -> { while (true) self.yieldPoint(); });
        a.close();
        b.close();
        assertEquals(0, a.scheduler().liveHostThreads());
        assertTrue(a.timers().isStopped() && b.timers().isStopped());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().contains("iso-")));
    }
}
