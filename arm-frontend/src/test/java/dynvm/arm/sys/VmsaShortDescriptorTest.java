package dynvm.arm.sys;

import static dynvm.arm.sys.Descriptors.largePage;
import static dynvm.arm.sys.Descriptors.pageTable;
import static dynvm.arm.sys.Descriptors.section;
import static dynvm.arm.sys.Descriptors.smallPage;
import static dynvm.arm.sys.Descriptors.supersection;
import static dynvm.arm.sys.TranslationRegisters.SCTLR_AFE;
import static dynvm.arm.sys.TranslationRegisters.SCTLR_UWXN;
import static dynvm.arm.sys.TranslationRegisters.SCTLR_WXN;
import static dynvm.arm.sys.TranslationRegisters.TTBCR_PD0;
import static dynvm.arm.sys.TranslationRegisters.TTBCR_PD1;
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

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The short-descriptor walk (ARM ARM v7-A B3.5): descriptor kinds, address arithmetic, TTBCR.N,
 * PD0/PD1, the fault status of every fault kind with its domain, and the AP/domain/XN tables.
 */
class VmsaShortDescriptorTest {
    static final long TTBR0 = 0x4000;
    static final long L2 = 0x8000;

    final PhysicalMemoryFake mem = new PhysicalMemoryFake();
    final Regs regs = Regs.shortDescriptors(TTBR0);

    /** Where the first-level descriptor of {@code va} lives in a full 16 KiB table at {@code base}. */
    static long l1(long base, int va) {
        return base + ((va >>> 20) << 2);
    }

    /** Where the second-level descriptor of {@code va} lives in the table at {@code table}. */
    static long l2(long table, int va) {
        return table + ((va >>> 12 & 0xff) << 2);
    }

    // ---- descriptor kinds and address arithmetic ----

    @ParameterizedTest(name = "va {0} -> {1}")
    @CsvSource({
        "0x12300000, 0x80000000",       // first byte
        "0x12345678, 0x80045000",
        "0x123fffff, 0x800ff000",       // last byte of the megabyte
    })
    void sectionMapsItsWholeMegabyte(long va, long pa) {
        mem.put32(l1(TTBR0, 0x12300000), section(0x8000_0000L, 0b011, 0));
        assertEquals(hex(pa | perms("rwx") | LARGE), hex(translate(regs, mem, (int) va, READ, PL1)));
    }

    @Test
    void sectionNextToAMappedOneIsATranslationFault() {
        mem.put32(l1(TTBR0, 0x12300000), section(0x8000_0000L, 0b011, 0));
        assertFault(0x005, regs, mem, 0x12400000, READ, PL1);
        assertFault(0x005, regs, mem, 0x122fffff, WRITE, PL0);
    }

    @ParameterizedTest(name = "va {0} -> {1}")
    @CsvSource({
        "0x20000000, 0xa5ff000000",
        "0x20123456, 0xa5ff123000",
        "0x20ffffff, 0xa5fffff000",     // last byte of the 16 MiB
    })
    void supersectionReachesAbove4GiB(long va, long pa) {
        // the descriptor is repeated in the 16 entries VA[23:20] selects, as the architecture requires
        for (int i = 0; i < 16; i++) {
            mem.put32(l1(TTBR0, 0x20000000 + (i << 20)), supersection(0xa5_ff00_0000L, 0b011, false));
        }
        // PA[39:36] = 0xa sits where a section's domain would: the supersection is in domain 0
        Regs r = regs.domain(0xa, 0).domain(0, 1);
        assertEquals(hex(pa | perms("rwx") | LARGE), hex(translate(r, mem, (int) va, READ, PL1)));
    }

    @Test
    void parOfASupersectionIsPa31To24AndSs() {
        for (int i = 0; i < 16; i++) mem.put32(l1(TTBR0, 0x50000000 + (i << 20)), supersection(0x4000_0000L, 0b011, false));
        mem.put32(l1(TTBR0, 0x40000000), section(0x4000_0000L, 0b011, 0));
        assertEquals(hex(0x4000_0002L), hex(Vmsa.par(regs, mem, 0x50012345, 0x4001_2000L)));   // as QEMU 7.2
        assertEquals(hex(0x4001_2000L), hex(Vmsa.par(regs, mem, 0x40012345, 0x4001_2000L)));   // a section: the page
    }

    @Test
    void supersectionIsInDomainZero() {
        mem.put32(l1(TTBR0, 0x20000000), supersection(0xa5_ff00_0000L, 0b011, false));
        assertFault(0x009, regs.domain(0, 0), mem, 0x20000000, READ, PL1);        // domain fault, section, domain 0
        assertEquals(hex(0xa5_ff00_0000L | perms("rwx") | LARGE),
                hex(translate(regs.domain(0, 3).domain(0xa, 0), mem, 0x20000000, WRITE, PL0)));
    }

    @ParameterizedTest(name = "va {0} -> {1}")
    @CsvSource({
        "0x00401000, 0x12345000",
        "0x00401abc, 0x12345000",
        "0x00401fff, 0x12345000",       // last byte of the page
    })
    void smallPageMapsFourKiB(long va, long pa) {
        mem.put32(l1(TTBR0, 0x00400000), pageTable(L2, 3, false));
        mem.put32(l2(L2, 0x00401000), smallPage(0x1234_5000L, 0b011, false));
        assertEquals(hex(pa | perms("rwx")), hex(translate(regs, mem, (int) va, READ, PL1)));
    }

    @Test
    void smallPageNeighbourIsAPageTranslationFaultWithTheTablesDomain() {
        mem.put32(l1(TTBR0, 0x00400000), pageTable(L2, 3, false));
        mem.put32(l2(L2, 0x00401000), smallPage(0x1234_5000L, 0b011, false));
        assertFault(0x037, regs, mem, 0x00402000, READ, PL1);
        assertFault(0x037, regs, mem, 0x00400fff, FETCH, PL0);
    }

    @Test
    void smallPageWithXnInBitZeroDecodesAsSmallPage() {
        // second-level type 0b11 is a small page with XN set, not a reserved encoding
        mem.put32(l1(TTBR0, 0x00400000), pageTable(L2, 0, false));
        mem.put32(l2(L2, 0x00403000), smallPage(0x0abc_d000L, 0b011, true));
        assertGrants(0x0abc_d000L | perms("rw-"), 0x00f, regs, mem, 0x00403123, PL1);
    }

    @ParameterizedTest(name = "va {0} -> {1}")
    @CsvSource({
        "0x00410000, 0x77770000",
        "0x00415abc, 0x77775000",
        "0x0041ffff, 0x7777f000",       // last byte of the 64 KiB
    })
    void largePageMapsSixtyFourKiBFromWhicheverOfItsSixteenEntries(long va, long pa) {
        mem.put32(l1(TTBR0, 0x00400000), pageTable(L2, 0, false));
        // only the entry the VA indexes is written: the PA still comes from VA[15:0]
        mem.put32(l2(L2, (int) va), largePage(0x7777_0000L, 0b011, false));
        assertEquals(hex(pa | perms("rwx") | LARGE), hex(translate(regs, mem, (int) va, READ, PL1)));
    }

    @Test
    void largePageXnIsBitFifteen() {
        mem.put32(l1(TTBR0, 0x00400000), pageTable(L2, 0, false));
        mem.put32(l2(L2, 0x00410000), largePage(0x7777_0000L, 0b011, true));
        assertGrants(0x7777_0000L | perms("rw-") | LARGE, 0x00f, regs, mem, 0x00410000, PL0);
    }

    @Test
    void attributeBitsDoNotChangeTheMapping() {
        // B, C, TEX[2:0], S, nG, NS and the IMPLEMENTATION DEFINED bit 9 all set
        int noise = 1 << 2 | 1 << 3 | 7 << 12 | 1 << 16 | 1 << 17 | 1 << 19 | 1 << 9;
        mem.put32(l1(TTBR0, 0x30000000), section(0x6000_0000L, 0b011, 0) | noise);
        assertEquals(hex(0x6000_0000L | perms("rwx") | LARGE), hex(translate(regs, mem, 0x30000000, WRITE, PL0)));
        // in a page table descriptor: NS (3) and the SBZ bit 4 and IMPLEMENTATION DEFINED bit 9
        mem.put32(l1(TTBR0, 0x30100000), pageTable(L2, 0, false) | 1 << 3 | 1 << 9);
        mem.put32(l2(L2, 0x30100000), smallPage(0x6010_0000L, 0b011, false) | 1 << 2 | 1 << 3 | 7 << 6 | 1 << 10 | 1 << 11);
        assertEquals(hex(0x6010_0000L | perms("rwx")), hex(translate(regs, mem, 0x30100000, WRITE, PL0)));
    }

    @Test
    void ttbrBitsAbove31AreIgnored() {
        // a TTBR0 last written as 64 bits (ASID, high BADDR) by an LPAE guest
        Regs r = new Regs(TranslationRegisters.SCTLR_M, 0, 0x00ab_00ff_0000_0000L | TTBR0, 0, 0x5555_5555, 0, 0);
        mem.put32(l1(TTBR0, 0x12300000), section(0x8000_0000L, 0b011, 0));
        assertEquals(hex(0x8000_0000L | perms("rwx") | LARGE), hex(translate(r, mem, 0x12300000, READ, PL1)));
    }

    // ---- TTBCR.N, PD0, PD1 ----

    static Stream<Arguments> ttbcrSplits() {
        // N, TTBR0 (aligned to 16 KiB >> N only, with low attribute bits set), first VA of TTBR1's region
        return Stream.of(
                Arguments.of(0, 0x14000L | 0x3b, 0L),
                Arguments.of(1, 0x12000L | 0x5b, 0x8000_0000L),
                Arguments.of(2, 0x13000L | 0x1b, 0x4000_0000L),
                Arguments.of(7, 0x10080L | 0x03, 0x0200_0000L));
    }

    @ParameterizedTest(name = "N={0}")
    @MethodSource("ttbcrSplits")
    void ttbcrNSplitsBetweenTtbr0AndTtbr1(int n, long ttbr0, long ttbr1Start) {
        long ttbr1 = 0x20000L | 0x1b;
        Regs r = regs.ttbcr(n);
        r = new Regs(r.sctlr(), r.ttbcr(), ttbr0, ttbr1, r.dacr(), 0, 0);
        long base0 = ttbr0 & -(0x4000L >> n);
        long base1 = ttbr1 & ~0x3fffL;
        int lastOf0 = (int) (ttbr1Start == 0 ? 0xffffffffL : ttbr1Start - 1);
        // TTBR0's table is indexed by VA[31-N:20] from its own base
        mem.put32(l1(base0, lastOf0), section(0x0a00_0000L, 0b011, 0));
        mem.put32(l1(base0, 0), section(0x0b00_0000L, 0b011, 0));
        assertEquals(hex(0x0a0f_f000L | perms("rwx") | LARGE), hex(translate(r, mem, lastOf0, READ, PL1)));
        assertEquals(hex(0x0b00_0000L | perms("rwx") | LARGE), hex(translate(r, mem, 0, READ, PL1)));
        if (n != 0) {
            // TTBR1's table is always the full 16 KiB one indexed by VA[31:20]
            int firstOf1 = (int) ttbr1Start;
            mem.put32(l1(base1, firstOf1), section(0x0c00_0000L, 0b011, 0));
            mem.put32(l1(base1, -1), section(0x0d00_0000L, 0b011, 0));
            assertEquals(hex(0x0c00_0000L | perms("rwx") | LARGE), hex(translate(r, mem, firstOf1, READ, PL1)));
            assertEquals(hex(0x0d0f_f000L | perms("rwx") | LARGE), hex(translate(r, mem, -1, READ, PL1)));
        }
    }

    @Test
    void pd0DisablesTtbr0WalksWithoutTouchingMemory() {
        Regs r = regs.ttbcr(2 | TTBCR_PD0).ttbr1(0x20000);
        mem.put32(l1(TTBR0, 0x00100000), section(0x0a00_0000L, 0b011, 0));
        mem.put32(l1(0x20000, 0x40000000), section(0x0c00_0000L, 0b011, 0));
        assertFault(0x005, r, mem, 0x00100000, READ, PL1);
        assertFault(0x005, r, mem, 0x3fffffff, FETCH, PL0);
        assertEquals(0, mem.reads);
        assertEquals(hex(0x0c00_0000L | perms("rwx") | LARGE), hex(translate(r, mem, 0x40000000, READ, PL1)));
    }

    @Test
    void pd1DisablesTtbr1WalksWithoutTouchingMemory() {
        Regs r = regs.ttbcr(2 | TTBCR_PD1).ttbr1(0x20000);
        mem.put32(l1(TTBR0, 0x00100000), section(0x0a00_0000L, 0b011, 0));
        mem.put32(l1(0x20000, 0xc0000000), section(0x0c00_0000L, 0b011, 0));
        assertFault(0x005, r, mem, 0xc0000000, WRITE, PL1);
        assertEquals(0, mem.reads);
        assertEquals(hex(0x0a00_0000L | perms("rwx") | LARGE), hex(translate(r, mem, 0x00100000, READ, PL1)));
    }

    @Test
    void pd1IsIrrelevantWhenNIsZero() {
        Regs r = regs.ttbcr(TTBCR_PD1).ttbr1(0x20000);
        mem.put32(l1(TTBR0, 0xfff00000), section(0x0a00_0000L, 0b011, 0));
        assertEquals(hex(0x0a00_0000L | perms("rwx") | LARGE), hex(translate(r, mem, 0xfff00000, READ, PL1)));
    }

    // ---- fault status values (Table B3-23) ----

    @Test
    void firstLevelExternalAbortOnTheWalk() {
        mem.busEndsAt(0x1000_0000L);
        Regs r = Regs.shortDescriptors(0x1000_0000L);
        assertFault(0x00c, r, mem, 0x00100000, READ, PL1);
        assertFault(0x00c, r, mem, 0x00100000, FETCH, PL0);
    }

    @Test
    void secondLevelExternalAbortOnTheWalkCarriesTheDomain() {
        mem.busEndsAt(0x1000_0000L);
        mem.put32(l1(TTBR0, 0x00100000), pageTable(0x1000_0400L, 9, false));
        assertFault(0x09e, regs, mem, 0x00100000, WRITE, PL1);
    }

    @Test
    void accessFlagFaultsWithTheSimplifiedModel() {
        Regs r = regs.orSctlr(SCTLR_AFE);
        mem.put32(l1(TTBR0, 0x00100000), section(0x0a00_0000L, 0b010, 4));          // AP[0]=0
        mem.put32(l1(TTBR0, 0x00200000), pageTable(L2, 4, false));
        mem.put32(l2(L2, 0x00200000), smallPage(0x0b00_0000L, 0b110, false));       // AP[0]=0
        assertFault(0x043, r, mem, 0x00100000, READ, PL1);       // access flag, section
        assertFault(0x046, r, mem, 0x00200000, READ, PL0);       // access flag, page
        // with AFE=0 the same AP values are ordinary permissions
        assertEquals(hex(0x0a00_0000L | perms("rwx") | LARGE), hex(translate(regs, mem, 0x00100000, WRITE, PL1)));
        assertEquals(hex(0x0b00_0000L | perms("r-x")), hex(translate(regs, mem, 0x00200000, READ, PL0)));
    }

    @ParameterizedTest(name = "DACR field {0}")
    @ValueSource(ints = {0b00, 0b10})
    void noAccessAndReservedDomainsFault(int dacrField) {
        Regs r = regs.domain(6, dacrField);
        mem.put32(l1(TTBR0, 0x00100000), section(0x0a00_0000L, 0b011, 6));
        mem.put32(l1(TTBR0, 0x00200000), pageTable(L2, 6, false));
        mem.put32(l2(L2, 0x00200000), smallPage(0x0b00_0000L, 0b011, false));
        for (int access : VmsaAssertions.ACCESSES) {
            assertFault(0x069, r, mem, 0x00100000, access, PL1);     // domain, section
            assertFault(0x06b, r, mem, 0x00200000, access, PL0);     // domain, page
        }
    }

    @Test
    void permissionFaultsCarryTheDomain() {
        mem.put32(l1(TTBR0, 0x00100000), section(0x0a00_0000L, 0b111, 2));
        mem.put32(l1(TTBR0, 0x00200000), pageTable(L2, 2, false));
        mem.put32(l2(L2, 0x00200000), smallPage(0x0b00_0000L, 0b111, false));
        mem.put32(l1(TTBR0, 0x00300000), supersection(0x1_0000_0000L, 0b101, false));
        assertFault(0x02d, regs, mem, 0x00100000, WRITE, PL1);       // permission, section
        assertFault(0x02f, regs, mem, 0x00200000, WRITE, PL0);       // permission, page
        assertFault(0x00d, regs, mem, 0x00300000, READ, PL0);        // permission, supersection: domain 0
    }

    // ---- the order of the checks (ARM ARM pseudocode, not QEMU's) ----

    @Test
    void invalidPageInANoAccessDomainIsATranslationFault() {
        mem.put32(l1(TTBR0, 0x00200000), pageTable(L2, 5, false));
        assertFault(0x057, regs.domain(5, 0), mem, 0x00200000, READ, PL1);
    }

    @Test
    void accessFlagComesBeforeDomainAndPermission() {
        Regs r = regs.orSctlr(SCTLR_AFE);
        mem.put32(l1(TTBR0, 0x00100000), section(0x0a00_0000L, 0b000, 7, true, true));
        assertFault(0x073, r.domain(7, 0), mem, 0x00100000, READ, PL1);     // no access domain
        assertFault(0x073, r.domain(7, 3), mem, 0x00100000, READ, PL1);     // manager
        assertFault(0x073, r.domain(7, 1), mem, 0x00100000, FETCH, PL1);    // XN
    }

    // ---- domains ----

    @Test
    void managerDomainGrantsEverythingUnchecked() {
        Regs r = regs.domain(3, 3);
        mem.put32(l1(TTBR0, 0x00100000), section(0x0a00_0000L, 0b000, 3, true, true));
        mem.put32(l1(TTBR0, 0x00200000), pageTable(L2, 3, true));
        mem.put32(l2(L2, 0x00200000), smallPage(0x0b00_0000L, 0b101, true));
        for (boolean privileged : new boolean[] {PL1, PL0}) {
            assertGrants(0x0a00_0000L | perms("rwx") | LARGE, 0, r, mem, 0x00100000, privileged);
            assertGrants(0x0b00_0000L | perms("rwx"), 0, r, mem, 0x00200000, privileged);
        }
        // the same mappings as a client fault at once
        assertFault(0x03d, regs, mem, 0x00100000, READ, PL1);
    }

    @Test
    void eachDomainReadsItsOwnDacrField() {
        for (int d = 0; d < 16; d++) {
            mem.put32(l1(TTBR0, d << 20), section(0x0a00_0000L + (d << 20), 0b011, d));
        }
        Regs r = regs.dacr(0);
        for (int d = 0; d < 16; d++) {
            Regs one = r.domain(d, 1);
            for (int e = 0; e < 16; e++) {
                if (e == d) {
                    assertEquals(hex(0x0a00_0000L + (e << 20) | perms("rwx") | LARGE), hex(translate(one, mem, e << 20, READ, PL0)));
                } else {
                    assertFault(0x009 | e << 4, one, mem, e << 20, READ, PL0);
                }
            }
        }
    }

    // ---- access permissions (Tables B3-8 and B3-9) ----

    @ParameterizedTest(name = "AP={0}: PL1 {1}, PL0 {2}")
    @CsvSource({
        "0, ---, ---",
        "1, rwx, ---",
        "2, rwx, r-x",
        "3, rwx, rwx",
        "4, ---, ---",      // reserved: no access
        "5, r-x, ---",
        "6, r-x, r-x",      // deprecated encoding of read-only
        "7, r-x, r-x",
    })
    void fullAccessPermissionModel(int ap, String pl1, String pl0) {
        mem.put32(l1(TTBR0, 0x00100000), section(0x0a00_0000L, ap, 1));
        mem.put32(l1(TTBR0, 0x00200000), pageTable(L2, 1, false));
        mem.put32(l2(L2, 0x00200000), smallPage(0x0b00_0000L, ap, false));
        mem.put32(l2(L2, 0x00210000), largePage(0x0c00_0000L, ap, false));
        assertGrants(0x0a00_0000L | perms(pl1) | LARGE, 0x01d, regs, mem, 0x00100000, PL1);
        assertGrants(0x0a00_0000L | perms(pl0) | LARGE, 0x01d, regs, mem, 0x00100000, PL0);
        assertGrants(0x0b00_0000L | perms(pl1), 0x01f, regs, mem, 0x00200000, PL1);
        assertGrants(0x0b00_0000L | perms(pl0), 0x01f, regs, mem, 0x00200000, PL0);
        assertGrants(0x0c00_0000L | perms(pl1) | LARGE, 0x01f, regs, mem, 0x00210000, PL1);
        assertGrants(0x0c00_0000L | perms(pl0) | LARGE, 0x01f, regs, mem, 0x00210000, PL0);
    }

    @ParameterizedTest(name = "AP[2:1]={0}: PL1 {1}, PL0 {2}")
    @CsvSource({
        "0, rwx, ---",
        "1, rwx, rwx",
        "2, r-x, ---",
        "3, r-x, r-x",
    })
    void simplifiedAccessPermissionModel(int ap21, String pl1, String pl0) {
        Regs r = regs.orSctlr(SCTLR_AFE);
        int ap = ap21 << 1 | 1;                            // AP[0]: the access flag, set
        mem.put32(l1(TTBR0, 0x00100000), section(0x0a00_0000L, ap, 1));
        mem.put32(l1(TTBR0, 0x00200000), pageTable(L2, 1, false));
        mem.put32(l2(L2, 0x00200000), smallPage(0x0b00_0000L, ap, false));
        assertGrants(0x0a00_0000L | perms(pl1) | LARGE, 0x01d, r, mem, 0x00100000, PL1);
        assertGrants(0x0a00_0000L | perms(pl0) | LARGE, 0x01d, r, mem, 0x00100000, PL0);
        assertGrants(0x0b00_0000L | perms(pl1), 0x01f, r, mem, 0x00200000, PL1);
        assertGrants(0x0b00_0000L | perms(pl0), 0x01f, r, mem, 0x00200000, PL0);
    }

    @ParameterizedTest(name = "AP={0} XN={1} PXN={2} WXN={3} UWXN={4}: PL1 {5}, PL0 {6}")
    @CsvSource({
        "3, false, false, false, false, rwx, rwx",
        "3, true,  false, false, false, rw-, rw-",
        "3, false, true,  false, false, rw-, rwx",      // PXN: PL1 only
        "7, true,  false, false, false, r--, r--",
        "3, false, false, true,  false, rw-, rw-",      // WXN: writable, so execute-never
        "7, false, false, true,  false, r-x, r-x",      // WXN: read-only stays executable
        "2, false, false, true,  false, rw-, r-x",      // WXN per level: PL0 cannot write here
        "1, false, false, true,  false, rw-, ---",
        "3, false, false, false, true,  rw-, rwx",      // UWXN: PL0-writable is not PL1-executable
        "2, false, false, false, true,  rwx, r-x",      // PL0 read-only: PL1 may execute
        "1, false, false, false, true,  rwx, ---",
        "5, false, false, true,  true,  r-x, ---",
    })
    void executeNeverRules(int ap, boolean xn, boolean pxn, boolean wxn, boolean uwxn, String pl1, String pl0) {
        Regs r = regs.orSctlr((wxn ? SCTLR_WXN : 0) | (uwxn ? SCTLR_UWXN : 0));
        mem.put32(l1(TTBR0, 0x00100000), section(0x0a00_0000L, ap, 1, xn, pxn));
        // the same through a page table: PXN lives in the first-level descriptor, XN in the page
        mem.put32(l1(TTBR0, 0x00200000), pageTable(L2, 1, pxn));
        mem.put32(l2(L2, 0x00200000), smallPage(0x0b00_0000L, ap, xn));
        assertGrants(0x0a00_0000L | perms(pl1) | LARGE, 0x01d, r, mem, 0x00100000, PL1);
        assertGrants(0x0a00_0000L | perms(pl0) | LARGE, 0x01d, r, mem, 0x00100000, PL0);
        assertGrants(0x0b00_0000L | perms(pl1), 0x01f, r, mem, 0x00200000, PL1);
        assertGrants(0x0b00_0000L | perms(pl0), 0x01f, r, mem, 0x00200000, PL0);
    }

    @Test
    void sectionTypeThreeIsASectionWithPxn() {
        mem.put32(l1(TTBR0, 0x00100000), section(0x0a00_0000L, 0b011, 1) | 1);
        assertEquals(0b11, section(0x0a00_0000L, 0b011, 1, false, true) & 3);
        assertGrants(0x0a00_0000L | perms("rw-") | LARGE, 0x01d, regs, mem, 0x00100000, PL1);
        assertGrants(0x0a00_0000L | perms("rwx") | LARGE, 0x01d, regs, mem, 0x00100000, PL0);
    }
}
