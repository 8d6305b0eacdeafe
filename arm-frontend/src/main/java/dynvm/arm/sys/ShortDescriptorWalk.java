package dynvm.arm.sys;

import static dynvm.arm.sys.VmsaFaultStatus.FS_ACCESS_FLAG_PAGE;
import static dynvm.arm.sys.VmsaFaultStatus.FS_ACCESS_FLAG_SECTION;
import static dynvm.arm.sys.VmsaFaultStatus.FS_DOMAIN_PAGE;
import static dynvm.arm.sys.VmsaFaultStatus.FS_DOMAIN_SECTION;
import static dynvm.arm.sys.VmsaFaultStatus.FS_EXTERNAL_WALK_FIRST_LEVEL;
import static dynvm.arm.sys.VmsaFaultStatus.FS_EXTERNAL_WALK_SECOND_LEVEL;
import static dynvm.arm.sys.VmsaFaultStatus.FS_PERMISSION_PAGE;
import static dynvm.arm.sys.VmsaFaultStatus.FS_PERMISSION_SECTION;
import static dynvm.arm.sys.VmsaFaultStatus.FS_TRANSLATION_PAGE;
import static dynvm.arm.sys.VmsaFaultStatus.FS_TRANSLATION_SECTION;

import dynvm.spi.sys.TranslationFault;

/**
 * The short-descriptor translation table walk (ARM ARM v7-A B3.5, pseudocode
 * TranslationTableWalkSD), followed by the access flag, domain and permission checks of B3.7.
 *
 * <h2>Table selection</h2>
 * TTBCR.N splits the VA space: when N is 0, or the top N bits of the VA are zero, the walk starts
 * at TTBR0, whose first-level table then has 4096 &gt;&gt; N entries and is aligned to
 * 16 KiB &gt;&gt; N; otherwise it starts at TTBR1, whose table is always a full 16 KiB one indexed
 * by VA[31:20]. TTBCR.PD0/PD1 forbid the walk through the corresponding TTBR: a TLB miss there is
 * a first-level translation fault without any memory access.
 *
 * <h2>Descriptors</h2>
 * <pre>
 * first level  [1:0] 00 fault
 *                    01 page table: [31:10] L2 table, [8:5] domain, [2] PXN
 *                    1x section ([18]=0): [31:20] PA, [15] AP[2], [11:10] AP[1:0], [8:5] domain,
 *                                         [4] XN, [0] PXN
 *                       supersection ([18]=1): [31:24] PA[31:24], [23:20] PA[35:32],
 *                                         [8:5] PA[39:36] (the domain is 0), other bits as a section
 * second level [1:0] 00 fault
 *                    01 large page (64 KiB, repeated in 16 entries): [31:16] PA, [15] XN,
 *                                         [9] AP[2], [5:4] AP[1:0]
 *                    1x small page (4 KiB): [31:12] PA, [9] AP[2], [5:4] AP[1:0], [0] XN
 * </pre>
 * The Cortex-A15 implements PXN, so first-level type 0b11 is a section with PXN set rather than a
 * reserved encoding. TEX, C, B, S, nG and NS do not affect what an access may do and are not read;
 * neither is SCTLR.TRE (TEX remap changes memory types only).
 *
 * <h2>Check order</h2>
 * As the architecture's pseudocode orders them: first-level translation fault; the second-level
 * fetch and its translation fault; the access flag (SCTLR.AFE=1 and AP[0]=0); the domain (DACR:
 * no access, or the reserved 0b10, is a domain fault; manager grants everything unchecked;
 * client goes on); the AP/XN/PXN permission check. QEMU ({@code get_phys_addr_v6}) orders them
 * differently, which shows only on guests that combine faults:
 * <ul>
 * <li>QEMU checks the domain of a page table before fetching the second-level descriptor, so an
 * invalid page in a no-access domain is a page domain fault there and a page translation fault
 * here;</li>
 * <li>QEMU checks the access flag after the domain (no AF fault in a manager or no-access domain)
 * and after the XN check of a fetch; here the AF fault comes first, as in the ARM ARM.</li>
 * </ul>
 *
 * <h2>Reported domain</h2>
 * The fault status carries the domain of the descriptor that gave one (Table B3-23 marks it valid
 * for second-level translation faults and walk aborts, access flag, domain and permission faults);
 * it is 0 where none was read yet (first-level faults, PD0/PD1) and for supersections. QEMU
 * writes the same field into IFSR too, where the ARM ARM leaves bits 7:4 UNKNOWN; so do we.
 */
final class ShortDescriptorWalk {
    private ShortDescriptorWalk() { }

    /**
     * What the walk found for one VA, before any check. {@code level} is 1 for sections and
     * supersections, 2 for pages (it picks the section or page flavour of a fault); {@code ap} is
     * AP[2:0] as one number; {@code supersection} tells a 16 MiB supersection from a section
     * (the PAR reports it differently).
     */
    record Mapping(long pa, int level, boolean large, int domain, int ap, boolean xn, boolean pxn, boolean supersection) { }

    /** {@link Vmsa#translate} for TTBCR.EAE=0 and SCTLR.M=1. */
    static long translate(TranslationRegisters regs, Vmsa.TableReader mem, int va, int access, boolean privileged) {
        Mapping m = walk(regs, mem, va, access);
        int sctlr = regs.sctlr();
        boolean simplified = (sctlr & TranslationRegisters.SCTLR_AFE) != 0;
        if (simplified && (m.ap & 1) == 0) {
            // no hardware access flag management on the Cortex-A15: software sets AP[0]
            throw fault(va, access, m.level, FS_ACCESS_FLAG_SECTION, FS_ACCESS_FLAG_PAGE, m.domain);
        }
        int perms = switch ((regs.dacr() >>> 2 * m.domain) & 3) {
            case 0b11 -> Vmsa.ALL_PERMISSIONS;             // manager: no permission checks at all
            case 0b01 -> clientPermissions(m, simplified, privileged, sctlr);
            default -> throw fault(va, access, m.level, FS_DOMAIN_SECTION, FS_DOMAIN_PAGE, m.domain);
        };
        if (!VmsaPermissions.permits(perms, access)) {
            throw fault(va, access, m.level, FS_PERMISSION_SECTION, FS_PERMISSION_PAGE, m.domain);
        }
        return Vmsa.result(m.pa, perms, m.large);
    }

    /** What a client domain's mapping grants at the accessing level, execute included. */
    private static int clientPermissions(Mapping m, boolean simplified, boolean privileged, int sctlr) {
        int rw = simplified ? VmsaPermissions.simplifiedModel(m.ap >> 1, privileged)
                : VmsaPermissions.fullModel(m.ap, privileged);
        int pl0Rw = simplified ? VmsaPermissions.simplifiedModel(m.ap >> 1, false)
                : VmsaPermissions.fullModel(m.ap, false);
        return VmsaPermissions.withExecute(rw, pl0Rw, privileged, m.xn, m.pxn, sctlr);
    }

    /** TranslationTableWalkSD: the descriptors for {@code va}, or the translation fault or walk abort. */
    static Mapping walk(TranslationRegisters regs, Vmsa.TableReader mem, int va, int access) {
        int ttbcr = regs.ttbcr();
        int n = ttbcr & TranslationRegisters.TTBCR_N;
        boolean viaTtbr1 = n != 0 && va >>> 32 - n != 0;
        if ((ttbcr & (viaTtbr1 ? TranslationRegisters.TTBCR_PD1 : TranslationRegisters.TTBCR_PD0)) != 0) {
            throw fault(va, access, 1, FS_TRANSLATION_SECTION, FS_TRANSLATION_PAGE, 0);
        }
        // TTBR0's table shrinks with N (VA[31:32-N] are zero here, so VA[31:20] still indexes it)
        long base = viaTtbr1 ? regs.ttbr1() & 0xffff_c000L : regs.ttbr0() & (0xffff_ffffL << 14 - n & 0xffff_ffffL);
        int first = read(mem, base | (va >>> 20) << 2, va, access, FS_EXTERNAL_WALK_FIRST_LEVEL, 0);
        switch (first & 3) {
            case 0b00:
                throw fault(va, access, 1, FS_TRANSLATION_SECTION, FS_TRANSLATION_PAGE, 0);
            case 0b01:
                return secondLevel(mem, first, va, access);
            default:
                return section(first, va);
        }
    }

    private static Mapping section(int desc, int va) {
        int ap = (desc >>> 10 & 3) | (desc >>> 15 & 1) << 2;
        boolean xn = (desc & 1 << 4) != 0, pxn = (desc & 1) != 0;
        if ((desc & 1 << 18) == 0) {
            long pa = (desc & 0xfff0_0000L) | (va & 0x000f_ffffL);
            return new Mapping(pa, 1, true, desc >>> 5 & 0xf, ap, xn, pxn, false);
        }
        // supersection: 16 MiB, extended base address PA[35:32] in [23:20] and PA[39:36] in [8:5]
        long pa = (desc & 0xff00_0000L) | (va & 0x00ff_ffffL)
                | (long) (desc >>> 20 & 0xf) << 32 | (long) (desc >>> 5 & 0xf) << 36;
        return new Mapping(pa, 1, true, 0, ap, xn, pxn, true);
    }

    private static Mapping secondLevel(Vmsa.TableReader mem, int table, int va, int access) {
        int domain = table >>> 5 & 0xf;
        boolean pxn = (table & 1 << 2) != 0;
        long address = (table & 0xffff_fc00L) | (va >>> 12 & 0xff) << 2;
        int desc = read(mem, address, va, access, FS_EXTERNAL_WALK_SECOND_LEVEL, domain);
        int ap = (desc >>> 4 & 3) | (desc >>> 9 & 1) << 2;
        switch (desc & 3) {
            case 0b00:
                throw fault(va, access, 2, FS_TRANSLATION_SECTION, FS_TRANSLATION_PAGE, domain);
            case 0b01: {
                long pa = (desc & 0xffff_0000L) | (va & 0xffffL);
                return new Mapping(pa, 2, true, domain, ap, (desc & 1 << 15) != 0, pxn, false);
            }
            default: {
                long pa = (desc & 0xffff_f000L) | (va & 0xfffL);
                return new Mapping(pa, 2, false, domain, ap, (desc & 1) != 0, pxn, false);
            }
        }
    }

    /** One descriptor fetch; a bus error becomes the synchronous external abort on the walk. */
    private static int read(Vmsa.TableReader mem, long pa, int va, int access, int fs, int domain) {
        try {
            return mem.read32(pa);
        } catch (TranslationFault busError) {
            throw new TranslationFault(va, access, VmsaFaultStatus.shortFormat(fs, domain));
        }
    }

    private static TranslationFault fault(int va, int access, int level, int sectionFs, int pageFs, int domain) {
        return new TranslationFault(va, access, VmsaFaultStatus.shortFormat(level == 1 ? sectionFs : pageFs, domain));
    }
}
