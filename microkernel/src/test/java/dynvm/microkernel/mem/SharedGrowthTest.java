package dynvm.microkernel.mem;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A memory shared by several threads grows while they run: each "runner" holds the running gate
 * for a slice of plain stores and compare-and-sets (what an engine slice does), leaving it early
 * when kicked, while another thread maps ever higher pages (each mapping a growth, which copies
 * the array) and a third writes through the syscall-side bulk methods. No store, atomic or
 * syscall write may be lost to a copy, and a shared memory must no longer be allocated whole.
 */
class SharedGrowthTest {
    private static final int BASE = 0x10000, P = GuestMemory.PAGE_SIZE, WINDOW = 64 << 20;
    private static final int RUNNERS = 3, SLICES = 300, PER_SLICE = 200;

    @Test
    void sharingNoLongerAllocatesTheWholeWindow() {
        GuestMemory m = new GuestMemory(BASE, WINDOW);
        m.setFlags(BASE, 16 * P, 0, GuestMemory.UNMAPPED);
        m.shareBetweenThreads();
        assertTrue(m.isShared());
        assertEquals(20 * P, m.committed(), "sharing keeps the backing store as it was (16 pages and a quarter)");
        m.setFlags(BASE + 64 * P, P, 0, GuestMemory.UNMAPPED);
        assertTrue(m.committed() >= 65 * P && m.committed() < WINDOW, "grows to what is mapped: " + m.committed());
        assertEquals(1, m.sharedGrowths());
    }

    @Test
    void growthGivesAQuarterMoreThanNeededNotDouble() {
        GuestMemory m = new GuestMemory(BASE, WINDOW);
        m.setFlags(BASE, 4096 * P, 0, GuestMemory.UNMAPPED); // 16 MiB
        assertEquals(20 << 20, m.committed(), "16 MiB and a quarter of headroom");
        m.setFlags(BASE + (19 << 20), P, 0, GuestMemory.UNMAPPED);
        assertEquals(20 << 20, m.committed(), "inside the headroom: no copy");
        m.setFlags(BASE + (20 << 20), P, 0, GuestMemory.UNMAPPED);
        assertEquals((20 << 20) + P + (5 << 20), m.committed(), "past it: the need and a quarter, not double");
    }

    @Test
    void nothingIsLostWhileSharedMemoryGrows() throws Exception {
        GuestMemory m = new GuestMemory(BASE, WINDOW);
        m.setFlags(BASE, 8 * P, 0, GuestMemory.UNMAPPED);
        m.shareBetweenThreads();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        long[] plainStores = new long[RUNNERS];
        for (int r = 0; r < RUNNERS; r++) {
            int id = r;
            AtomicBoolean kicked = new AtomicBoolean();
            Runnable kick = () -> kicked.set(true);
            m.addRunner(kick);
            threads.add(new Thread(() -> {
                try {
                    int counter = BASE, mine = BASE + P + id * 256; // one shared counter, a private area each
                    for (int s = 0; s < SLICES; s++) {
                        boolean in = m.enterRunning();
                        kicked.set(false);
                        try {
                            for (int i = 0; i < PER_SLICE && !kicked.get(); i++) {
                                for (;;) { // a guest's atomic increment: load-exclusive, store-conditional
                                    int v = m.load32le(counter);
                                    if (m.compareAndSet(counter, 4, v & 0xffffffffL, (v + 1) & 0xffffffffL, false)) break;
                                }
                                int k = (int) (plainStores[id]++ % 64);
                                m.store32le(mine + 4 * k, (int) plainStores[id]);
                            }
                        } finally {
                            m.leaveRunning(in);
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    m.removeRunner(kick);
                }
            }, "runner-" + r));
        }
        // a syscall-side writer (read(2) into the buffer, a futex word): bulk writes and their checks
        int syscallArea = BASE + 4 * P;
        long[] syscallWrites = new long[1];
        threads.add(new Thread(() -> {
            try {
                byte[] b = new byte[16];
                while (!done.get()) {
                    long n = ++syscallWrites[0];
                    for (int i = 0; i < b.length; i++) b[i] = (byte) (n + i);
                    m.write(syscallArea, b, 0, b.length);
                    byte[] back = new byte[16];
                    m.read(syscallArea, back, 0, back.length);
                    assertArrayEquals(b, back, "a syscall's write reads back");
                    int w = m.load32Acquire(syscallArea + 32, false);
                    assertTrue(m.syscallCompareAndSet(syscallArea + 32, 4, w & 0xffffffffL, (w + 1) & 0xffffffffL, false));
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "syscalls"));
        // the mapper: every mapping lies beyond the backing store, so each one grows it
        Thread mapper = new Thread(() -> {
            try {
                int top = 8 * P;
                while (top + P <= WINDOW && m.sharedGrowths() < 40) {
                    top = m.committed() + P;
                    if (top > WINDOW) break;
                    m.setFlags(BASE + top - P, P, 0, GuestMemory.UNMAPPED);
                    m.store32le(BASE + top - P, top); // reachable at once
                    assertEquals(top, m.load32le(BASE + top - P));
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "mapper");
        threads.forEach(Thread::start);
        mapper.start();
        for (int r = 0; r < RUNNERS; r++) threads.get(r).join(60_000);
        mapper.join(60_000);
        done.set(true);
        threads.get(RUNNERS).join(60_000);
        if (failure.get() != null) throw new AssertionError(failure.get());
        for (Thread t : threads) assertFalse(t.isAlive(), t.getName() + " finished");

        assertTrue(m.sharedGrowths() > 5, "the memory grew while shared: " + m.sharedGrowths());
        long increments = 0;
        for (int r = 0; r < RUNNERS; r++) {
            increments += plainStores[r];
            int mine = BASE + P + r * 256;
            for (int k = 0; k < 64 && k < plainStores[r]; k++) { // the last store to each word survived every copy
                long last = plainStores[r] - ((plainStores[r] - 1 - k) % 64);
                assertEquals((int) last, m.load32le(mine + 4 * k), "runner " + r + " word " + k);
            }
        }
        assertEquals((int) increments, m.load32le(BASE), "no atomic increment lost to a copy");
        assertEquals((int) syscallWrites[0], m.load32le(syscallArea + 32), "no syscall-side compare-and-set lost");
        byte[] last = new byte[16];
        m.read(syscallArea, last, 0, 16);
        assertEquals((byte) syscallWrites[0], last[0], "the last syscall write survived");
    }

    @Test
    void aDirectReadIntoTheOldArrayIsCarriedOver() {
        GuestMemory m = new GuestMemory(BASE, WINDOW);
        m.setFlags(BASE, 4 * P, 0, GuestMemory.UNMAPPED);
        m.shareBetweenThreads();
        byte[] before = m.ram; // a blocking read(2) took the array, then another thread grew it
        m.setFlags(BASE + 100 * P, P, 0, GuestMemory.UNMAPPED);
        assertNotSame(before, m.ram);
        before[2 * P] = 42;
        before[2 * P + 1] = 43;
        m.directWriteDone(before, BASE + 2 * P, 2);
        assertEquals(42, m.load8(BASE + 2 * P));
        assertEquals(43, m.load8(BASE + 2 * P + 1));
    }

    @Test
    void growingFromInsideTheGateIsRefused() {
        GuestMemory m = new GuestMemory(BASE, WINDOW);
        m.setFlags(BASE, P, 0, GuestMemory.UNMAPPED);
        m.shareBetweenThreads();
        boolean in = m.enterRunning();
        try {
            assertThrows(IllegalStateException.class, () -> m.setFlags(BASE + 100 * P, P, 0, GuestMemory.UNMAPPED));
        } finally {
            m.leaveRunning(in);
        }
    }
}
