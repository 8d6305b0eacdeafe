package dynvm.translator.loader;

import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.Isa;

import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The initial image of a Linux user-mode process: its address space with the program's segments,
 * heap and mmap areas and stack placed by {@link ImageLayout}, the entry pc and the initial stack
 * pointer (argc, argv, envp and auxv written by {@link InitialStack}).
 */
public final class UserImage {
    /** The window size the CLI uses unless told otherwise. */
    public static final long DEFAULT_WINDOW = 256L << 20;

    private final AddressSpace space;
    private final ImageLayout layout;
    private final int entry;
    private final int stackPointer;
    private final int phdrAddress;
    private final int randomAddress;
    private final int execFnAddress;
    private final List<int[]> auxv;
    private final int interpreterBase;
    private final int programEntry;

    private UserImage(AddressSpace space, ImageLayout layout, int entry, int programEntry, int interpreterBase,
                      InitialStack.Result stack, int phdrAddress) {
        this.space = space;
        this.layout = layout;
        this.entry = entry;
        this.programEntry = programEntry;
        this.interpreterBase = interpreterBase;
        this.stackPointer = stack.sp();
        this.phdrAddress = phdrAddress;
        this.randomAddress = stack.randomAddr();
        this.execFnAddress = stack.execFnAddr();
        this.auxv = stack.auxv();
    }

    /** Builds the image with 16 AT_RANDOM bytes from a {@link SecureRandom}. */
    public static UserImage build(ElfFile elf, Isa isa, List<String> argv, List<String> envp, String execFn,
                                  long windowBytes) throws ElfException {
        return build(elf, isa, argv, envp, execFn, windowBytes, new SecureRandom(), HostIds.current());
    }

    /**
     * Builds the image.
     *
     * @param random source of the AT_RANDOM bytes: pass {@code new Random(seed)} for reproducible runs
     * @param ids    what AT_UID/EUID/GID/EGID report
     * @throws ElfException when the program is for another ISA or does not fit the window
     */
    public static UserImage build(ElfFile elf, Isa isa, List<String> argv, List<String> envp, String execFn,
                                  long windowBytes, Random random, HostIds ids) throws ElfException {
        return build(elf, null, isa, argv, envp, execFn, windowBytes, random, ids);
    }

    /** As below with the default 8 MiB stack. */
    public static UserImage build(ElfFile elf, ElfFile interp, Isa isa, List<String> argv, List<String> envp,
                                  String execFn, long windowBytes, Random random, HostIds ids) throws ElfException {
        return build(elf, interp, isa, argv, envp, execFn, windowBytes, ImageLayout.STACK_SIZE, random, ids);
    }

    /**
     * Builds the image of a program and, for a dynamic one, its interpreter (the ELF named by
     * PT_INTERP, already read by the caller): the interpreter is loaded into the mmap area and
     * started; AT_BASE tells it where it is, AT_ENTRY/AT_PHDR where the program is.
     *
     * @param interp     null for a static program
     * @param stackBytes the main thread's stack (qemu-user's {@code -s})
     * @throws ElfException when either file is for another ISA or does not fit the window
     */
    public static UserImage build(ElfFile elf, ElfFile interp, Isa isa, List<String> argv, List<String> envp,
                                  String execFn, long windowBytes, long stackBytes, Random random, HostIds ids) throws ElfException {
        checkIsa(elf, isa);
        if (interp != null) checkIsa(interp, isa);
        ImageLayout layout = ImageLayout.of(elf, windowBytes, stackBytes);
        GuestMemory mem = new GuestMemory((int) layout.base(), (int) layout.windowSize());
        AddressSpace space = new AddressSpace(mem);
        SegmentLoader.load(elf, layout.bias(), space);
        long interpBias = 0;
        if (interp != null) {
            interpBias = layout.interpreterBias(interp);
            SegmentLoader.load(interp, interpBias, space);
        }
        isa.linuxUser().kernelPages().forEach(mem::mapFixedPage);

        int stackProt = AddressSpace.PROT_READ | AddressSpace.PROT_WRITE | (elf.executableStack() ? AddressSpace.PROT_EXEC : 0);
        space.mapFixed((int) layout.stackBottom(), (int) (layout.stackTop() - layout.stackBottom()), stackProt);
        space.setBrkBase((int) layout.brkBase());
        space.setMmapArea((int) layout.mmapLow(), (int) layout.mmapHigh());

        int programEntry = (int) (elf.entry() + layout.bias());
        int interpBase = (int) interpBias;
        int entry = interp == null ? programEntry : (int) (interp.entry() + interpBias);
        long phdr = elf.phdrAddress();
        int phdrAddress = phdr < 0 ? 0 : (int) (phdr + layout.bias());
        byte[] random16 = new byte[16];
        random.nextBytes(random16);
        InitialStack.Result stack = InitialStack.write(mem, isa.byteOrder(), layout.stackTop(), layout.stackBottom(),
                argv, envp, execFn, isa.linuxUser().platform(), random16,
                (randomAddr, execFnAddr, platformAddr) -> linuxAuxv(elf, isa, ids, programEntry, interpBase, phdrAddress,
                        randomAddr, execFnAddr, platformAddr));
        return new UserImage(space, layout, entry, programEntry, interpBase, stack, phdrAddress);
    }

    private static void checkIsa(ElfFile elf, Isa isa) throws ElfException {
        if (elf.machine() != isa.elfMachine())
            throw new ElfException("wrong machine: " + ElfNames.machine(elf.machine()) + ", expected "
                    + ElfNames.machine(isa.elfMachine()));
        boolean isaBig = isa.byteOrder() == ByteOrder.BIG_ENDIAN;
        if (elf.bigEndian() != isaBig)
            throw new ElfException("wrong byte order: " + ElfNames.byteOrder(elf.bigEndian()) + " ELF, expected "
                    + ElfNames.byteOrder(isaBig));
        if (elf.elfClass() != isa.elfClass())
            throw new ElfException("wrong ELF class: " + ElfNames.elfClass(elf.elfClass()) + ", expected "
                    + ElfNames.elfClass(isa.elfClass()));
    }

    /**
     * The auxv in Linux's order: the ISA's ARCH_DLINFO entries first (PPC's cache block sizes),
     * then the generic ones as create_elf_tables emits them.
     */
    private static List<int[]> linuxAuxv(ElfFile elf, Isa isa, HostIds ids, int entry, int base, int phdr, int randomAddr,
                                         int execFnAddr, int platformAddr) {
        List<int[]> a = new ArrayList<>();
        orderedExtra(isa.linuxUser().extraAuxv()).forEach((k, v) -> a.add(new int[] {k, v}));
        a.add(new int[] {Auxv.AT_HWCAP, isa.linuxUser().hwcap()});
        a.add(new int[] {Auxv.AT_PAGESZ, GuestMemory.PAGE_SIZE});
        a.add(new int[] {Auxv.AT_CLKTCK, Auxv.CLOCKS_PER_SEC});
        a.add(new int[] {Auxv.AT_PHDR, phdr});
        a.add(new int[] {Auxv.AT_PHENT, elf.phentsize()});
        a.add(new int[] {Auxv.AT_PHNUM, elf.phnum()});
        a.add(new int[] {Auxv.AT_BASE, base});
        a.add(new int[] {Auxv.AT_FLAGS, 0});
        a.add(new int[] {Auxv.AT_ENTRY, entry});
        a.add(new int[] {Auxv.AT_UID, ids.uid()});
        a.add(new int[] {Auxv.AT_EUID, ids.euid()});
        a.add(new int[] {Auxv.AT_GID, ids.gid()});
        a.add(new int[] {Auxv.AT_EGID, ids.egid()});
        a.add(new int[] {Auxv.AT_SECURE, 0});
        a.add(new int[] {Auxv.AT_RANDOM, randomAddr});
        a.add(new int[] {Auxv.AT_HWCAP2, 0});
        a.add(new int[] {Auxv.AT_EXECFN, execFnAddr});
        if (isa.linuxUser().platform() != null) a.add(new int[] {Auxv.AT_PLATFORM, platformAddr});
        return a;
    }

    /** Keeps the ISA's order when its map has one; otherwise sorts by type so runs are reproducible. */
    private static Map<Integer, Integer> orderedExtra(Map<Integer, Integer> extra) {
        if (extra instanceof LinkedHashMap || extra instanceof SortedMap) return extra;
        return new TreeMap<>(extra);
    }

    public AddressSpace addressSpace() { return space; }

    public GuestMemory memory() { return space.memory(); }

    public ImageLayout layout() { return layout; }

    /** Where execution starts: the interpreter's entry for a dynamic program, else the program's. */
    public int entry() { return entry; }

    /** The program's own entry (AT_ENTRY), after any PIE bias. */
    public int programEntry() { return programEntry; }

    /** Load bias of the interpreter (AT_BASE), 0 for a static program. */
    public int interpreterBase() { return interpreterBase; }

    public int stackPointer() { return stackPointer; }

    /** Guest address of the program headers (AT_PHDR), 0 if they are not loaded. */
    public int phdrAddress() { return phdrAddress; }

    /** Guest address of the 16 AT_RANDOM bytes. */
    public int randomAddress() { return randomAddress; }

    public int execFnAddress() { return execFnAddress; }

    /** The auxv as written, type/value pairs ending with AT_NULL (for /proc/self/auxv and getauxval). */
    public List<int[]> auxv() { return auxv; }

    /** The auxv as the guest's memory holds it: 32-bit type/value words in {@code order}, AT_NULL included. */
    public byte[] auxvBytes(java.nio.ByteOrder order) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * auxv.size()).order(order);
        for (int[] e : auxv) b.putInt(e[0]).putInt(e[1]);
        return b.array();
    }
}
