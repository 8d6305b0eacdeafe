package dynvm.arm.sys;

import static dynvm.arm.sys.Descriptors.AF;
import static dynvm.arm.sys.Descriptors.block;
import static dynvm.arm.sys.Descriptors.page;
import static dynvm.arm.sys.Descriptors.table;
import static dynvm.arm.sys.TranslationRegisters.SCTLR_UWXN;
import static dynvm.arm.sys.TranslationRegisters.SCTLR_WXN;
import static dynvm.arm.sys.TranslationRegisters.TTBCR_EAE;
import static dynvm.arm.sys.TranslationRegisters.TTBCR_EPD0;
import static dynvm.arm.sys.TranslationRegisters.TTBCR_EPD1;
import static dynvm.arm.sys.VmsaAssertions.ACCESSES;
import static dynvm.arm.sys.VmsaAssertions.FETCH;
import static dynvm.arm.sys.VmsaAssertions.LARGE;
import static dynvm.arm.sys.VmsaAssertions.PL0;
import static dynvm.arm.sys.VmsaAssertions.PL1;
import static dynvm.arm.sys.VmsaAssertions.READ;
import static dynvm.arm.sys.VmsaAssertions.WRITE;
import static dynvm.arm.sys.VmsaAssertions.assertFault;
import static dynvm.arm.sys.VmsaAssertions.assertGrants;
import static dynvm.arm.sys.VmsaAssertions.hex;
import static dynvm.arm.sys.VmsaAssertions.perms;
import static dynvm.arm.sys.VmsaAssertions.translate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The long-descriptor walk (ARM ARM v7-A B3.6): region selection by T0SZ/T1SZ, start levels and
 * table alignment, EPD0/EPD1, blocks and pages with 40-bit outputs, hierarchical table limits, the
 * access flag, and the STATUS of every fault at every level (Table B3-24).
 */
class VmsaLongDescriptorTest {
    static final long TTBR0 = 0x1000;

    final PhysicalMemoryFake mem = new PhysicalMemoryFake();
    final Regs regs = Regs.longDescriptors(TTBR0);

    static long l1(long table, int va) {
        return table + ((va >>> 30) << 3);
    }

    static long l2(long table, int va) {
        return table + ((va >>> 21 & 0x1ff) << 3);
    }

    static long l3(long table, int va) {
        return table + ((va >>> 12 & 0x1ff) << 3);
    }

    /** TTBR0 (start level 1) -> {@code l2} -> {@code l3} -> {@code leaf} for {@code va}. */
    void mapPage(int va, long l2, long l3, long leaf) {
        mem.put64(l1(TTBR0, va), table(l2));
        mem.put64(l2(l2, va), table(l3));
        mem.put64(l3(l3, va), leaf);
    }

    // ---- blocks, pages, 40-bit addresses ----

    @ParameterizedTest(name = "va {0} -> {1}")
    @CsvSource({
        "0x40000000, 0x8040000000",
        "0x5a5a5a5a, 0x805a5a5000",
        "0x7fffffff, 0x807ffff000",     // last byte of the GiB
    })
    void level1BlockMapsAGiB(long va, long pa) {
        mem.put64(l1(TTBR0, 0x40000000), block(0x80_4000_0000L, 0b01));
        assertEquals(hex(pa | perms("rwx") | LARGE), hex(translate(regs, mem, (int) va, READ, PL0)));
    }

    @ParameterizedTest(name = "va {0} -> {1}")
    @CsvSource({
        "0x00200000, 0xffffe00000",
        "0x00234567, 0xffffe34000",
        "0x003fffff, 0xfffffff000",     // last byte of the 2 MiB, last page below 2^40
    })
    void level2BlockMapsTwoMiB(long va, long pa) {
        mem.put64(l1(TTBR0, 0), table(0x2000));
        mem.put64(l2(0x2000, 0x00200000), block(0xff_ffe0_0000L, 0b01));
        assertEquals(hex(pa | perms("rwx") | LARGE), hex(translate(regs, mem, (int) va, WRITE, PL0)));
    }

    @ParameterizedTest(name = "va {0} -> {1}")
    @CsvSource({
        "0xc0403000, 0xabcdef1000",
        "0xc0403fff, 0xabcdef1000",
    })
    void level3PageMapsFourKiB(long va, long pa) {
        mapPage((int) va, 0x2000, 0x3000, page(0xab_cdef_1000L, 0b01));
        assertEquals(hex(pa | perms("rwx")), hex(translate(regs, mem, (int) va, FETCH, PL0)));
        assertFault(0x207, regs, mem, (int) va + 0x1000, READ, PL1);     // the next page is not mapped
    }

    @Test
    void tablesThemselvesMayLieAbove4GiB() {
        Regs r = Regs.longDescriptors(0x12_0000_0000L);
        int va = 0x8012_3000;
        mem.put64(0x12_0000_0000L + (2 << 3), table(0x34_0000_0000L));
        mem.put64(l2(0x34_0000_0000L, va), table(0x56_0000_1000L));
        mem.put64(l3(0x56_0000_1000L, va), page(0x78_9abc_d000L, 0b00));
        assertEquals(hex(0x78_9abc_d000L | perms("rwx")), hex(translate(r, mem, va, READ, PL1)));
    }

    @Test
    void descriptorBitsOutsideTheAddressAndPermissionsAreIgnored() {
        // SBZ [47:40], contiguous hint (52), software bits [58:55], AttrIndx, NS, SH, nG; NSTable in the tables
        long noise = 0xffL << 40 | 1L << 52 | 0xfL << 55 | 7 << 2 | 1 << 5 | 3 << 8 | 1 << 11;
        mem.put64(l1(TTBR0, 0), table(0x2000) | 0xffL << 40 | 1L << 63 | 0xfL << 55);
        mem.put64(l2(0x2000, 0), table(0x3000) | 1L << 63);
        mem.put64(l3(0x3000, 0), page(0x4000_0000L, 0b01) | noise);
        assertEquals(hex(0x4000_0000L | perms("rwx")), hex(translate(regs, mem, 0, WRITE, PL0)));
    }

    // ---- faults at each level ----

    @Test
    void translationFaultAtEachLevel() {
        assertFault(0x205, regs, mem, 0x00000000, READ, PL1);                  // level 1 invalid
        mem.put64(l1(TTBR0, 0), table(0x2000));
        assertFault(0x206, regs, mem, 0x00000000, WRITE, PL1);                 // level 2 invalid
        mem.put64(l2(0x2000, 0), 0b10);                                        // bit 0 clear: invalid whatever bit 1
        assertFault(0x206, regs, mem, 0x00000000, WRITE, PL1);
        mem.put64(l2(0x2000, 0), table(0x3000));
        assertFault(0x207, regs, mem, 0x00000000, FETCH, PL0);                 // level 3 invalid
        mem.put64(l3(0x3000, 0), page(0x5000, 0b01) & ~2L);                   // 0b01 is reserved at level 3
        assertFault(0x207, regs, mem, 0x00000000, READ, PL0);
    }

    @Test
    void accessFlagFaultAtEachLevel() {
        mem.put64(l1(TTBR0, 0x40000000), block(0x4000_0000L, 0b01) & ~AF);
        mem.put64(l1(TTBR0, 0x00000000), table(0x2000));
        mem.put64(l2(0x2000, 0x00200000), block(0x0020_0000L, 0b01) & ~AF);
        mem.put64(l2(0x2000, 0x00000000), table(0x3000));
        mem.put64(l3(0x3000, 0x00000000), page(0x5000, 0b01) & ~AF);
        for (int access : ACCESSES) {
            assertFault(0x209, regs, mem, 0x40000000, access, PL1);
            assertFault(0x20a, regs, mem, 0x00200000, access, PL1);
            assertFault(0x20b, regs, mem, 0x00000000, access, PL1);
        }
        // access flag before permission: no PL0 access at all, still an access flag fault
        mem.put64(l3(0x3000, 0x00001000), page(0x6000, 0b00) & ~AF);
        assertFault(0x20b, regs, mem, 0x00001000, READ, PL0);
    }

    @Test
    void permissionFaultAtEachLevel() {
        mem.put64(l1(TTBR0, 0x40000000), block(0x4000_0000L, 0b11));
        mem.put64(l1(TTBR0, 0x00000000), table(0x2000));
        mem.put64(l2(0x2000, 0x00200000), block(0x0020_0000L, 0b11));
        mem.put64(l2(0x2000, 0x00000000), table(0x3000));
        mem.put64(l3(0x3000, 0x00000000), page(0x5000, 0b11));
        assertFault(0x20d, regs, mem, 0x40000000, WRITE, PL1);
        assertFault(0x20e, regs, mem, 0x00200000, WRITE, PL0);
        assertFault(0x20f, regs, mem, 0x00000000, WRITE, PL1);
    }

    @Test
    void externalAbortOnTheWalkAtEachLevel() {
        mem.busEndsAt(0x10_0000_0000L);
        assertFault(0x215, Regs.longDescriptors(0x10_0000_0000L), mem, 0, READ, PL1);
        mem.put64(l1(TTBR0, 0x00000000), table(0x10_0000_0000L));
        assertFault(0x216, regs, mem, 0x00000000, READ, PL1);
        mem.put64(l1(TTBR0, 0x40000000), table(0x2000));
        mem.put64(l2(0x2000, 0x40000000), table(0x20_0000_0000L));
        assertFault(0x217, regs, mem, 0x40000000, FETCH, PL0);
    }

    // ---- T0SZ / T1SZ, start levels, EPD ----

    static final long PA0 = 0x10_0000_0000L, PA1 = 0x20_0000_0000L;
    static final long BASE0 = 0x1_0000, BASE1 = 0x2_0000;

    /** Fills the first table of the region of size 2^(32-size) at {@code base} with blocks to {@code pa} + offset. */
    void identityBlocks(long base, int size, long pa) {
        boolean level1 = size <= 1;
        int entries = level1 ? 1 << 2 - size : 1 << 11 - size;
        int blockShift = level1 ? 30 : 21;
        for (int i = 0; i < entries; i++) {
            mem.put64(base + 8L * i, block(pa + ((long) i << blockShift), 0b01));
        }
    }

    @ParameterizedTest(name = "T0SZ={0} T1SZ={1} va {2} -> {3}")
    @CsvSource({
        "0, 0, 0x00000000, 0",
        "0, 0, 0xffffffff, 0",
        "1, 0, 0x7fffffff, 0",
        "1, 0, 0x80000000, 1",
        "2, 0, 0x3fffffff, 0",
        "2, 0, 0x40000000, 1",      // T1SZ=0: TTBR1 takes everything TTBR0 does not
        "2, 0, 0xffffffff, 1",
        "0, 1, 0x7fffffff, 0",
        "0, 1, 0x80000000, 1",
        "0, 2, 0xbfffffff, 0",      // T0SZ=0: TTBR0 takes everything TTBR1 does not
        "0, 2, 0xc0000000, 1",
        "1, 1, 0x7fffffff, 0",
        "1, 1, 0x80000000, 1",
        "2, 2, 0x3fffffff, 0",
        "2, 2, 0x40000000, fault",  // the gap between the regions
        "2, 2, 0xbfffffff, fault",
        "2, 2, 0xc0000000, 1",
        "7, 7, 0x01ffffff, 0",
        "7, 7, 0x02000000, fault",
        "7, 7, 0xfdffffff, fault",
        "7, 7, 0xfe000000, 1",
        "3, 5, 0x1fffffff, 0",
        "3, 5, 0xf7ffffff, fault",
        "3, 5, 0xf8000000, 1",
    })
    void txszSelectsTheTranslationTableBaseRegister(int t0sz, int t1sz, long va, String expected) {
        Regs r = new Regs(TranslationRegisters.SCTLR_M, TTBCR_EAE | t1sz << 16 | t0sz, BASE0, BASE1, 0, 0, 0);
        identityBlocks(BASE0, t0sz, PA0);
        identityBlocks(BASE1, t1sz, PA1);
        if (expected.equals("fault")) {
            assertFault(0x205, r, mem, (int) va, READ, PL1);
            assertEquals(0, mem.reads);
            return;
        }
        int size = expected.equals("0") ? t0sz : t1sz;
        long pa = (expected.equals("0") ? PA0 : PA1) + (va & (1L << 32 - size) - 1);
        assertEquals(hex(pa & ~0xfffL | perms("rwx") | LARGE), hex(translate(r, mem, (int) va, READ, PL1)));
    }

    @ParameterizedTest(name = "T0SZ={0}: table at {1}")
    @CsvSource({
        "0, 0x1020, 0x1020",        // level 1, 4 entries, aligned to 32 bytes
        "1, 0x1030, 0x1030",        // level 1, 2 entries, aligned to 16 bytes
        "2, 0x3000, 0x3000",        // level 2, 512 entries, aligned to 4 KiB
        "5, 0x3200, 0x3200",        // level 2, 64 entries, aligned to 512 bytes
        "7, 0x3080, 0x3080",        // level 2, 16 entries, aligned to 128 bytes
        "7, 0x30c0, 0x3080",        // the bits below the alignment are not part of the base
    })
    void startLevelAndTableAlignmentFollowT0sz(int t0sz, long ttbr0, long table) {
        // the ASID in TTBR0[55:48] is not part of the address either
        Regs r = new Regs(TranslationRegisters.SCTLR_M, TTBCR_EAE | t0sz, 0x00ab_0000_0000_0000L | ttbr0, 0, 0, 0, 0);
        int lastVa = (int) ((1L << 32 - t0sz) - 1);
        boolean level1 = t0sz <= 1;
        long lastEntry = table + 8L * ((level1 ? 4 >> t0sz : 512 >> t0sz - 2) - 1);
        mem.put64(lastEntry, block(0x40_0000_0000L, 0b01));
        long blockMask = (1L << (level1 ? 30 : 21)) - 1;
        assertEquals(hex(0x40_0000_0000L | lastVa & blockMask & ~0xfffL | perms("rwx") | LARGE),
                hex(translate(r, mem, lastVa, READ, PL1)));
    }

    @Test
    void epd0DisablesTtbr0WalksWithoutTouchingMemory() {
        Regs r = new Regs(TranslationRegisters.SCTLR_M, TTBCR_EAE | TTBCR_EPD0 | 1 << 16 | 1, BASE0, BASE1, 0, 0, 0);
        identityBlocks(BASE0, 1, PA0);
        identityBlocks(BASE1, 1, PA1);
        assertFault(0x205, r, mem, 0x00000000, READ, PL1);
        assertFault(0x205, r, mem, 0x7fffffff, FETCH, PL0);
        assertEquals(0, mem.reads);
        assertEquals(hex(PA1 | perms("rwx") | LARGE), hex(translate(r, mem, 0x80000000, READ, PL1)));
    }

    @Test
    void epd1DisablesTtbr1WalksWithoutTouchingMemory() {
        Regs r = new Regs(TranslationRegisters.SCTLR_M, TTBCR_EAE | TTBCR_EPD1 | 2 << 16 | 2, BASE0, BASE1, 0, 0, 0);
        identityBlocks(BASE0, 2, PA0);
        identityBlocks(BASE1, 2, PA1);
        assertFault(0x205, r, mem, 0xc0000000, WRITE, PL1);     // level 1 although TTBR1's walk would start at 2
        assertEquals(0, mem.reads);
        assertEquals(hex(PA0 | perms("rwx") | LARGE), hex(translate(r, mem, 0x00000000, READ, PL1)));
    }

    @Test
    void walkStartingAtLevel2FaultsAtLevel2() {
        Regs r = new Regs(TranslationRegisters.SCTLR_M, TTBCR_EAE | 2, BASE0, 0, 0, 0, 0);
        assertFault(0x206, r, mem, 0x00200000, READ, PL1);
        mem.put64(BASE0 + 8, table(0x5000));
        mem.put64(l3(0x5000, 0x00200000), page(0x7000, 0b01) & ~AF);
        assertFault(0x20b, r, mem, 0x00200000, READ, PL1);
    }

    // ---- permissions ----

    @ParameterizedTest(name = "AP[2:1]={0} XN={1} PXN={2} WXN={3} UWXN={4}: PL1 {5}, PL0 {6}")
    @CsvSource({
        "0, false, false, false, false, rwx, ---",
        "1, false, false, false, false, rwx, rwx",
        "2, false, false, false, false, r-x, ---",
        "3, false, false, false, false, r-x, r-x",
        "1, true,  false, false, false, rw-, rw-",
        "1, false, true,  false, false, rw-, rwx",
        "3, false, true,  false, false, r--, r-x",
        "1, false, false, true,  false, rw-, rw-",
        "3, false, false, true,  false, r-x, r-x",
        "0, false, false, true,  false, rw-, ---",
        "1, false, false, false, true,  rw-, rwx",
        "0, false, false, false, true,  rwx, ---",
        "3, false, false, false, true,  r-x, r-x",
    })
    void leafPermissions(int ap21, boolean xn, boolean pxn, boolean wxn, boolean uwxn, String pl1, String pl0) {
        Regs r = regs.orSctlr((wxn ? SCTLR_WXN : 0) | (uwxn ? SCTLR_UWXN : 0));
        mem.put64(l1(TTBR0, 0x40000000), block(0x4000_0000L, ap21, xn, pxn));
        mapPage(0x00001000, 0x2000, 0x3000, page(0x5000, ap21, xn, pxn));
        assertGrants(0x4000_0000L | perms(pl1) | LARGE, 0x20d, r, mem, 0x40000000, PL1);
        assertGrants(0x4000_0000L | perms(pl0) | LARGE, 0x20d, r, mem, 0x40000000, PL0);
        assertGrants(0x5000 | perms(pl1), 0x20f, r, mem, 0x00001000, PL1);
        assertGrants(0x5000 | perms(pl0), 0x20f, r, mem, 0x00001000, PL0);
    }

    @ParameterizedTest(name = "APTable={0} XNTable={1} PXNTable={2} at level {3}: PL1 {4}, PL0 {5}")
    @CsvSource({
        "0, false, false, 1, rwx, rwx",
        "1, false, false, 1, rwx, ---",     // APTable[0]: no PL0 access below
        "2, false, false, 1, r-x, r-x",     // APTable[1]: read-only below
        "3, false, false, 1, r-x, ---",
        "0, true,  false, 1, rw-, rw-",     // XNTable
        "0, false, true,  1, rw-, rwx",     // PXNTable
        "1, false, false, 2, rwx, ---",
        "2, true,  false, 2, r--, r--",
        "3, false, true,  2, r--, ---",
    })
    void tableLimitsApplyToEverythingBelow(int apTable, boolean xnTable, boolean pxnTable, int level, String pl1, String pl0) {
        long limited = table(0, apTable, xnTable, pxnTable);
        mem.put64(l1(TTBR0, 0), level == 1 ? table(0x2000) | limited : table(0x2000));
        mem.put64(l2(0x2000, 0), level == 2 ? table(0x3000) | limited : table(0x3000));
        mem.put64(l2(0x2000, 0x00200000), block(0x0020_0000L, 0b01));     // a sibling block under the level 1 table
        mem.put64(l3(0x3000, 0), page(0x5000, 0b01));                     // AP[2:1]=01: read/write at both levels
        assertGrants(0x5000 | perms(pl1), 0x20f, regs, mem, 0, PL1);
        assertGrants(0x5000 | perms(pl0), 0x20f, regs, mem, 0, PL0);
        // a level 1 limit reaches the level 2 block too; a level 2 one does not
        String blockPl0 = level == 1 ? pl0 : "rwx";
        assertGrants(0x0020_0000L | perms(blockPl0) | LARGE, 0x20e, regs, mem, 0x00200000, PL0);
    }

    @Test
    void tableLimitsDoNotLeakIntoAnotherPath() {
        mem.put64(l1(TTBR0, 0x00000000), table(0x2000, 3, true, true));
        mem.put64(l2(0x2000, 0), block(0, 0b01));
        mem.put64(l1(TTBR0, 0x40000000), table(0x3000));
        mem.put64(l2(0x3000, 0x40000000), block(0x4000_0000L, 0b01));
        assertGrants(perms("r--") | LARGE, 0x20e, regs, mem, 0, PL1);
        assertGrants(0x4000_0000L | perms("rwx") | LARGE, 0x20e, regs, mem, 0x40000000, PL0);
    }

    // ---- the PAR of ATS1C* ----

    @ParameterizedTest(name = "AttrIndx {0}, SH {1}")
    @CsvSource({
        "2, 3, ff00000040401180",      // MAIR0 byte 2, inner shareable (mmu_lpae's normal memory)
        "0, 0, 0000000040401000",      // MAIR0 byte 0 (Device-nGnRnE), SH 00 reported as is (QEMU 7.2)
        "5, 2, bb00000040401100",      // MAIR1 byte 1
    })
    void parReportsTheMairByteAndShareability(int attrIndx, int sh, String par) {
        mapPage(0x48001234, 0x2000, 0x3000, page(0x4040_1000L, 0b00) | attrIndx << 2 | sh << 8);
        Regs r = regs.mair(0x44ff0400, 0x0000bbee);
        assertEquals(hex(Long.parseUnsignedLong(par, 16)), hex(Vmsa.par(r, mem, 0x48001234, 0x4040_1000L)));
    }
}
