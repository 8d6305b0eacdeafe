package dynvm.translator.loader;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ELF32 executable: the file header and the program headers, which is all a loader
 * needs (section headers are never read, so stripped files with {@code e_shnum == 0} load fine).
 *
 * <p>Why hand-written rather than {@code net.fornwall:jelf}: jelf refuses files without section
 * headers ("e_shnum is SHN_UNDEF(0), which is not supported yet"), parses program headers lazily
 * so malformed tables surface later as unchecked exceptions, and its messages ("Bad magic number
 * for file") are not the one-line reasons our CLI prints. The part we need is about a hundred
 * lines; every offset and size is checked against the file length with long arithmetic before it
 * is used, and nothing is allocated from an untrusted count beyond the (bounded) header table.
 *
 * <p>The file bytes are kept by reference, not copied: callers must not change them afterwards.
 */
public final class ElfFile {
    public static final int ELFCLASS32 = 1, ELFCLASS64 = 2;
    public static final int ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4;
    /** Sizes of the ELF32 file header and of one ELF32 program header. */
    public static final int EHDR_SIZE = 52, PHDR_SIZE = 32;

    private final String fileName;
    private final byte[] bytes;
    private final int elfClass;
    private final boolean bigEndian;
    private final int type;
    private final int machine;
    private final long entry;
    private final long phoff;
    private final int phentsize;
    private final List<ProgramHeader> programHeaders;
    private final String interpreter;

    private ElfFile(String fileName, byte[] bytes, int elfClass, boolean bigEndian, int type, int machine,
                    long entry, long phoff, int phentsize, List<ProgramHeader> programHeaders, String interpreter) {
        this.fileName = fileName;
        this.bytes = bytes;
        this.elfClass = elfClass;
        this.bigEndian = bigEndian;
        this.type = type;
        this.machine = machine;
        this.entry = entry;
        this.phoff = phoff;
        this.phentsize = phentsize;
        this.programHeaders = programHeaders;
        this.interpreter = interpreter;
    }

    /**
     * Parses and validates an ELF32 executable of either byte order.
     *
     * @param fileName only remembered, for messages
     * @throws ElfException with a one-line reason when the file is not a loadable ELF32
     */
    public static ElfFile parse(String fileName, byte[] bytes) throws ElfException {
        if (bytes.length < 4 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F')
            throw new ElfException("not an ELF file");
        if (bytes.length < 16) throw new ElfException("truncated ELF header");
        int cls = bytes[4] & 0xff;
        if (cls == ELFCLASS64) throw new ElfException("unsupported ELF class 64-bit");
        if (cls != ELFCLASS32) throw new ElfException("invalid ELF class " + cls);
        int data = bytes[5] & 0xff;
        if (data != 1 && data != 2) throw new ElfException("invalid ELF data encoding " + data);
        if ((bytes[6] & 0xff) != 1) throw new ElfException("unsupported ELF version " + (bytes[6] & 0xff));
        if (bytes.length < EHDR_SIZE) throw new ElfException("truncated ELF header");

        Reader r = new Reader(bytes, data == 2);
        int type = r.u16(16);
        if (type != ET_EXEC && type != ET_DYN) throw new ElfException("unsupported ELF type (" + ElfNames.type(type) + ")");
        int machine = r.u16(18);
        long entry = r.u32(24);
        long phoff = r.u32(28);
        int phentsize = r.u16(42);
        int phnum = r.u16(44);
        if (phnum == 0) throw new ElfException("no loadable segments");
        if (phentsize < PHDR_SIZE) throw new ElfException("bad program header size " + phentsize);
        if (phoff + (long) phnum * phentsize > bytes.length) throw new ElfException("program header table outside the file");

        List<ProgramHeader> phdrs = new ArrayList<>(phnum);
        String interp = null;
        boolean load = false;
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            ProgramHeader ph = new ProgramHeader(i, (int) r.u32(at), r.u32(at + 4), r.u32(at + 8),
                    r.u32(at + 16), r.u32(at + 20), (int) r.u32(at + 24), r.u32(at + 28));
            if ((ph.isLoad() || ph.type() == ProgramHeader.PT_INTERP) && ph.offset() + ph.filesz() > bytes.length)
                throw new ElfException("segment " + i + " extends past end of file");
            if (ph.type() == ProgramHeader.PT_INTERP && interp == null) interp = interpreterName(bytes, ph);
            load |= ph.isLoad();
            phdrs.add(ph);
        }
        if (!load) throw new ElfException("no loadable segments");
        return new ElfFile(fileName, bytes, cls, data == 2, type, machine, entry, phoff, phentsize, List.copyOf(phdrs), interp);
    }

    /** PT_INTERP's path, checked as binfmt_elf checks it: 2..PATH_MAX bytes ending in NUL. */
    private static String interpreterName(byte[] bytes, ProgramHeader ph) throws ElfException {
        long n = ph.filesz();
        if (n < 2 || n > 4096 || bytes[(int) (ph.offset() + n - 1)] != 0)
            throw new ElfException("bad PT_INTERP segment");
        int at = (int) ph.offset(), end = at;
        while (bytes[end] != 0) end++;
        return new String(bytes, at, end - at, java.nio.charset.StandardCharsets.UTF_8);
    }

    public String fileName() { return fileName; }

    /** The whole file; segment contents are read from here. Do not modify. */
    public byte[] bytes() { return bytes; }

    /** EI_CLASS: 1 for ELFCLASS32 (the only class that parses). */
    public int elfClass() { return elfClass; }

    public boolean bigEndian() { return bigEndian; }

    /** e_type: {@link #ET_EXEC} or {@link #ET_DYN} (PIE, static PIE or a shared object such as ld.so). */
    public int type() { return type; }

    /** e_machine. */
    public int machine() { return machine; }

    /** e_entry (unsigned). */
    public long entry() { return entry; }

    /** e_phoff (unsigned). */
    public long phoff() { return phoff; }

    /** e_phentsize: what AT_PHENT reports. */
    public int phentsize() { return phentsize; }

    /** e_phnum: what AT_PHNUM reports. */
    public int phnum() { return programHeaders.size(); }

    public List<ProgramHeader> programHeaders() { return programHeaders; }

    /** The PT_INTERP path (the dynamic linker), or null for a static program. */
    public String interpreter() { return interpreter; }

    public List<ProgramHeader> loadSegments() {
        return programHeaders.stream().filter(ProgramHeader::isLoad).toList();
    }

    /** True when the program asks for an executable stack (PT_GNU_STACK with PF_X, or no PT_GNU_STACK, as Linux assumes). */
    public boolean executableStack() {
        for (ProgramHeader ph : programHeaders)
            if (ph.type() == ProgramHeader.PT_GNU_STACK) return ph.executable();
        return true;
    }

    public boolean hasGnuStack() {
        return programHeaders.stream().anyMatch(ph -> ph.type() == ProgramHeader.PT_GNU_STACK);
    }

    /**
     * The link-time address of the program header table, for AT_PHDR: PT_PHDR's vaddr if there is
     * one, else the PT_LOAD whose file bytes contain e_phoff, translated to its address (as Linux
     * computes it); -1 when the table is not loaded at all.
     */
    public long phdrAddress() {
        for (ProgramHeader ph : programHeaders)
            if (ph.type() == ProgramHeader.PT_PHDR) return ph.vaddr();
        for (ProgramHeader ph : programHeaders)
            if (ph.isLoad() && ph.offset() <= phoff && phoff < ph.offset() + ph.filesz())
                return ph.vaddr() + (phoff - ph.offset());
        return -1;
    }

    @Override
    public String toString() {
        return fileName + ": ELF " + ElfNames.elfClass(elfClass) + " " + ElfNames.byteOrder(bigEndian) + " "
                + ElfNames.type(type) + " " + ElfNames.machine(machine) + " entry 0x" + Long.toHexString(entry);
    }

    /** Unsigned reads in the file's byte order; callers have already bounds-checked the offsets. */
    private record Reader(byte[] b, boolean be) {
        int u16(int at) {
            int x = b[at] & 0xff, y = b[at + 1] & 0xff;
            return be ? (x << 8) | y : (y << 8) | x;
        }

        long u32(int at) {
            long hi = u16(be ? at : at + 2), lo = u16(be ? at + 2 : at);
            return (hi << 16) | lo;
        }
    }
}
