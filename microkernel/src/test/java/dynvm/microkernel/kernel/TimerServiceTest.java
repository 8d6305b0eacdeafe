package dynvm.microkernel.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class TimerServiceTest {
    static final long MS = 1_000_000;

    // ---- instruction-count time: fully deterministic ----

    @Test
    void instructionClockCountsShiftedInstructions() {
        InstructionClock c = new InstructionClock(3);
        c.advance(10);
        c.advance(5);
        assertEquals(15, c.instructions());
        assertEquals(120, c.nanos());
    }

    @Test
    void timersFireOnTheAdvancingThreadWhenTheDeadlineIsPassed() {
        InstructionClock c = new InstructionClock(0);
        TimerService timers = TimerService.onInstructionClock(c);
        List<String> fired = new ArrayList<>();
        timers.arm(100, () -> fired.add("t100 on " + Thread.currentThread().getName()));
        c.advance(99);
        assertTrue(fired.isEmpty());
        c.advance(1);
        assertEquals(List.of("t100 on " + Thread.currentThread().getName()), fired);
    }

    @Test
    void dueTimersFireInDeadlineOrderThenInTheOrderTheyWereSet() {
        InstructionClock c = new InstructionClock(0);
        TimerService timers = TimerService.onInstructionClock(c);
        List<String> fired = new ArrayList<>();
        timers.arm(30, () -> fired.add("c"));
        timers.arm(10, () -> fired.add("a"));
        timers.arm(20, () -> fired.add("b1"));
        timers.arm(20, () -> fired.add("b2"));
        timers.arm(40, () -> fired.add("late"));
        c.advance(35);
        assertEquals(List.of("a", "b1", "b2", "c"), fired);
        assertEquals(1, timers.pendingCount());
    }

    @Test
    void settingAgainMovesTheDeadlineAndCancelStopsIt() {
        InstructionClock c = new InstructionClock(0);
        TimerService timers = TimerService.onInstructionClock(c);
        AtomicLong firedAt = new AtomicLong(-1);
        Timer t = timers.newTimer(() -> firedAt.set(c.nanos()));
        t.arm(50).arm(80);
        c.advance(60);
        assertEquals(-1, firedAt.get(), "the first deadline was replaced");
        c.advance(30);
        assertEquals(90, firedAt.get());
        assertFalse(t.isPending(), "one-shot");

        t.arm(200);
        assertTrue(t.cancel());
        assertFalse(t.cancel());
        c.advance(1000);
        assertEquals(90, firedAt.get());
    }

    @Test
    void aPeriodicTimerResetsItselfFromItsCallbackWithoutLoopingForever() {
        InstructionClock c = new InstructionClock(0);
        TimerService timers = TimerService.onInstructionClock(c);
        List<Long> ticks = new ArrayList<>();
        Timer[] tick = new Timer[1];
        tick[0] = timers.newTimer(() -> {
            ticks.add(c.nanos());
            tick[0].arm(tick[0].deadline() + 10);   // may already be past: fires next round
        });
        tick[0].arm(10);
        for (int i = 0; i < 5; i++) c.advance(10);
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L), ticks);
        c.advance(100);   // one round per advance: the overdue tick fires once, then is re-armed
        assertEquals(6, ticks.size());
    }

    @Test
    void aThrowingCallbackDoesNotStopTheOthers() {
        InstructionClock c = new InstructionClock(0);
        TimerService timers = TimerService.onInstructionClock(c);
        List<String> fired = new ArrayList<>();
        timers.arm(1, () -> { throw new IllegalStateException("device bug"); });
        timers.arm(2, () -> fired.add("ok"));
        c.advance(5);
        assertEquals(List.of("ok"), fired);
        assertInstanceOf(IllegalStateException.class, timers.lastFailure());
    }

    @Test
    void anIdleVmSkipsStraightToItsNextDeadline() {
        InstructionClock c = new InstructionClock(3);
        TimerService timers = TimerService.onInstructionClock(c);
        assertFalse(c.skipToNextDeadline(), "nothing to wait for");
        List<Long> fired = new ArrayList<>();
        timers.arm(1001, () -> fired.add(c.nanos()));
        timers.arm(5000, () -> fired.add(c.nanos()));
        assertTrue(c.skipToNextDeadline());
        assertEquals(List.of(1008L), fired, "the first instruction boundary at or after the deadline (126 << 3)");
        assertTrue(c.skipToNextDeadline());
        assertEquals(List.of(1008L, 5000L), fired);
        assertFalse(c.skipToNextDeadline());
    }

    // ---- host time: one daemon thread per VM ----

    @Test
    void hostTimersFireInOrderOnTheTimerThread() throws Exception {
        HostClock clock = new HostClock();
        try (TimerService timers = TimerService.onHostClock("t1", clock)) {
            List<String> fired = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(3);
            long now = clock.nanos();
            timers.arm(now + 30 * MS, () -> { fired.add("c"); done.countDown(); });
            timers.arm(now + 10 * MS, () -> { fired.add("a:" + Thread.currentThread().getName()); done.countDown(); });
            timers.arm(now + 20 * MS, () -> { fired.add("b"); done.countDown(); });
            Timer cancelled = timers.arm(now + 15 * MS, () -> fired.add("cancelled"));
            assertTrue(cancelled.cancel());
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("a:dynvm-timers-t1", "b", "c"), fired);
        }
    }

    @Test
    void aHostTimerNeverFiresBeforeItsDeadline() throws Exception {
        HostClock clock = new HostClock();
        try (TimerService timers = TimerService.onHostClock("t2", clock)) {
            AtomicLong firedAt = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            Timer t = timers.newTimer(() -> { firedAt.set(clock.nanos()); done.countDown(); });
            long deadline = clock.nanos() + 20 * MS;
            t.arm(clock.nanos() + 5 * 1000 * MS).arm(deadline);   // re-armed earlier: the thread must wake up
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertTrue(firedAt.get() >= deadline);
        }
    }

    @Test
    void closeStopsTheTimerThreadAndDisarmsEverything() {
        TimerService timers = TimerService.onHostClock("t3", new HostClock());
        Timer t = timers.arm(Long.MAX_VALUE, () -> { });
        assertFalse(timers.isStopped());
        timers.close();
        assertTrue(timers.isStopped(), "no timer thread left behind");
        assertFalse(t.isPending());
        assertThrows(IllegalStateException.class, () -> t.arm(0));
        timers.close();   // idempotent
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(th -> th.getName().equals("dynvm-timers-t3")));
    }
}
