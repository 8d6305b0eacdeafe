package dynvm.microkernel.mmu;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.microkernel.device.BusError;
import dynvm.microkernel.mem.MemoryFault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SoftMmuTest {
    /** 64 KiB of RAM at 0x40000000, a device page at 0x09000000 that records accesses, nothing else. */
    static final class Bus implements PhysicalBus {
        final byte[] ram = new byte[64 << 10];
        final List<String> deviceLog = new ArrayList<>();
        int backingCalls;

        @Override public Backing backing(long pa) {
            backingCalls++;
            if (pa >= 0x40000000L && pa < 0x40000000L + ram.length) return new Backing(ram, (int) (pa - 0x40000000L), true);
            return null;
        }

        @Override public long read(long pa, int size) {
            if ((pa & ~0xfffL) != 0x09000000L) throw new BusError(pa, "unassigned");
            deviceLog.add(String.format("r%d %x", size, pa));
            return 0x1234;
        }

        @Override public void write(long pa, int size, long value) {
            if ((pa & ~0xfffL) != 0x09000000L) throw new BusError(pa, "unassigned");
            deviceLog.add(String.format("w%d %x=%x", size, pa, value));
        }
    }

    /** Page table as a map: virtual page -> physical page | perms, per MMU index; faults carry status 5. */
    static final class Table implements SoftMmu.Walker {
        final Map<Integer, Long>[] pages;
        int walks;

        @SuppressWarnings("unchecked")
        Table(int indexes) {
            pages = new Map[indexes];
            for (int i = 0; i < indexes; i++) pages[i] = new HashMap<>();
        }

        @Override public long translate(int va, int access, int mmuIndex) {
            walks++;
            Long r = pages[mmuIndex].get(va & ~0xfff);
            long need = access == SoftMmu.READ ? SoftMmu.PERM_READ : access == SoftMmu.WRITE ? SoftMmu.PERM_WRITE : SoftMmu.PERM_EXEC;
            if (r == null || (r & need) == 0) throw MemoryFault.system(va, access == SoftMmu.WRITE, access == SoftMmu.FETCH, 5);
            return r;
        }
    }

    static final long RWX = SoftMmu.PERM_READ | SoftMmu.PERM_WRITE | SoftMmu.PERM_EXEC;
    Bus bus;
    Table table;
    CodePages code;
    SoftMmu mmu;

    @BeforeEach
    void setUp() {
        bus = new Bus();
        table = new Table(2);
        code = new CodePages();
        mmu = new SoftMmu(bus, table, code, 2);
        table.pages[0].put(0x1000, 0x40002000L | RWX);        // kernel: va 0x1000 -> pa 0x40002000
        table.pages[0].put(0x2000, 0x40002000L | RWX);        // alias of the same page
        table.pages[0].put(0x3000, 0x40003000L | SoftMmu.PERM_READ); // read-only
        table.pages[0].put(0x9000, 0x09000000L | SoftMmu.PERM_READ | SoftMmu.PERM_WRITE); // device
        table.pages[1].put(0x1000, 0x40002000L | SoftMmu.PERM_READ); // user: read-only view
    }

    @Test
    void loadsAndStoresGoThroughTheMappingInTheIsaByteOrder() {
        mmu.store32le(0x1004, 0x11223344);
        assertEquals(0x44, bus.ram[0x2004]);
        assertEquals(0x11223344, mmu.load32le(0x1004));
        assertEquals(0x44332211, mmu.load32be(0x1004));
        assertEquals(0x3344, mmu.load16le(0x1004));
        mmu.store64be(0x1010, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, mmu.load64be(0x1010));
        assertEquals(0x08, mmu.load8(0x1017));
    }

    @Test
    void anAliasSeesTheSamePhysicalPage() {
        mmu.store32le(0x1100, 0xcafe);
        assertEquals(0xcafe, mmu.load32le(0x2100));
    }

    @Test
    void hitsDoNotWalk() {
        mmu.load32le(0x1000);
        int walks = table.walks;
        for (int i = 0; i < 100; i++) mmu.load32le(0x1000 + 4 * i);
        mmu.store32le(0x1008, 1); // the read fill cached write permission too
        assertEquals(walks, table.walks);
    }

    @Test
    void pagesThatShareASlotAndAreUsedInTurnHitTheVictimTlb() {
        int other = 0x1000 + SoftMmu.ENTRIES * 0x1000;         // same direct-mapped slot as 0x1000
        table.pages[0].put(other, 0x40004000L | RWX);
        mmu.store32le(0x1000, 0x11);
        mmu.store32le(other, 0x22);
        int walks = table.walks;
        for (int k = 0; k < 10; k++) {
            assertEquals(0x11, mmu.load32le(0x1000));
            assertEquals(0x22, mmu.load32le(other));
            mmu.store32le(0x1004, k);                        // the write permission came back with the entry
            mmu.store32le(other + 4, k);
        }
        assertEquals(walks, table.walks);
        assertEquals(9, mmu.load32le(0x1004));
        table.pages[0].put(0x1000, 0x40003000L | RWX);        // remapped: the victim copy goes with a flush too
        mmu.flushPage(0x1000);
        mmu.load32le(other);                                  // still cached
        assertEquals(0, mmu.load32le(0x1000));                // the new page, by a walk
        assertEquals(walks + 1, table.walks);
    }

    @Test
    void aVictimNeverKeepsAWriteTagForACodePage() {
        int other = 0x1000 + SoftMmu.ENTRIES * 0x1000;
        table.pages[0].put(other, 0x40004000L | RWX);
        mmu.store32le(0x1000, 1);
        mmu.load32le(other);                                  // 0x1000 (with its write tag) is now a victim
        List<String> seen = new ArrayList<>();
        code.addCodeWriteListener((a, n) -> seen.add(Integer.toHexString(a) + "+" + n));
        code.markCode(0x40002000, 16);
        mmu.store32le(0x1000, 2);                             // recalled without its write tag: reported
        assertEquals(List.of("40002000+4"), seen);
        code.clearCode(0x40002000);
    }

    @Test
    void faultsCarryTheWalkersStatusAndAccessKind() {
        MemoryFault f = assertThrows(MemoryFault.class, () -> mmu.load32le(0x7000));
        assertEquals(0x7000, f.address);
        assertEquals(5, f.status);
        assertFalse(f.write);
        MemoryFault w = assertThrows(MemoryFault.class, () -> mmu.store8(0x3001, 1));
        assertTrue(w.write);
        assertEquals(0, mmu.load8(0x3001)); // reading it is fine
    }

    @Test
    void theMmuIndexSelectsItsOwnTable() {
        mmu.store32le(0x1000, 7);
        mmu.setMmuIndex(1);
        assertEquals(7, mmu.load32le(0x1000));
        assertThrows(MemoryFault.class, () -> mmu.store32le(0x1000, 8));
        mmu.setMmuIndex(0);
        mmu.store32le(0x1000, 8);
        assertEquals(8, mmu.load32le(0x1000));
    }

    @Test
    void flushesMakeNewMappingsVisibleAndBumpTheGeneration() {
        mmu.store32le(0x1000, 1);
        bus.ram[0x3000] = 9;
        table.pages[0].put(0x1000, 0x40003000L | RWX);
        assertEquals(1, mmu.load32le(0x1000), "stale until flushed, as a real TLB");
        long g = mmu.generation();
        mmu.flushPage(0x1000);
        assertTrue(mmu.generation() > g);
        assertEquals(9, mmu.load32le(0x1000));
        table.pages[0].put(0x1000, 0x40002000L | RWX);
        mmu.flushAll();
        assertEquals(1, mmu.load32le(0x1000));
    }

    @Test
    void deviceAccessesGoToTheBusEveryTimeAndBusErrorsAreExternalAborts() {
        assertEquals(0x1234, mmu.load32le(0x9018));
        mmu.store32le(0x9000, 0x41);
        mmu.store8(0x9000, 0x42);
        assertEquals(List.of("r4 9000018", "w4 9000000=41", "w1 9000000=42"), bus.deviceLog);
        table.pages[0].put(0x8000, 0x0a000000L | RWX);
        MemoryFault f = assertThrows(MemoryFault.class, () -> mmu.load32le(0x8000));
        assertEquals(MemoryFault.EXTERNAL, f.status);
    }

    @Test
    void pageCrossingAccessesSplit() {
        table.pages[0].put(0x4000, 0x40005000L | RWX);
        table.pages[0].put(0x5000, 0x40004000L | RWX); // swapped physical pages
        mmu.store32le(0x4ffe, 0xa1b2c3d4);
        assertEquals((byte) 0xd4, bus.ram[0x5ffe]);
        assertEquals((byte) 0xb2, bus.ram[0x4000]);
        assertEquals(0xa1b2c3d4, mmu.load32le(0x4ffe));
        assertEquals(0xd4c3b2a1, mmu.load32be(0x4ffe));
    }

    @Test
    void storesToCodePagesAreReportedWithTheirPhysicalAddress() {
        List<String> seen = new ArrayList<>();
        code.addCodeWriteListener((a, n) -> seen.add(Integer.toHexString(a) + "+" + n));
        mmu.store32le(0x1000, 1); // a write entry exists now
        code.markCode(0x40002000, 16);
        mmu.store32le(0x2008, 5); // through the alias
        mmu.store32le(0x1000, 6);
        assertEquals(List.of("40002008+4", "40002000+4"), seen);
        assertEquals(6, mmu.load32le(0x1000));
        code.clearCode(0x40002000);
    }

    @Test
    void fetchesUseTheExecutePermissionAndReportTheCodeAddress() {
        mmu.store32le(0x1000, 0xe1a00000);
        assertEquals(0xe1a00000, mmu.fetch(0x1000, 4, false));
        assertEquals(0x40002000L + 0x10, mmu.codeAddress(0x1010));
        MemoryFault f = assertThrows(MemoryFault.class, () -> mmu.fetch(0x3000, 4, false));
        assertTrue(f.exec);
        table.pages[0].put(0xa000, 0x09000000L | RWX); // executable, but a device: nothing to fetch from
        MemoryFault d = assertThrows(MemoryFault.class, () -> mmu.fetch(0xa000, 4, false));
        assertEquals(MemoryFault.EXTERNAL, d.status);
    }
}
