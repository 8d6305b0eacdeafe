package dynvm.arm.sys;

/**
 * The CP15 registers the VMSA translation reads (the CPU's CP15 state implements it).
 *
 * <p>Values are the raw register contents as the guest last wrote them (non-secure PL1&amp;0 regime;
 * no Security Extensions banking beyond that). {@link Vmsa} reads them on every walk and keeps
 * nothing, so a write to any of them only needs the soft-MMU TLB flushed (the CPU's job) to take
 * effect. {@code ttbr0()}/{@code ttbr1()} are the 64-bit forms: with TTBCR.EAE=0 only the low
 * 32 bits are used; with EAE=1 bits 39:0 hold BADDR and the ASID in bits 55:48 is ignored.
 *
 * <p>The constants name the bits the walk reads (ARM ARM v7-A B4.1.130 SCTLR, B4.1.153 TTBCR).
 */
public interface TranslationRegisters {
    /** SCTLR.M: stage 1 MMU enable. */
    int SCTLR_M = 1;
    /** SCTLR.WXN: regions writable at the accessing level are execute-never. */
    int SCTLR_WXN = 1 << 19;
    /** SCTLR.UWXN: regions writable at PL0 are execute-never at PL1. */
    int SCTLR_UWXN = 1 << 20;
    /** SCTLR.TRE: TEX remap (read for nothing: memory types do not affect permissions). */
    int SCTLR_TRE = 1 << 28;
    /** SCTLR.AFE: short descriptors use the simplified access model, AP[0] is the access flag. */
    int SCTLR_AFE = 1 << 29;

    /** TTBCR.N (short descriptors): the top N bits of a VA select TTBR1 when any is set. */
    int TTBCR_N = 0x7;
    /** TTBCR.PD0 (short descriptors): no walk through TTBR0; a TLB miss is a translation fault. */
    int TTBCR_PD0 = 1 << 4;
    /** TTBCR.PD1 (short descriptors): no walk through TTBR1. */
    int TTBCR_PD1 = 1 << 5;
    /** TTBCR.T0SZ (long descriptors): the TTBR0 region is 2^(32-T0SZ) bytes from 0. */
    int TTBCR_T0SZ = 0x7;
    /** TTBCR.EPD0 (long descriptors): no walk through TTBR0. */
    int TTBCR_EPD0 = 1 << 7;
    /** TTBCR.T1SZ (long descriptors), bits 18:16: the TTBR1 region is the top 2^(32-T1SZ) bytes. */
    int TTBCR_T1SZ_SHIFT = 16;
    /** TTBCR.EPD1 (long descriptors): no walk through TTBR1. */
    int TTBCR_EPD1 = 1 << 23;
    /** TTBCR.EAE: the long-descriptor (LPAE) format is in use. */
    int TTBCR_EAE = 1 << 31;

    int sctlr();

    int ttbcr();

    long ttbr0();

    long ttbr1();

    int dacr();

    int mair0();

    int mair1();
}
