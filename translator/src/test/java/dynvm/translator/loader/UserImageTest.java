package dynvm.translator.loader;

import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.GuestMemory;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dynvm.translator.loader.ProgramHeader.*;
import static org.junit.jupiter.api.Assertions.*;

class UserImageTest {
    /** Small enough to keep the tests light; the layout test uses the real default. */
    static final long WINDOW = 32 << 20;
    static final HostIds IDS = new HostIds(1000, 1001, 100, 101);
    static final byte[] CODE = {0x38, 0x60, 0x00, 0x2a, 0x44, 0x00, 0x00, 0x02};

    /** Text at 0x10000000 (R-X, holds the headers), data at 0x10011800 with 16 file bytes and 8 KiB of bss (RW-). */
    static TinyElf program() {
        byte[] data = new byte[16], junk = new byte[16];
        Arrays.fill(data, (byte) 0xaa);
        Arrays.fill(junk, (byte) 0x55);
        return new TinyElf()
                .phdr(PT_LOAD, 0, 0x10000000, 0x200, 0x200, PF_R | PF_X)
                .phdr(PT_LOAD, 0x1800, 0x10011800, 0x10, 0x2000, PF_R | PF_W)
                .put(0x100, CODE)
                .put(0x1800, data)
                .put(0x1810, junk); // in the file past p_filesz: must not be loaded
    }

    static UserImage build(TinyElf t, FakeIsa isa, long window) throws ElfException {
        return UserImage.build(ElfFile.parse("prog", t.build()), isa, List.of("prog", "hello"),
                List.of("A=1", "PATH=/bin"), "/bin/prog", window, new Random(42), IDS);
    }

    static String reason(TinyElf t, FakeIsa isa, long window) {
        return assertThrows(ElfException.class, () -> build(t, isa, window)).getMessage();
    }

    /** Reads the initial stack back: argc, argv, envp and the auxv pairs. */
    record Stack(int argc, List<String> argv, List<String> envp, List<int[]> auxv) {
        static Stack read(GuestMemory m, int sp, boolean be) {
            int at = sp;
            int argc = word(m, at, be);
            at += 4;
            List<String> argv = new ArrayList<>(), envp = new ArrayList<>();
            for (int p; (p = word(m, at, be)) != 0; at += 4) argv.add(m.readCString(p, 4096));
            at += 4;
            for (int p; (p = word(m, at, be)) != 0; at += 4) envp.add(m.readCString(p, 4096));
            at += 4;
            List<int[]> auxv = new ArrayList<>();
            for (; ; at += 8) {
                auxv.add(new int[] {word(m, at, be), word(m, at + 4, be)});
                if (word(m, at, be) == Auxv.AT_NULL) break;
            }
            return new Stack(argc, argv, envp, auxv);
        }

        int aux(int type) {
            for (int[] e : auxv) if (e[0] == type) return e[1];
            throw new AssertionError("no auxv entry " + type);
        }

        List<Integer> types() { return auxv.stream().map(e -> e[0]).toList(); }

        static int word(GuestMemory m, int a, boolean be) { return be ? m.load32be(a) : m.load32le(a); }
    }

    @Test
    void loadsSegmentBytesAndZeroesBss() throws ElfException {
        GuestMemory m = build(program(), FakeIsa.ppcLike(), WINDOW).memory();
        for (int i = 0; i < CODE.length; i++) assertEquals(CODE[i] & 0xff, m.load8(0x10000100 + i));
        assertEquals(0x7f454c46, m.load32be(0x10000000), "the ELF header is part of the text segment");
        for (int i = 0; i < 16; i++) assertEquals(0xaa, m.load8(0x10011800 + i));
        assertEquals(0, m.load32be(0x10011810), "bytes past p_filesz are bss, not file contents");
        assertEquals(0, m.load32be(0x100137fc), "last bss word");
    }

    @Test
    void pagePermissionsFollowSegmentFlags() throws ElfException {
        UserImage img = build(program(), FakeIsa.ppcLike(), WINDOW);
        GuestMemory m = img.memory();
        AddressSpace as = img.addressSpace();
        assertEquals(GuestMemory.NO_WRITE, m.flagsAt(0x10000000), "text is read-only");
        assertEquals(AddressSpace.PROT_READ | AddressSpace.PROT_EXEC, as.protAt(0x100001ff));
        assertEquals(GuestMemory.UNMAPPED, m.flagsAt(0x10001000) & GuestMemory.UNMAPPED, "gap between segments");
        assertEquals(0, m.flagsAt(0x10011800), "data is plain RAM");
        assertEquals(0, m.flagsAt(0x10013000), "bss page");
        assertEquals(AddressSpace.PROT_READ | AddressSpace.PROT_WRITE, as.protAt(0x10013000));
        assertEquals(GuestMemory.UNMAPPED, m.flagsAt(0x10014000) & GuestMemory.UNMAPPED, "brk heap starts unmapped");
    }

    @Test
    void layoutPlacesStackGuardBrkAndMmap() throws ElfException {
        UserImage img = build(program(), FakeIsa.ppcLike(), UserImage.DEFAULT_WINDOW);
        ImageLayout l = img.layout();
        long imageEnd = 0x10014000L; // end of bss, page aligned
        assertEquals(0x10000000L, l.base());
        assertEquals(0x20000000L, l.windowEnd());
        assertEquals(imageEnd + ImageLayout.STACK_GAP, l.stackBottom(), "stack right after the program, past a gap");
        assertEquals(l.stackBottom() + (8 << 20), l.stackTop());
        assertEquals(l.stackTop() + ImageLayout.STACK_GAP, l.brkBase(), "program break after the stack");
        assertEquals(l.brkBase() + (64 << 20), l.mmapLow());
        assertEquals(0x20000000L - 4096, l.mmapHigh(), "mmap area up to the guard page");
        GuestMemory m = img.memory();
        assertEquals(0x10000000, m.base);
        assertEquals(256 << 20, m.size);
        assertTrue(m.committed() < (32 << 20), "only the used low part of the window has backing store: " + m.committed());
        assertEquals(GuestMemory.UNMAPPED, m.flagsAt((int) l.stackTop()) & GuestMemory.UNMAPPED, "gap above the stack");
        assertEquals(0, m.flagsAt((int) l.stackTop() - 4), "top of stack");
        assertEquals(0, m.flagsAt((int) l.stackBottom()), "bottom of stack");
        assertEquals(GuestMemory.UNMAPPED, m.flagsAt((int) l.stackBottom() - 1) & GuestMemory.UNMAPPED, "gap below the stack");
        assertEquals(0x10000100, img.entry());
        img.addressSpace().brk((int) l.brkBase() + 0x4000);
        assertEquals(0, m.flagsAt((int) l.brkBase() + 0x3000), "brk grows from brkBase");
    }

    @Test
    void initialStackMatchesLinuxLayout() throws ElfException {
        UserImage img = build(program(), FakeIsa.ppcLike(), WINDOW);
        GuestMemory m = img.memory();
        int sp = img.stackPointer(), top = (int) img.layout().stackTop();
        assertEquals(0, sp & 15, "sp is 16-byte aligned");
        Stack s = Stack.read(m, sp, true);
        assertEquals(2, s.argc());
        assertEquals(List.of("prog", "hello"), s.argv());
        assertEquals(List.of("A=1", "PATH=/bin"), s.envp());

        assertEquals(0x10000034, s.aux(Auxv.AT_PHDR));
        assertEquals(32, s.aux(Auxv.AT_PHENT));
        assertEquals(2, s.aux(Auxv.AT_PHNUM));
        assertEquals(4096, s.aux(Auxv.AT_PAGESZ));
        assertEquals(0, s.aux(Auxv.AT_BASE));
        assertEquals(0x10000100, s.aux(Auxv.AT_ENTRY));
        assertEquals(0x8c000000, s.aux(Auxv.AT_HWCAP));
        assertEquals(100, s.aux(Auxv.AT_CLKTCK));
        assertEquals(1000, s.aux(Auxv.AT_UID));
        assertEquals(1001, s.aux(Auxv.AT_EUID));
        assertEquals(100, s.aux(Auxv.AT_GID));
        assertEquals(101, s.aux(Auxv.AT_EGID));
        assertEquals(0, s.aux(Auxv.AT_SECURE));
        assertEquals("/bin/prog", m.readCString(s.aux(Auxv.AT_EXECFN), 100));
        assertEquals(0x7f454c46, m.load32be(s.aux(Auxv.AT_PHDR) - 0x34), "AT_PHDR - e_phoff is the loaded ELF header");

        int rnd = s.aux(Auxv.AT_RANDOM);
        assertTrue(rnd > sp && rnd + 16 <= top, "AT_RANDOM points into the stack");
        byte[] expected = new byte[16], actual = new byte[16];
        new Random(42).nextBytes(expected);
        m.read(rnd, actual, 0, 16);
        assertArrayEquals(expected, actual);
        assertEquals(rnd, img.randomAddress());

        // Linux's order: ARCH_DLINFO (PPC cache sizes) first, then the generic entries, AT_NULL last.
        assertEquals(List.of(Auxv.AT_DCACHEBSIZE, Auxv.AT_ICACHEBSIZE, Auxv.AT_UCACHEBSIZE, Auxv.AT_HWCAP,
                Auxv.AT_PAGESZ, Auxv.AT_CLKTCK, Auxv.AT_PHDR, Auxv.AT_PHENT, Auxv.AT_PHNUM, Auxv.AT_BASE,
                Auxv.AT_FLAGS, Auxv.AT_ENTRY, Auxv.AT_UID, Auxv.AT_EUID, Auxv.AT_GID, Auxv.AT_EGID, Auxv.AT_SECURE,
                Auxv.AT_RANDOM, Auxv.AT_HWCAP2, Auxv.AT_EXECFN, Auxv.AT_NULL), s.types());
        assertEquals(32, s.aux(Auxv.AT_DCACHEBSIZE));
        assertEquals(s.types(), img.auxv().stream().map(e -> e[0]).toList());

        // Strings: argv[0] lowest, then envp, then execfn ending right under the NULL word at the top.
        int argv0 = m.load32be(sp + 4), env0 = m.load32be(sp + 16), execfn = s.aux(Auxv.AT_EXECFN);
        assertTrue(rnd + 16 <= argv0, "random bytes sit below the strings");
        assertEquals(argv0 + "prog".length() + 1, m.load32be(sp + 8), "argv strings are packed");
        assertEquals(argv0 + "prog\0hello\0".length(), env0);
        assertEquals(top - 4 - "/bin/prog".length() - 1, execfn);
        assertEquals(0, m.load32be(top - 4));
    }

    @Test
    void seedMakesStackReproducible() throws ElfException {
        UserImage a = build(program(), FakeIsa.ppcLike(), WINDOW), b = build(program(), FakeIsa.ppcLike(), WINDOW);
        assertEquals(a.stackPointer(), b.stackPointer());
        int from = a.stackPointer() - a.memory().base, to = (int) a.layout().stackTop() - a.memory().base;
        assertArrayEquals(Arrays.copyOfRange(a.memory().ram, from, to), Arrays.copyOfRange(b.memory().ram, from, to));
    }

    @Test
    void platformStringAndLittleEndianWords() throws ElfException {
        Map<Integer, Integer> extra = new LinkedHashMap<>();
        extra.put(Auxv.AT_ICACHEBSIZE, 64);
        extra.put(Auxv.AT_DCACHEBSIZE, 32);
        FakeIsa armLike = new FakeIsa(40, ByteOrder.LITTLE_ENDIAN, 0x1234, "v7l", extra);
        TinyElf t = program();
        t.data = 1;
        t.machine = 40;
        UserImage img = build(t, armLike, WINDOW);
        Stack s = Stack.read(img.memory(), img.stackPointer(), false);
        assertEquals(2, s.argc());
        assertEquals(List.of("prog", "hello"), s.argv());
        assertEquals(0x1234, s.aux(Auxv.AT_HWCAP));
        assertEquals("v7l", img.memory().readCString(s.aux(Auxv.AT_PLATFORM), 16));
        assertEquals(List.of(Auxv.AT_ICACHEBSIZE, Auxv.AT_DCACHEBSIZE), s.types().subList(0, 2), "the ISA's order is kept");
        assertEquals(Auxv.AT_PLATFORM, s.types().get(s.types().size() - 2));
        assertTrue(s.aux(Auxv.AT_PLATFORM) > s.aux(Auxv.AT_RANDOM), "platform string sits above the random bytes");
    }

    @Test
    void segmentsSharingAPageGetTheUnionOfTheirPermissions() throws ElfException {
        byte[] data = {1, 2, 3, 4};
        TinyElf t = new TinyElf()
                .phdr(PT_LOAD, 0, 0x10000000, 0x800, 0x800, PF_R | PF_X)
                .phdr(PT_LOAD, 0x800, 0x10000800, 0x4, 0x1000, PF_R | PF_W)
                .put(0x100, CODE)
                .put(0x800, data);
        UserImage img = build(t, FakeIsa.ppcLike(), WINDOW);
        GuestMemory m = img.memory();
        assertEquals(7, img.addressSpace().protAt(0x10000000));
        assertEquals(0, m.flagsAt(0x10000000), "shared page stays writable for the data segment");
        assertEquals(AddressSpace.PROT_READ | AddressSpace.PROT_WRITE, img.addressSpace().protAt(0x10001000));
        assertEquals(0x01020304, m.load32be(0x10000800));
        assertEquals(CODE[0] & 0xff, m.load8(0x10000100), "the data segment's bss did not wipe the text");
        assertEquals(0x10002000L + ImageLayout.STACK_GAP, img.layout().stackBottom(), "stack after the end of bss");
    }

    @Test
    void staticPieIsLoadedAboveNull() throws ElfException {
        TinyElf t = new TinyElf().phdr(PT_LOAD, 0, 0, 0x200, 0x200, PF_R | PF_X).put(0x100, CODE);
        t.type = ElfFile.ET_DYN;
        t.entry = 0x100;
        t.fileSize = 0x200;
        UserImage img = build(t, FakeIsa.ppcLike(), WINDOW);
        assertEquals(0x00400100, img.entry());
        assertEquals(0x00400034, img.phdrAddress());
        assertEquals(CODE[0] & 0xff, img.memory().load8(0x00400100));
    }

    @Test
    void smallWindowSplitsHeapAndMmap() throws ElfException {
        ImageLayout l = build(program(), FakeIsa.ppcLike(), 16 << 20).layout();
        long heap = l.mmapLow() - l.brkBase(), mmap = l.mmapHigh() - l.mmapLow();
        assertTrue(heap > 0 && mmap > 0, "both areas exist");
        assertTrue(heap * 4 >= heap + mmap, "brk gets at least a quarter");
        assertTrue(l.brkBase() >= l.stackTop());
        assertEquals(0x11000000L - 4096, l.mmapHigh());
    }

    @Test
    void rejectsWrongMachine() {
        FakeIsa arm = new FakeIsa(40, ByteOrder.BIG_ENDIAN, 0, null, Map.of());
        assertEquals("wrong machine: EM 20 (PowerPC), expected EM 40 (ARM)", reason(program(), arm, WINDOW));
    }

    @Test
    void rejectsWrongByteOrder() {
        TinyElf t = program();
        t.data = 1;
        assertEquals("wrong byte order: little-endian ELF, expected big-endian", reason(t, FakeIsa.ppcLike(), WINDOW));
    }

    @Test
    void rejectsSegmentsOutsideTheAddressSpace() {
        TinyElf high = new TinyElf().phdr(PT_LOAD, 0, 0xfffff000, 0x100, 0x1000, PF_R);
        high.fileSize = 0x100;
        assertTrue(reason(high, FakeIsa.ppcLike(), WINDOW).startsWith("segment 0 outside the address space"));

        TinyElf wraps = program().phdr(PT_LOAD, 0, 0xfffff000, 0, 0x20000000, PF_R);
        assertTrue(reason(wraps, FakeIsa.ppcLike(), WINDOW).startsWith("segment 2 outside the address space"));

        TinyElf shortMem = new TinyElf().phdr(PT_LOAD, 0, 0x10000000, 0x200, 0x100, PF_R);
        shortMem.fileSize = 0x200;
        assertEquals("segment 0 outside the address space (memsz 0x100 < filesz 0x200)",
                reason(shortMem, FakeIsa.ppcLike(), WINDOW));

        TinyElf tooWide = program().phdr(PT_LOAD, 0, 0x30000000, 0, 0x1000, PF_R | PF_W);
        String why = reason(tooWide, FakeIsa.ppcLike(), UserImage.DEFAULT_WINDOW);
        assertTrue(why.startsWith("segment 2 outside the address space"), why);
        assertFalse(why.contains("\n"));
    }

    @Test
    void rejectsArgumentsLargerThanAQuarterOfTheStack() {
        String huge = "X=" + "x".repeat(3 << 20);
        ElfException e = assertThrows(ElfException.class, () -> UserImage.build(ElfFile.parse("p", program().build()),
                FakeIsa.ppcLike(), List.of("p"), List.of(huge), "p", WINDOW, new Random(1), IDS));
        assertEquals("argument list too long", e.getMessage());
    }

    @Test
    void theStackSizeIsWhatMinusSAskedForRoundedToAPage() throws ElfException {
        for (long size : new long[] {ImageLayout.STACK_SIZE, 256 << 10, 100_000}) {
            UserImage img = UserImage.build(ElfFile.parse("prog", program().build()), null, FakeIsa.ppcLike(), List.of("prog"),
                    List.of(), "/bin/prog", WINDOW, size, new Random(1), IDS);
            ImageLayout l = img.layout();
            long expected = (size + ImageLayout.PAGE - 1) & -ImageLayout.PAGE;
            assertEquals(expected, l.stackTop() - l.stackBottom(), "stack of " + size);
            AddressSpace as = img.addressSpace();
            assertNotEquals(0, as.protAt((int) l.stackBottom()), "the lowest stack page is mapped");
            assertEquals(-1, as.protAt((int) l.stackBottom() - 1), "below it: the unmapped gap");
        }
        assertThrows(IllegalArgumentException.class, () -> ImageLayout.of(ElfFile.parse("prog", program().build()), WINDOW, 0));
    }

    @Test
    void aSeededRandomGivesTheSameAtRandomBytes() throws ElfException {
        int[] first = null;
        for (int run = 0; run < 2; run++) {
            UserImage img = build(program(), FakeIsa.ppcLike(), WINDOW); // new Random(42) each time
            int[] bytes = new int[16];
            for (int i = 0; i < 16; i++) bytes[i] = img.memory().load8(img.randomAddress() + i);
            if (first == null) first = bytes;
            else assertArrayEquals(first, bytes);
        }
    }
}
