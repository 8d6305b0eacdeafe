package dynvm.microkernel.mem;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dynvm.microkernel.mem.AddressSpace.*;
import static org.junit.jupiter.api.Assertions.*;

class AddressSpaceTest {
    static final int BASE = 0x10000000, SIZE = 4 << 20, LOW = BASE + 0x200000;
    static final int RW = PROT_READ | PROT_WRITE;
    static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS;

    GuestMemory mem;
    AddressSpace as;

    @BeforeEach
    void setUp() {
        mem = new GuestMemory(BASE, SIZE);
        as = new AddressSpace(mem);
        as.mapFixed(BASE, 0x2800, PROT_READ | PROT_EXEC);        // "text", rounded up to 3 pages
        as.mapFixed(BASE + 0x3000, 0x1000, RW);                  // "data + bss"
        as.setBrkBase(BASE + 0x3800);
        as.setMmapArea(BASE + 0x200000, BASE + 0x300000);
    }

    @Test
    void mapFixedSetsPageFlags() {
        assertEquals(GuestMemory.NO_WRITE, mem.flagsAt(BASE + 0x2fff), "text rounded up to a page, read-only");
        assertEquals(0, mem.flagsAt(BASE + 0x3000));
        assertEquals(GuestMemory.UNMAPPED, mem.flagsAt(BASE + 0x4000));
        assertThrows(MemoryFault.class, () -> mem.store32be(BASE + 0x100, 1));
        mem.store32be(BASE + 0x3000, 7);
        assertEquals(7, mem.load32be(BASE + 0x3000));
        assertEquals(PROT_READ | PROT_EXEC, as.protAt(BASE));
        assertEquals(-1, as.protAt(BASE + 0x5000));
    }

    @Test
    void brkGrowsZeroedAndShrinksUnmapped() {
        assertEquals(BASE + 0x3800, as.brk(0), "brk(0) reports the current break");
        assertEquals(BASE + 0x6010, as.brk(BASE + 0x6010));
        assertEquals(0, mem.load32be(BASE + 0x6000));
        mem.store32be(BASE + 0x6008, 0x12345678);                 // last page of the heap is writable
        mem.store32be(BASE + 0x4000, 1);
        assertEquals(GuestMemory.UNMAPPED, mem.flagsAt(BASE + 0x7000));

        assertEquals(BASE + 0x4100, as.brk(BASE + 0x4100));
        assertEquals(GuestMemory.UNMAPPED, mem.flagsAt(BASE + 0x5000));
        assertThrows(MemoryFault.class, () -> mem.store32be(BASE + 0x5000, 1));
        mem.store32be(BASE + 0x4000, 2);                          // the page holding the break stays

        assertEquals(BASE + 0x6000, as.brk(BASE + 0x6000));
        assertEquals(0, mem.load32be(BASE + 0x5000), "regrown pages come back zeroed");
    }

    @Test
    void brkRefusesBelowBaseAndIntoMappings() {
        assertEquals(BASE + 0x3800, as.brk(BASE + 0x1000));
        as.mapFixed(BASE + 0x8000, 0x1000, RW);
        assertEquals(BASE + 0x3800, as.brk(BASE + 0x9000), "would run into a mapping");
        assertEquals(BASE + 0x3800, as.brk(BASE + SIZE + 0x1000), "outside the window");
        assertEquals(BASE + 0x7fff, as.brk(BASE + 0x7fff));
    }

    @Test
    void anonymousMmapIsPlacedBottomUpAndReusesHoles() {
        int a = as.mmap(0, 0x2000, RW, ANON, null, 0);
        assertEquals(LOW, a, "lowest free page of the mmap area");
        int b = as.mmap(0, 0x1001, RW, ANON, null, 0);
        assertEquals(LOW + 0x2000, b, "length rounded up to pages");
        assertEquals(0, as.munmap(a, 0x2000));
        assertEquals(GuestMemory.UNMAPPED, mem.flagsAt(a));
        int c = as.mmap(0, 0x1000, RW, ANON, null, 0);
        assertEquals(LOW, c, "the hole is reused");
        mem.store32be(c, 5);
        int d = as.mmap(0, 0x1000, RW, ANON, null, 0);
        assertEquals(LOW + 0x1000, d);
        int e = as.mmap(0, 0x2000, RW, ANON, null, 0);
        assertEquals(LOW + 0x4000, e, "too big for the remaining hole: after b");
    }

    @Test
    void hintIsUsedWhenFree() {
        int r = as.mmap(BASE + 0x100000, 0x1000, RW, ANON, null, 0);
        assertEquals(BASE + 0x100000, r);
        int again = as.mmap(BASE + 0x100000, 0x1000, RW, ANON, null, 0);
        assertNotEquals(BASE + 0x100000, again, "an occupied hint is not honoured without MAP_FIXED");
    }

    @Test
    void fixedMmapReplacesAndZeroes() {
        as.mapFixed(BASE + 0x100000, 0x3000, RW);
        mem.store32be(BASE + 0x101000, 0xdeadbeef);
        assertEquals(BASE + 0x101000, as.mmap(BASE + 0x101000, 0x1000, PROT_READ, ANON | MAP_FIXED, null, 0));
        assertEquals(0, mem.load32be(BASE + 0x101000));
        assertThrows(MemoryFault.class, () -> mem.store8(BASE + 0x101000, 1));
        mem.store8(BASE + 0x102000, 1);                           // neighbour keeps its protection
        assertEquals(-17, as.mmap(BASE + 0x101000, 0x1000, RW, ANON | MAP_FIXED_NOREPLACE, null, 0));
    }

    @Test
    void mmapErrors() {
        assertEquals(-12, as.mmap(0, 0x200000, RW, ANON, null, 0), "larger than the mmap area");
        assertEquals(-12, as.mmap(BASE + SIZE, 0x1000, RW, ANON | MAP_FIXED, null, 0), "outside the window");
        assertEquals(-22, as.mmap(BASE + 0x100010, 0x1000, RW, ANON | MAP_FIXED, null, 0), "unaligned fixed address");
        assertEquals(-22, as.mmap(0, 0, RW, ANON, null, 0));
        assertEquals(-22, as.mmap(0, 0x1000, RW, MAP_ANONYMOUS, null, 0), "neither shared nor private");
        assertEquals(-22, as.munmap(BASE + 1, 0x1000));
        assertTrue(AddressSpace.isError(-12));
        assertFalse(AddressSpace.isError(0xf0000000));
    }

    @Test
    void fileMappingCopiesBytesAndZeroesTheTail() {
        byte[] file = new byte[0x1800];
        for (int i = 0; i < file.length; i++) file[i] = (byte) (i * 7 + 1);
        FileBacking fb = (off, dst, dstOff, len) -> {
            int n = (int) Math.max(0, Math.min(len, file.length - off));
            System.arraycopy(file, (int) off, dst, dstOff, n);
            return n;
        };
        int a = as.mmap(0, 0x2000, PROT_READ, MAP_PRIVATE, fb, 0x1000);
        assertFalse(AddressSpace.isError(a));
        assertEquals(file[0x1000] & 0xff, mem.load8(a));
        assertEquals(file[0x17ff] & 0xff, mem.load8(a + 0x7ff));
        assertEquals(0, mem.load8(a + 0x800), "beyond end of file reads as zero");
        assertThrows(MemoryFault.class, () -> mem.store8(a, 0), "read-only mapping");
        assertEquals(-22, as.mmap(0, 0x1000, PROT_READ, MAP_PRIVATE, fb, 0x10), "unaligned offset");
    }

    @Test
    void mprotectReadOnlyMakesStoresFault() {
        int a = as.mmap(0, 0x2000, RW, ANON, null, 0);
        mem.store32be(a + 0x1000, 42);
        assertEquals(0, as.mprotect(a + 0x1000, 0x1000, PROT_READ));
        assertThrows(MemoryFault.class, () -> mem.store32be(a + 0x1000, 1));
        assertThrows(MemoryFault.class, () -> mem.store32le(a + 0xffe, 1), "a store straddling into the page");
        assertEquals(42, mem.load32be(a + 0x1000), "still readable");
        mem.store32be(a, 1);                                    // the other page is untouched
        assertEquals(0, as.mprotect(a + 0x1000, 0x1000, RW));
        mem.store32be(a + 0x1000, 2);
        assertEquals(0, as.mprotect(a, 0x1000, PROT_NONE));
        assertThrows(MemoryFault.class, () -> mem.read(a, new byte[4], 0, 4), "PROT_NONE refuses reads");
        assertEquals(-12, as.mprotect(BASE + 0x180000, 0x1000, PROT_READ), "not mapped");
        assertEquals(-22, as.mprotect(a + 4, 0x1000, PROT_READ));
    }

    @Test
    void unmappingCodeTellsTheListener() {
        List<Integer> told = new ArrayList<>();
        mem.setCodeWriteListener((addr, len) -> told.add(addr));
        int a = as.mmap(0, 0x1000, RW | PROT_EXEC, ANON, null, 0);
        mem.markCode(a, 16);
        assertEquals(0, as.munmap(a, 0x1000));
        assertEquals(List.of(a), told);
    }
}
