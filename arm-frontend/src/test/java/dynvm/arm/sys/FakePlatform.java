package dynvm.arm.sys;

import dynvm.spi.sys.Hypercalls;
import dynvm.spi.sys.Platform;
import dynvm.spi.sys.TranslationFault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine for the system CPU's tests: records TLB flushes and MMU index changes, has a counter
 * the test sets, timers the test fires by hand, private interrupt levels it can read back, a
 * scripted hypercall and a small little-endian physical memory.
 */
final class FakePlatform implements Platform {
    final byte[] phys = new byte[1 << 16];
    int flushes;
    final List<Integer> flushedPages = new ArrayList<>();
    final List<Integer> mmuIndexes = new ArrayList<>();
    long counter;
    final List<FakeTimer> timers = new ArrayList<>();
    final Map<Integer, Boolean> ppis = new HashMap<>();
    int lastHypercall = -1;
    int[] lastHypercallArgs;
    long hypercallResult = Hypercalls.UNKNOWN;
    boolean poweredOff, reset;

    /** A one-shot timer the test fires. */
    static final class FakeTimer implements Timer {
        private final Runnable onExpiry;
        long deadline = -1;

        FakeTimer(Runnable onExpiry) { this.onExpiry = onExpiry; }

        @Override public void arm(long d) { deadline = d; }

        @Override public void cancel() { deadline = -1; }

        boolean armed() { return deadline >= 0; }

        void fire() {
            deadline = -1;
            onExpiry.run();
        }
    }

    @Override public int cpuIndex() { return 0; }

    @Override
    public long readPhysical(long pa, int size) {
        if (pa < 0 || pa + size > phys.length) throw new TranslationFault((int) pa, 0, TranslationFault.EXTERNAL);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = v << 8 | phys[(int) pa + i] & 0xff;
        return v;
    }

    @Override
    public void writePhysical(long pa, int size, long value) {
        if (pa < 0 || pa + size > phys.length) throw new TranslationFault((int) pa, 1, TranslationFault.EXTERNAL);
        for (int i = 0; i < size; i++) phys[(int) pa + i] = (byte) (value >>> 8 * i);
    }

    @Override public void flushTlb() { flushes++; }

    @Override public void flushTlbPage(int va) { flushedPages.add(va); }

    @Override public void setMmuIndex(int index) { mmuIndexes.add(index); }

    @Override public long counter() { return counter; }

    @Override public long counterFrequency() { return 62_500_000; }

    @Override
    public Timer newTimer(Runnable onExpiry) {
        FakeTimer t = new FakeTimer(onExpiry);
        timers.add(t);
        return t;
    }

    /** What the interrupt controller would do with a PPI, or null. */
    java.util.function.BiConsumer<Integer, Boolean> ppiListener;

    @Override
    public void setPrivateInterrupt(int id, boolean level) {
        ppis.put(id, level);
        if (ppiListener != null) ppiListener.accept(id, level);
    }

    boolean ppi(int id) { return ppis.getOrDefault(id, false); }

    @Override
    public long hypercall(int number, int[] args) {
        lastHypercall = number;
        lastHypercallArgs = args.clone();
        return hypercallResult;
    }

    @Override public void powerOff() { poweredOff = true; }

    @Override public void systemReset() { reset = true; }
}
