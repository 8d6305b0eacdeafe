package dynvm.microkernel.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Many threads yielding, waiting and blocking at random: exactly one of them may run at a time
 * (the scheduler models one CPU), every one of them makes progress, and shutdown ends them all.
 */
class SchedulerStressTest {
    static final long MS = 1_000_000;

    @Test
    void oneRunnerAtATimeEveryoneProgressesAndShutdownIsClean() throws Exception {
        Partition a = new Partition("a", 0.5, true), b = new Partition("b", 0.3), c = new Partition("c", 0.2, true);
        Scheduler scheduler = new Scheduler("stress", new HostClock(), Schedule.of(6 * MS, a, b, c));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        Notification shared = new Notification();
        List<AtomicLong> progress = new ArrayList<>();
        List<KThread> threads = new ArrayList<>();
        Partition[] parts = {a, a, b, b, c, c};
        for (int i = 0; i < parts.length; i++) {
            AtomicLong done = new AtomicLong();
            progress.add(done);
            long seed = i;
            threads.add(scheduler.spawn("t" + i, parts[i], i % 3, self -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                while (true) {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    long until = System.nanoTime() + rnd.nextLong(20_000, 200_000);
                    while (System.nanoTime() < until) Thread.onSpinWait();
                    done.incrementAndGet();
                    inside.decrementAndGet();
                    switch (rnd.nextInt(10)) {
                        case 0 -> self.blocking(() -> shared.waitAny(rnd.nextLong(100_000, 2 * MS)));
                        case 1 -> shared.signal(1);
                        default -> self.yieldPoint();
                    }
                }
            }));
        }
        Thread.sleep(800);
        assertTrue(scheduler.shutdown(), "every host thread ended");
        assertEquals(0, scheduler.liveHostThreads());
        assertEquals(1, maxInside.get(), "never two threads running guest code at once");
        for (int i = 0; i < threads.size(); i++) {
            assertTrue(progress.get(i).get() > 0, threads.get(i).name() + " made progress");
            assertNull(threads.get(i).failure(), threads.get(i).name());
            assertEquals(ThreadState.EXITED, threads.get(i).state());
        }
    }
}
