package dynvm.arm.sys;

import static dynvm.arm.sys.VmsaFaultStatus.LD_ACCESS_FLAG;
import static dynvm.arm.sys.VmsaFaultStatus.LD_EXTERNAL_WALK;
import static dynvm.arm.sys.VmsaFaultStatus.LD_PERMISSION;
import static dynvm.arm.sys.VmsaFaultStatus.LD_TRANSLATION;

import dynvm.spi.sys.SystemCpu;
import dynvm.spi.sys.TranslationFault;

/**
 * The long-descriptor (LPAE) translation table walk of the PL1&amp;0 stage 1 regime (ARM ARM v7-A
 * B3.6, pseudocode TranslationTableWalkLD), followed by the access flag and permission checks.
 *
 * <h2>Table selection</h2>
 * TTBCR.T0SZ gives TTBR0 the bottom 2^(32-T0SZ) bytes of the VA space, TTBCR.T1SZ gives TTBR1 the
 * top 2^(32-T1SZ) bytes; a size of 0 means "everything the other one does not claim" (both 0:
 * all of it is TTBR0's). A VA in neither region, or in a region whose walk TTBCR.EPD0/EPD1
 * disables, is a level 1 translation fault. A region of 1 or 2 GiB (TxSZ 0 or 1) starts the walk
 * at level 1 with a 4- or 2-entry table; a smaller one (TxSZ 2 to 7) at level 2 with 512 &gt;&gt;
 * (TxSZ-2) entries. The table is aligned to its size: TTBR bits [39:5-TxSZ] or [39:14-TxSZ].
 *
 * <h2>Descriptors</h2> (64 bits, 4 KiB granule only)
 * <pre>
 * [1:0] x0 invalid; 01 block at levels 1 (1 GiB) and 2 (2 MiB), reserved (invalid) at level 3;
 *       11 table at levels 1 and 2, page (4 KiB) at level 3
 * table:        [39:12] next table, [59] PXNTable, [60] XNTable, [62:61] APTable
 * block / page: [39:n] output address, [54] XN, [53] PXN, [10] AF, [7:6] AP[2:1]
 * </pre>
 * The table bits limit everything below them: APTable[1] forces read-only (AP[2]=1), APTable[0]
 * forbids PL0 (AP[1]=0), XNTable and PXNTable or into XN and PXN. NSTable/NS, AttrIndx (MAIR),
 * SH, nG and the contiguous hint do not affect permissions and are not read, except AttrIndx
 * and SH for the PAR of an address translation instruction ({@link #parAttributes}). Bits 47:40 of a
 * descriptor or TTBR are SBZ in ARMv7 and ignored (QEMU raises an address size fault for a TTBR
 * with them set; a guest that does so gets UNPREDICTABLE behaviour either way).
 *
 * <h2>Faults</h2>
 * Translation fault at the level of the invalid descriptor (level 1 for the region and EPD
 * checks, whatever the start level); then the access flag fault (AF=0: no hardware management on
 * the Cortex-A15) and the permission fault, both at the level of the leaf. A bus error fetching a
 * descriptor is the synchronous external abort on the walk at that level.
 */
final class LongDescriptorWalk {
    private LongDescriptorWalk() { }

    /** Bits [39:12] of a descriptor: the output or next-table address. */
    private static final long ADDRESS_MASK = 0xff_ffff_f000L;
    private static final long AF = 1L << 10, PXN = 1L << 53, XN = 1L << 54;
    private static final long PXN_TABLE = 1L << 59, XN_TABLE = 1L << 60, AP_TABLE_NO_PL0 = 1L << 61,
            AP_TABLE_READ_ONLY = 1L << 62;

    /**
     * The descriptor the walk ended at: a block or page {@code desc} at {@code level}, and the
     * PXNTable/XNTable/APTable bits of every table on the way, in their table-descriptor places.
     */
    record Leaf(long desc, int level, long tableLimits) { }

    /** {@link Vmsa#translate} for TTBCR.EAE=1 and SCTLR.M=1. */
    static long translate(TranslationRegisters regs, Vmsa.TableReader mem, int va, int access, boolean privileged) {
        Leaf leaf = walk(regs, mem, va, access);
        long desc = leaf.desc;
        if ((desc & AF) == 0) {
            throw fault(va, access, LD_ACCESS_FLAG, leaf.level);
        }
        int perms = permissions(desc, leaf.tableLimits, privileged, regs.sctlr());
        if (!VmsaPermissions.permits(perms, access)) {
            throw fault(va, access, LD_PERMISSION, leaf.level);
        }
        long blockMask = (1L << levelShift(leaf.level)) - 1;
        long pa = (desc & ADDRESS_MASK & ~blockMask) | (va & 0xffff_ffffL & blockMask);
        return Vmsa.result(pa, perms, leaf.level < 3);
    }

    /**
     * The long-descriptor PAR's attribute fields for {@code va}'s mapping, which {@link #translate}
     * already accepted: ATTR (63:56), the MAIR0/MAIR1 byte the leaf's AttrIndx (4:2) selects, and
     * SH (8:7), the leaf's SH (9:8) as QEMU 7.2 reports it (also for Device memory).
     */
    static long parAttributes(TranslationRegisters regs, Vmsa.TableReader mem, int va) {
        long desc = walk(regs, mem, va, SystemCpu.READ).desc;
        int attrIndx = (int) (desc >>> 2) & 7;
        long attr = (attrIndx < 4 ? regs.mair0() : regs.mair1()) >>> 8 * (attrIndx & 3) & 0xff;
        return attr << 56 | (desc >>> 8 & 3) << 7;
    }

    /** TranslationTableWalkLD: the leaf descriptor for {@code va}, or the translation fault or walk abort. */
    static Leaf walk(TranslationRegisters regs, Vmsa.TableReader mem, int va, int access) {
        int ttbcr = regs.ttbcr();
        int t0sz = ttbcr & TranslationRegisters.TTBCR_T0SZ;
        int t1sz = ttbcr >>> TranslationRegisters.TTBCR_T1SZ_SHIFT & 7;
        boolean inTtbr0 = t0sz == 0 || va >>> 32 - t0sz == 0;
        boolean inTtbr1 = t1sz == 0 ? !inTtbr0 : va >> 32 - t1sz == -1;
        if (inTtbr1 ? (ttbcr & TranslationRegisters.TTBCR_EPD1) != 0
                : !inTtbr0 || (ttbcr & TranslationRegisters.TTBCR_EPD0) != 0) {
            throw fault(va, access, LD_TRANSLATION, 1);
        }
        int size = inTtbr1 ? t1sz : t0sz;
        long ttbr = inTtbr1 ? regs.ttbr1() : regs.ttbr0();
        int level = size <= 1 ? 1 : 2;
        // the first table has 2^(32-size-levelShift) entries of 8 bytes and is aligned to its size
        int indexBits = 32 - size - levelShift(level);
        long table = ttbr & ADDRESS_MASK_40 & -(1L << indexBits + 3);

        long tableLimits = 0;             // the PXN/XN/APTable bits of every table on the way
        while (true) {
            long index = (va & 0xffff_ffffL) >>> levelShift(level) & (1L << indexBits) - 1;
            long desc = read(mem, table | index << 3, va, access, level);
            boolean valid = (desc & 1) != 0 && (level < 3 || (desc & 2) != 0);
            if (!valid) {
                throw fault(va, access, LD_TRANSLATION, level);
            }
            if (level == 3 || (desc & 2) == 0) {
                return new Leaf(desc, level, tableLimits);     // a page, or a block
            }
            tableLimits |= desc & (PXN_TABLE | XN_TABLE | AP_TABLE_NO_PL0 | AP_TABLE_READ_ONLY);
            table = desc & ADDRESS_MASK;
            level++;
            indexBits = 9;
        }
    }

    private static final long ADDRESS_MASK_40 = (1L << 40) - 1;

    /** VA bit where the index of a level's table starts: 30, 21, 12. */
    private static int levelShift(int level) {
        return 39 - 9 * level;
    }

    /** The leaf's AP[2:1], XN and PXN, limited by the tables above it, as a PERM_* mask. */
    private static int permissions(long desc, long tableLimits, boolean privileged, int sctlr) {
        int ap21 = (int) (desc >>> 6) & 3;
        if ((tableLimits & AP_TABLE_READ_ONLY) != 0) {
            ap21 |= 2;
        }
        if ((tableLimits & AP_TABLE_NO_PL0) != 0) {
            ap21 &= ~1;
        }
        boolean xn = ((desc | tableLimits >>> 6) & XN) != 0;        // XNTable (60) lines up with XN (54)
        boolean pxn = ((desc | tableLimits >>> 6) & PXN) != 0;      // PXNTable (59) with PXN (53)
        int rw = VmsaPermissions.simplifiedModel(ap21, privileged);
        int pl0Rw = VmsaPermissions.simplifiedModel(ap21, false);
        return VmsaPermissions.withExecute(rw, pl0Rw, privileged, xn, pxn, sctlr);
    }

    /** One descriptor fetch; a bus error becomes the synchronous external abort on the walk. */
    private static long read(Vmsa.TableReader mem, long pa, int va, int access, int level) {
        try {
            return mem.read64(pa);
        } catch (TranslationFault busError) {
            throw fault(va, access, LD_EXTERNAL_WALK, level);
        }
    }

    private static TranslationFault fault(int va, int access, int kind, int level) {
        return new TranslationFault(va, access, VmsaFaultStatus.longFormat(kind, level));
    }
}
