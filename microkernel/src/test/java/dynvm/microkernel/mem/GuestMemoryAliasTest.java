package dynvm.microkernel.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pages aliasing a shared array: every access path reaches the array, forks share it, splits and removals are counted. */
class GuestMemoryAliasTest {
    static final int BASE = 0x10000, PAGE = GuestMemory.PAGE_SIZE;

    static final class Counter implements GuestMemory.AliasOwner {
        int attaches;
        @Override public void attached() { attaches++; }
        @Override public void detached() { attaches--; }
    }

    @Test
    void aliasesShareAcrossCopiesAndCountAttaches() {
        AddressSpace as = new AddressSpace(new GuestMemory(BASE, 64 * PAGE));
        as.setMmapArea(BASE, BASE + 64 * PAGE);
        GuestMemory m = as.memory();
        byte[] seg = new byte[4 * PAGE];
        Counter c = new Counter();
        int a = as.mapAlias(0, AddressSpace.PROT_READ | AddressSpace.PROT_WRITE, false, seg, c);
        assertEquals(1, c.attaches);
        m.store32be(a + 4, 0xcafebabe);
        assertEquals((byte) 0xca, seg[4], "the store went to the segment's array");
        seg[PAGE + 1] = 7;
        assertEquals(7, m.load8(a + PAGE + 1));
        assertEquals(0x0000cafebabeL, m.load64be(a) & 0xffffffffffffL);
        m.store16le(a + PAGE - 1, 0x0102); // across two alias pages
        assertEquals(2, seg[PAGE - 1]);
        assertEquals(1, seg[PAGE]);
        assertTrue(m.accessible(a, 4 * PAGE, true));

        AddressSpace child = as.copy();
        assertEquals(2, c.attaches, "a fork inherits the attach");
        child.memory().store8(a + 2 * PAGE, 9);
        assertEquals(9, m.load8(a + 2 * PAGE), "shared, not copied");

        assertEquals(0, as.mprotect(a, PAGE, AddressSpace.PROT_READ));
        assertThrows(MemoryFault.class, () -> m.store8(a, 1), "read-only now");
        assertEquals((byte) 0xca, (byte) m.load8(a + 4), "still the segment's bytes");

        assertEquals(0, as.munmap(a + PAGE, PAGE)); // splits the alias in two
        assertEquals(3, c.attaches, "two pieces here, one in the child");
        assertThrows(MemoryFault.class, () -> m.load8(a + PAGE));
        assertEquals(9, m.load8(a + 2 * PAGE));
        m.unaliasAll();
        assertEquals(1, c.attaches);
        assertFalse(m.aliased(a, 4 * PAGE));
        assertEquals(0, m.load8(a + 4), "the window's own bytes again: unaliasing leaves the pages to the caller");
    }

    @Test
    void sharedAnonymousMappingsStaySharedAfterFork() {
        AddressSpace as = new AddressSpace(new GuestMemory(BASE, 64 * PAGE));
        as.setMmapArea(BASE, BASE + 64 * PAGE);
        int flags = AddressSpace.MAP_SHARED | AddressSpace.MAP_ANONYMOUS;
        int rw = AddressSpace.PROT_READ | AddressSpace.PROT_WRITE;
        int a = as.mmapSharedAnonymous(0, 3 * PAGE, rw, flags);
        assertFalse(AddressSpace.isError(a));
        assertEquals(-22, as.mmapSharedAnonymous(0, 0, rw, flags), "EINVAL for length 0, as mmap");
        as.memory().store32le(a + PAGE, 5);
        AddressSpace child = as.copy();
        child.memory().store32le(a + PAGE, 6);
        assertEquals(6, as.memory().load32le(a + PAGE));
        as.memory().store8(a, 1);
        assertEquals(1, child.memory().load8(a));
        // a private mapping is still copied
        int p = as.mmap(0, PAGE, rw, AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS, null, 0);
        AddressSpace child2 = as.copy();
        child2.memory().store8(p, 9);
        assertEquals(0, as.memory().load8(p));
        // mremap moving it keeps its bytes (a private copy from then on)
        int moved = as.mremap(a, 3 * PAGE, 8 * PAGE, AddressSpace.MREMAP_MAYMOVE | AddressSpace.MREMAP_FIXED, BASE + 40 * PAGE);
        assertEquals(BASE + 40 * PAGE, moved);
        assertEquals(6, as.memory().load32le(moved + PAGE));
    }
}
