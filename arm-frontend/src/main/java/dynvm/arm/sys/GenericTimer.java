package dynvm.arm.sys;

import dynvm.spi.sys.Platform;

/**
 * The Generic Timer's per-CPU comparators (ARM ARM B8): the non-secure physical timer (CNTP_*)
 * and the virtual timer (CNTV_*), each a 64-bit compare value against the system counter. A
 * timer's condition is met when the counter reaches CVAL (ISTATUS); its output to the interrupt
 * controller is ENABLE and ISTATUS and not IMASK, a level on the PPI QEMU's {@code virt} wires it
 * to. CNTVOFF is 0 (there is no Hyp mode to set it), so the virtual count is the physical one.
 *
 * <p>Every write re-arms a platform timer at CVAL, or cancels it when the output can no longer
 * change by itself; the expiry callback, on a timer thread, recomputes the level. Methods are
 * synchronized because of that thread.
 */
final class GenericTimer {
    /** GIC INTIDs of the timer PPIs on QEMU's virt (PPI n = INTID 16 + n). */
    static final int PHYS_INTID = 30, VIRT_INTID = 27, HYP_INTID = 26, SEC_PHYS_INTID = 29;
    /** CNTx_CTL bits. */
    static final int ENABLE = 1, IMASK = 2, ISTATUS = 4;

    /** One comparator. */
    final class Comparator {
        private final int intid;
        private final Platform.Timer timer;
        private int ctl;
        private long cval;
        private boolean level;

        Comparator(int intid) {
            this.intid = intid;
            this.timer = platform.newTimer(this::update);
        }

        /**
         * CTL with ISTATUS as QEMU computes it: only while the timer is enabled (a disabled timer
         * reads ISTATUS 0 even past CVAL; the ARM ARM leaves that UNKNOWN).
         */
        synchronized int ctl() { return ctl & (ENABLE | IMASK) | ((ctl & ENABLE) != 0 && met() ? ISTATUS : 0); }

        synchronized long cval() { return cval; }

        /** TVAL reads CVAL - count, truncated to a signed 32-bit value. */
        synchronized int tval() { return (int) (cval - platform.counter()); }

        synchronized void setCtl(int v) {
            ctl = v & (ENABLE | IMASK);
            update();
        }

        synchronized void setCval(long v) {
            cval = v;
            update();
        }

        /** TVAL writes CVAL = count + SignExtend(value). */
        synchronized void setTval(int v) {
            cval = platform.counter() + v;
            update();
        }

        private boolean met() { return Long.compareUnsigned(platform.counter(), cval) >= 0; }

        /** Recomputes the output and re-arms (also the timer thread's callback). */
        synchronized void update() {
            boolean enabled = (ctl & ENABLE) != 0, met = enabled && met();
            boolean out = met && (ctl & IMASK) == 0;
            if (out != level) {
                level = out;
                platform.setPrivateInterrupt(intid, out);
            }
            if (enabled && !met) timer.arm(cval);
            else timer.cancel();
        }

        synchronized void reset() {
            ctl = 0;
            cval = 0;
            update();
        }
    }

    private final Platform platform;
    final Comparator physical, virtual;
    /** CNTKCTL: PL0 access controls (PL0PCTEN 0, PL0VCTEN 1, EVNT 7:2, PL0VTEN 8, PL0PTEN 9). */
    int cntkctl;
    /** CNTFRQ: the counter frequency firmware tells software (QEMU's virt: 62.5 MHz). */
    int cntfrq;

    GenericTimer(Platform platform) {
        this.platform = platform;
        this.physical = new Comparator(PHYS_INTID);
        this.virtual = new Comparator(VIRT_INTID);
    }

    void reset() {
        cntkctl = 0;
        cntfrq = (int) platform.counterFrequency();
        physical.reset();
        virtual.reset();
    }

    long physicalCount() { return platform.counter(); }

    /** CNTVCT = CNTPCT - CNTVOFF, with CNTVOFF = 0. */
    long virtualCount() { return platform.counter(); }
}
