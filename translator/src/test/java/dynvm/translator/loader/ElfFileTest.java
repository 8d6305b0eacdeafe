package dynvm.translator.loader;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class ElfFileTest {
    /** A valid two-segment big-endian PPC-like executable. */
    static TinyElf valid() {
        return new TinyElf()
                .phdr(ProgramHeader.PT_LOAD, 0, 0x10000000, 0x200, 0x200, ProgramHeader.PF_R | ProgramHeader.PF_X)
                .phdr(ProgramHeader.PT_LOAD, 0x1000, 0x10011000, 0x10, 0x100, ProgramHeader.PF_R | ProgramHeader.PF_W)
                .put(0x1000, new byte[16]);
    }

    private static String reason(byte[] bytes) {
        return assertThrows(ElfException.class, () -> ElfFile.parse("t", bytes)).getMessage();
    }

    @Test
    void parsesBigEndianHeaderAndSegments() throws ElfException {
        ElfFile f = ElfFile.parse("prog", valid().build());
        assertEquals(1, f.elfClass());
        assertTrue(f.bigEndian());
        assertEquals(ElfFile.ET_EXEC, f.type());
        assertEquals(20, f.machine());
        assertEquals(0x10000100L, f.entry());
        assertEquals(2, f.phnum());
        assertEquals(32, f.phentsize());
        ProgramHeader data = f.programHeaders().get(1);
        assertEquals(new ProgramHeader(1, ProgramHeader.PT_LOAD, 0x1000, 0x10011000L, 0x10, 0x100, 6, 0x10000), data);
        // No PT_PHDR: the table sits at file offset 52, inside the first PT_LOAD.
        assertEquals(0x10000034L, f.phdrAddress());
        assertFalse(f.hasGnuStack());
        assertTrue(f.executableStack());
    }

    @Test
    void parsesLittleEndianAndHighAddresses() throws ElfException {
        TinyElf t = new TinyElf();
        t.data = 1;
        t.machine = 40;
        t.entry = 0x80001000;
        t.fileSize = 0x100;
        t.phdr(ProgramHeader.PT_LOAD, 0, 0x80000000, 0x100, 0x100, 5)
                .phdr(ProgramHeader.PT_PHDR, 52, 0x80000034, 64, 64, 4)
                .phdr(ProgramHeader.PT_GNU_STACK, 0, 0, 0, 0, 6);
        ElfFile f = ElfFile.parse("arm", t.build());
        assertFalse(f.bigEndian());
        assertEquals(40, f.machine());
        assertEquals(0x80001000L, f.entry(), "entry is unsigned");
        assertEquals(0x80000000L, f.loadSegments().get(0).vaddr());
        assertEquals(0x80000034L, f.phdrAddress(), "PT_PHDR wins");
        assertTrue(f.hasGnuStack());
        assertFalse(f.executableStack());
        assertEquals(1, f.loadSegments().size());
    }

    @Test
    void rejectsNonElf() {
        assertEquals("not an ELF file", reason("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("not an ELF file", reason(new byte[0]));
    }

    @Test
    void rejectsTruncatedHeader() {
        byte[] ok = valid().build();
        assertEquals("truncated ELF header", reason(Arrays.copyOf(ok, 10)));
        assertEquals("truncated ELF header", reason(Arrays.copyOf(ok, 40)));
    }

    @Test
    void rejects64Bit() {
        TinyElf t = valid();
        t.elfClass = 2;
        assertEquals("unsupported ELF class 64-bit", reason(t.build()));
    }

    @Test
    void rejectsRelocatableObject() {
        TinyElf t = valid();
        t.type = ElfFile.ET_REL;
        assertEquals("unsupported ELF type (ET_REL)", reason(t.build()));
    }

    @Test
    void rejectsProgramHeaderTableOutsideFile() {
        TinyElf t = valid();
        t.phoffOverride = 0x10000;
        assertEquals("program header table outside the file", reason(t.build()));
        TinyElf many = valid();
        many.phnumOverride = 0xffff;
        assertEquals("program header table outside the file", reason(many.build()));
    }

    @Test
    void rejectsSegmentPastEndOfFile() {
        TinyElf t = valid();
        t.phdr(ProgramHeader.PT_LOAD, 0x1000, 0x10020000, 0x100000, 0x100000, 6);
        assertEquals("segment 2 extends past end of file", reason(t.build()));
        TinyElf wraps = valid();
        wraps.phdr(ProgramHeader.PT_LOAD, 0xfffffff0, 0x10020000, 0x20, 0x20, 6);
        assertEquals("segment 2 extends past end of file", reason(wraps.build()), "offset+filesz must not wrap");
    }

    @Test
    void readsTheInterpreterPath() throws ElfException {
        TinyElf t = valid();
        t.phdr(ProgramHeader.PT_INTERP, 0x100, 0, 14, 14, 4).put(0x100, "/lib/ld.so.1\0\0".getBytes(StandardCharsets.US_ASCII));
        assertEquals("/lib/ld.so.1", ElfFile.parse("dyn", t.build()).interpreter(), "up to the first NUL");
        assertNull(ElfFile.parse("static", valid().build()).interpreter());
    }

    @Test
    void rejectsABadInterpreterSegment() {
        TinyElf unterminated = valid();
        unterminated.phdr(ProgramHeader.PT_INTERP, 0x100, 0, 4, 4, 4).put(0x100, "/lib".getBytes(StandardCharsets.US_ASCII));
        assertEquals("bad PT_INTERP segment", reason(unterminated.build()));
        TinyElf empty = valid();
        empty.phdr(ProgramHeader.PT_INTERP, 0x100, 0, 1, 1, 4);
        assertEquals("bad PT_INTERP segment", reason(empty.build()));
    }

    @Test
    void rejectsFileWithoutLoadableSegments() {
        TinyElf t = new TinyElf().phdr(ProgramHeader.PT_NOTE, 0, 0, 0, 0, 4);
        assertEquals("no loadable segments", reason(t.build()));
        assertEquals("no loadable segments", reason(new TinyElf().build()));
    }

    @Test
    void rejectsShortProgramHeaderEntries() {
        TinyElf t = valid();
        t.phentsize = 16;
        assertEquals("bad program header size 16", reason(t.build()));
    }
}
