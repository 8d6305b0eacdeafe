package dynvm.microkernel.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class NotificationTest {
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void signalsAccumulateAndAWaitTakesThemAll() {
        Notification n = new Notification();
        n.signal(0b001);
        n.signal(0b100);
        n.signal(0b001);
        assertEquals(0b101, n.peek());
        assertEquals(0b101, n.waitAny(0));
        assertEquals(0, n.poll(), "taken bits are cleared");
    }

    @Test
    void aBoundUpcallRunsForItsBitsOnlyAfterTheyAreSet() {
        Notification n = new Notification();
        AtomicLong seen = new AtomicLong(-1);
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        n.bind(0b010, () -> { runs.incrementAndGet(); seen.set(n.peek()); });
        n.signal(0b001);
        assertEquals(0, runs.get(), "an unbound bit runs no upcall");
        n.signal(0b010);
        assertEquals(1, runs.get());
        assertEquals(0b011, seen.get(), "the upcall sees the bits already set");
        n.signal(0b110);
        assertEquals(2, runs.get(), "every signal of a bound bit runs it (it is not an edge)");
        n.bind(0, null);
        n.signal(0b010);
        assertEquals(2, runs.get(), "unbound");
        assertEquals(0b111, n.poll());
    }

    @Test
    void waitTimesOutWithNoBits() {
        Notification n = new Notification();
        assertEquals(0, n.waitAny(0));
        assertEquals(0, n.waitAny(1_000_000));
    }

    @Test
    void aWaiterWakesWhenAnotherThreadSignals() throws Exception {
        Notification n = new Notification();
        AtomicLong got = new AtomicLong();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            waiting.countDown();
            got.set(n.waitAny(-1));
        });
        waiter.start();
        waiting.await();
        n.signal(0x40);
        waiter.join(10_000);
        assertFalse(waiter.isAlive());
        assertEquals(0x40, got.get());
    }

    @Test
    void anInterruptedWaiterReturnsZeroAndKeepsItsFlag() throws Exception {
        Notification n = new Notification();
        AtomicLong got = new AtomicLong(-1);
        boolean[] flag = new boolean[1];
        Thread waiter = new Thread(() -> {
            got.set(n.waitAny(-1));
            flag[0] = Thread.currentThread().isInterrupted();
        });
        waiter.start();
        waiter.interrupt();
        waiter.join(10_000);
        assertEquals(0, got.get());
        assertTrue(flag[0]);
    }

    @Test
    void aLevelLineSignalsOnceUntilAckedThenAgainIfStillHigh() {
        Notification n = new Notification();
        IrqBinding uart = new IrqBinding(n, 1L << 5);
        uart.raise();
        uart.raise();
        assertEquals(1L << 5, n.poll());
        uart.lower();
        uart.raise();
        assertEquals(0, n.poll(), "masked until acked");
        uart.ack();
        assertEquals(1L << 5, n.poll(), "still high at the ack");
        uart.lower();
        uart.ack();
        assertEquals(0, n.poll());
        uart.raise();
        assertEquals(1L << 5, n.poll(), "unmasked: the next rise signals");
    }

    @Test
    void aPulseWhileMaskedIsNotLost() {
        Notification n = new Notification();
        IrqBinding timer = new IrqBinding(n, 1);
        timer.pulse();
        assertEquals(1, n.poll());
        timer.pulse();   // the handler has not acked yet
        assertEquals(0, n.poll());
        timer.ack();
        assertEquals(1, n.poll());
        assertFalse(timer.level());
    }

    @Test
    void linesOfOneNotificationWakeAHandlerThreadThatAcksThem() throws Exception {
        Notification n = new Notification();
        IrqBinding a = new IrqBinding(n, 1), b = new IrqBinding(n, 2);
        AtomicLong seen = new AtomicLong();
        Thread handler = new Thread(() -> {
            while (seen.get() != 3) {
                long bits = n.waitAny(10 * SECOND);
                if (bits == 0) return;
                seen.accumulateAndGet(bits, (x, y) -> x | y);
                if ((bits & 1) != 0) { a.lower(); a.ack(); }
                if ((bits & 2) != 0) { b.lower(); b.ack(); }
            }
        });
        handler.start();
        a.raise();
        b.raise();
        handler.join(20_000);
        assertEquals(3, seen.get());
        assertFalse(a.level() || b.level());
    }

    @Test
    void aBindingNeedsExactlyOneBit() {
        assertThrows(IllegalArgumentException.class, () -> new IrqBinding(new Notification(), 3));
        assertThrows(IllegalArgumentException.class, () -> new IrqBinding(new Notification(), 0));
    }
}
