package dynvm.arm.sys;

/**
 * Builders for translation table descriptors, written from the ARM ARM's descriptor figures
 * (B3-4, B3-5 short; B3-15, B3-16 long), independently of the walker's decoding.
 */
final class Descriptors {
    private Descriptors() { }

    // ---- short descriptors (B3.5.1) ----

    /** First-level section: PA[31:20], AP[2:0], domain; XN and PXN flags. */
    static int section(long pa, int ap, int domain, boolean xn, boolean pxn) {
        return (int) (pa & 0xfff0_0000L) | (ap >> 2 & 1) << 15 | (ap & 3) << 10 | domain << 5
                | (xn ? 1 << 4 : 0) | 0b10 | (pxn ? 1 : 0);
    }

    static int section(long pa, int ap, int domain) {
        return section(pa, ap, domain, false, false);
    }

    /** First-level supersection: a 40-bit PA aligned to 16 MiB, AP[2:0], XN. */
    static int supersection(long pa, int ap, boolean xn) {
        return (int) (pa & 0xff00_0000L) | (int) (pa >>> 32 & 0xf) << 20 | 1 << 18 | (ap >> 2 & 1) << 15
                | (ap & 3) << 10 | (int) (pa >>> 36 & 0xf) << 5 | (xn ? 1 << 4 : 0) | 0b10;
    }

    /** First-level page table descriptor: second-level table at {@code l2} (1 KiB aligned), domain, PXN. */
    static int pageTable(long l2, int domain, boolean pxn) {
        return (int) (l2 & 0xffff_fc00L) | domain << 5 | (pxn ? 1 << 2 : 0) | 0b01;
    }

    /** Second-level small page: PA[31:12], AP[2:0], XN. */
    static int smallPage(long pa, int ap, boolean xn) {
        return (int) (pa & 0xffff_f000L) | (ap >> 2 & 1) << 9 | (ap & 3) << 4 | 0b10 | (xn ? 1 : 0);
    }

    /** Second-level large page: PA[31:16], AP[2:0], XN. */
    static int largePage(long pa, int ap, boolean xn) {
        return (int) (pa & 0xffff_0000L) | (xn ? 1 << 15 : 0) | (ap >> 2 & 1) << 9 | (ap & 3) << 4 | 0b01;
    }

    // ---- long descriptors (B3.6.1) ----

    static final long AF = 1L << 10;

    /** A level 1 or 2 table descriptor pointing at {@code next}, with no limits. */
    static long table(long next) {
        return next & 0xff_ffff_f000L | 0b11;
    }

    /** A table descriptor with APTable (2 bits), XNTable and PXNTable. */
    static long table(long next, int apTable, boolean xnTable, boolean pxnTable) {
        return table(next) | (long) apTable << 61 | (xnTable ? 1L << 60 : 0) | (pxnTable ? 1L << 59 : 0);
    }

    /** A level 1 or 2 block descriptor: output address, AP[2:1], XN, PXN, with AF set. */
    static long block(long pa, int ap21, boolean xn, boolean pxn) {
        return pa & 0xff_ffff_f000L | leafAttributes(ap21, xn, pxn) | 0b01;
    }

    static long block(long pa, int ap21) {
        return block(pa, ap21, false, false);
    }

    /** A level 3 page descriptor: output address, AP[2:1], XN, PXN, with AF set. */
    static long page(long pa, int ap21, boolean xn, boolean pxn) {
        return pa & 0xff_ffff_f000L | leafAttributes(ap21, xn, pxn) | 0b11;
    }

    static long page(long pa, int ap21) {
        return page(pa, ap21, false, false);
    }

    private static long leafAttributes(int ap21, boolean xn, boolean pxn) {
        return (xn ? 1L << 54 : 0) | (pxn ? 1L << 53 : 0) | AF | (long) ap21 << 6;
    }
}
