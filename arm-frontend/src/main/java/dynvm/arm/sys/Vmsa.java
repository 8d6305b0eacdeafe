package dynvm.arm.sys;

import dynvm.spi.sys.SystemCpu;
import dynvm.spi.sys.TranslationFault;

/**
 * ARMv7-A VMSA translation: short descriptors and LPAE long descriptors. Stateless; no caching (the
 * soft MMU's TLB caches results).
 *
 * <p>This is the stage 1 translation of the non-secure PL1&amp;0 regime of a Cortex-A15 (ARMv7-A
 * with the Large Physical Address and Virtualization Extensions): no hypervisor stage 2, no
 * Secure state, no PL2 regime. {@link dynvm.spi.sys.SystemCpu#translate} of the ARM system CPU
 * calls {@link #translate} on every soft-TLB miss with its CP15 state as the
 * {@link TranslationRegisters} and the physical bus as the {@link TableReader}.
 *
 * <h2>Shape</h2>
 * <ul>
 * <li>SCTLR.M=0: the flat mapping, every permission (B3.2.1 "VMSA behavior when a stage 1 MMU is
 * disabled"; memory types do not concern us).</li>
 * <li>TTBCR.EAE=0: {@link ShortDescriptorWalk} (B3.5), with domains and the optional access flag
 * model.</li>
 * <li>TTBCR.EAE=1: {@link LongDescriptorWalk} (B3.6), with hierarchical table permissions and the
 * mandatory access flag.</li>
 * </ul>
 * Both end in {@link VmsaPermissions}, which turns AP/XN/PXN and SCTLR.WXN/UWXN into the PERM_*
 * bits of the accessing privilege, and report faults in the DFSR/IFSR layout of
 * {@link VmsaFaultStatus}.
 *
 * <h2>Result</h2>
 * On success the result is what {@link SystemCpu#translate} returns: the physical address of the
 * 4 KiB page (up to 40 bits: supersections and LPAE reach above 4 GiB), or-ed with every PERM_* bit
 * the mapping grants at the accessing privilege (not only the one asked for, so the TLB entry
 * serves later accesses of the other kinds), and {@link SystemCpu#LARGE_PAGE} for sections,
 * supersections, 64 KiB pages and LPAE blocks. The MMU-off mapping is reported as 4 KiB pages:
 * any change of SCTLR.M must flush the whole TLB anyway.
 *
 * <h2>What is not read</h2>
 * Memory attributes (TEX/C/B, TEX remap, MAIR0/MAIR1, shareability): the soft MMU has no caches;
 * only the long-descriptor PAR reports them ({@link #par}). SCTLR.EE:
 * descriptors are read little-endian, as {@link TableReader} promises. ASIDs and nG: the TLB is
 * flushed on context changes. Alignment faults are the CPU's, before translation.
 */
public final class Vmsa {
    private Vmsa() { }

    /** Physical reads for table walks (little-endian descriptors); may throw TranslationFault(EXTERNAL). */
    public interface TableReader {
        int read32(long pa);

        long read64(long pa);
    }

    /** Every permission: the MMU is off, or a manager domain. */
    static final int ALL_PERMISSIONS = SystemCpu.PERM_READ | SystemCpu.PERM_WRITE | SystemCpu.PERM_EXEC;

    /**
     * Translates va for access (SystemCpu.READ/WRITE/FETCH) at PL1 (privileged=true) or PL0.
     * Returns as SystemCpu.translate specifies: 4 KiB-page physical address | PERM_* bits the page grants at
     * that privilege | LARGE_PAGE when the mapping is larger than 4 KiB. MMU off (SCTLR.M=0): flat, all permissions
     * (and instruction fetch allowed). Throws dynvm.spi.sys.TranslationFault(va, access, status) where status is the
     * fault status register value the abort must write, WITHOUT the WnR bit (the CPU adds WnR for writes):
     * short-descriptor format: FS[3:0] in bits 3:0, FS[4] in bit 10, domain in bits 7:4 (where the ARM ARM defines it);
     * long-descriptor format (TTBCR.EAE=1): bit 9 (LPAE) set, STATUS in bits 5:0 (level included).
     *
     * @throws TranslationFault translation, access flag, domain or permission fault, or a
     *         synchronous external abort on the walk when {@code mem} rejects a descriptor read
     */
    public static long translate(TranslationRegisters regs, TableReader mem, int va, int access, boolean privileged) {
        if ((regs.sctlr() & TranslationRegisters.SCTLR_M) == 0) {
            return result(va & 0xffff_ffffL, ALL_PERMISSIONS, false);
        }
        return (regs.ttbcr() & TranslationRegisters.TTBCR_EAE) != 0
                ? LongDescriptorWalk.translate(regs, mem, va, access, privileged)
                : ShortDescriptorWalk.translate(regs, mem, va, access, privileged);
    }

    /**
     * The mapping's part of the PAR of a successful ATS1C* with the MMU on ({@code page}: the
     * physical page {@link #translate} just returned for {@code va}), as QEMU 7.2 fills it:
     * <ul>
     * <li>short descriptors: PA[31:12]; for a supersection PA[31:24] and SS (bit 1) instead. No
     * memory attributes (QEMU reports none in this format).</li>
     * <li>long descriptors: PA[39:12], ATTR (63:56) and SH (8:7), see
     * {@link LongDescriptorWalk#parAttributes}.</li>
     * </ul>
     * NS and the LPAE bit are the CPU's to add.
     */
    public static long par(TranslationRegisters regs, TableReader mem, int va, long page) {
        if ((regs.ttbcr() & TranslationRegisters.TTBCR_EAE) != 0) {
            return page | LongDescriptorWalk.parAttributes(regs, mem, va);
        }
        return ShortDescriptorWalk.walk(regs, mem, va, SystemCpu.READ).supersection()
                ? page & 0xff00_0000L | PAR_SS : page;
    }

    /** PAR.SS (short format): the translation was a supersection. */
    static final long PAR_SS = 1 << 1;

    /** The {@link SystemCpu#translate} word for a physical address {@code pa} within the mapping. */
    static long result(long pa, int perms, boolean large) {
        return pa & ~0xfffL | perms | (large ? SystemCpu.LARGE_PAGE : 0);
    }
}
