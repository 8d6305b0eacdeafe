package dynvm.translator.vm;

import java.util.Arrays;

/**
 * A debugger's breakpoint addresses, shared by the engines of all threads of the debugged
 * process: the engines stop before executing an instruction whose address is in the set (the
 * translator also ends blocks before them). Copy on write: readers take no lock.
 */
public final class Breakpoints {
    private volatile int[] pcs = new int[0];

    public boolean isEmpty() { return pcs.length == 0; }

    public boolean contains(int pc) {
        int[] a = pcs;
        return a.length != 0 && Arrays.binarySearch(a, pc) >= 0;
    }

    /** Is there a breakpoint in {@code (from, to)} (after the first instruction of a block)? */
    public boolean anyAfter(int from, int to) {
        for (int p : pcs) if (Integer.compareUnsigned(p, from) > 0 && Integer.compareUnsigned(p, to) < 0) return true;
        return false;
    }

    /** Returns false when it was there already. */
    public synchronized boolean add(int pc) {
        if (contains(pc)) return false;
        int[] a = Arrays.copyOf(pcs, pcs.length + 1);
        a[a.length - 1] = pc;
        Arrays.sort(a);
        pcs = a;
        return true;
    }

    /** Returns false when it was not there. */
    public synchronized boolean remove(int pc) {
        if (!contains(pc)) return false;
        pcs = Arrays.stream(pcs).filter(p -> p != pc).toArray();
        return true;
    }

    public synchronized void clear() { pcs = new int[0]; }
}
