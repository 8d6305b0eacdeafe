package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;

import java.util.Map;

/**
 * The memory calls that only advise or pin: {@code madvise}, {@code mlock}/{@code mlock2},
 * {@code munlock}, {@code mlockall}, {@code munlockall} and {@code mincore}. Guest memory is a
 * JVM array that is never paged out, so every page is resident and locking is a promise already
 * kept; what is checked is what Linux checks (alignment, flags, that the range is mapped).
 * madvise's MADV_DONTNEED does not zero the pages: contents stay (Linux zeroes private anonymous
 * pages; a program that counts on it sees old data).
 */
final class MemoryHintSyscalls implements Syscall.Group {
    static final int PAGE = 4096;
    static final int MLOCK_ONFAULT = 1, MCL_CURRENT = 1, MCL_FUTURE = 2, MCL_ONFAULT = 4;
    /** The madvise advices Linux knows on 32-bit ARM and PowerPC (asm-generic mman-common.h); MADV_HWPOISON/SOFT_OFFLINE need privilege. */
    private static final java.util.Set<Integer> ADVICE = java.util.Set.of(0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
            18, 19, 20, 21, 22, 23, 25);
    static final int MADV_HWPOISON = 100, MADV_SOFT_OFFLINE = 101;

    private final GuestProcess p;

    MemoryHintSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("madvise", a -> madvise(a[0], a[1], a[2]));
        t.put("mlock", a -> lock(a[0], a[1], 0));
        t.put("mlock2", a -> lock(a[0], a[1], a[2]));
        t.put("munlock", a -> lock(a[0], a[1], 0));
        t.put("mlockall", a -> {
            int f = a[0];
            if (f == 0 || (f & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) != 0 || f == MCL_ONFAULT) return -Errno.EINVAL;
            return 0;
        });
        t.put("munlockall", a -> 0);
        t.put("mincore", a -> mincore(a[0], a[1], a[2]));
    }

    private AddressSpace as() { return p.as; }

    private static long pages(int addr, int len) {
        long s = addr & 0xffffffffL & -PAGE, e = ((addr & 0xffffffffL) + (len & 0xffffffffL) + PAGE - 1) & -PAGE;
        return (e - s) / PAGE;
    }

    private int madvise(int addr, int len, int advice) {
        if ((addr & (PAGE - 1)) != 0 || len < 0) return -Errno.EINVAL;
        if (advice == MADV_HWPOISON || advice == MADV_SOFT_OFFLINE) return -Errno.EPERM;
        if (!ADVICE.contains(advice)) return -Errno.EINVAL;
        if (len == 0) return 0;
        if ((addr & 0xffffffffL) + (len & 0xffffffffL) > 1L << 32) return -Errno.EINVAL;
        return as().isMapped(addr, len) ? 0 : -Errno.ENOMEM;
    }

    private int lock(int addr, int len, int flags) {
        if ((flags & ~MLOCK_ONFAULT) != 0) return -Errno.EINVAL;
        if ((addr & 0xffffffffL) + (len & 0xffffffffL) > 1L << 32) return -Errno.EINVAL;
        if (len == 0) return 0;
        return as().isMapped(addr, len) ? 0 : -Errno.ENOMEM;
    }

    /** mincore: one byte per page, 1 (resident) for every page of a mapped range. */
    private int mincore(int addr, int len, int vec) {
        if ((addr & (PAGE - 1)) != 0) return -Errno.EINVAL;
        if ((addr & 0xffffffffL) + (len & 0xffffffffL) > 1L << 32) return -Errno.ENOMEM;
        if (len == 0) return 0;
        if (!as().isMapped(addr, len)) return -Errno.ENOMEM;
        long n = pages(addr, len);
        byte[] v = new byte[(int) n];
        java.util.Arrays.fill(v, (byte) 1);
        p.view.write(vec, v);
        return 0;
    }
}
