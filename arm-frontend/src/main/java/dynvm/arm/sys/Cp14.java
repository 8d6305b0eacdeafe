package dynvm.arm.sys;

/**
 * The debug coprocessor (ARM ARM C6, CP14 opc1 = 0) as QEMU models it for a v7.1 debug
 * architecture: registers that hold what software writes and read it back, with no debug events
 * behind them (dynvm's debugger is the gdb stub, not the guest's own breakpoints). A kernel can
 * therefore discover and program them the way it does under QEMU (Linux reads DBGDIDR, clears the
 * OS lock, sets DBGDSCR.MDBGen and zeroes every breakpoint and watchpoint pair), and prints the
 * same counts. The Cortex-A15 has 6 breakpoints and 4 watchpoints (DBGDIDR).
 *
 * <p>DBGDIDR, DBGDRAR, DBGDSAR and DBGDSCRint are readable from PL0, as the A15 allows by
 * default; everything else needs PL1. Unknown encodings are UNDEFINED.
 */
final class Cp14 {
    static final int BREAKPOINTS = 6, WATCHPOINTS = 4;
    /** DBGDSCR bits software may write (MDBGen 15, HDBGen 14, ITRen 13, UDCCdis 12, INTdis 11, ...): QEMU keeps them. */
    private static final int DSCR_WRITABLE = 0x0000f800 | 0x00300000;
    private static final int OSLSR_OSLK = 1 << 1, OSLSR_OSLM = 1 << 3;

    private final int[] bvr = new int[BREAKPOINTS], bcr = new int[BREAKPOINTS], wvr = new int[WATCHPOINTS], wcr = new int[WATCHPOINTS];
    private int dscr, vcr, oslsr = OSLSR_OSLM | OSLSR_OSLK, osdlr, claim;

    void reset() {
        java.util.Arrays.fill(bvr, 0);
        java.util.Arrays.fill(bcr, 0);
        java.util.Arrays.fill(wvr, 0);
        java.util.Arrays.fill(wcr, 0);
        dscr = vcr = osdlr = claim = 0;
        oslsr = OSLSR_OSLM | OSLSR_OSLK;   // the OS lock is set at reset (QEMU)
    }

    int read(int opc1, int crn, int crm, int opc2, boolean pl1) {
        if (opc1 != 0) throw undefined(opc1, crn, crm, opc2);
        if (crn == 0 && crm == 0 && opc2 == 0) return CortexA15.DBGDIDR;
        if ((crn == 1 || crn == 2) && crm == 0 && opc2 == 0) return 0;          // DBGDRAR, DBGDSAR: no memory-mapped view
        if (crn == 0 && crm == 1 && opc2 == 0) return dscr;                     // DBGDSCRint
        if (!pl1) throw undefined(opc1, crn, crm, opc2);
        if (crn == 0) {
            if (crm == 2 && opc2 == 2) return dscr;                              // DBGDSCRext
            if (crm == 7 && opc2 == 0) return vcr;                               // DBGVCR
            if (opc2 >= 4 && opc2 <= 7) return pair(crm, opc2)[crm];
        }
        if (crn == 1 && opc2 == 4) {
            if (crm == 1) return oslsr;                                          // DBGOSLSR
            if (crm == 3) return osdlr;                                          // DBGOSDLR
            if (crm == 4) return 0;                                              // DBGPRCR
        }
        if (crn == 7 && opc2 == 6) {
            if (crm == 8 || crm == 9) return claim;                              // DBGCLAIMSET/CLR read the tags
            if (crm == 14) return 0;                                             // DBGAUTHSTATUS: no debug allowed
        }
        throw undefined(opc1, crn, crm, opc2);
    }

    void write(int opc1, int crn, int crm, int opc2, int v, boolean pl1) {
        if (!pl1 || opc1 != 0) throw undefined(opc1, crn, crm, opc2);
        if (crn == 0) {
            if (crm == 2 && opc2 == 2) { dscr = dscr & ~DSCR_WRITABLE | v & DSCR_WRITABLE; return; }
            if (crm == 7 && opc2 == 0) { vcr = v; return; }
            if (opc2 >= 4 && opc2 <= 7) { pair(crm, opc2)[crm] = v; return; }
        }
        if (crn == 1 && opc2 == 4) {
            if (crm == 0) { oslsr = v == 0xc5acce55 ? oslsr | OSLSR_OSLK : oslsr & ~OSLSR_OSLK; return; }   // DBGOSLAR: the key locks
            if (crm == 3) { osdlr = v & 1; return; }
            if (crm == 4) return;                                                // DBGPRCR
        }
        if (crn == 7 && opc2 == 6) {
            if (crm == 8) { claim |= v & 0xff; return; }
            if (crm == 9) { claim &= ~v; return; }
        }
        throw undefined(opc1, crn, crm, opc2);
    }

    /** DBGBVR (4), DBGBCR (5), DBGWVR (6), DBGWCR (7): CRm is the pair's number. */
    private int[] pair(int crm, int opc2) {
        int[] regs = switch (opc2) { case 4 -> bvr; case 5 -> bcr; case 6 -> wvr; default -> wcr; };
        if (crm >= regs.length) throw new Undefined("no debug register pair " + crm);
        return regs;
    }

    private static Undefined undefined(int opc1, int crn, int crm, int opc2) {
        return new Undefined(String.format("debug register p14, %d, c%d, c%d, %d", opc1, crn, crm, opc2));
    }
}
