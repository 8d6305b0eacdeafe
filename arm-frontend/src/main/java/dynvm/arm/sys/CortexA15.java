package dynvm.arm.sys;

/**
 * The identification registers of the Cortex-A15 as QEMU 7.2 presents it on {@code virt}
 * (target/arm cortex_a15_initfn, then the adjustments the machine makes: no EL3 and no EL2, so
 * ID_PFR1's Security and Virtualization fields read 0). FPSID, MVFR0 and MVFR1 are QEMU's and the
 * A15 TRM's: VFPv4 with 32 double registers and Advanced SIMD (the front-end's cortex-a15 rows),
 * so a kernel enables NEON and d16-d31 (guest virt/fpu_id prints them).
 */
final class CortexA15 {
    private CortexA15() { }

    /** r4p0, as QEMU 7.2 reports it. */
    static final int MIDR = 0x414fc0f0;
    /** CTR: 64-byte lines, PIPT I-cache. */
    static final int CTR = 0x8444c004;
    static final int REVIDR = 0, TCMTR = 0, TLBTR = 0, AIDR = 0;
    static final int ID_PFR0 = 0x00001131;
    /** QEMU's 0x00011011 with the Security (7:4) and Virtualization (15:12) fields cleared. */
    static final int ID_PFR1 = 0x00010001;
    /** QEMU's 0x02010555 with CopSDbg (7:4) cleared: no Security Extensions, so no Secure debug. */
    static final int ID_DFR0 = 0x02010505, ID_AFR0 = 0;
    static final int ID_MMFR0 = 0x10201105, ID_MMFR1 = 0x20000000, ID_MMFR2 = 0x01240000, ID_MMFR3 = 0x02102211;
    static final int ID_ISAR0 = 0x02101110, ID_ISAR1 = 0x13112111, ID_ISAR2 = 0x21232041,
            ID_ISAR3 = 0x11112131, ID_ISAR4 = 0x10011142, ID_ISAR5 = 0;
    static final int CLIDR = 0x0a200023;
    /** CCSIDR for a CSSELR value: L1 D (0, 32 KiB), L1 I (1, 32 KiB), L2 unified (2, 4 MiB); others read 0 (QEMU). */
    static int ccsidr(int csselr) {
        return switch (csselr) {
            case 0 -> 0x701fe00a;
            case 1 -> 0x201fe00a;
            case 2 -> 0x711fe07a;
            default -> 0;
        };
    }
    /** SCTLR reset value (QEMU's reset_sctlr). */
    static final int SCTLR_RESET = 0x00c50078;
    /** VFP and Advanced SIMD: VFPv4-D32 (MVFR0 0x10110222), NEON with fused multiply-add and half precision (MVFR1 0x11111111). */
    static final int FPSID = 0x410430f0, MVFR0 = 0x10110222, MVFR1 = 0x11111111;
    /** CBAR: the private peripheral base (the GIC) on virt. */
    static final int CBAR = 0x08000000;
    static final int DBGDIDR = 0x3515f021;

    /** MPIDR of CPU {@code index}: MP extensions (bit 31), Aff0 = index in a cluster of 8, Aff1 = cluster (QEMU virt's GICv2 layout). */
    static int mpidr(int index) { return 0x80000000 | (index / 8) << 8 | index % 8; }
}
