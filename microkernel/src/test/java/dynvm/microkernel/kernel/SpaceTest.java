package dynvm.microkernel.kernel;

import dynvm.microkernel.device.BusError;
import dynvm.microkernel.device.MmioDevice;
import dynvm.microkernel.mmu.PhysicalBus.Backing;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class SpaceTest {
    static final int PAGE = Space.PAGE_SIZE;

    final MappingDatabase db = new MappingDatabase();
    final Space guest = db.newSpace("guest", Unassigned.ABORT);

    /** A register file of 64-bit registers that records every access. */
    static final class Regs implements MmioDevice {
        final long[] regs;
        final List<String> log = new ArrayList<>();
        Regs(int size) { regs = new long[size / 8]; }
        @Override public String name() { return "regs"; }
        @Override public int size() { return regs.length * 8; }
        @Override public long read(int offset, int size) { log.add("r" + size + "@" + offset); return regs[offset / 8]; }
        @Override public void write(int offset, int size, long value) { log.add("w" + size + "@" + offset + "=" + value); regs[offset / 8] = value; }
    }

    @Test
    void ramIsDirectlyAccessibleThroughItsBacking() {
        guest.addRam(0x4000_0000L, 4 * PAGE);
        Backing b = guest.backing(0x4000_2000L);
        assertNotNull(b);
        assertTrue(b.writable());
        assertEquals(2 * PAGE, b.offset());
        b.array()[b.offset() + 5] = 42;
        assertEquals(42, guest.read(0x4000_2005L, 1));
        assertNull(guest.backing(0x4000_4000L), "past the end is a hole");
    }

    @Test
    void slowPathUsesTheSpaceByteOrder() {
        guest.addRam(0, PAGE);
        guest.write(0x10, 4, 0x11223344L);
        assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11}, guest.dump(0x10, 4));
        Space big = db.newSpace("be", Unassigned.ABORT, ByteOrder.BIG_ENDIAN);
        big.addRam(0, PAGE);
        big.write(0x10, 4, 0x11223344L);
        assertArrayEquals(new byte[] {0x11, 0x22, 0x33, 0x44}, big.dump(0x10, 4));
        assertEquals(0x11223344L, big.read(0x10, 4));
    }

    @Test
    void lookupFindsEachRegionAmongMany() {
        for (int i = 0; i < 100; i++) guest.addRam((long) i * 4 * PAGE, PAGE);
        for (int i = 0; i < 100; i++) {
            assertEquals((long) i * 4 * PAGE, guest.regionAt((long) i * 4 * PAGE + 100).base());
            assertNull(guest.regionAt((long) i * 4 * PAGE + PAGE));
        }
    }

    @Test
    void mmioAccessesReachTheDeviceWithTheirOffset() {
        Regs dev = new Regs(0x200);
        guest.addMmio(0x0a00_0200L, dev);   // virtio-mmio style: not page-aligned
        guest.write(0x0a00_0210L, 4, 7);
        assertEquals(7, guest.read(0x0a00_0210L, 4));
        assertEquals(List.of("w4@16=7", "r4@16"), dev.log);
        assertNull(guest.backing(0x0a00_0000L), "a device is never direct memory");
        assertThrows(BusError.class, () -> guest.read(0x0a00_0400L, 4), "just past the window");
    }

    @Test
    void romReadsDirectlyButWritesAreDroppedOrHandedToItsDevice() {
        guest.addRom(0, new byte[] {1, 2, 3, 4}, null);
        Backing b = guest.backing(0);
        assertFalse(b.writable());
        guest.write(0, 1, 99);
        assertEquals(1, guest.read(0, 1), "write ignored");

        Regs flash = new Regs(PAGE);
        guest.addRom(0x10_0000L, new byte[PAGE], flash);
        guest.write(0x10_0008L, 2, 0x98);
        assertEquals(List.of("w2@8=152"), flash.log, "command-mode write reaches the flash device");
        assertEquals(0, guest.read(0x10_0008L, 2), "contents unchanged");
    }

    @Test
    void unassignedAddressesFollowTheSpacePolicy() {
        BusError e = assertThrows(BusError.class, () -> guest.read(0x1234, 4));
        assertEquals(0x1234, e.address);
        assertThrows(BusError.class, () -> guest.write(0x1234, 4, 1));

        Space lenient = db.newSpace("lenient", Unassigned.READ_ZERO);
        assertEquals(0, lenient.read(0x1234, 4));
        lenient.write(0x1234, 4, 1);   // dropped
        assertEquals(Rights.NONE, lenient.rightsAt(0x1234));
    }

    @Test
    void overlappingRegionsAreRefused() {
        guest.addRam(0x1000, 2 * PAGE);
        assertThrows(IllegalStateException.class, () -> guest.addRam(0x2000, PAGE));
        assertThrows(IllegalStateException.class, () -> guest.addMmio(0x2ff0, new Regs(0x20)));
        assertThrows(IllegalArgumentException.class, () -> guest.addRam(0x1800, PAGE), "not page-aligned");
    }

    @Test
    void mappedMemoryIsSharedBothWays() {
        Space server = db.newSpace("server", Unassigned.ABORT);
        guest.addRam(0x4000_0000L, 16 * PAGE);
        guest.map(server, 0x4000_4000L, 0x1000_0000L, 2 * PAGE, Rights.RW);
        guest.write(0x4000_4010L, 4, 0xdeadbeefL);
        assertEquals(0xdeadbeefL, server.read(0x1000_0010L, 4));
        server.write(0x1000_1000L, 1, 0x5a);
        assertEquals(0x5a, guest.read(0x4000_5000L, 1));
        assertSame(guest.backing(0x4000_4000L).array(), server.backing(0x1000_0000L).array());
        assertTrue(server.regionAt(0x1000_0000L).isDerived());
    }

    @Test
    void rightsOnlyShrinkAlongAMapping() {
        Space client = db.newSpace("client", Unassigned.ABORT);
        guest.addRam(0, PAGE);
        guest.map(client, 0, 0x8000, PAGE, Rights.R);
        assertFalse(client.backing(0x8000).writable());
        assertThrows(BusError.class, () -> client.write(0x8000, 4, 1));
        Space third = db.newSpace("third", Unassigned.ABORT);
        client.map(third, 0x8000, 0, PAGE, Rights.RWX);
        assertEquals(Rights.R, third.rightsAt(0), "cannot regain write or execute");
    }

    @Test
    void grantMovesTheMemoryAndItsDerivedMappings() {
        Space a = db.newSpace("a", Unassigned.ABORT), b = db.newSpace("b", Unassigned.ABORT);
        guest.addRam(0, 4 * PAGE);
        guest.write(PAGE, 4, 77);
        guest.map(a, PAGE, 0, PAGE, Rights.RW);
        guest.grant(b, 0, 0x10_0000L, 2 * PAGE);
        assertNull(guest.regionAt(PAGE), "the granter lost it");
        assertNotNull(guest.regionAt(2 * PAGE), "the rest stays");
        assertEquals(77, b.read(0x10_1000L, 4));
        assertEquals(77, a.read(0, 4), "a's mapping survives the grant");
        b.unmap(0x10_1000L, PAGE);
        assertNull(a.regionAt(0), "a's mapping now derives from b's page");
    }

    @Test
    void unmapRemovesRecursivelyFromEverySpaceMappedFromHere() {
        Space a = db.newSpace("a", Unassigned.ABORT), b = db.newSpace("b", Unassigned.ABORT), c = db.newSpace("c", Unassigned.ABORT);
        guest.addRam(0, 8 * PAGE);
        guest.map(a, 0, 0, 8 * PAGE, Rights.RW);
        a.map(b, 2 * PAGE, 0, 4 * PAGE, Rights.RW);   // guest pages 2..5
        b.map(c, PAGE, 0, PAGE, Rights.R);            // guest page 3

        a.unmap(3 * PAGE, 2 * PAGE);                   // guest pages 3..4, in a
        assertNull(a.regionAt(3 * PAGE));
        assertNotNull(a.regionAt(2 * PAGE));
        assertNotNull(a.regionAt(5 * PAGE));
        assertNotNull(b.regionAt(0));                  // page 2
        assertNull(b.regionAt(PAGE), "derived from a's pages 3..4");
        assertNull(b.regionAt(2 * PAGE));
        assertNotNull(b.regionAt(3 * PAGE));           // page 5
        assertNull(c.regionAt(0), "derived twice removed");
        assertNotNull(guest.regionAt(3 * PAGE), "the source above a is untouched");
    }

    @Test
    void revokeKeepsTheRangeButRemovesWhatWasMappedFromIt() {
        Space a = db.newSpace("a", Unassigned.ABORT);
        guest.addRam(0, 2 * PAGE);
        guest.map(a, 0, 0, 2 * PAGE, Rights.RW);
        guest.revoke(0, PAGE);
        assertNotNull(guest.regionAt(0));
        assertNull(a.regionAt(0));
        assertNotNull(a.regionAt(PAGE));
    }

    @Test
    void mapRefusesOverlapsHolesAndForeignSpaces() {
        Space a = db.newSpace("a", Unassigned.ABORT);
        guest.addRam(0, 2 * PAGE);
        a.addRam(PAGE, PAGE);
        assertThrows(IllegalStateException.class, () -> guest.map(a, 0, 0, 2 * PAGE, Rights.RW), "destination occupied");
        assertThrows(IllegalStateException.class, () -> guest.map(a, PAGE, 0x10_0000L, 2 * PAGE, Rights.RW), "source has a hole");
        assertThrows(IllegalArgumentException.class, () -> guest.map(a, 0x800, 0x10_0000L, PAGE, Rights.RW));
        Space otherVm = new MappingDatabase().newSpace("other", Unassigned.ABORT);
        assertThrows(IllegalArgumentException.class, () -> guest.map(otherVm, 0, 0, PAGE, Rights.RW));
        assertNull(a.regionAt(0), "a refused map leaves nothing behind");
    }

    @Test
    void devicesCanBeMappedToo() {
        Space driver = db.newSpace("driver", Unassigned.ABORT);
        Regs dev = new Regs(2 * PAGE);
        guest.addMmio(0x900_0000L, dev);
        guest.map(driver, 0x900_1000L, 0x2000, PAGE, Rights.RW);
        driver.write(0x2008, 8, 5);
        assertEquals(List.of("w8@4104=5"), dev.log, "offset inside the device, not inside the mapping");
    }

    @Test
    void listenersHearOfEveryRangeThatChanged() {
        Space a = db.newSpace("a", Unassigned.ABORT);
        List<String> heard = new ArrayList<>();
        guest.addListener((s, base, size) -> heard.add(s.name() + ":" + Long.toHexString(base) + "+" + Long.toHexString(size)));
        a.addListener((s, base, size) -> heard.add(s.name() + ":" + Long.toHexString(base) + "+" + Long.toHexString(size)));
        guest.addRam(0, 2 * PAGE);
        guest.map(a, 0, 0x10000, PAGE, Rights.RW);
        guest.unmap(0, PAGE);
        assertEquals(List.of("guest:0+2000", "a:10000+1000", "a:10000+1000", "guest:0+1000"), heard);
    }

    @Test
    void loaderWritesIntoRomAndRamIgnoringRights() {
        guest.addRom(0, new byte[PAGE], null);
        guest.addRam(PAGE, PAGE);
        byte[] image = new byte[PAGE + 16];
        image[PAGE - 1] = 1;
        image[PAGE] = 2;
        guest.load(0, image);
        assertEquals(1, guest.read(PAGE - 1, 1));
        assertEquals(2, guest.read(PAGE, 1));
        assertThrows(IllegalArgumentException.class, () -> guest.load(3 * PAGE, new byte[1]));
    }

    @Test
    void aRangeCuttingADeviceWindowInsideAPageIsRefusedWithoutChangingAnything() {
        guest.addMmio(0x0a00_0800L, new Regs(0x1000));   // straddles a page boundary
        guest.addRam(0x0a00_2000L, PAGE);
        assertThrows(IllegalArgumentException.class, () -> guest.unmap(0x0a00_1000L, 2 * PAGE));
        assertEquals(2, guest.regions().size());
        assertNotNull(guest.regionAt(0x0a00_2000L), "the RAM in the refused range is still there");
        guest.unmap(0x0a00_0000L, 2 * PAGE);             // the whole window: fine
        assertEquals(1, guest.regions().size());
        assertThrows(IllegalArgumentException.class, () -> guest.addRam(0x0a00_4000L, 0x800), "RAM is whole pages");
    }

    @Test
    void accessesToOneDeviceNeverOverlap() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        guest.addMmio(0x900_0000L, new MmioDevice() {
            @Override public String name() { return "unsynchronised"; }
            @Override public int size() { return 0x100; }
            @Override public long read(int offset, int size) {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                Thread.onSpinWait();
                inside.decrementAndGet();
                return 0;
            }
            @Override public void write(int offset, int size, long value) { read(offset, size); }
        });
        Runnable hammer = () -> {
            for (int i = 0; i < 20_000; i++) {
                guest.read(0x900_0000L, 4);
                guest.write(0x900_0004L, 4, i);
            }
        };
        Thread other = new Thread(hammer);
        other.start();
        hammer.run();
        other.join();
        assertEquals(1, most.get());
    }
}
