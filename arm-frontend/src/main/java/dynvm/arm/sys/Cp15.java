package dynvm.arm.sys;

import dynvm.arm.ArmRegs;
import dynvm.spi.CpuState;
import dynvm.spi.sys.Platform;
import dynvm.spi.sys.TranslationFault;

/**
 * The system control coprocessor of a Cortex-A15 (ARM ARM B4.1 and B3.17/B3.18 for the
 * functional groups; the A15 TRM for the IMPLEMENTATION DEFINED ones), as QEMU 7.2 shows it on
 * {@code virt}: no Security or Virtualization Extensions, LPAE present, the Generic Timer in c14.
 *
 * <p>Accesses are named by (opc1, CRn, CRm, opc2) for MRC/MCR and (opc1, CRm) for MRRC/MCRR. An
 * encoding this class does not know, or a PL1 register touched from PL0, throws
 * {@link Undefined}, which becomes the Undefined Instruction exception, as in QEMU. Writes that
 * change translation (SCTLR, TTBR0/1, TTBCR, DACR, CONTEXTIDR, PRRR/NMRR = MAIR0/1, FCSEIDR) drop
 * the whole soft TLB when they change the value: conservative (no ASID tagging), and correct. Cache maintenance
 * is a no-op (there are no caches to maintain); TLB maintenance by MVA drops one page.
 *
 * <p>The accessor methods {@link #sctlr()} ... {@link #mair1()} are the VMSA table walker's view
 * of the translation registers.
 */
final class Cp15 implements TranslationRegisters {
    /** SCTLR bits this model acts on. */
    static final int SCTLR_M = 1, SCTLR_A = 1 << 1, SCTLR_V = 1 << 13, SCTLR_EE = 1 << 25, SCTLR_TE = 1 << 30;
    /** TTBCR.EAE: the long-descriptor (LPAE) translation table format. */
    static final int TTBCR_EAE = 1 << 31;
    /** FPEXC.EN. */
    static final int FPEXC_EN = 1 << 30;
    /** PAR.NS: QEMU reports a translation Non-secure when there are no Security Extensions. */
    private static final long PAR_NS = 1 << 9;

    private final ArmSystemCpu owner;
    private final CpuState cpu;
    private final Platform platform;
    final GenericTimer timer;

    int sctlr, cpacr, ttbcr, dacr, dfsr, ifsr, adfsr, aifsr, dfar, ifar, prrr, nmrr, vbar, contextidr,
            fcseidr, tpidrurw, csselr, fpexc;
    long ttbr0, ttbr1, par;

    Cp15(ArmSystemCpu owner, CpuState cpu, Platform platform) {
        this.owner = owner;
        this.cpu = cpu;
        this.platform = platform;
        this.timer = new GenericTimer(platform);
    }

    /** Reset values (QEMU's for the registers it resets to non-zero). */
    void reset() {
        sctlr = CortexA15.SCTLR_RESET;
        cpacr = ttbcr = dacr = dfsr = ifsr = adfsr = aifsr = dfar = ifar = 0;
        prrr = nmrr = vbar = contextidr = fcseidr = tpidrurw = csselr = fpexc = 0;
        ttbr0 = ttbr1 = par = 0;
        cpu.r[ArmRegs.slot(ArmRegs.TPIDRURO)] = 0;
        cpu.r[ArmRegs.slot(ArmRegs.TPIDRPRW)] = 0;
        timer.reset();
    }

    // ---------------------------------------------------------------- the table walker's view

    @Override public int sctlr() { return sctlr; }
    @Override public int ttbcr() { return ttbcr; }
    /** TTBR0 as a 64-bit value (the 32-bit MCR form writes its low word and clears the rest). */
    @Override public long ttbr0() { return ttbr0; }
    @Override public long ttbr1() { return ttbr1; }
    @Override public int dacr() { return dacr; }
    /** MAIR0 is PRRR's encoding under the long-descriptor format. */
    @Override public int mair0() { return prrr; }
    @Override public int mair1() { return nmrr; }

    boolean mmuEnabled() { return (sctlr & SCTLR_M) != 0; }

    boolean longDescriptors() { return (ttbcr & TTBCR_EAE) != 0; }

    /** VFP instructions execute: CPACR grants cp10 and cp11 at this level and FPEXC.EN is set. */
    boolean vfpEnabled(boolean pl1) {
        int cp10 = cpacr >>> 20 & 3, cp11 = cpacr >>> 22 & 3;
        boolean granted = pl1 ? (cp10 & 1) != 0 && (cp11 & 1) != 0 : cp10 == 3 && cp11 == 3;
        return granted && (fpexc & FPEXC_EN) != 0;
    }

    // ---------------------------------------------------------------- MRC / MCR

    private static int key(int opc1, int crn, int crm, int opc2) { return crn << 12 | opc1 << 8 | crm << 4 | opc2; }

    /** MRC p15, opc1, Rt, CRn, CRm, opc2. */
    int read(int opc1, int crn, int crm, int opc2, boolean pl1) {
        int k = key(opc1, crn, crm, opc2);
        switch (k) {    // the few PL0 may read
            case 0xd002: return tpidrurw;
            case 0xd003: return cpu.r[ArmRegs.slot(ArmRegs.TPIDRURO)];
            case 0xe000:
                if (!pl1 && (timer.cntkctl & 3) == 0) throw undefined("CNTFRQ", opc1, crn, crm, opc2);
                return timer.cntfrq;
            case 0xe020: requirePl0Timer(pl1, 9); return timer.physical.tval();
            case 0xe021: requirePl0Timer(pl1, 9); return timer.physical.ctl();
            case 0xe030: requirePl0Timer(pl1, 8); return timer.virtual.tval();
            case 0xe031: requirePl0Timer(pl1, 8); return timer.virtual.ctl();
            default:
        }
        if (!pl1) throw undefined("PL1 register from PL0", opc1, crn, crm, opc2);
        if (crn == 15) return readImplementationDefined(opc1, crm, opc2);
        return switch (k) {
            case 0x0000, 0x0004, 0x0007 -> CortexA15.MIDR;      // 4 and 7 alias MIDR (QEMU)
            case 0x0001 -> CortexA15.CTR;
            case 0x0002 -> CortexA15.TCMTR;
            case 0x0003 -> CortexA15.TLBTR;
            case 0x0005 -> CortexA15.mpidr(platform.cpuIndex());
            case 0x0006 -> CortexA15.REVIDR;
            case 0x0010 -> CortexA15.ID_PFR0;
            case 0x0011 -> CortexA15.ID_PFR1;
            case 0x0012 -> CortexA15.ID_DFR0;
            case 0x0013 -> CortexA15.ID_AFR0;
            case 0x0014 -> CortexA15.ID_MMFR0;
            case 0x0015 -> CortexA15.ID_MMFR1;
            case 0x0016 -> CortexA15.ID_MMFR2;
            case 0x0017 -> CortexA15.ID_MMFR3;
            case 0x0020 -> CortexA15.ID_ISAR0;
            case 0x0021 -> CortexA15.ID_ISAR1;
            case 0x0022 -> CortexA15.ID_ISAR2;
            case 0x0023 -> CortexA15.ID_ISAR3;
            case 0x0024 -> CortexA15.ID_ISAR4;
            case 0x0025 -> CortexA15.ID_ISAR5;
            case 0x0100 -> CortexA15.ccsidr(csselr);
            case 0x0101 -> CortexA15.CLIDR;
            case 0x0107 -> CortexA15.AIDR;
            case 0x0200 -> csselr;
            case 0x1000 -> sctlr;
            case 0x1001 -> 0;                                             // ACTLR: RAZ/WI, as QEMU's constant
            case 0x1002 -> cpacr;
            case 0x2000 -> (int) ttbr0;
            case 0x2001 -> (int) ttbr1;
            case 0x2002 -> ttbcr;
            case 0x3000 -> dacr;
            case 0x5000 -> dfsr;
            case 0x5001 -> ifsr;
            case 0x5010 -> adfsr;
            case 0x5011 -> aifsr;
            case 0x6000 -> dfar;
            case 0x6002 -> ifar;
            case 0x7040 -> (int) par;
            case 0x9102 -> 0;                                             // L2CTLR: cores - 1 in 25:24 (one core)
            case 0x9103 -> 0;                                             // L2ECTLR
            case 0xa020 -> prrr;                                          // PRRR, or MAIR0 when TTBCR.EAE
            case 0xa021 -> nmrr;                                          // NMRR, or MAIR1 when TTBCR.EAE
            case 0xa030, 0xa031 -> 0;                                     // AMAIR0/1
            case 0xc000 -> vbar;
            case 0xc010 -> owner.interruptStatus();                       // ISR
            case 0xd000 -> fcseidr;
            case 0xd001 -> contextidr;
            case 0xd004 -> cpu.r[ArmRegs.slot(ArmRegs.TPIDRPRW)];   // an IR register: PL1 code reads it inline
            case 0xe010 -> timer.cntkctl;
            default -> {
                if (crn == 0 && opc1 == 0 && crm >= 2 && crm <= 7) yield 0;   // unallocated ID space reads as zero
                throw undefined("unknown register", opc1, crn, crm, opc2);
            }
        };
    }

    /** MCR p15, opc1, Rt, CRn, CRm, opc2. */
    void write(int opc1, int crn, int crm, int opc2, int v, boolean pl1) {
        int k = key(opc1, crn, crm, opc2);
        switch (k) {    // the few PL0 may write
            case 0x7054, 0x70a4, 0x70a5 -> { return; }   // CP15ISB (c7 c5 4), CP15DSB, CP15DMB (c7 c10 4/5): barriers with nothing to order
            case 0xd002 -> { tpidrurw = v; return; }
            case 0xe020 -> { requirePl0Timer(pl1, 9); timer.physical.setTval(v); return; }
            case 0xe021 -> { requirePl0Timer(pl1, 9); timer.physical.setCtl(v); return; }
            case 0xe030 -> { requirePl0Timer(pl1, 8); timer.virtual.setTval(v); return; }
            case 0xe031 -> { requirePl0Timer(pl1, 8); timer.virtual.setCtl(v); return; }
            default -> { }
        }
        if (!pl1) throw undefined("PL1 register from PL0", opc1, crn, crm, opc2);
        if (crn == 15) {
            readImplementationDefined(opc1, crm, opc2);   // same decode: CBAR is read-only, the rest is write-ignored
            if (opc1 == 4 && crm == 0 && opc2 == 0) throw undefined("CBAR is read-only", opc1, crn, crm, opc2);
            return;
        }
        switch (k) {
            case 0x0200 -> csselr = v & 0xf;
            case 0x1000 -> { sctlr = changed(sctlr, v); owner.privilegeOrVfpChanged(); }
            case 0x1001 -> { }
            case 0x1002 -> { cpacr = v & 0x00f00000 | v & 0xc0000000; owner.privilegeOrVfpChanged(); }
            case 0x2000 -> ttbr0 = changed(ttbr0, v & 0xffffffffL);
            case 0x2001 -> ttbr1 = changed(ttbr1, v & 0xffffffffL);
            case 0x2002 -> ttbcr = changed(ttbcr, (v & TTBCR_EAE) != 0 ? v : v & 0x37);   // short format: N, PD0, PD1
            case 0x3000 -> dacr = changed(dacr, v);
            case 0x5000 -> dfsr = v;
            case 0x5001 -> ifsr = v;
            case 0x5010 -> adfsr = v;
            case 0x5011 -> aifsr = v;
            case 0x6000 -> dfar = v;
            case 0x6002 -> ifar = v;
            case 0x7040 -> par = v & 0xffffffffL;
            // cache and branch-predictor maintenance: nothing is cached, nothing to do
            case 0x7010, 0x7016, 0x7050, 0x7051, 0x7056, 0x7057, 0x7061, 0x7062, 0x70a1, 0x70a2, 0x70b1, 0x70e1, 0x70e2 -> { }
            case 0x7080, 0x7081, 0x7082, 0x7083 -> par = owner.addressTranslation(v, opc2 >= 2, (opc2 & 1) != 0);
            // TLB maintenance (IS, I-side, D-side and unified forms alike: there is one soft TLB)
            case 0x8030, 0x8050, 0x8060, 0x8070 -> platform.flushTlb();                       // TLBIALL*
            case 0x8031, 0x8051, 0x8061, 0x8071, 0x8033, 0x8073 -> platform.flushTlbPage(v & ~0xfff);   // TLBIMVA*, TLBIMVAA*
            case 0x8032, 0x8052, 0x8062, 0x8072 -> platform.flushTlb();                       // TLBIASID*: no ASID-tagged TLB
            case 0x9102, 0x9103 -> { }                                                          // L2CTLR/L2ECTLR: write-ignored
            case 0xa020 -> prrr = changed(prrr, v);
            case 0xa021 -> nmrr = changed(nmrr, v);
            case 0xa030, 0xa031 -> { }
            case 0xc000 -> vbar = v & ~0x1f;
            case 0xd000 -> fcseidr = changed(fcseidr, v & 0xfe000000);
            case 0xd001 -> contextidr = changed(contextidr, v);
            case 0xd003 -> cpu.r[ArmRegs.slot(ArmRegs.TPIDRURO)] = v;
            case 0xd004 -> cpu.r[ArmRegs.slot(ArmRegs.TPIDRPRW)] = v;
            case 0xe000 -> timer.cntfrq = v;
            case 0xe010 -> timer.cntkctl = v & 0x3ff;
            default -> {
                if (crn == 10 && crm == 0) return;   // TLB lockdown (v7): NOP, as QEMU
                throw undefined("unknown register", opc1, crn, crm, opc2);
            }
        }
    }

    /** c15: CBAR reads the peripheral base; every other encoding is RAZ/WI at PL1 (QEMU's DUMMY_C15_REGS). */
    private static int readImplementationDefined(int opc1, int crm, int opc2) {
        return opc1 == 4 && crm == 0 && opc2 == 0 ? CortexA15.CBAR : 0;
    }

    // ---------------------------------------------------------------- MRRC / MCRR

    /** MRRC p15, opc1, Rt, Rt2, CRm. */
    long read64(int opc1, int crm, boolean pl1) {
        if (crm == 14) {
            switch (opc1) {
                case 0: if (!pl1 && (timer.cntkctl & 1) == 0) throw undefined64(opc1, crm); return timer.physicalCount();
                case 1: if (!pl1 && (timer.cntkctl & 2) == 0) throw undefined64(opc1, crm); return timer.virtualCount();
                case 2: requirePl0Timer(pl1, 9); return timer.physical.cval();
                case 3: requirePl0Timer(pl1, 8); return timer.virtual.cval();
                default: throw undefined64(opc1, crm);
            }
        }
        if (!pl1) throw undefined64(opc1, crm);
        if (crm == 2 && opc1 == 0) return ttbr0;
        if (crm == 2 && opc1 == 1) return ttbr1;
        if (crm == 7 && opc1 == 0) return par;
        throw undefined64(opc1, crm);
    }

    /** MCRR p15, opc1, Rt, Rt2, CRm. */
    void write64(int opc1, int crm, long v, boolean pl1) {
        if (crm == 14 && (opc1 == 2 || opc1 == 3)) {
            requirePl0Timer(pl1, opc1 == 2 ? 9 : 8);
            (opc1 == 2 ? timer.physical : timer.virtual).setCval(v);
            return;
        }
        if (!pl1) throw undefined64(opc1, crm);
        if (crm == 2 && opc1 == 0) ttbr0 = changed(ttbr0, v & 0x00ff_ffff_ffff_ffffL);
        else if (crm == 2 && opc1 == 1) ttbr1 = changed(ttbr1, v & 0x00ff_ffff_ffff_ffffL);
        else if (crm == 7 && opc1 == 0) par = v;
        else throw undefined64(opc1, crm);
    }

    // ---------------------------------------------------------------- helpers

    /** PL0 may touch a timer's registers only when CNTKCTL grants it ({@code bit} 9: physical, 8: virtual). */
    private void requirePl0Timer(boolean pl1, int bit) {
        if (!pl1 && (timer.cntkctl >>> bit & 1) == 0) throw new Undefined("timer register from PL0 without CNTKCTL access");
    }

    /**
     * A write to a register translation depends on: the whole soft TLB goes when the value
     * changes (a rewrite of the same value, which kernels do, keeps it). Returns {@code v}.
     */
    private int changed(int old, int v) {
        if (old != v) platform.flushTlb();
        return v;
    }

    private long changed(long old, long v) {
        if (old != v) platform.flushTlb();
        return v;
    }

    private static Undefined undefined(String why, int opc1, int crn, int crm, int opc2) {
        return new Undefined(String.format("%s: p15, %d, c%d, c%d, %d", why, opc1, crn, crm, opc2));
    }

    private static Undefined undefined64(int opc1, int crm) {
        return new Undefined(String.format("unknown 64-bit register: p15, %d, c%d", opc1, crm));
    }

    /** Short-descriptor PAR for a failed ATS1C* (F = 1, FS in 6:1), or the long-descriptor one. */
    long faultPar(TranslationFault f) {
        int status = f.status == TranslationFault.EXTERNAL ? (longDescriptors() ? 0x10 : 0x8) : f.status;
        if (longDescriptors()) return 1L | 1L << 11 | (status & 0x3f) << 1;
        int fs = status & 0xf | (status >>> 10 & 1) << 4;
        return 1 | fs << 1;
    }

    /**
     * PAR for a successful ATS1C*: what the mapping reports ({@code mapped}: the walker's
     * {@link PageTableWalker#par}, or the page with the MMU off), NS (bit 9: QEMU reports every
     * access Non-secure on a CPU without the Security Extensions), and in the long format the
     * LPAE bit (11).
     */
    long okPar(long mapped) {
        if (longDescriptors()) return mapped | PAR_NS | 1L << 11;
        return mapped & 0xffff_ffffL | PAR_NS;
    }

}
